/// Big-endian integer writing, as HdrHistogram's encoding (a Java `ByteBuffer`) uses.
enum BigEndian {
    static func put32(_ value: UInt32, into out: inout [UInt8]) {
        for shift in stride(from: 24, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) }
    }

    static func put64(_ value: UInt64, into out: inout [UInt8]) {
        for shift in stride(from: 56, through: 0, by: -8) { out.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }
}

/// HdrHistogram's ZigZag LEB128 words: 7 bits a byte for eight bytes, then a ninth byte of 8 bits.
enum ZigZag {
    static func put(_ signed: Int64, into out: inout [UInt8]) {
        var value = UInt64(bitPattern: (signed << 1) ^ (signed >> 63))
        for _ in 0..<8 {
            if value >> 7 == 0 {
                out.append(UInt8(value))
                return
            }
            out.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        out.append(UInt8(truncatingIfNeeded: value))
    }

    static func get(from reader: inout ByteReader) throws -> Int64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        for _ in 0..<8 {
            let byte = try reader.read8()
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return Self.unzig(value) }
            shift += 7
        }
        value |= UInt64(try reader.read8()) << 56
        return Self.unzig(value)
    }

    private static func unzig(_ value: UInt64) -> Int64 {
        Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1)))
    }
}

/// A cursor over bytes that throws instead of reading past the end.
struct ByteReader {
    let bytes: [UInt8]
    var position = 0

    var isAtEnd: Bool { self.position >= self.bytes.count }

    mutating func read8() throws -> UInt8 {
        guard self.position < self.bytes.count else { throw HistogramCodecError.malformed("cut short") }
        defer { self.position += 1 }
        return self.bytes[self.position]
    }

    mutating func read32() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 { value = value << 8 | UInt32(try self.read8()) }
        return value
    }

    mutating func read64() throws -> UInt64 {
        var value: UInt64 = 0
        for _ in 0..<8 { value = value << 8 | UInt64(try self.read8()) }
        return value
    }

    mutating func take(_ count: Int) throws -> [UInt8] {
        guard count >= 0, self.position + count <= self.bytes.count else { throw HistogramCodecError.malformed("cut short") }
        defer { self.position += count }
        return Array(self.bytes[self.position..<(self.position + count)])
    }
}

/// A zlib stream (RFC 1950) of stored deflate blocks (RFC 1951, BTYPE 00): valid input for any
/// inflater, written without a compressor.
enum StoredZlib {
    static func wrap(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let length = min(65_535, data.count - offset)
            let final: UInt8 = offset + length >= data.count ? 1 : 0
            out.append(final)
            out.append(UInt8(length & 0xFF))
            out.append(UInt8(length >> 8))
            out.append(UInt8(~length & 0xFF))
            out.append(UInt8((~length >> 8) & 0xFF))
            out.append(contentsOf: data[offset..<(offset + length)])
            offset += length
        } while offset < data.count
        BigEndian.put32(Self.adler32(data), into: &out)
        return out
    }

    static func unwrap(_ zlib: [UInt8]) throws -> [UInt8] {
        var reader = ByteReader(bytes: zlib)
        let cmf = try reader.read8()
        let flg = try reader.read8()
        guard cmf & 0x0F == 8, (UInt16(cmf) << 8 | UInt16(flg)) % 31 == 0, flg & 0x20 == 0 else {
            throw HistogramCodecError.malformed("not a zlib stream")
        }
        var out: [UInt8] = []
        while true {
            let header = try reader.read8()
            guard (header >> 1) & 0x03 == 0 else { throw HistogramCodecError.unsupportedCompression }
            let length = Int(try reader.read8()) | Int(try reader.read8()) << 8
            _ = try reader.read8()
            _ = try reader.read8()
            out.append(contentsOf: try reader.take(length))
            if header & 1 == 1 { break }
        }
        guard try reader.read32() == Self.adler32(out) else { throw HistogramCodecError.malformed("zlib checksum mismatch") }
        return out
    }

    static func adler32(_ data: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }
}

/// Standard base64 (RFC 4648, with padding), without Foundation.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var index = 0
        while index < bytes.count {
            let b0 = UInt32(bytes[index])
            let b1 = index + 1 < bytes.count ? UInt32(bytes[index + 1]) : 0
            let b2 = index + 2 < bytes.count ? UInt32(bytes[index + 2]) : 0
            let word = b0 << 16 | b1 << 8 | b2
            out.append(Self.alphabet[Int(word >> 18 & 63)])
            out.append(Self.alphabet[Int(word >> 12 & 63)])
            out.append(index + 1 < bytes.count ? Self.alphabet[Int(word >> 6 & 63)] : UInt8(ascii: "="))
            out.append(index + 2 < bytes.count ? Self.alphabet[Int(word & 63)] : UInt8(ascii: "="))
            index += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func decode(_ text: String) -> [UInt8]? {
        var table = [UInt8](repeating: 255, count: 256)
        for (i, c) in Self.alphabet.enumerated() { table[Int(c)] = UInt8(i) }
        var out: [UInt8] = []
        var word: UInt32 = 0
        var bits = 0
        for c in text.utf8 {
            if c == UInt8(ascii: "=") { break }
            if c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r") { continue }
            let v = table[Int(c)]
            if v == 255 { return nil }
            word = word << 6 | UInt32(v)
            bits += 6
            if bits >= 8 {
                bits -= 8
                out.append(UInt8(truncatingIfNeeded: word >> UInt32(bits)))
            }
        }
        return out
    }
}
