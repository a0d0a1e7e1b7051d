/// String functions. Positions and lengths count UTF-16 units, as Java's `String` does (an emoji
/// counts two; a cut through one leaves U+FFFD, see `JavaString.string`). A null input gives
/// null; other arguments are documented per function.
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
        let haystack = JavaString.units(input)
        let needle = JavaString.units(target)
        var position = JavaString.indexOf(haystack, needle, from: Int(clamping: start))
        var found = 1
        while found < occurrence, position >= 0 {
            position = JavaString.indexOf(haystack, needle, from: position + 1)
            found += 1
        }
        return .int(Int64(position))
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
                haystack[index..<index + needle.count].elementsEqual(needle)
            {
                result.append(replacement)
                index += needle.count
            } else {
                result.append(haystack[index])
                index += 1
            }
        }
        return result.string
    }

    /// `substr(s, start, length)`: `length` units from the 0-based `start`, Java's
    /// `s.substring(start, start + length)`: a start or end outside the text, or a negative
    /// length, is an error (the field is dropped). `length` left out means to the end.
    static func substr(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(2...3)
        guard let input = try args.string(0) else { return .null }
        let units = JavaString.units(input)
        guard let start = try args.int(1, "start index") else { throw args.error("start index must not be null") }
        var end = Int64(units.count)
        if let length = try args.int(2, "length") {
            guard length >= 0 else { throw args.error("length \(length) is negative") }
            let (sum, overflow) = start.addingReportingOverflow(length)
            end = overflow ? Int64.max : sum
        }
        guard start >= 0, start <= end, end <= Int64(units.count) else {
            throw args.error(
                "begin \(start), end \(end), length \(units.count): outside the text (substr counts UTF-16 units from 0)"
            )
        }
        return .string(JavaString.string(units[Int(start)..<Int(end)]))
    }

    static func lower(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(1)
        guard let input = try args.string(0) else { return .null }
        return .string(JavaString.lowercased(input))
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
                if !current.isEmpty {
                    parts.append(.string(current.string))
                    current = ScalarBuffer()
                }
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
            if element.isNullValue {
                texts.append("")
                continue
            }
            guard let text = element.asString else {
                throw args.error(
                    "cannot join an element of type \(element.kindName); expects strings, numbers or booleans")
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
        let length = JavaString.length(input)
        guard size > length else { return .string(input) }
        guard size - length <= 10_000_000 else { throw args.error("count \(size) is too large") }
        let padUnits = JavaString.units(padding)
        var fill: [UInt16] = []
        fill.reserveCapacity(size - length)
        for index in 0..<(size - length) { fill.append(padUnits[index % padUnits.count]) }
        let filled = left ? fill + JavaString.units(input) : JavaString.units(input) + fill
        return .string(JavaString.string(filled[...]))
    }

    /// `left(s, n)`: the first `n` characters (all when shorter; "" when `n` is negative).
    static func left(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(2)
        guard let input = try args.string(0) else { return .null }
        let count = try args.requiredInt(1, "count")
        guard count > 0 else { return .string("") }
        let units = JavaString.units(input)
        return .string(count >= units.count ? input : JavaString.string(units.prefix(count)))
    }

    /// `right(s, n)`: the last `n` characters.
    static func right(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(2)
        guard let input = try args.string(0) else { return .null }
        let count = try args.requiredInt(1, "count")
        guard count > 0 else { return .string("") }
        let units = JavaString.units(input)
        return .string(count >= units.count ? input : JavaString.string(units.suffix(count)))
    }

    static func string<S: Sequence>(_ scalars: S) -> String where S.Element == Unicode.Scalar {
        var buffer = ScalarBuffer(capacity: scalars.underestimatedCount)
        buffer.append(contentsOf: scalars)
        return buffer.string
    }
}
