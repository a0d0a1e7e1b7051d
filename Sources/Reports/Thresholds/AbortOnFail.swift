/// The `--abort-on-fail` rule, as a pure value: given the running metrics and the elapsed time,
/// which failing threshold (if any) should stop the run now.
///
/// A failure that cannot recover (`Threshold.failureIsFinal`: `rejected==0`, `failed<10`) stops the
/// run at once. Other thresholds (percentiles, rates, ratios) are only acted on after
/// `graceSeconds`, since a ramp-up or a cold start can fail them for a moment (k6's
/// `delayAbortEval`).
public struct AbortOnFail: Sendable {
    /// The thresholds watched.
    public var thresholds: ThresholdSet
    /// Seconds from the start before a recoverable failure stops the run.
    public var graceSeconds: Double

    /// Creates the rule.
    public init(thresholds: ThresholdSet, graceSeconds: Double = 10) {
        self.thresholds = thresholds
        self.graceSeconds = graceSeconds
    }

    /// The first verdict that should stop the run now, or nil to go on. Call it about once a second
    /// with the collector's running totals as the source.
    public func check(_ source: some MetricSource, elapsedSeconds: Double) -> ThresholdVerdict? {
        for threshold in self.thresholds.thresholds {
            let verdict = threshold.evaluate(against: source)
            guard !verdict.passed else { continue }
            // Unknown values mid-run (no answer yet) are not a reason to stop.
            guard verdict.actual != nil, verdict.limit != nil else { continue }
            if threshold.failureIsFinal || elapsedSeconds >= self.graceSeconds { return verdict }
        }
        return nil
    }
}
