import Foundation
import Histogram
import Testing
@testable import Reports

@Suite struct HistogramCodecTests {
    private func sample() -> Histogram<UInt64> {
        var h = LatencyHistograms.make(UInt64.self)
        for v: UInt64 in [1, 2, 3, 1000, 1001, 2047, 2048, 5000, 123_456, 999_999, 3_000_000_000] { h.record(v) }
        h.record(42, count: 1_000_000)
        return h
    }

    @Test func roundTripIsExact() throws {
        let h = self.sample()
        let decoded = try HistogramCodec.decode(HistogramCodec.encode(h))
        #expect(decoded.totalCount == h.totalCount)
        // The format keeps bucket counts: values come back as their bucket's representative.
        #expect(h.valuesAreEquivalent(decoded.maxRecorded, h.maxRecorded))
        for p in [0.0, 10, 50, 90, 99, 99.9, 99.99, 100] {
            #expect(h.valuesAreEquivalent(decoded.valueAtPercentile(p), h.valueAtPercentile(p)))
        }
        for v in h.recordedValues() { #expect(decoded.countForValue(v.value) == v.count) }
        let again = try HistogramCodec.decodeBase64(HistogramCodec.encodeBase64(h))
        #expect(HistogramCodec.encode(again) == HistogramCodec.encode(h))
    }

    @Test func mergingDecodedHistogramsEqualsRecordingTogether() throws {
        var a = LatencyHistograms.make(UInt64.self)
        var b = LatencyHistograms.make(UInt64.self)
        var both = LatencyHistograms.make(UInt64.self)
        for i in 0..<5000 {
            let v = UInt64((i * 7919) % 250_000 + 1)
            if i % 2 == 0 { a.record(v) } else { b.record(v) }
            both.record(v)
        }
        var merged = try HistogramCodec.decodeBase64(HistogramCodec.encodeBase64(a))
        merged.add(try HistogramCodec.decodeBase64(HistogramCodec.encodeBase64(b)))
        #expect(merged == both)
    }

    @Test func layoutFollowsTheV2Format() throws {
        var h = LatencyHistograms.make(UInt64.self)
        h.record(1)
        h.record(1)
        h.record(3)
        let plain = HistogramCodec.encodeUncompressed(h)
        // cookie, payload length, normalizing offset, digits, lowest, highest, ratio (1.0).
        #expect(Array(plain[0..<4]) == [0x1C, 0x84, 0x93, 0x13])
        #expect(Array(plain[8..<12]) == [0, 0, 0, 0])
        #expect(Array(plain[12..<16]) == [0, 0, 0, 3])
        #expect(Array(plain[16..<24]) == [0, 0, 0, 0, 0, 0, 0, 1])
        #expect(Array(plain[32..<40]) == [0x3F, 0xF0, 0, 0, 0, 0, 0, 0])
        // Counts: index0=0, index1=2, index2=0, index3=1 -> zigzag 0, 4, 0, 2 (single zeros are plain 0s).
        #expect(Array(plain[40...]) == [0, 4, 0, 2])
        #expect(Array(plain[4..<8]) == [0, 0, 0, 4])
        let compressed = HistogramCodec.encode(h)
        #expect(Array(compressed[0..<4]) == [0x1C, 0x84, 0x93, 0x14])
        // zlib header, and the stored block holds the plain encoding.
        #expect(compressed[8] == 0x78)
        #expect(try HistogramCodec.decode(plain) == h)
    }

    @Test func zeroRunsFold() {
        var h = LatencyHistograms.make(UInt64.self)
        h.record(1)
        h.record(100)
        let plain = HistogramCodec.encodeUncompressed(h)
        // index 0 zero, index 1 one, 98 zeros (-98 zigzag = 195 -> 0xC3 0x01), index 100 one.
        #expect(Array(plain[40...]) == [0, 2, 0xC3, 0x01, 2])
    }

    @Test func emptyHistogramEncodes() throws {
        let h = LatencyHistograms.make(UInt64.self)
        #expect(try HistogramCodec.decode(HistogramCodec.encode(h)).totalCount == 0)
    }

    @Test func badInputIsAnErrorNotACrash() {
        #expect(throws: HistogramCodecError.self) { try HistogramCodec.decode([1, 2, 3]) }
        #expect(throws: HistogramCodecError.self) { try HistogramCodec.decodeBase64("!!!") }
        var bytes = HistogramCodec.encode(self.sample())
        bytes[bytes.count - 1] ^= 0xFF
        #expect(throws: HistogramCodecError.self) { try HistogramCodec.decode(bytes) }
        #expect(throws: HistogramCodecError.self) { try HistogramCodec.decode(Array(bytes.prefix(30))) }
    }
}

@Suite struct RunReportTests {
    static func report() -> RunReport {
        var h = LatencyHistograms.make(UInt64.self)
        h.record(1500)
        h.record(2500)
        let encoded = HistogramCodec.encodeBase64(h)
        return RunReport(
            tool: ToolInfo(version: "0.1.0"),
            configuration: RunConfigurationRecord(
                inlet: "http://127.0.0.1:8080/collection/x", corpus: ["c"], payload: "raw", batch: 1, concurrency: 4,
                loadModel: "constant", rate: 100, maxInFlight: 4, atCap: "queue", durationSeconds: 10, loop: false,
                retries: 0, connectTimeoutSeconds: 5, requestTimeoutSeconds: 30, syncValidation: false, insecure: false,
                token: "<redacted>", eventLoops: 2),
            startedAt: "2026-11-29T10:00:00.000Z", endedAt: "2026-11-29T10:00:10.000Z", durationSeconds: 10,
            stopReason: .duration,
            events: EventCounts(planned: 10, sent: 8, accepted: 6, rejected: 1, failed: 1, unsent: 2),
            requests: RequestCounts(sent: 8, completed: 8, attempts: 9, retries: 1, byStatus: ["200": 6, "400": 1, "503": 1]),
            latency: LatencyPair(corrected: LatencySummary(microseconds: h), uncorrected: LatencySummary(microseconds: h)),
            throughput: Throughput(requestsPerSecond: 0.8, eventsPerSecond: 0.8),
            schedule: ScheduleSummary(dropped: 0, targetRequestsPerSecond: 100),
            errors: [ErrorEntry(class: "http-400", count: 1, sample: "c:3: 400 bad")],
            intervals: [IntervalSample(second: 0, requests: 2, accepted: 2, errors: 0, latency: LatencySummary(microseconds: h), histogram: encoded)],
            histograms: EncodedHistograms(corrected: encoded, uncorrected: encoded, scheduleLag: encoded))
    }

    @Test func jsonRoundTripAndFieldNames() throws {
        let r = Self.report()
        let data = try JSONEncoder().encode(r)
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        for key in ["schemaVersion", "tool", "configuration", "startedAt", "endedAt", "events", "requests", "latency",
                    "throughput", "errors", "intervals", "histograms", "schedule", "stopReason", "durationSeconds"] {
            #expect(object[key] != nil, "missing \(key)")
        }
        #expect(object["schemaVersion"] as? Int == RunReport.currentSchemaVersion)
        let latency = object["latency"] as! [String: Any]
        let corrected = latency["corrected"] as! [String: Any]
        #expect(Set(corrected.keys).isSuperset(of: ["p50", "p90", "p99", "p999", "max", "mean"]))
        #expect((object["errors"] as! [[String: Any]])[0]["class"] as? String == "http-400")
        #expect(try JSONDecoder().decode(RunReport.self, from: data) == r)
    }

    @Test func summaryIsInMilliseconds() {
        var h = LatencyHistograms.make(UInt64.self)
        for v: UInt64 in 1...1000 { h.record(v * 1000) }  // 1..1000 ms
        let s = LatencySummary(microseconds: h)
        #expect(s.count == 1000)
        #expect(abs(s.p50 - 500) < 1)
        #expect(abs(s.p99 - 990) < 1)
        #expect(abs(s.max - 1000) < 1)
        #expect(abs(s.mean - 500.5) < 1)
        #expect(LatencySummary(microseconds: LatencyHistograms.make(UInt64.self)) == LatencySummary())
    }

    @Test func accountingInvariant() {
        #expect(Self.report().events.addsUp)
        #expect(!EventCounts(planned: 3, sent: 3, accepted: 1, rejected: 1, failed: 0, unsent: 0).addsUp)
        #expect(!EventCounts(planned: 3, sent: 2, accepted: 2, rejected: 0, failed: 0, unsent: 0).addsUp)
    }
}
