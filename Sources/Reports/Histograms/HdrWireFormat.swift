import Foundation
import Histogram

/// HdrHistogram's V2 binary encodings, as the Java, C, Go, Python and Rust implementations read
/// and write them:
///
/// - uncompressed: cookie `0x1c849313` (base `0x1c849303`), payload length, normalizing index
///   offset, significant digits, lowest discernible value, highest trackable value, conversion
///   ratio (a 40-byte big-endian header), then the counts as ZigZag LEB128, a negative number
///   standing for a run of that many zero counts;
/// - compressed: cookie `0x1c849314` (base `0x1c849304`), the length of what follows, then the
///   uncompressed encoding deflated as a zlib stream.
///
/// The cookies' low byte `0x10` is the word-size nibble the Java writer sets; readers mask it
/// off (`cookie & ~0xf0`), so both spellings decode.
public enum HdrWireFormat {
    /// Cookie base of the uncompressed V2 encoding.
    public static let v2CookieBase: UInt32 = 0x1c84_9303
    /// Cookie base of the compressed V2 encoding.
    public static let v2CompressedCookieBase: UInt32 = 0x1c84_9304
    /// The cookie written for the uncompressed encoding (as Java writes it).
    public static let v2Cookie: UInt32 = v2CookieBase | 0x10
    /// The cookie written for the compressed encoding (as Java writes it).
    public static let v2CompressedCookie: UInt32 = v2CompressedCookieBase | 0x10

    /// The uncompressed V2 encoding of a histogram.
    public static func encode<Count>(_ histogram: Histogram<Count>) -> [UInt8] {
        let layout = HdrLayout(histogram)
        var payload: [UInt8] = []
        let countsLimit = layout.countsIndex(for: histogram.maxRecorded) + 1
        var index = 0
        while index < countsLimit {
            let count = UInt64(histogram.countForValue(layout.value(at: index)))
            index += 1
            if count == 0 {
                var zeros: Int64 = 1
                while index < countsLimit, histogram.countForValue(layout.value(at: index)) == 0 {
                    zeros += 1
                    index += 1
                }
                HdrZigZag.append(zeros > 1 ? -zeros : 0, to: &payload)
            } else {
                HdrZigZag.append(Int64(clamping: count), to: &payload)
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(40 + payload.count)
        bytes.appendBigEndian(self.v2Cookie)
        bytes.appendBigEndian(UInt32(payload.count))
        bytes.appendBigEndian(UInt32(0))
        bytes.appendBigEndian(UInt32(histogram.numberOfSignificantValueDigits.rawValue))
        bytes.appendBigEndian(histogram.lowestDiscernibleValue)
        bytes.appendBigEndian(histogram.highestTrackableValue)
        bytes.appendBigEndian((1.0 as Double).bitPattern)
        bytes += payload
        return bytes
    }

    /// The compressed V2 encoding of a histogram (what interval logs hold, base64-encoded).
    public static func encodeCompressed<Count>(_ histogram: Histogram<Count>) -> [UInt8] {
        let deflated = HdrZlib.deflate(self.encode(histogram))
        var bytes: [UInt8] = []
        bytes.reserveCapacity(8 + deflated.count)
        bytes.appendBigEndian(self.v2CompressedCookie)
        bytes.appendBigEndian(UInt32(deflated.count))
        return bytes + deflated
    }

    /// Base64 of the compressed V2 encoding (starts with `HISTF`).
    public static func base64Compressed<Count>(_ histogram: Histogram<Count>) -> String {
        Data(self.encodeCompressed(histogram)).base64EncodedString()
    }

    /// Decodes either V2 encoding, compressed or not.
    public static func decode(_ bytes: [UInt8]) throws(HdrDecodingError) -> Histogram<UInt64> {
        guard bytes.count >= 8 else {
            throw HdrDecodingError("\(bytes.count) bytes is too short for a histogram header")
        }
        let cookie = bytes.bigEndianUInt32(at: 0)
        let base = cookie & ~UInt32(0xf0)
        if base == self.v2CompressedCookieBase {
            let length = Int(bytes.bigEndianUInt32(at: 4))
            guard bytes.count >= 8 + length else {
                throw HdrDecodingError(
                    "compressed length \(length) runs past the \(bytes.count - 8) bytes that follow the header")
            }
            guard let inflated = HdrZlib.inflate(Array(bytes[8..<(8 + length)])) else {
                throw HdrDecodingError("the compressed histogram is not a valid zlib stream")
            }
            let innerBase = inflated.count >= 4 ? inflated.bigEndianUInt32(at: 0) & ~UInt32(0xf0) : 0
            guard innerBase == self.v2CookieBase else {
                throw HdrDecodingError("the compressed histogram does not hold a V2 encoding")
            }
            return try self.decodeUncompressed(inflated)
        }
        guard base == self.v2CookieBase else {
            throw HdrDecodingError(
                "cookie 0x\(String(cookie, radix: 16)) is not a V2 histogram encoding (0x1c849303 or 0x1c849304, low nibble of the second byte masked)"
            )
        }
        return try self.decodeUncompressed(bytes)
    }

    /// Decodes base64 of either V2 encoding.
    public static func decode(base64: String) throws(HdrDecodingError) -> Histogram<UInt64> {
        guard let data = Data(base64Encoded: base64.trimmingCharacters(in: .whitespaces)) else {
            throw HdrDecodingError("not valid base64")
        }
        return try self.decode([UInt8](data))
    }

    private static func decodeUncompressed(_ bytes: [UInt8]) throws(HdrDecodingError) -> Histogram<UInt64> {
        guard bytes.count >= 40 else {
            throw HdrDecodingError("\(bytes.count) bytes is too short for a V2 header (40 bytes)")
        }
        let payloadLength = Int(bytes.bigEndianUInt32(at: 4))
        let normalizingOffset = bytes.bigEndianUInt32(at: 8)
        let digits = Int(bytes.bigEndianUInt32(at: 12))
        let lowest = bytes.bigEndianUInt64(at: 16)
        let highest = bytes.bigEndianUInt64(at: 24)
        guard normalizingOffset == 0 else {
            throw HdrDecodingError("normalizing index offset \(normalizingOffset) is not supported (only 0)")
        }
        guard digits <= 5, let significant = SignificantDigits(rawValue: Int8(digits)) else {
            throw HdrDecodingError("\(digits) significant digits is out of range (0...5)")
        }
        guard lowest >= 1, lowest <= UInt64.max / 4 else {
            throw HdrDecodingError("lowest discernible value \(lowest) is out of range")
        }
        guard 40 + payloadLength <= bytes.count else {
            throw HdrDecodingError(
                "payload length \(payloadLength) runs past the \(bytes.count - 40) bytes after the header")
        }
        let layout = HdrLayout(lowestDiscernibleValue: lowest, significantDigits: digits)
        guard layout.unitMagnitude + layout.subBucketHalfCountMagnitude <= 61 else {
            throw HdrDecodingError("lowest discernible value \(lowest) with \(digits) digits cannot be represented")
        }
        let maxBucketIndex = 63 - layout.unitMagnitude - (layout.subBucketHalfCountMagnitude + 1)
        let maxIndex = (maxBucketIndex + 2) << layout.subBucketHalfCountMagnitude
        var histogram = Histogram<UInt64>(
            lowestDiscernibleValue: lowest,
            highestTrackableValue: max(highest, 2 * lowest),
            numberOfSignificantValueDigits: significant)
        histogram.autoResize = true
        var offset = 40
        let end = 40 + payloadLength
        var index = 0
        var last: (Int, UInt64)?
        // The counts' sum must fit in 64 bits: percentiles and merges add them up (HdrHistogram's
        // `valueAtPercentile` traps on overflow).
        var total: UInt64 = 0
        while offset < end {
            guard let count = HdrZigZag.read(bytes, at: &offset, end: end) else {
                throw HdrDecodingError("the counts end in the middle of a number at byte \(offset)")
            }
            if count < 0 {
                let zeros = count == .min ? Int64.max : -count
                guard zeros <= Int64(maxIndex - index) else {
                    throw HdrDecodingError("a run of \(zeros) zero counts runs past the histogram's range")
                }
                index += Int(zeros)
            } else {
                guard index < maxIndex else {
                    throw HdrDecodingError("count index \(index) is past the histogram's range")
                }
                if count > 0 {
                    let (sum, overflow) = total.addingReportingOverflow(UInt64(count))
                    guard !overflow else { throw HdrDecodingError("the counts add up past 2^64 at index \(index)") }
                    total = sum
                    if let (previousIndex, previousCount) = last {
                        histogram.record(layout.value(at: previousIndex), count: previousCount)
                    }
                    last = (index, UInt64(count))
                }
                index += 1
            }
        }
        if let (lastIndex, lastCount) = last {
            // Like Java's decoder, the max becomes the top of its bucket: the exact max is not encoded.
            histogram.record(histogram.highestEquivalentForValue(layout.value(at: lastIndex)), count: lastCount)
        }
        return histogram
    }
}

/// A histogram encoding that does not decode, and why.
public struct HdrDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the bytes.
    public var reason: String

    /// Creates an error.
    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { "invalid HdrHistogram encoding: \(self.reason)" }
}

extension [UInt8] {
    fileprivate mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        var big = value.bigEndian
        Swift.withUnsafeBytes(of: &big) { self.append(contentsOf: $0) }
    }

    fileprivate func bigEndianUInt32(at offset: Int) -> UInt32 {
        self[offset..<(offset + 4)].reduce(0) { $0 << 8 | UInt32($1) }
    }

    fileprivate func bigEndianUInt64(at offset: Int) -> UInt64 {
        self[offset..<(offset + 8)].reduce(0) { $0 << 8 | UInt64($1) }
    }
}
