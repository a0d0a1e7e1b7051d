/// A threshold verdict as saved in `thresholds.json` next to `report.json`, so `report summary`
/// and `report html` re-render the verdicts of the run without the flags. (The run-report model
/// has no field for them yet.)
public struct ThresholdRecord: Codable, Sendable, Equatable {
    /// The expression as given to `--threshold`.
    public var expression: String
    /// Whether it held.
    public var passed: Bool
    /// The metric's value in its base unit (seconds, fraction, per second, count), if known.
    public var actual: Double?
    /// The value compared with, in the same unit, if known.
    public var limit: Double?
    /// The verdict's one-line explanation.
    public var explanation: String

    /// The record of a verdict.
    public init(_ verdict: ThresholdVerdict) {
        self.expression = verdict.threshold.expression
        self.passed = verdict.passed
        self.actual = verdict.actual
        self.limit = verdict.limit
        self.explanation = verdict.explanation
    }

    /// The verdict back, re-parsing the expression.
    public func verdict() throws(ThresholdSyntaxError) -> ThresholdVerdict {
        ThresholdVerdict(
            threshold: try Threshold.parse(self.expression), passed: self.passed,
            actual: self.actual, limit: self.limit, explanation: self.explanation)
    }
}
