/// One parsed threshold, such as `p99<250ms`, `error_rate<0.1%` or `stored==accepted`.
///
/// Parse with `Threshold.parse(_:)`; evaluate with `evaluate(against:)`. The grammar and its errors
/// are documented in docs/REPORT-RENDERING.md.
public struct Threshold: Sendable, Equatable, Hashable {
    /// The expression as the user wrote it (also the JUnit test case's name).
    public var expression: String
    /// The metric on the left.
    public var metric: Metric
    /// How the metric compares with the operand.
    public var comparison: Comparison
    /// What the metric is compared with.
    public var operand: Operand

    /// Comparison operators of the grammar.
    public enum Comparison: String, Sendable, CaseIterable, Hashable {
        case lessOrEqual = "<="
        case greaterOrEqual = ">="
        case equal = "=="
        case notEqual = "!="
        case less = "<"
        case greater = ">"

        /// Whether `lhs <op> rhs` holds.
        public func holds(_ lhs: Double, _ rhs: Double) -> Bool {
            switch self {
            case .less: return lhs < rhs
            case .lessOrEqual: return lhs <= rhs
            case .greater: return lhs > rhs
            case .greaterOrEqual: return lhs >= rhs
            case .equal: return lhs == rhs
            case .notEqual: return lhs != rhs
            }
        }
    }

    /// The right-hand side: a literal in the metric's base unit, or another metric of the same kind.
    public enum Operand: Sendable, Equatable, Hashable {
        /// A literal, converted to the metric kind's base unit (seconds, fraction, per second, count).
        case value(Double)
        /// Another metric, such as `accepted` in `stored==accepted`.
        case metric(Metric)
    }

    /// Creates a threshold from its parts; `expression` is what reports show.
    public init(expression: String, metric: Metric, comparison: Comparison, operand: Operand) {
        self.expression = expression
        self.metric = metric
        self.comparison = comparison
        self.operand = operand
    }

    /// Parses one threshold expression; throws `ThresholdSyntaxError` naming the column and what was expected.
    /// `vocabulary` says which metrics it may name.
    public static func parse(_ expression: String, vocabulary: ThresholdVocabulary = .run) throws(ThresholdSyntaxError)
        -> Threshold
    {
        var parser = ThresholdParser(expression, vocabulary: vocabulary)
        return try parser.parse()
    }

    /// Whether a failure seen in the middle of a run can no longer turn into a pass: an upper bound
    /// on a count that only grows (`rejected==0`, `failed<10`). `--abort-on-fail` can stop at once
    /// on those; others (percentiles, rates) may recover and deserve a grace period.
    public var failureIsFinal: Bool {
        guard case .value = self.operand, self.metric.kind == .count else { return false }
        switch self.comparison {
        case .less, .lessOrEqual, .equal: return true
        case .greater, .greaterOrEqual, .notEqual: return false
        }
    }
}
