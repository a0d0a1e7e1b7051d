import Histogram

/// Encodes and decodes HdrHistograms in the HdrHistogram "V2" binary format, so that histograms in a
/// report can be merged exactly later, by this tool or by any HdrHistogram implementation
/// (Java's `Histogram.decodeFromCompressedByteBuffer`, HdrHistogram_c's `hdr_log_decode`, ...).
///
/// The wire form is the *compressed* V2 encoding (cookie `0x1c849314`) that HdrHistogram interval logs
/// use, base64 in JSON. The compressed payload is a valid zlib stream made of stored (uncompressed)
/// deflate blocks: every inflater reads it, and this module needs no zlib. The counts inside are
/// ZigZag-LEB128 with runs of zeros folded, so the encoding is small for sparse latency histograms.
///
/// `decode` reads both the compressed form written here and the uncompressed V2 form (cookie
/// `0x1c849313`); a compressed form using real deflate compression (from another tool) is reported
/// as `HistogramCodecError.unsupportedCompression`.
public enum HistogramCodec {
    /// The V2 cookie of the uncompressed encoding, with the word-size nibble HdrHistogram sets.
    public static let uncompressedCookie: UInt32 = 0x1c84_9313
    /// The V2 cookie of the compressed encoding.
    public static let compressedCookie: UInt32 = 0x1c84_9314

    /// The uncompressed V2 encoding of `histogram`.
    public static func encodeUncompressed<C>(_ histogram: Histogram<C>) -> [UInt8] {
        let layout = HistogramLayout(
            lowestDiscernibleValue: histogram.lowestDiscernibleValue,
            significantDigits: Int(histogram.numberOfSignificantValueDigits.rawValue)
        )
        var payload: [UInt8] = []
        if histogram.totalCount > 0 {
            let limit = layout.countsIndex(for: histogram.maxRecorded) + 1
            var index = 0
            while index < limit {
                let count = UInt64(histogram.countForValue(layout.value(atIndex: index)))
                index += 1
                if count == 0 {
                    var zeros: Int64 = 1
                    while index < limit, histogram.countForValue(layout.value(atIndex: index)) == 0 {
                        zeros += 1
                        index += 1
                    }
                    ZigZag.put(zeros > 1 ? -zeros : 0, into: &payload)
                } else {
                    ZigZag.put(Int64(clamping: count), into: &payload)
                }
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(40 + payload.count)
        BigEndian.put32(Self.uncompressedCookie, into: &out)
        BigEndian.put32(UInt32(payload.count), into: &out)
        BigEndian.put32(0, into: &out)  // normalizingIndexOffset
        BigEndian.put32(UInt32(histogram.numberOfSignificantValueDigits.rawValue), into: &out)
        BigEndian.put64(histogram.lowestDiscernibleValue, into: &out)
        BigEndian.put64(histogram.highestTrackableValue, into: &out)
        BigEndian.put64(Double(1.0).bitPattern, into: &out)  // integerToDoubleValueConversionRatio
        out.append(contentsOf: payload)
        return out
    }

    /// The compressed V2 encoding of `histogram` (the form HdrHistogram interval logs carry).
    public static func encode<C>(_ histogram: Histogram<C>) -> [UInt8] {
        let zlib = StoredZlib.wrap(Self.encodeUncompressed(histogram))
        var out: [UInt8] = []
        out.reserveCapacity(8 + zlib.count)
        BigEndian.put32(Self.compressedCookie, into: &out)
        BigEndian.put32(UInt32(zlib.count), into: &out)
        out.append(contentsOf: zlib)
        return out
    }

    /// `encode(histogram)` as base64, the form stored in `report.json`.
    public static func encodeBase64<C>(_ histogram: Histogram<C>) -> String {
        Base64.encode(Self.encode(histogram))
    }

    /// Decodes a histogram from either V2 form.
    public static func decode(_ bytes: [UInt8]) throws -> Histogram<UInt64> {
        var reader = ByteReader(bytes: bytes)
        let cookie = try reader.read32()
        switch cookie & ~0xF0 {
        case Self.compressedCookie & ~0xF0:
            let length = Int(try reader.read32())
            let zlib = try reader.take(length)
            return try Self.decode(try StoredZlib.unwrap(zlib))
        case Self.uncompressedCookie & ~0xF0:
            let payloadLength = Int(try reader.read32())
            let normalizingOffset = try reader.read32()
            guard normalizingOffset == 0 else { throw HistogramCodecError.malformed("non-zero normalizing index offset") }
            let digits = Int(try reader.read32())
            let lowest = try reader.read64()
            let highest = try reader.read64()
            _ = try reader.read64()
            guard let significant = SignificantDigits(rawValue: Int8(clamping: digits)), lowest >= 1, highest >= 2 * lowest else {
                throw HistogramCodecError.malformed("bad header (digits \(digits), range \(lowest)...\(highest))")
            }
            let layout = HistogramLayout(lowestDiscernibleValue: lowest, significantDigits: digits)
            var histogram = Histogram<UInt64>(
                lowestDiscernibleValue: lowest, highestTrackableValue: highest, numberOfSignificantValueDigits: significant)
            var payload = ByteReader(bytes: try reader.take(payloadLength))
            var index = 0
            while !payload.isAtEnd {
                let word = try ZigZag.get(from: &payload)
                if word < 0 {
                    index += Int(-word)
                } else {
                    if word > 0 {
                        guard histogram.record(layout.value(atIndex: index), count: UInt64(word)) else {
                            throw HistogramCodecError.malformed("count at index \(index) beyond the highest trackable value")
                        }
                    }
                    index += 1
                }
            }
            return histogram
        default:
            throw HistogramCodecError.malformed("unknown cookie 0x\(String(cookie, radix: 16))")
        }
    }

    /// Decodes a histogram from the base64 text of `encodeBase64`.
    public static func decodeBase64(_ text: String) throws -> Histogram<UInt64> {
        guard let bytes = Base64.decode(text) else { throw HistogramCodecError.malformed("not base64") }
        return try Self.decode(bytes)
    }
}

/// Why an encoded histogram could not be read.
public enum HistogramCodecError: Error, CustomStringConvertible, Equatable {
    /// The bytes are not a V2 histogram encoding (or are cut short).
    case malformed(String)
    /// The compressed form uses deflate compression this module does not inflate (it reads stored blocks only).
    case unsupportedCompression

    public var description: String {
        switch self {
        case .malformed(let why): return "encoded histogram is malformed: \(why)"
        case .unsupportedCompression:
            return "encoded histogram uses deflate compression; only stored blocks (as written by pendo-replay) are read"
        }
    }
}
