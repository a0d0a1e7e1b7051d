import Foundation
import Histogram

@testable import Reports

/// A fixed run report, built deterministically (seeded values, fixed times), for golden files,
/// compare and merge tests.
enum Fixtures {
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            self.state = self.state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return self.state >> 33
        }
    }

    /// One request's latencies in microseconds: service time, and corrected (service + queueing).
    struct Sample {
        var second: Int
        var service: UInt64
        var corrected: UInt64
        var status: Int
    }

    /// Samples of a 20-second run at 50 requests per second with a stall around second 12.
    static func samples(seed: UInt64 = 42, seconds: Int = 20, perSecond: Int = 50) -> [Sample] {
        var generator = Generator(state: seed)
        var samples: [Sample] = []
        for second in 0..<seconds {
            for _ in 0..<perSecond {
                var service = 2_000 + generator.next() % 6_000
                if generator.next() % 100 == 0 { service += 40_000 + generator.next() % 60_000 }
                var corrected = service
                if second == 12 || second == 13 {
                    corrected += 150_000 + generator.next() % 100_000
                    service += 30_000
                }
                let roll = generator.next() % 200
                let status = roll == 0 ? 503 : roll == 1 ? 400 : roll < 20 ? 207 : 200
                samples.append(Sample(second: second, service: service, corrected: corrected, status: status))
            }
        }
        return samples
    }

    static let configuration = RunConfigurationRecord(
        inlet: "http://127.0.0.1:8080/collection/abc123", corpus: ["corpora/pendo-seed"], payload: "raw", batch: 1,
        concurrency: 8, loadModel: "constant", rate: 50, maxInFlight: 1000, atCap: "queue", durationSeconds: 20,
        loop: true, retries: 2, connectTimeoutSeconds: 5, requestTimeoutSeconds: 10, syncValidation: false,
        insecure: false, flowId: "flow-1", headers: ["Authorization": "<redacted>"], token: "<redacted>", eventLoops: 2)

    /// The report of `samples`, as the collector would fill it.
    static func report(_ samples: [Sample], startedAt: String = "2026-11-29T10:00:00.000Z", startOffset: Int = 0)
        -> RunReport
    {
        var corrected = LatencyHistograms.make(UInt64.self)
        var uncorrected = LatencyHistograms.make(UInt64.self)
        var lag = LatencyHistograms.make(UInt64.self)
        var byStatus: [String: Int] = [:]
        var accepted = 0
        var rejected = 0
        var failed = 0
        var perSecond: [Int: (requests: Int, accepted: Int, errors: Int, histogram: Histogram<UInt64>)] = [:]
        for sample in samples {
            corrected.record(sample.corrected)
            uncorrected.record(sample.service)
            lag.record(sample.corrected - sample.service + 1)
            byStatus[String(sample.status), default: 0] += 1
            var entry = perSecond[sample.second] ?? (0, 0, 0, LatencyHistograms.make(UInt64.self))
            entry.requests += 1
            entry.histogram.record(sample.corrected)
            switch sample.status {
            case 200, 207:
                accepted += 1
                entry.accepted += 1
            case 400:
                rejected += 1
                entry.errors += 1
            default:
                failed += 1
                entry.errors += 1
            }
            perSecond[sample.second] = entry
        }
        let seconds = perSecond.keys.sorted()
        let duration = Double((seconds.last ?? 0) - (seconds.first ?? 0) + 1)
        let intervals = seconds.map { second -> IntervalSample in
            let entry = perSecond[second]!
            return IntervalSample(
                second: second - startOffset, requests: entry.requests, accepted: entry.accepted, errors: entry.errors,
                latency: LatencySummary(microseconds: entry.histogram),
                histogram: HdrWireFormat.base64Compressed(entry.histogram))
        }
        var errors: [ErrorEntry] = []
        if failed > 0 {
            errors.append(
                ErrorEntry(
                    class: "http-503", count: failed,
                    sample: "corpora/pendo-seed/events.jsonl.gz:17: 503 {\"error\":\"Service Unavailable\"}"))
        }
        if rejected > 0 {
            errors.append(
                ErrorEntry(
                    class: "http-400", count: rejected,
                    sample: "corpora/pendo-seed/events.jsonl.gz:3: 400 {\"message\":\"missing | header <xdm>\"}"))
        }
        errors.sort { $0.count > $1.count || ($0.count == $1.count && $0.class < $1.class) }
        let count = samples.count
        return RunReport(
            tool: ToolInfo(version: "0.1.0-test"), configuration: Self.configuration,
            startedAt: startedAt, endedAt: "2026-11-29T10:00:20.000Z", durationSeconds: duration, stopReason: .duration,
            events: EventCounts(
                planned: count, sent: count, accepted: accepted, rejected: rejected, failed: failed, unsent: 0),
            requests: RequestCounts(
                sent: count, completed: count, attempts: count + failed, retries: failed, byStatus: byStatus,
                bytesOut: count * 900, bytesIn: count * 120),
            latency: LatencyPair(
                corrected: LatencySummary(microseconds: corrected),
                uncorrected: LatencySummary(microseconds: uncorrected)),
            throughput: Throughput(
                requestsPerSecond: Double(count) / duration, eventsPerSecond: Double(count) / duration),
            schedule: ScheduleSummary(lag: LatencySummary(microseconds: lag), dropped: 0, targetRequestsPerSecond: 50),
            errors: errors, intervals: intervals,
            histograms: EncodedHistograms(
                corrected: HdrWireFormat.base64Compressed(corrected),
                uncorrected: HdrWireFormat.base64Compressed(uncorrected),
                scheduleLag: HdrWireFormat.base64Compressed(lag)))
    }

    static let fixed: RunReport = Self.report(Self.samples())

    static let verdicts: [ThresholdVerdict] = {
        let set = try! ThresholdSet(parsing: [
            "p99<250ms", "p(99.9)<1s", "error_rate<0.1%", "rps>=45", "rejected==0", "stored==accepted",
        ])
        return set.evaluate(against: RunReportMetrics(report: Self.fixed, stored: Self.fixed.events.accepted))
    }()
}
