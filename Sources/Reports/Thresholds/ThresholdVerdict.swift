/// The outcome of one threshold against one run.
public struct ThresholdVerdict: Sendable, Equatable {
    /// The threshold evaluated.
    public var threshold: Threshold
    /// Whether it held. False when a value it needs is unknown.
    public var passed: Bool
    /// The metric's value (base unit), nil when unknown.
    public var actual: Double?
    /// The value compared with (base unit), nil when it names an unknown metric.
    public var limit: Double?
    /// One line for people: `p(99) = 312 ms, not < 250 ms`.
    public var explanation: String

    /// Creates a verdict.
    public init(threshold: Threshold, passed: Bool, actual: Double?, limit: Double?, explanation: String) {
        self.threshold = threshold
        self.passed = passed
        self.actual = actual
        self.limit = limit
        self.explanation = explanation
    }

    /// `PASS` or `FAIL`.
    public var label: String { self.passed ? "PASS" : "FAIL" }
}

extension Threshold {
    /// Evaluates this threshold against a source of values.
    public func evaluate(against source: some MetricSource) -> ThresholdVerdict {
        let kind = self.metric.kind
        let actual = source.value(of: self.metric)
        let limit: Double?
        let limitText: String
        switch self.operand {
        case .value(let v):
            limit = v
            limitText = ThresholdFormat.value(v, kind: kind)
        case .metric(let other):
            limit = source.value(of: other)
            limitText = "\(other.name) (" + (limit.map { ThresholdFormat.value($0, kind: kind) } ?? "unknown") + ")"
        }
        guard let actual else {
            return ThresholdVerdict(
                threshold: self, passed: false, actual: nil, limit: limit,
                explanation: "\(self.metric.name) is unknown for this run, so the threshold cannot pass")
        }
        guard let limit else {
            return ThresholdVerdict(
                threshold: self, passed: false, actual: actual, limit: nil,
                explanation:
                    "\(self.metric.name) = \(ThresholdFormat.value(actual, kind: kind)), but \(limitText) for this run, so the threshold cannot pass"
            )
        }
        let passed = self.comparison.holds(actual, limit)
        let relation = passed ? self.comparison.rawValue : "not \(self.comparison.rawValue)"
        return ThresholdVerdict(
            threshold: self, passed: passed, actual: actual, limit: limit,
            explanation: "\(self.metric.name) = \(ThresholdFormat.value(actual, kind: kind)), \(relation) \(limitText)")
    }
}

/// Several thresholds, as given by repeated `--threshold` flags.
public struct ThresholdSet: Sendable, Equatable {
    /// The thresholds, in the order given.
    public var thresholds: [Threshold]

    /// Creates a set from parsed thresholds.
    public init(_ thresholds: [Threshold]) {
        self.thresholds = thresholds
    }

    /// Parses each expression; the first bad one throws with its column.
    public init(parsing expressions: [String], vocabulary: ThresholdVocabulary = .run) throws(ThresholdSyntaxError) {
        var parsed: [Threshold] = []
        for expression in expressions {
            parsed.append(try Threshold.parse(expression, vocabulary: vocabulary))
        }
        self.thresholds = parsed
    }

    /// One verdict per threshold, in order.
    public func evaluate(against source: some MetricSource) -> [ThresholdVerdict] {
        self.thresholds.map { $0.evaluate(against: source) }
    }
}

extension Array where Element == ThresholdVerdict {
    /// Whether every verdict passed (true for none). `run` exits 99 when this is false.
    public var allPassed: Bool { self.allSatisfy(\.passed) }

    /// The count every renderer shows: `3 of 3 passed`, or when any failed, `2 of 3 failed`.
    public var tallyText: String {
        let failed = self.filter { !$0.passed }.count
        return failed == 0 ? "\(self.count) of \(self.count) passed" : "\(failed) of \(self.count) failed"
    }
}
