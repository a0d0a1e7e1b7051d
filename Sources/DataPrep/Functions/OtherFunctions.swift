/// `decode`, `min`, `max`, the type conversions, `json_to_object`, `uuid`/`guid`.
enum OtherFunctions {
    /// Natural ordering of two values of one kind: numbers by value (integers exactly), texts by
    /// UTF-16 code units (Java's `compareTo`), booleans false < true, dates by instant. Nil for
    /// values of different kinds or that have no order (arrays, objects, null).
    static func compare(_ lhs: JSONValue, _ rhs: JSONValue) -> Int? {
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)):
            return a < b ? -1 : (a > b ? 1 : 0)
        case (.int, .number), (.number, .int), (.number, .number):
            guard let a = lhs.asDouble, let b = rhs.asDouble else { return nil }
            return a < b ? -1 : (a > b ? 1 : 0)
        case (.string(let a), .string(let b)):
            if a == b { return 0 }
            return a.utf16.lexicographicallyPrecedes(b.utf16) ? -1 : 1
        case (.bool(let a), .bool(let b)):
            return a == b ? 0 : (a ? 1 : -1)
        case (.date(let a), .date(let b)):
            return a.epochNanoseconds < b.epochNanoseconds ? -1 : (a.epochNanoseconds > b.epochNanoseconds ? 1 : 0)
        default:
            return nil
        }
    }

    /// Equality for `decode`: same value, or numbers equal in value (`1` matches `1.0`).
    static func matches(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        if lhs == rhs { return true }
        switch (lhs, rhs) {
        case (.int, .number), (.number, .int), (.number, .number): return Self.compare(lhs, rhs) == 0
        default: return false
        }
    }

    /// `decode(key, k1, v1, k2, v2, ..., default?)`: the value after the first matching key, else
    /// the trailing default, else null.
    static func decode(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expectAtLeast(2)
        let key = args[0]
        let options = args.values.dropFirst()
        var index = options.startIndex
        while index + 1 < options.endIndex {
            if Self.matches(key, options[index]) { return options[index + 1] }
            index += 2
        }
        return options.count % 2 == 1 ? options.last! : .null
    }

    /// `min(...)`/`max(...)`: the least or greatest argument in natural ordering (one array
    /// argument means its elements); nulls are ignored; values of different kinds are an error.
    static func extreme(_ args: FunctionArguments, wantMax: Bool) throws(FunctionError) -> JSONValue {
        try args.expectAtLeast(1)
        var best: JSONValue?
        for value in ArrayFunctions.elements(args) where !value.isNullValue {
            guard let current = best else {
                guard Self.compare(value, value) != nil else { throw args.error("cannot compare values of type \(value.kindName)") }
                best = value
                continue
            }
            guard let order = Self.compare(value, current) else {
                throw args.error("cannot compare \(value.kindName) with \(current.kindName)")
            }
            if wantMax ? order > 0 : order < 0 { best = value }
        }
        return best ?? .null
    }

    static func numericText(_ args: FunctionArguments, target: String) throws(FunctionError) -> String? {
        try args.expect(1)
        switch args[0] {
        case .null: return nil
        case .int(let int): return String(int)
        case .number(let number): return number.text
        case .string(let text):
            let trimmed = text.trimmingJavaWhitespace()
            guard JSONValue.isDecimalText(trimmed) else {
                throw args.error("Unable to convert '\(text)' to \(target): not a number")
            }
            return trimmed
        default:
            throw args.error("Unable to convert a \(args[0].kindName) to \(target)")
        }
    }

    /// `to_bigint(text)`: the number with all its digits (Adobe's own example keeps a fraction:
    /// `"1000000.34"` gives `1000000.34`). Text that is no number is an error.
    static func toBigint(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        guard var text = try Self.numericText(args, target: "BigInteger") else { return .null }
        if text.hasPrefix("+") { text.removeFirst() }
        if let int = Int64(text) { return .int(int) }
        return .number(JSONNumber(text: text))
    }

    /// `to_decimal(text)`: a double.
    static func toDecimal(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        guard let text = try Self.numericText(args, target: "Double") else { return .null }
        guard let double = Double(text), double.isFinite else { throw args.error("Unable to convert '\(text)' to Double: out of range") }
        return .number(JSONNumber(double))
    }

    /// `to_float(text)`: a 32-bit float, written with the digits a float holds.
    static func toFloat(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        guard let text = try Self.numericText(args, target: "Float") else { return .null }
        guard let float = Float(text), float.isFinite else { throw args.error("Unable to convert '\(text)' to Float: out of range") }
        return .number(JSONNumber(text: "\(float)"))
    }

    /// `to_integer(text)`: a 32-bit integer (Java's `Integer`); a fraction or a value out of
    /// range is an error.
    static func toInteger(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        guard let text = try Self.numericText(args, target: "Integer") else { return .null }
        if let int = Int32(text) { return .int(Int64(int)) }
        if case .number = args[0], let double = Double(text), let int = JSONValue.integral(double), let int32 = Int32(exactly: int) {
            return .int(Int64(int32))
        }
        throw args.error("Unable to convert '\(text)' to Integer: not a 32-bit whole number")
    }

    /// `json_to_object(text)`: the JSON value the text holds; an object or array is returned as is.
    static func jsonToObject(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(1)
        switch args[0] {
        case .null: return .null
        case .object, .array: return args[0]
        case .string(let text):
            do {
                return try JSONValue.parse(Array(text.utf8))
            } catch {
                throw args.error("Unable to parse JSON: \(error)")
            }
        default:
            throw args.error("expects JSON text, got \(args[0].kindName)")
        }
    }

    /// `uuid()`/`guid()`: a random (version 4, RFC 4122) UUID in lowercase text, drawn from the
    /// context's seeded generator.
    static func uuid(_ args: FunctionArguments, random: inout SeededRandom) throws(FunctionError) -> JSONValue {
        try args.expect(0)
        let high = random.next()
        let low = random.next()
        var bytes = [UInt8](repeating: 0, count: 16)
        for index in 0..<8 {
            bytes[index] = UInt8(truncatingIfNeeded: high >> (56 - 8 * UInt64(index)))
            bytes[8 + index] = UInt8(truncatingIfNeeded: low >> (56 - 8 * UInt64(index)))
        }
        bytes[6] = (bytes[6] & 0x0F) | 0x40
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return .string(String(decoding: text, as: UTF8.self))
    }
}
