import Foundation
import Histogram
import Testing

@testable import Reports

@Suite struct HdrWireFormatTests {
    static func sample(seed: UInt64, count: Int) -> Histogram<UInt64> {
        var histogram = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
        var state = seed
        for _ in 0..<count {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let value = 100 + (state >> 33) % 250_000
            histogram.record(value)
        }
        histogram.record(3_600_000_000)
        return histogram
    }

    @Test func uncompressedHeaderIsV2() {
        var histogram = Histogram<UInt64>(highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
        histogram.record(1)
        histogram.record(1000, count: 3)
        let bytes = HdrWireFormat.encode(histogram)
        #expect(Array(bytes[0..<4]) == [0x1c, 0x84, 0x93, 0x13])
        #expect(Array(bytes[12..<16]) == [0, 0, 0, 3])
        // counts: index 0 is zero (a lone zero), index 1 is 1, 998 zeros (indices 2...999), then 3.
        let payloadLength = Int(bytes[7])
        #expect(bytes.count == 40 + payloadLength)
        #expect(Array(bytes[40...]) == [0x00, 0x02, 0xcb, 0x0f, 0x06])
    }

    @Test func zigZagMatchesHdrHistogram() {
        for value: Int64 in [0, 1, -1, 63, -64, 64, 1 << 20, -(1 << 40), Int64.max, Int64.min] {
            var bytes: [UInt8] = []
            HdrZigZag.append(value, to: &bytes)
            var offset = 0
            #expect(HdrZigZag.read(bytes, at: &offset, end: bytes.count) == value)
            #expect(offset == bytes.count)
            #expect(bytes.count <= 9)
        }
        var bytes: [UInt8] = []
        HdrZigZag.append(-998, to: &bytes)
        #expect(bytes == [0xcb, 0x0f])
    }

    @Test func compressedRoundTrip() throws {
        let histogram = Self.sample(seed: 7, count: 20_000)
        let encoded = HdrWireFormat.base64Compressed(histogram)
        #expect(encoded.hasPrefix("HISTF"))
        let decoded = try HdrWireFormat.decode(base64: encoded)
        #expect(decoded == histogram)
        #expect(HdrWireFormat.encode(decoded) == HdrWireFormat.encode(histogram))
        #expect(decoded.totalCount == histogram.totalCount)
        #expect(decoded.max == histogram.max)
        for p in [50.0, 90, 99, 99.9, 99.99, 100] {
            // The exact max is not in the encoding (HdrHistogram's rule): equal within the precision.
            #expect(decoded.valuesAreEquivalent(decoded.valueAtPercentile(p), histogram.valueAtPercentile(p)))
        }
    }

    @Test func emptyHistogramRoundTrips() throws {
        let empty = Histogram<UInt64>(numberOfSignificantValueDigits: .three)
        let decoded = try HdrWireFormat.decode(HdrWireFormat.encodeCompressed(empty))
        #expect(decoded.totalCount == 0)
    }

    @Test func rejectsBadInput() {
        #expect(throws: HdrDecodingError.self) { try HdrWireFormat.decode([1, 2, 3]) }
        #expect(throws: HdrDecodingError.self) { try HdrWireFormat.decode([0xde, 0xad, 0xbe, 0xef, 0, 0, 0, 0]) }
        var truncated = HdrWireFormat.encodeCompressed(Self.sample(seed: 1, count: 100))
        truncated.removeLast(5)
        #expect(throws: HdrDecodingError.self) { try HdrWireFormat.decode(truncated) }
        var corrupt = HdrWireFormat.encodeCompressed(Self.sample(seed: 1, count: 100))
        corrupt[12] ^= 0xff
        #expect(throws: HdrDecodingError.self) { try HdrWireFormat.decode(corrupt) }
        #expect(throws: HdrDecodingError.self) { try HdrWireFormat.decode(base64: "not base64!") }
    }
}
