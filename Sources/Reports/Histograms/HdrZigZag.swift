/// HdrHistogram's ZigZag LEB128 variant: up to 8 groups of 7 bits with a continuation bit, then
/// a ninth byte holding the last 8 bits whole.
enum HdrZigZag {
    static func append(_ value: Int64, to bytes: inout [UInt8]) {
        var v = UInt64(bitPattern: (value << 1) ^ (value >> 63))
        for _ in 0..<8 {
            if v >> 7 == 0 {
                bytes.append(UInt8(v))
                return
            }
            bytes.append(UInt8(v & 0x7F) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: v))
    }

    /// Reads one value at `offset`, advancing it; nil when the bytes end mid-value.
    static func read(_ bytes: [UInt8], at offset: inout Int, end: Int) -> Int64? {
        var v: UInt64 = 0
        var shift: UInt64 = 0
        for i in 0..<9 {
            guard offset < end else { return nil }
            let byte = bytes[offset]
            offset += 1
            if i == 8 {
                v |= UInt64(byte) << 56
                break
            }
            v |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
        }
        return Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1)
    }
}
