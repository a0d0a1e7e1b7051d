import Foundation
import Histogram
import Testing

@testable import Reports

/// The report's histograms as `HdrWireFormat` writes and reads them (round trips, empty
/// histograms and bad input: `HdrWireFormatTests`).
@Suite struct ReportHistogramTests {
    @Test func mergingDecodedHistogramsEqualsRecordingTogether() throws {
        var a = LatencyHistograms.make(UInt64.self)
        var b = LatencyHistograms.make(UInt64.self)
        var both = LatencyHistograms.make(UInt64.self)
        for i in 0..<5000 {
            let v = UInt64((i * 7919) % 250_000 + 1)
            if i % 2 == 0 { a.record(v) } else { b.record(v) }
            both.record(v)
        }
        var merged = try HdrWireFormat.decode(base64: HdrWireFormat.base64Compressed(a))
        merged.add(try HdrWireFormat.decode(base64: HdrWireFormat.base64Compressed(b)))
        #expect(merged.totalCount == both.totalCount)
        for value in both.recordedValues() { #expect(merged.countForValue(value.value) == value.count) }
        for p in [0.0, 50, 90, 99, 99.9] { #expect(merged.valueAtPercentile(p) == both.valueAtPercentile(p)) }
        // The exact max is not in the encoding (HdrHistogram's rule): the top of its bucket comes back.
        #expect(both.valuesAreEquivalent(merged.valueAtPercentile(100), both.valueAtPercentile(100)))
        #expect(merged.max == both.max)
    }

    @Test func layoutFollowsTheV2Format() throws {
        var h = LatencyHistograms.make(UInt64.self)
        h.record(1)
        h.record(1)
        h.record(3)
        let plain = HdrWireFormat.encode(h)
        // cookie, payload length, normalizing offset, digits, lowest, highest, ratio (1.0).
        #expect(Array(plain[0..<4]) == [0x1C, 0x84, 0x93, 0x13])
        #expect(Array(plain[8..<12]) == [0, 0, 0, 0])
        #expect(Array(plain[12..<16]) == [0, 0, 0, 3])
        #expect(Array(plain[16..<24]) == [0, 0, 0, 0, 0, 0, 0, 1])
        #expect(Array(plain[32..<40]) == [0x3F, 0xF0, 0, 0, 0, 0, 0, 0])
        // Counts: index0=0, index1=2, index2=0, index3=1 -> zigzag 0, 4, 0, 2 (single zeros are plain 0s).
        #expect(Array(plain[40...]) == [0, 4, 0, 2])
        #expect(Array(plain[4..<8]) == [0, 0, 0, 4])
        let compressed = HdrWireFormat.encodeCompressed(h)
        #expect(Array(compressed[0..<4]) == [0x1C, 0x84, 0x93, 0x14])
        // A zlib stream holding the plain encoding.
        #expect(compressed[8] == 0x78)
        #expect(try HdrWireFormat.decode(plain) == h)
        #expect(try HdrWireFormat.decode(compressed) == h)
    }

    /// Reports written by earlier versions hold zlib streams of stored (uncompressed) blocks: they
    /// read as before, and give the histogram the current encoding gives.
    @Test func storedBlockHistogramsStillRead() throws {
        let stored =
            "HISTFAAAAJ54AQGTAGz/HISTEwAAAGsAAAAAAAAAAwAAAAAAAAABAAAAANaTpAA/8AAAAAAAAK8fAjECZQI3AjcCCwIhAk0CPQLDAgIFAm8CHwI1AmMCdQKxAgIbAisCJwKzAgIpAr8CAgUCFQIAAgIHArkBAg0CBwI7AhUCQwLTAQKhAQJfAgIHAkkCLQJ5An0CRQLDAQIHAh0CCQJFAg8CotUTVg=="
        let deflated =
            "HISTFAAAAIF4nJNpmSzMwMCQzQABzFCaEURcm7yEwf4DRGC9PJMhUyqTORByMyky+TLZMh1mYmJlymeSZzJlSmYqZdrIxCTNpM2kzrSZiUmTaT9IUpSJgYmJnWknIxMvkLIG8p2ZLjMyLWRkigeJezLpMlUy1TK5Mh1mBHJlmTiBTH4mAKLVE1Y="
        #expect(stored != deflated)
        let old = try HdrWireFormat.decode(base64: stored)
        #expect(old.totalCount > 0)
        #expect(old == (try HdrWireFormat.decode(base64: deflated)))
    }

    @Test func zeroRunsFold() {
        var h = LatencyHistograms.make(UInt64.self)
        h.record(1)
        h.record(100)
        let plain = HdrWireFormat.encode(h)
        // index 0 zero, index 1 one, 98 zeros (-98 zigzag = 195 -> 0xC3 0x01), index 100 one.
        #expect(Array(plain[40...]) == [0, 2, 0xC3, 0x01, 2])
    }
}

@Suite struct RunReportTests {
    static func report() -> RunReport {
        var h = LatencyHistograms.make(UInt64.self)
        h.record(1500)
        h.record(2500)
        let encoded = HdrWireFormat.base64Compressed(h)
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
            requests: RequestCounts(
                sent: 8, completed: 8, attempts: 9, retries: 1, byStatus: ["200": 6, "400": 1, "503": 1]),
            latency: LatencyPair(
                corrected: LatencySummary(microseconds: h), uncorrected: LatencySummary(microseconds: h)),
            throughput: Throughput(requestsPerSecond: 0.8, eventsPerSecond: 0.8),
            schedule: ScheduleSummary(dropped: 0, targetRequestsPerSecond: 100),
            errors: [ErrorEntry(class: "http-400", count: 1, sample: "c:3: 400 bad")],
            intervals: [
                IntervalSample(
                    second: 0, requests: 2, accepted: 2, errors: 0, latency: LatencySummary(microseconds: h),
                    histogram: encoded)
            ],
            histograms: EncodedHistograms(corrected: encoded, uncorrected: encoded, scheduleLag: encoded))
    }

    @Test func jsonRoundTripAndFieldNames() throws {
        let r = Self.report()
        let data = try JSONEncoder().encode(r)
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        for key in [
            "schemaVersion", "tool", "configuration", "startedAt", "endedAt", "events", "requests", "latency",
            "throughput", "errors", "intervals", "histograms", "schedule", "stopReason", "durationSeconds",
        ] {
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
        // Unknown events are sent events with no outcome: they close the second identity.
        #expect(EventCounts(planned: 4, sent: 4, accepted: 1, rejected: 1, failed: 1, unknown: 1, unsent: 0).addsUp)
        #expect(
            !EventCounts(planned: 4, sent: 4, accepted: 1, rejected: 1, failed: 1, unknown: 0, unsent: 0).sentAddsUp)
    }

    @Test func aSchemaOneReportStillReads() throws {
        let path = GoldenFileTests.goldenDirectory.appendingPathComponent("report-schema1.json").path
        let old = try ReportFiles.load(path)
        #expect(old.schemaVersion == 1)
        #expect(old.events.unknown == 0)
        #expect(old.events.accepted == 993 && old.events.failed == 2)
        #expect(old.requests.retriedAfterUnknown == 0)
        #expect(old.schedule.queuedWithoutEvent == old.schedule.queuedAtStop)
        #expect(old.events.addsUp)
        #expect(RunReport.currentSchemaVersion == 2)
        let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(Self.report())) as! [String: Any]
        #expect((encoded["events"] as! [String: Any])["unknown"] as? Int == 0)
        #expect((encoded["requests"] as! [String: Any])["retriedAfterUnknown"] as? Int == 0)
    }
}
