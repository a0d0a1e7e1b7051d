import Prometheus
import Synchronization

/// The emulator's Prometheus metrics, served by `GET /metrics` in the text exposition format.
public final class EmulatorMetrics: Sendable {
    /// The registry the metrics live in (exposed so an embedding process can add its own).
    public let registry: PrometheusCollectorRegistry
    let ingested: Counter
    let rejected: Counter
    let refused: Counter
    /// Requests received and not yet answered (held by a stall or latency, being ingested).
    let inFlight: Gauge
    let ingestLatency: DurationHistogram
    /// The group commit's transactions: how long each took, and how many records it held.
    let commitDuration: DurationHistogram
    let commitRecords: ValueHistogram
    /// `http_requests_total`'s counters by route, method and status, each made in the registry once.
    private let requestCounters = Mutex<[RequestKey: Counter]>([:])

    /// A label set of `http_requests_total`.
    private struct RequestKey: Hashable {
        var route: String
        var method: String
        var status: Int
    }

    init() {
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        self.ingested = registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "emulator", metricName: "records_ingested", unitName: "total",
                helpText: "Records stored in a dataset after mapping and validation."
            ))
        self.rejected = registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "emulator", metricName: "records_rejected", unitName: "total",
                helpText: "Records that failed mapping or validation (counted as failed in run metrics)."
            ))
        self.refused = registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "emulator", metricName: "messages_refused", unitName: "total",
                helpText:
                    "Messages refused at the inlet (sync validation, bad envelope, unknown flow) and never ingested."
            ))
        self.inFlight = registry.makeGauge(
            descriptor: MetricNameDescriptor(
                namespace: "emulator", metricName: "http_requests_in_flight",
                helpText: "Requests received and not answered yet."
            ))
        self.ingestLatency = registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "emulator", metricName: "ingest_latency", unitName: "seconds",
                helpText: "Time from an inlet request's arrival to its durable commit."
            ),
            buckets: Self.latencyBuckets
        )
        self.commitDuration = registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "emulator", metricName: "commit_duration", unitName: "seconds",
                helpText: "Time one group commit's transaction took (insert and commit, checkpoints included)."
            ),
            buckets: Self.latencyBuckets
        )
        self.commitRecords = registry.makeValueHistogram(
            descriptor: MetricNameDescriptor(
                namespace: "emulator", metricName: "commit", unitName: "records",
                helpText: "Records one group commit's transaction held."
            ),
            buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096, 16384]
        )
    }

    /// Bounds of a latency histogram, 250 µs to 10 s (also `run --metrics-port`'s).
    public static let latencyBuckets: [Duration] = [
        .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5),
        .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
        .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
    ]

    /// Counts one answered request. The registry's lookup builds the metric's name and compares
    /// label lists on every call, so each label set's counter is looked up there once and kept.
    func countRequest(route: String, method: String, status: Int) {
        let key = RequestKey(route: route, method: method, status: status)
        let counter = self.requestCounters.withLock { counters in
            if let counter = counters[key] { return counter }
            let counter = self.registry.makeCounter(
                descriptor: MetricNameDescriptor(
                    namespace: "emulator", metricName: "http_requests", unitName: "total",
                    helpText: "HTTP requests answered, by route and status."
                ),
                labels: [("route", route), ("method", method), ("status", String(status))]
            )
            counters[key] = counter
            return counter
        }
        counter.increment()
    }

    /// Counts one connection fault done (`reset`, `cut`, `close`), so that a client's error counts
    /// can be checked against what was injected.
    func countFault(_ fault: String) {
        self.registry.makeCounter(
            descriptor: MetricNameDescriptor(
                namespace: "emulator", metricName: "faults_injected", unitName: "total",
                helpText:
                    "Connection faults injected: reset before the answer, answer cut, connection closed after an answer."
            ),
            labels: [("fault", fault)]
        ).increment()
    }

    /// The metrics as Prometheus text.
    public func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(4096)
        self.registry.emit(into: &buffer)
        return buffer
    }
}
