/// Writes compact JSON text straight into bytes: what the synthesizer uses instead of an
/// encoder, for speed and a fixed member order.
struct JSONTextBuffer {
    var bytes: [UInt8] = []
    /// Whether the next member or element needs a comma before it.
    private var needsComma = false

    mutating func open() {
        self.comma()
        self.bytes.append(UInt8(ascii: "{"))
        self.needsComma = false
    }

    mutating func close() {
        self.bytes.append(UInt8(ascii: "}"))
        self.needsComma = true
    }

    mutating func openArray() {
        self.comma()
        self.bytes.append(UInt8(ascii: "["))
        self.needsComma = false
    }

    mutating func closeArray() {
        self.bytes.append(UInt8(ascii: "]"))
        self.needsComma = true
    }

    @inline(__always)
    private mutating func comma() {
        if self.needsComma { self.bytes.append(UInt8(ascii: ",")) }
    }

    mutating func key(_ name: String) {
        self.comma()
        self.quoted(name)
        self.bytes.append(UInt8(ascii: ":"))
        self.needsComma = false
    }

    mutating func string(_ value: String) {
        self.comma()
        self.quoted(value)
        self.needsComma = true
    }

    mutating func int(_ value: Int64) {
        self.comma()
        if value < 0 {
            self.bytes.append(UInt8(ascii: "-"))
        }
        var magnitude = value.magnitude
        var digits:
            (
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8
            ) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            repeat {
                raw[count] = UInt8(magnitude % 10) + 0x30
                magnitude /= 10
                count += 1
            } while magnitude > 0
            var k = count - 1
            while k >= 0 {
                self.bytes.append(raw[k])
                k -= 1
            }
        }
        self.needsComma = true
    }

    /// Appends a quoted string, escaping `"`, `\` and control characters; other text is kept
    /// as UTF-8.
    private mutating func quoted(_ value: String) {
        self.bytes.append(0x22)
        var value = value
        value.withUTF8 { utf8 in
            var runStart = 0
            for k in 0..<utf8.count {
                let c = utf8[k]
                if c >= 0x20 && c != 0x22 && c != 0x5C { continue }
                if k > runStart { self.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<k])) }
                runStart = k + 1
                switch c {
                case 0x22: self.bytes.append(contentsOf: [0x5C, 0x22])
                case 0x5C: self.bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: self.bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
                case 0x0D: self.bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
                case 0x09: self.bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
                default:
                    let hex: [UInt8] = Array("0123456789abcdef".utf8)
                    self.bytes.append(contentsOf: [
                        0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(c >> 4)], hex[Int(c & 0xF)],
                    ])
                }
            }
            if utf8.count > runStart {
                self.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<utf8.count]))
            }
        }
        self.bytes.append(0x22)
    }
}
