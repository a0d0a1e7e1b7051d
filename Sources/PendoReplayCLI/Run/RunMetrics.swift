import Foundation
import InletEmulator
import LoadDriver
import Prometheus
import Synchronization

/// `run --metrics-port`: the run's live figures as Prometheus metrics, in the registry type the
/// emulator's `/metrics` uses (swift-prometheus). Counters follow the run's live counts, brought up to
/// date at each scrape; the latency histogram takes each finished second's corrected latencies.
final class RunMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let requests: [String: Counter]
    private let events: [String: Counter]
    private let inFlight: Gauge
    private let lag: Gauge
    private let latency: DurationHistogram
    /// The live counts already added to the counters.
    private let counted = Mutex<RunProgress?>(nil)

    /// `labels` go on every series (the shard, when sharded).
    init(labels: [(String, String)] = []) {
        let registry = self.registry
        func counter(_ name: String, _ help: String, _ outcome: String) -> Counter {
            registry.makeCounter(
                descriptor: MetricNameDescriptor(
                    namespace: "pendo_replay", metricName: name, unitName: "total", helpText: help),
                labels: labels + [("outcome", outcome)])
        }
        let requestHelp = "Requests written (sent), answered (completed), and ended in an error (error)."
        self.requests = Dictionary(
            uniqueKeysWithValues: ["sent", "completed", "error"].map { ($0, counter("requests", requestHelp, $0)) })
        let eventHelp = "Events by outcome: accepted, rejected (400 and per-message errors), failed (5xx, transport)."
        self.events = Dictionary(
            uniqueKeysWithValues: ["accepted", "rejected", "failed"].map { ($0, counter("events", eventHelp, $0)) })
        self.inFlight = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "pendo_replay", metricName: "requests_in_flight", unitName: "",
                helpText: "Requests written and not answered yet."), labels: labels)
        self.lag = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "pendo_replay", metricName: "schedule_lag_p99", unitName: "seconds",
                helpText:
                    "p99 of how late sends went out against their intended times, in the latest finished second (open loop)."
            ), labels: labels)
        self.latency = registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "pendo_replay", metricName: "latency", unitName: "seconds",
                helpText:
                    "Latency from the intended send time to the answer (coordinated omission corrected), per finished second."
            ),
            labels: labels, buckets: EmulatorMetrics.latencyBuckets)
    }

    /// Brings the counters and the in-flight gauge to `progress` (counts only grow; a smaller one is
    /// ignored).
    func update(_ progress: RunProgress) {
        self.counted.withLock { last in
            func add(_ counter: Counter?, _ now: Int, _ before: Int?) {
                let delta = now - (before ?? 0)
                if delta > 0 { counter?.increment(by: Int64(delta)) }
            }
            add(self.requests["sent"], progress.requestsSent, last?.requestsSent)
            add(self.requests["completed"], progress.requestsCompleted, last?.requestsCompleted)
            add(self.requests["error"], progress.errors, last?.errors)
            add(self.events["accepted"], progress.accepted, last?.accepted)
            add(self.events["rejected"], progress.rejected, last?.rejected)
            add(self.events["failed"], progress.failed, last?.failed)
            var kept = progress
            if let last {
                kept.requestsSent = max(kept.requestsSent, last.requestsSent)
                kept.requestsCompleted = max(kept.requestsCompleted, last.requestsCompleted)
                kept.errors = max(kept.errors, last.errors)
                kept.accepted = max(kept.accepted, last.accepted)
                kept.rejected = max(kept.rejected, last.rejected)
                kept.failed = max(kept.failed, last.failed)
            }
            last = kept
            self.inFlight.set(Double(max(0, progress.requestsSent - progress.requestsCompleted)))
        }
    }

    /// Adds a finished second's latencies and lag.
    func add(_ interval: IntervalDigest) {
        for entry in interval.latency {
            let duration = Duration.microseconds(Int64(clamping: entry.microseconds))
            for _ in 0..<entry.count { self.latency.record(duration) }
        }
        self.lag.set(interval.lagP99 / 1000)
    }

    /// The metrics as Prometheus text.
    func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(4096)
        self.registry.emit(into: &buffer)
        return buffer
    }
}
