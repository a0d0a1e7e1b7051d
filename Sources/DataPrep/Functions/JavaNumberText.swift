/// Numbers read from text the way the JDK reads them: `Integer.parseInt` (`to_integer`),
/// `new BigDecimal(text)` (`to_bigint`), `Double.parseDouble` and `Float.parseFloat`
/// (`to_decimal`, `to_float`). Each says nil where the JDK throws `NumberFormatException`.
enum JavaNumberText {
    /// The value of a decimal digit in any script (`٤`, `４`), as `Character.digit(c, 10)`.
    static func digit(_ scalar: Unicode.Scalar) -> Int? {
        if scalar.value >= 0x30, scalar.value <= 0x39 { return Int(scalar.value - 0x30) }
        guard scalar.value >= 0x80, scalar.properties.numericType == .decimal,
            let value = scalar.properties.numericValue
        else { return nil }
        return Int(value)
    }

    /// `Integer.parseInt(text)`: an optional sign and decimal digits of any script, nothing else
    /// (no white space); nil outside -2147483648...2147483647.
    static func parseInt(_ text: String) -> Int32? {
        var scalars = text.unicodeScalars[...]
        var negative = false
        if let first = scalars.first, first == "-" || first == "+" {
            negative = first == "-"
            scalars = scalars.dropFirst()
        }
        guard !scalars.isEmpty else { return nil }
        var value: Int64 = 0
        for scalar in scalars {
            guard let digit = Self.digit(scalar) else { return nil }
            value = value * 10 + Int64(digit)
            guard value <= 2_147_483_648 else { return nil }
        }
        return Int32(exactly: negative ? -value : value)
    }

    /// A decimal number as `BigDecimal` holds it: `digits` (ASCII, no leading zeros, `"0"` for
    /// zero) times ten to the minus `scale`.
    struct Decimal: Equatable {
        var negative: Bool
        var digits: String
        var scale: Int

        /// The value as a 64-bit integer, when it is a whole number that fits.
        var integer: Int64? {
            var digits = Substring(self.digits)
            if self.scale > 0 {
                let fraction = digits.suffix(self.scale)
                guard fraction.count == self.scale || digits.allSatisfy({ $0 == "0" }),
                    fraction.allSatisfy({ $0 == "0" })
                else { return nil }
                digits = digits.dropLast(min(self.scale, digits.count))
                if digits.isEmpty { digits = "0" }
            } else if self.scale < 0 {
                guard digits != "0" else { return 0 }
                guard digits.count - self.scale <= 19 else { return nil }
                digits += String(repeating: "0", count: -self.scale)
            }
            guard let magnitude = UInt64(digits) else { return nil }
            if self.negative {
                return magnitude <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- magnitude) : nil
            }
            return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
        }

        /// Valid JSON number text of the value: plain (`1000000.34`, `0.05`) while that stays
        /// short, else `1.5e-400`.
        var jsonText: String {
            let sign = self.negative && self.digits != "0" ? "-" : ""
            let count = self.digits.count
            if self.scale <= 0 {
                if self.digits == "0" { return "0" }
                if -self.scale <= 40 { return sign + self.digits + String(repeating: "0", count: -self.scale) }
            } else if self.scale < count {
                let split = self.digits.index(self.digits.startIndex, offsetBy: count - self.scale)
                return sign + self.digits[..<split] + "." + self.digits[split...]
            } else if self.scale <= 60 {
                return sign + "0." + String(repeating: "0", count: self.scale - count) + self.digits
            }
            let exponent = count - 1 - self.scale
            let head = self.digits.prefix(1)
            let tail = self.digits.dropFirst()
            return sign + head + (tail.isEmpty ? "" : "." + tail) + "e\(exponent)"
        }
    }

    /// `new BigDecimal(text)`: an optional sign, digits of any script with at most one point
    /// (`.5`, `5.`, `1.e3` are numbers), an optional exponent; no white space. Nil otherwise, or
    /// when the scale leaves 32 bits, as in Java.
    static func parseBigDecimal(_ text: String) -> Decimal? {
        var scalars = text.unicodeScalars[...]
        var negative = false
        if let first = scalars.first, first == "-" || first == "+" {
            negative = first == "-"
            scalars = scalars.dropFirst()
        }
        var digits: [UInt8] = []
        var fractionDigits = 0
        var seenPoint = false
        var seenDigit = false
        while let scalar = scalars.first, scalar != "e", scalar != "E" {
            scalars = scalars.dropFirst()
            if scalar == "." {
                guard !seenPoint else { return nil }
                seenPoint = true
                continue
            }
            guard let digit = Self.digit(scalar) else { return nil }
            seenDigit = true
            if !(digits.isEmpty && digit == 0) { digits.append(UInt8(48 + digit)) }
            if seenPoint { fractionDigits += 1 }
        }
        guard seenDigit else { return nil }
        var exponent: Int64 = 0
        if !scalars.isEmpty {
            scalars = scalars.dropFirst()
            var negativeExponent = false
            if let first = scalars.first, first == "-" || first == "+" {
                negativeExponent = first == "-"
                scalars = scalars.dropFirst()
            }
            guard !scalars.isEmpty else { return nil }
            var significant = 0
            for scalar in scalars {
                guard let digit = Self.digit(scalar) else { return nil }
                if significant > 0 || digit != 0 { significant += 1 }
                guard significant <= 10 else { return nil }
                exponent = exponent * 10 + Int64(digit)
            }
            if negativeExponent { exponent = -exponent }
        }
        let scale = Int64(fractionDigits) - exponent
        guard scale >= Int64(Int32.min), scale <= Int64(Int32.max) else { return nil }
        return Decimal(
            negative: negative, digits: digits.isEmpty ? "0" : String(decoding: digits, as: UTF8.self),
            scale: Int(scale))
    }

    /// `Double.parseDouble(text)`'s grammar after its `trim()`: a sign, then decimal digits
    /// (ASCII) with an optional point and exponent, or a hexadecimal `0x1.8p3`, either with an
    /// optional `f`/`F`/`d`/`D` suffix; or `NaN`/`Infinity`. The text in Swift's spelling, which
    /// `Double(_:)` and `Float(_:)` read with the same rounding; nil when Java would throw.
    static func floatingText(_ text: String) -> String? {
        let trimmed = text.trimmingJavaWhitespace()
        var bytes = Array(trimmed.utf8)[...]
        var sign = ""
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            sign = first == UInt8(ascii: "-") ? "-" : ""
            bytes = bytes.dropFirst()
        }
        let rest = String(decoding: bytes, as: UTF8.self)
        if rest == "NaN" { return "nan" }
        if rest == "Infinity" { return sign + "inf" }
        if let last = bytes.last, "fFdD".utf8.contains(last) { bytes = bytes.dropLast() }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
        func isHex(_ byte: UInt8) -> Bool { isDigit(byte) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x66) }
        var index = bytes.startIndex
        if bytes.count >= 2, bytes[index] == UInt8(ascii: "0"), bytes[index + 1] | 0x20 == UInt8(ascii: "x") {
            index += 2
            var mantissa = 0
            while index < bytes.endIndex, isHex(bytes[index]) {
                index += 1
                mantissa += 1
            }
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
                index += 1
                while index < bytes.endIndex, isHex(bytes[index]) {
                    index += 1
                    mantissa += 1
                }
            }
            guard mantissa > 0, index < bytes.endIndex, bytes[index] | 0x20 == UInt8(ascii: "p") else { return nil }
            index += 1
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            var exponent = 0
            while index < bytes.endIndex, isDigit(bytes[index]) {
                index += 1
                exponent += 1
            }
            guard exponent > 0, index == bytes.endIndex else { return nil }
            return sign + String(decoding: bytes, as: UTF8.self)
        }
        var mantissa = 0
        while index < bytes.endIndex, isDigit(bytes[index]) {
            index += 1
            mantissa += 1
        }
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: ".") {
            index += 1
            while index < bytes.endIndex, isDigit(bytes[index]) {
                index += 1
                mantissa += 1
            }
        }
        guard mantissa > 0 else { return nil }
        if index < bytes.endIndex, bytes[index] | 0x20 == UInt8(ascii: "e") {
            index += 1
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                index += 1
            }
            var exponent = 0
            while index < bytes.endIndex, isDigit(bytes[index]) {
                index += 1
                exponent += 1
            }
            guard exponent > 0 else { return nil }
        }
        guard index == bytes.endIndex else { return nil }
        return sign + String(decoding: bytes, as: UTF8.self)
    }
}

extension JSONValue {
    /// `text` (a decimal number) in JSON's spelling: `007.50` is `7.50`; JSON text as it is.
    static func jsonNumberText(_ text: String) -> String {
        if Self.isStrictJSONNumber(text) { return text }
        return JavaNumberText.parseBigDecimal(text)?.jsonText ?? text
    }

    /// Whether `text` is a number as JSON writes one (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`):
    /// what a `.number` must hold for a record to stay JSON.
    static func isStrictJSONNumber(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        func isDigit(_ byte: UInt8?) -> Bool { byte.map { $0 >= 48 && $0 <= 57 } ?? false }
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        guard isDigit(bytes.first) else { return false }
        if bytes.first == UInt8(ascii: "0") {
            bytes = bytes.dropFirst()
        } else {
            while isDigit(bytes.first) { bytes = bytes.dropFirst() }
        }
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            guard isDigit(bytes.first) else { return false }
            while isDigit(bytes.first) { bytes = bytes.dropFirst() }
        }
        if bytes.first == UInt8(ascii: "e") || bytes.first == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "+") || bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            guard isDigit(bytes.first) else { return false }
            while isDigit(bytes.first) { bytes = bytes.dropFirst() }
        }
        return bytes.isEmpty
    }
}
