import Histogram

/// Some consecutive seconds of a run, from its per-second intervals: a window of a capacity step,
/// as a `MetricSource` so that the threshold evaluator judges it like a whole run.
///
/// Intervals carry the corrected latency only, so service-time (`service_...`) metrics and the
/// accounting counts other than `accepted` and `requests` are unknown here (and an SLO on them
/// fails rather than passing silently).
public struct IntervalWindow: MetricSource, Sendable {
    /// Seconds the window spans.
    public let seconds: Double
    /// Requests completed in the window.
    public let requests: Int
    /// Events accepted in the window.
    public let accepted: Int
    /// Events rejected or failed in the window.
    public let errors: Int
    private let corrected: Histogram<UInt64>

    /// The window over `intervals` (its seconds), spanning `seconds`; throws when an interval's
    /// histogram does not decode.
    public init(intervals: some Sequence<IntervalSample>, seconds: Double) throws(HdrDecodingError) {
        var histogram = LatencyHistograms.make(UInt64.self)
        var requests = 0
        var accepted = 0
        var errors = 0
        for interval in intervals {
            requests += interval.requests
            accepted += interval.accepted
            errors += interval.errors
            histogram.add(try HdrWireFormat.decode(base64: interval.histogram))
        }
        self.seconds = seconds
        self.requests = requests
        self.accepted = accepted
        self.errors = errors
        self.corrected = histogram
    }

    /// Latencies recorded.
    public var samples: Int { Int(self.corrected.totalCount) }

    /// The corrected latency of the window.
    public var latency: LatencySummary { LatencySummary(microseconds: self.corrected) }

    public func value(of metric: Metric) -> Double? {
        let seconds = RunReportMetrics.secondsPerUnit
        switch metric {
        case .percentile(let p, corrected: true):
            return self.samples == 0 ? nil : Double(self.corrected.valueAtPercentile(p)) * seconds
        case .latency(let statistic, corrected: true):
            guard self.samples > 0 else { return nil }
            switch statistic {
            case .min: return Double(self.corrected.min) * seconds
            case .max: return Double(self.corrected.max) * seconds
            case .mean: return self.corrected.mean * seconds
            }
        case .errorRate:
            let events = self.accepted + self.errors
            return events == 0 ? 0 : Double(self.errors) / Double(events)
        case .requestsPerSecond:
            return self.seconds > 0 ? Double(self.requests) / self.seconds : nil
        case .eventsPerSecond:
            return self.seconds > 0 ? Double(self.accepted) / self.seconds : nil
        case .count(.accepted):
            return Double(self.accepted)
        case .count(.requests):
            return Double(self.requests)
        default:
            return nil
        }
    }

    /// The table of the metrics `thresholds` name (both sides), for a `CapacityWindow`.
    public func table(for thresholds: ThresholdSet) -> MetricTable {
        var values: [Metric: Double] = [:]
        for threshold in thresholds.thresholds {
            var metrics = [threshold.metric]
            if case .metric(let other) = threshold.operand { metrics.append(other) }
            for metric in metrics {
                if let value = self.value(of: metric) { values[metric] = value }
            }
        }
        return MetricTable(values)
    }
}
