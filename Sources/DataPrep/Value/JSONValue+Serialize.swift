extension JSONValue {
    /// Compact JSON text of this value (UTF-8, keys in order, non-ASCII written as is, dates as
    /// ISO 8601 text).
    public func serialized() -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(256)
        self.serialize(into: &output)
        return output
    }

    /// Appends this value's compact JSON text to `output`.
    public func serialize(into output: inout [UInt8]) {
        switch self {
        case .null:
            output.append(contentsOf: "null".utf8)
        case .bool(let value):
            output.append(contentsOf: value ? "true".utf8 : "false".utf8)
        case .int(let value):
            JSONValue.appendInteger(value, to: &output)
        case .number(let number):
            output.append(contentsOf: number.text.utf8)
        case .string(let text):
            JSONValue.appendString(text, to: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                element.serialize(into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            for (index, entry) in object.entries.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                JSONValue.appendString(entry.key, to: &output)
                output.append(UInt8(ascii: ":"))
                entry.value.serialize(into: &output)
            }
            output.append(UInt8(ascii: "}"))
        case .date(let date):
            JSONValue.appendString(AdobeDateParsing.iso8601(date, dateOnly: false), to: &output)
        }
    }

    /// The JSON text as a String (for messages and tests).
    public var jsonText: String { String(decoding: self.serialized(), as: UTF8.self) }

    /// Appends the decimal digits of `value`, most significant first, without a scratch buffer
    /// (a record has integers in most of its fields).
    static func appendInteger(_ value: Int64, to output: inout [UInt8]) {
        if value < 0 { output.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        // The largest power of ten not above the magnitude; it never overflows, since it is
        // multiplied only while ten times it is at most the magnitude.
        var divisor: UInt64 = 1
        while magnitude / divisor >= 10 { divisor *= 10 }
        while true {
            output.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude / divisor))
            magnitude %= divisor
            if divisor == 1 { return }
            divisor /= 10
        }
    }

    /// Appends `text` as a JSON string: runs of bytes that need no escape are copied whole, so
    /// that a string without escapes (nearly every one) costs one scan and one copy.
    static func appendString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var copy = text
        copy.withUTF8 { bytes in
            var runStart = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte >= 0x20 && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\") {
                    index += 1
                    continue
                }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
                JSONValue.appendEscape(byte, to: &output)
                index += 1
                runStart = index
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<bytes.count]))
        }
        output.append(UInt8(ascii: "\""))
    }

    /// The escape of a quote, a backslash or a control character: the short forms JSON has, and
    /// `\u00xx` for the others.
    static func appendEscape(_ byte: UInt8, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.append(byte)
        case 0x0A: output.append(UInt8(ascii: "n"))
        case 0x0D: output.append(UInt8(ascii: "r"))
        case 0x09: output.append(UInt8(ascii: "t"))
        case 0x08: output.append(UInt8(ascii: "b"))
        case 0x0C: output.append(UInt8(ascii: "f"))
        default:
            let hex: StaticString = "0123456789abcdef"
            output.append(UInt8(ascii: "u"))
            output.append(UInt8(ascii: "0"))
            output.append(UInt8(ascii: "0"))
            output.append(hex.utf8Start[Int(byte >> 4)])
            output.append(hex.utf8Start[Int(byte & 15)])
        }
    }
}
