/// Conversions the function library applies to its arguments. Java-like and lenient where Adobe's
/// engine (Java) would be: scalars turn into their text, numeric text into numbers.
extension JSONValue {
    /// Whether this is `null`.
    public var isNullValue: Bool {
        if case .null = self { return true }
        return false
    }

    /// The text of a scalar: strings as they are, numbers as their JSON text, booleans as
    /// `true`/`false`, dates as ISO 8601. `nil` for null, arrays and objects.
    public var asString: String? {
        switch self {
        case .string(let string): return string
        case .int(let int): return String(int)
        case .number(let number): return number.text
        case .bool(let bool): return bool ? "true" : "false"
        case .date(let date): return AdobeDateParsing.iso8601(date, dateOnly: false)
        case .null, .array, .object: return nil
        }
    }

    /// A 64-bit integer from an integer, an integral decimal number, or text that parses as one
    /// (surrounding whitespace allowed). `nil` otherwise.
    public var asInt64: Int64? {
        switch self {
        case .int(let int):
            return int
        case .number(let number):
            return JSONValue.integral(number.doubleValue)
        case .string(let string):
            let trimmed = string.trimmingJavaWhitespace()
            if let int = Int64(trimmed) { return int }
            if let double = JSONValue.parseDecimal(trimmed) { return JSONValue.integral(double) }
            return nil
        default:
            return nil
        }
    }

    /// A `Double` from any number or from numeric text. `nil` otherwise.
    public var asDouble: Double? {
        switch self {
        case .int(let int): return Double(int)
        case .number(let number): return number.doubleValue.isNaN ? nil : number.doubleValue
        case .string(let string): return JSONValue.parseDecimal(string.trimmingJavaWhitespace())
        default: return nil
        }
    }

    static func integral(_ double: Double) -> Int64? {
        guard double.isFinite, double == double.rounded(.towardZero), abs(double) < 9.2e18 else { return nil }
        return Int64(double)
    }

    /// Parses a decimal number written the way JSON and Java write them (sign, digits, fraction,
    /// exponent); rejects `nan`, `inf`, hex and empty text, which `Double(_:)` would accept.
    static func parseDecimal(_ text: String) -> Double? {
        guard JSONValue.isDecimalText(text) else { return nil }
        return Double(text)
    }

    /// Whether `text` is `[+-]digits[.digits][(e|E)[+-]digits]` (digits on at least one side of the point).
    static func isDecimalText(_ text: String) -> Bool {
        var digitsBefore = 0
        var digitsAfter = 0
        var iterator = text.utf8.makeIterator()
        var byte = iterator.next()
        if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") { byte = iterator.next() }
        while let b = byte, b >= 48, b <= 57 {
            digitsBefore += 1
            byte = iterator.next()
        }
        if byte == UInt8(ascii: ".") {
            byte = iterator.next()
            while let b = byte, b >= 48, b <= 57 {
                digitsAfter += 1
                byte = iterator.next()
            }
        }
        guard digitsBefore + digitsAfter > 0 else { return false }
        if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            byte = iterator.next()
            if byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") { byte = iterator.next() }
            var exponentDigits = 0
            while let b = byte, b >= 48, b <= 57 {
                exponentDigits += 1
                byte = iterator.next()
            }
            guard exponentDigits > 0 else { return false }
        }
        return byte == nil
    }
}

extension String {
    /// Java's `String.trim()`: removes leading and trailing characters up to U+0020.
    func trimmingJavaWhitespace() -> String {
        // Fast path: most texts start and end with a printable ASCII byte, so there is nothing
        // to trim and no scalar walk is needed.
        let utf8 = self.utf8
        if let head = utf8.first, let tail = utf8.last, head > 0x20, head < 0x7F, tail > 0x20, tail < 0x7F {
            return self
        }
        let scalars = self.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isTrimmable }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isTrimmable })!
        return String(scalars[first...last])
    }

    func trimmingLeadingJavaWhitespace() -> String {
        let scalars = self.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isTrimmable }) else { return "" }
        return String(scalars[first...])
    }

    func trimmingTrailingJavaWhitespace() -> String {
        let scalars = self.unicodeScalars
        guard let last = scalars.lastIndex(where: { !$0.isTrimmable }) else { return "" }
        return String(scalars[...last])
    }
}

extension Unicode.Scalar {
    /// What Java's `String.trim()` removes: U+0000 to U+0020, and nothing else (not the no-break
    /// space, not U+2003).
    var isTrimmable: Bool { self.value <= 0x20 }
}
