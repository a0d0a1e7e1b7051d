/// Resolves metrics to values, in each kind's base unit: seconds for durations, a fraction for
/// ratios, per second for rates, a plain number for counts.
///
/// A finished report is one source; `run --abort-on-fail` evaluates against the collector's
/// running totals through the same protocol.
public protocol MetricSource {
    /// The metric's value, or nil when this run cannot tell (such as `stored` when the target is
    /// not the emulator). A threshold on an unknown metric fails: it never passes silently.
    func value(of metric: Metric) -> Double?
}

/// A `MetricSource` over a fixed table, for tests and for callers that compute values up front.
public struct MetricTable: MetricSource, Sendable {
    /// The values by metric.
    public var values: [Metric: Double]

    /// Creates a table.
    public init(_ values: [Metric: Double]) {
        self.values = values
    }

    public func value(of metric: Metric) -> Double? {
        self.values[metric]
    }
}
