import Histogram

/// The metrics of a finished run, for thresholds and `report compare`.
///
/// Percentiles come from the run's merged histograms (any percentile, exactly as HdrHistogram
/// reports it); the fixed percentiles of the summary are the fallback when a histogram does not
/// decode. `stored` is not part of `report.json`: `run` passes the emulator's count when the target
/// is the emulator, and `stored` is unknown (so a threshold on it fails) otherwise.
public struct RunReportMetrics: MetricSource {
    /// The report.
    public let report: RunReport
    /// Events the emulator stored, when known.
    public let stored: Int?
    private let corrected: Histogram<UInt64>?
    private let uncorrected: Histogram<UInt64>?

    /// Metrics of `report`; `stored` from the emulator when the run targeted it (else the one the
    /// report's platform section carries).
    public init(report: RunReport, stored: Int? = nil) {
        self.report = report
        self.stored = stored ?? report.platform?.stored
        self.corrected = try? HdrWireFormat.decode(base64: report.histograms.corrected)
        self.uncorrected = try? HdrWireFormat.decode(base64: report.histograms.uncorrected)
    }

    /// Metrics of a run whose histograms are decoded already.
    init(run: DecodedRun) {
        self.report = run.report
        self.stored = run.stored
        self.corrected = run.correctedDecodes ? run.corrected : nil
        self.uncorrected = run.uncorrectedDecodes ? run.uncorrected : nil
    }

    /// Seconds per histogram unit (histograms record microseconds).
    static let secondsPerUnit = 1e-6

    public func value(of metric: Metric) -> Double? {
        let events = self.report.events
        switch metric {
        case .percentile(let p, let isCorrected):
            let summary = isCorrected ? self.report.latency.corrected : self.report.latency.uncorrected
            if let histogram = isCorrected ? self.corrected : self.uncorrected {
                guard histogram.totalCount > 0 else { return nil }
                return Double(histogram.valueAtPercentile(p)) * Self.secondsPerUnit
            }
            guard summary.count > 0 else { return nil }
            let fixed: [Double: Double] = [
                50: summary.p50, 90: summary.p90, 99: summary.p99, 99.9: summary.p999, 100: summary.max, 0: summary.min,
            ]
            return fixed[p].map { $0 / 1000 }
        case .latency(let statistic, let isCorrected):
            let summary = isCorrected ? self.report.latency.corrected : self.report.latency.uncorrected
            guard summary.count > 0 else { return nil }
            switch statistic {
            case .min: return summary.min / 1000
            case .max: return summary.max / 1000
            case .mean: return summary.mean / 1000
            }
        case .errorRate:
            return events.sent == 0 ? 0 : Double(events.rejected + events.failed + events.unknown) / Double(events.sent)
        case .requestsPerSecond:
            return self.report.throughput.requestsPerSecond
        case .eventsPerSecond:
            return self.report.throughput.eventsPerSecond
        case .count(let name):
            switch name {
            case .planned: return Double(events.planned)
            case .sent: return Double(events.sent)
            case .unsent: return Double(events.unsent)
            case .dropped: return Double(self.report.schedule.dropped)
            case .accepted: return Double(events.accepted)
            case .rejected: return Double(events.rejected)
            case .failed: return Double(events.failed)
            case .unknown: return Double(events.unknown)
            case .stored: return self.stored.map(Double.init)
            case .warnings: return nil
            case .requests: return Double(self.report.requests.completed)
            }
        case .statusCode(let code):
            return Double(self.report.requests.byStatus[String(code)] ?? 0)
        case .statusClass(let c):
            return Double(
                self.report.requests.byStatus.filter { $0.key.count == 3 && $0.key.hasPrefix(String(c)) }.values.reduce(
                    0, +))
        case .diff:
            return nil
        }
    }
}
