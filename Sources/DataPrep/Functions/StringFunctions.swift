/// String functions. Positions and lengths count Unicode scalars (Java counts UTF-16 units; the two
/// agree outside the astral planes, and scalars never split a character in half). A null input
/// gives null; other arguments are documented per function.
enum StringFunctions {
    /// `concat(s1, s2, ...)`: the texts one after another; null arguments add nothing.
    static func concat(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        var result = ""
        for index in 0..<args.count {
            if let text = try args.string(index, "string") { result += text }
        }
        return .string(result)
    }

    /// `explode(s, regex = ",")`: splits on a regular expression, keeping empty parts.
    static func explode(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(1...2)
        guard let input = try args.string(0) else { return .null }
        let separator = try args.string(1, "regex") ?? ","
        let parts = try RegexCache.split(input, pattern: separator, function: args.function)
        return .array(parts.map { .string($0) })
    }

    /// `instr(s, sub, start = 0, occurrence = 1)`: the 0-based position of the `occurrence`-th
    /// `sub` at or after `start`, -1 when absent.
    static func instr(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(2...4)
        guard let input = try args.string(0), let target = try args.string(1, "substring") else { return .null }
        let start = try args.int(2, "start position") ?? 0
        let occurrence = try args.int(3, "occurrence") ?? 1
        guard start >= 0 else { throw args.error("start position must be 0 or more, got \(start)") }
        guard occurrence >= 1 else { throw args.error("occurrence must be 1 or more, got \(occurrence)") }
        let haystack = Array(input.unicodeScalars)
        let needle = Array(target.unicodeScalars)
        var found = 0
        var position = Int(clamping: min(start, Int64(haystack.count) + 1))
        while position + needle.count <= haystack.count {
            if needle.isEmpty || haystack[position..<position + needle.count].elementsEqual(needle) {
                found += 1
                if found == occurrence { return .int(Int64(position)) }
            }
            position += 1
        }
        return .int(-1)
    }

    /// `replacestr(s, find, replacement)`: replaces every occurrence of `find` (literal text).
    /// Null or empty `find` leaves the input as it is; null replacement removes the matches.
    static func replacestr(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(3)
        guard let input = try args.string(0) else { return .null }
        guard let find = try args.string(1, "to find"), !find.isEmpty else { return .string(input) }
        let replacement = try args.string(2, "replacement") ?? ""
        return .string(Self.replacingAll(input, find, replacement))
    }

    static func replacingAll(_ input: String, _ find: String, _ replacement: String) -> String {
        let haystack = Array(input.unicodeScalars)
        let needle = Array(find.unicodeScalars)
        var result = ScalarBuffer(capacity: input.utf8.count)
        var index = 0
        while index < haystack.count {
            if index + needle.count <= haystack.count, haystack[index] == needle[0],
               haystack[index..<index + needle.count].elementsEqual(needle) {
                result.append(replacement)
                index += needle.count
            } else {
                result.append(haystack[index])
                index += 1
            }
        }
        return result.string
    }

    /// `substr(s, start, length)`: `length` characters from the 0-based `start` (a negative start
    /// counts from the end); clamped to the string, like Apache Commons' `substring`.
    static func substr(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(2...3)
        guard let input = try args.string(0) else { return .null }
        let scalars = Array(input.unicodeScalars)
        var start = Int(clamping: try args.int(1, "start index") ?? 0)
        if start < 0 { start = max(0, scalars.count + start) }
        start = min(start, scalars.count)
        var end = scalars.count
        if let length = try args.int(2, "length") {
            guard length >= 0 else { return .string("") }
            end = min(scalars.count, start &+ Int(clamping: min(length, Int64(Int32.max))))
        }
        return .string(Self.string(scalars[start..<end]))
    }

    static func lower(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(1)
        guard let input = try args.string(0) else { return .null }
        return .string(input.lowercased())
    }

    static func upper(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(1)
        guard let input = try args.string(0) else { return .null }
        return .string(input.uppercased())
    }

    static func ltrim(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(1)
        guard let input = try args.string(0) else { return .null }
        return .string(input.trimmingLeadingJavaWhitespace())
    }

    static func rtrim(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(1)
        guard let input = try args.string(0) else { return .null }
        return .string(input.trimmingTrailingJavaWhitespace())
    }

    static func trim(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(1)
        guard let input = try args.string(0) else { return .null }
        return .string(input.trimmingJavaWhitespace())
    }

    /// `split(s, separators)`: splits on any of the separator characters and drops empty parts
    /// (Apache Commons' `StringUtils.split`); a null separator splits on white space.
    static func split(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(1...2)
        guard let input = try args.string(0) else { return .null }
        let separators = try args.string(1, "separator")
        let isSeparator: (Unicode.Scalar) -> Bool
        if let separators, !separators.isEmpty {
            let set = Set(separators.unicodeScalars)
            isSeparator = { set.contains($0) }
        } else {
            isSeparator = { $0.properties.isWhitespace }
        }
        var parts: [JSONValue] = []
        var current = ScalarBuffer()
        for scalar in input.unicodeScalars {
            if isSeparator(scalar) {
                if !current.isEmpty { parts.append(.string(current.string)); current = ScalarBuffer() }
            } else {
                current.append(scalar)
            }
        }
        if !current.isEmpty { parts.append(.string(current.string)) }
        return .array(parts)
    }

    /// `join(separator, array)` (or `join(separator, v1, v2, ...)`): the elements' texts joined by
    /// `separator`; null elements count as empty text. A null array gives null.
    static func join(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expectAtLeast(2)
        let separator = try args.string(0, "separator") ?? ""
        let elements: [JSONValue]
        if args.count == 2 {
            switch args[1] {
            case .null: return .null
            case .array(let array): elements = array
            default: elements = [args[1]]
            }
        } else {
            elements = Array(args.values.dropFirst())
        }
        var texts: [String] = []
        texts.reserveCapacity(elements.count)
        for element in elements {
            if element.isNullValue { texts.append(""); continue }
            guard let text = element.asString else {
                throw args.error("cannot join an element of type \(element.kindName); expects strings, numbers or booleans")
            }
            texts.append(text)
        }
        return .string(texts.joined(separator: separator))
    }

    /// `lpad(s, count, pad)` / `rpad(s, count, pad)`: pads to `count` characters with `pad`
    /// repeated (cut to fit); null or empty `pad` is one space; a longer input is returned as is.
    static func pad(_ args: FunctionArguments, left: Bool) throws(FunctionError) -> JSONValue {
        try args.expect(2...3)
        guard let input = try args.string(0) else { return .null }
        let size = try args.requiredInt(1, "count")
        var padding = try args.string(2, "padding") ?? " "
        if padding.isEmpty { padding = " " }
        let length = input.unicodeScalars.count
        guard size > length else { return .string(input) }
        guard size - length <= 10_000_000 else { throw args.error("count \(size) is too large") }
        let padScalars = Array(padding.unicodeScalars)
        var fill = ScalarBuffer(capacity: size - length)
        for index in 0..<(size - length) { fill.append(padScalars[index % padScalars.count]) }
        return .string(left ? fill.string + input : input + fill.string)
    }

    /// `left(s, n)`: the first `n` characters (all when shorter; "" when `n` is negative).
    static func left(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(2)
        guard let input = try args.string(0) else { return .null }
        let count = try args.requiredInt(1, "count")
        guard count > 0 else { return .string("") }
        return .string(Self.string(input.unicodeScalars.prefix(count)))
    }

    /// `right(s, n)`: the last `n` characters.
    static func right(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(2)
        guard let input = try args.string(0) else { return .null }
        let count = try args.requiredInt(1, "count")
        guard count > 0 else { return .string("") }
        return .string(Self.string(input.unicodeScalars.suffix(count)))
    }

    static func string<S: Sequence>(_ scalars: S) -> String where S.Element == Unicode.Scalar {
        var buffer = ScalarBuffer(capacity: scalars.underestimatedCount)
        buffer.append(contentsOf: scalars)
        return buffer.string
    }
}
