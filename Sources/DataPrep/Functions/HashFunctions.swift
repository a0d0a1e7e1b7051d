import Crypto

/// `sha1`, `sha256`, `sha512`, `md5`, `crc32`, each `(input, charset = "UTF-8")`, as lowercase hex.
enum HashFunctions {
    static func hash(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(1...2)
        guard let input = try args.string(0) else { return .null }
        let charset = try args.string(1, "charset") ?? "UTF-8"
        guard let bytes = HashCharset(name: charset)?.encode(input) else {
            throw args.error("Unsupported charset '\(charset)'; use UTF-8, UTF-16, ISO-8859-1 or US-ASCII")
        }
        switch args.function {
        case "sha1": return .string(Self.hex(Insecure.SHA1.hash(data: bytes)))
        case "sha256": return .string(Self.hex(SHA256.hash(data: bytes)))
        case "sha512": return .string(Self.hex(SHA512.hash(data: bytes)))
        case "md5": return .string(Self.hex(Insecure.MD5.hash(data: bytes)))
        default:
            // Adobe prints the CRC's four bytes least significant first ("my text" is 802ef98d
            // by the standard, 8df92e80 in Adobe's example).
            let crc = CRC32.checksum(bytes)
            return .string(
                Self.hex([UInt8(crc & 0xFF), UInt8((crc >> 8) & 0xFF), UInt8((crc >> 16) & 0xFF), UInt8(crc >> 24)]))
        }
    }

    static func hex<S: Sequence>(_ bytes: S) -> String where S.Element == UInt8 {
        Self.hex(Array(bytes))
    }

    /// Lower-case hex digits, written straight into the string's storage (every hashed field of
    /// every event comes through here).
    static func hex(_ bytes: [UInt8]) -> String {
        String(unsafeUninitializedCapacity: bytes.count * 2) { out in
            for (index, byte) in bytes.enumerated() {
                out[2 * index] = Self.hexDigit(byte >> 4)
                out[2 * index + 1] = Self.hexDigit(byte & 0x0F)
            }
            return bytes.count * 2
        }
    }

    @inline(__always)
    static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? nibble + 48 : nibble + 87  // '0'...'9', 'a'...'f'
    }
}

/// The character sets Adobe's hashing functions accept, encoded as Java encodes them.
enum HashCharset {
    case utf8, utf16, utf16BE, utf16LE, isoLatin1, usASCII

    init?(name: String) {
        // The default and by far the most common name; skips the case folding below.
        if name == "UTF-8" {
            self = .utf8
            return
        }
        switch name.uppercased().replacingOccurrences(of: "_", with: "-") {
        case "UTF-8", "UTF8": self = .utf8
        case "UTF-16", "UTF16": self = .utf16
        case "UTF-16BE", "UTF16BE": self = .utf16BE
        case "UTF-16LE", "UTF16LE": self = .utf16LE
        case "ISO-8859-1", "ISO8859-1", "LATIN1", "ISO-LATIN-1": self = .isoLatin1
        case "US-ASCII", "ASCII": self = .usASCII
        default: return nil
        }
    }

    /// Java's `String.getBytes(charset)`: "UTF-16" is big-endian with a byte-order mark; a
    /// character the charset cannot hold becomes `?`.
    func encode(_ text: String) -> [UInt8] {
        switch self {
        case .utf8:
            return Array(text.utf8)
        case .utf16, .utf16BE, .utf16LE:
            var out: [UInt8] = []
            if self == .utf16, !text.isEmpty { out.append(contentsOf: [0xFE, 0xFF]) }
            for unit in text.utf16 {
                if self == .utf16LE {
                    out.append(UInt8(unit & 0xFF))
                    out.append(UInt8(unit >> 8))
                } else {
                    out.append(UInt8(unit >> 8))
                    out.append(UInt8(unit & 0xFF))
                }
            }
            return out
        case .isoLatin1, .usASCII:
            let limit: UInt32 = self == .isoLatin1 ? 0xFF : 0x7F
            return text.unicodeScalars.map { $0.value <= limit ? UInt8($0.value) : UInt8(ascii: "?") }
        }
    }
}

/// CRC-32 (IEEE 802.3, the zlib one), table driven.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { index -> UInt32 in
        var crc = UInt32(index)
        for _ in 0..<8 { crc = (crc & 1) != 0 ? (0xEDB8_8320 ^ (crc >> 1)) : (crc >> 1) }
        return crc
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = Self.table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
