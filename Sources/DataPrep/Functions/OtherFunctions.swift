import ReplayCommon

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
        if case .string(let l) = lhs, case .string(let r) = rhs { return JavaString.equals(l, r) }
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
                guard Self.compare(value, value) != nil else {
                    throw args.error("cannot compare values of type \(value.kindName)")
                }
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

    /// The argument of a number conversion: nil for null, the number itself for a number, the
    /// text for text; arrays, objects, booleans and dates are an error.
    static func numberArgument(_ args: FunctionArguments, target: String) throws(FunctionError) -> JSONValue? {
        try args.expect(1)
        switch args[0] {
        case .null: return nil
        case .int, .number, .string: return args[0]
        default: throw args.error("Unable to convert a \(args[0].kindName) to \(target)")
        }
    }

    static func notANumber(_ args: FunctionArguments, _ text: String, _ target: String, _ rule: String) -> FunctionError
    {
        args.error("Unable to convert '\(text)' to \(target): not a number as \(rule) reads one")
    }

    /// `to_bigint(text)`: the number with all its digits, read as `new BigDecimal(text)` reads it
    /// (Adobe's own example keeps a fraction: `"1000000.34"` gives `1000000.34`); an integer when
    /// it is a whole number that fits 64 bits. Text that is no number is an error.
    static func toBigint(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        guard let value = try Self.numberArgument(args, target: "BigInteger") else { return .null }
        let text: String
        switch value {
        case .int: return value
        case .number(let number): text = number.text
        case .string(let string): text = string
        default: return .null
        }
        guard let decimal = JavaNumberText.parseBigDecimal(text) else {
            throw Self.notANumber(args, text, "BigInteger", "new BigDecimal(text)")
        }
        if let int = decimal.integer { return .int(int) }
        return .number(JSONNumber(text: decimal.jsonText))
    }

    /// A `Double` read as `Double.parseDouble` reads it (`1.5f`, `2d`, `0x1p3` are numbers).
    static func javaDouble(_ args: FunctionArguments, target: String) throws(FunctionError) -> (
        text: String, swiftText: String
    )? {
        guard let value = try Self.numberArgument(args, target: target) else { return nil }
        let text = value.asString ?? ""
        guard let swiftText = JavaNumberText.floatingText(text) else {
            throw Self.notANumber(args, text, target, target == "Float" ? "Float.parseFloat" : "Double.parseDouble")
        }
        return (text, swiftText)
    }

    /// `to_decimal(text)`: a double.
    static func toDecimal(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        guard let parsed = try Self.javaDouble(args, target: "Double") else { return .null }
        guard let double = Double(parsed.swiftText), double.isFinite else {
            throw args.error("Unable to convert '\(parsed.text)' to Double: out of range")
        }
        return .number(JSONNumber(double))
    }

    /// `to_float(text)`: a 32-bit float, written with the digits a float holds.
    static func toFloat(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        guard let parsed = try Self.javaDouble(args, target: "Float") else { return .null }
        guard let float = Float(parsed.swiftText), float.isFinite else {
            throw args.error("Unable to convert '\(parsed.text)' to Float: out of range")
        }
        return .number(JSONNumber(text: "\(float)"))
    }

    /// `to_integer(text)`: a 32-bit integer read as `Integer.parseInt` reads it (a sign and
    /// digits, of any script; no white space, no fraction); an integral number argument (`12.0`)
    /// is accepted. Anything else, or a value out of range, is an error.
    static func toInteger(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        guard let value = try Self.numberArgument(args, target: "Integer") else { return .null }
        switch value {
        case .int(let int):
            if let int32 = Int32(exactly: int) { return .int(Int64(int32)) }
        case .number(let number):
            if let int = JSONValue.integral(number.doubleValue), let int32 = Int32(exactly: int) {
                return .int(Int64(int32))
            }
        case .string(let text):
            if let int32 = JavaNumberText.parseInt(text) { return .int(Int64(int32)) }
        default:
            break
        }
        throw args.error(
            "Unable to convert '\(value.asString ?? "")' to Integer: not a 32-bit whole number as Integer.parseInt reads one"
        )
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
