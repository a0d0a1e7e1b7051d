/// `report compare` of two runs: a side-by-side table of metrics with deltas and a verdict per
/// metric. A regression is the candidate's p99 (corrected) or error rate worse, or its request
/// rate lower, by more than the tolerance; other rows are shown for information.
public struct RunComparison: Sendable {
    /// Which direction is better for a metric.
    public enum Better: String, Sendable {
        case lower, higher, neither
    }

    /// The verdict of one row.
    public enum Verdict: String, Sendable {
        /// Within the tolerance.
        case same
        /// Better beyond the tolerance.
        case better
        /// Worse beyond the tolerance, on a metric that is not gated.
        case worse
        /// Worse beyond the tolerance on a gated metric: `report compare` exits 99.
        case regression
        /// Not comparable (unknown on one side, or no better direction).
        case info
    }

    /// One metric of the table.
    public struct Row: Sendable {
        /// The metric.
        public var metric: Metric
        /// Its value in the baseline (base unit), nil when unknown.
        public var baseline: Double?
        /// Its value in the candidate, nil when unknown.
        public var candidate: Double?
        /// Which direction is better.
        public var better: Better
        /// Whether a worse value beyond the tolerance is a regression.
        public var gated: Bool
        /// The verdict.
        public var verdict: Verdict

        /// `(candidate - baseline) / baseline`, nil when either is unknown or the baseline is 0.
        public var relativeDelta: Double? {
            guard let baseline, let candidate, baseline != 0 else { return nil }
            return (candidate - baseline) / baseline
        }
    }

    /// The rows, gated metrics first.
    public var rows: [Row]
    /// The relative tolerance (0.1 for 10%).
    public var tolerance: Double

    /// Whether any gated metric regressed.
    public var hasRegression: Bool { self.rows.contains { $0.verdict == .regression } }

    /// The metrics compared: (metric, better, gated).
    public static let metrics: [(Metric, Better, Bool)] = [
        (.percentile(99, corrected: true), .lower, true),
        (.errorRate, .lower, true),
        (.requestsPerSecond, .higher, true),
        (.percentile(50, corrected: true), .lower, false),
        (.percentile(90, corrected: true), .lower, false),
        (.percentile(99.9, corrected: true), .lower, false),
        (.latency(.max, corrected: true), .lower, false),
        (.percentile(99, corrected: false), .lower, false),
        (.eventsPerSecond, .higher, false),
        (.count(.planned), .neither, false),
        (.count(.sent), .neither, false),
        (.count(.accepted), .neither, false),
        (.count(.rejected), .lower, false),
        (.count(.failed), .lower, false),
        (.count(.unknown), .lower, false),
        (.count(.unsent), .lower, false),
    ]

    /// Differences smaller than these are never a change, whatever the relative delta: it keeps a
    /// 0 -> 0.001% error rate or a 1 µs latency shift from failing a build.
    static func absoluteFloor(_ kind: MetricKind) -> Double {
        switch kind {
        case .duration: return 0.000_01
        case .ratio: return 0.000_1
        case .rate: return 0.5
        case .count: return 0.5
        }
    }

    /// Compares two runs' metrics.
    public init(baseline: some MetricSource, candidate: some MetricSource, tolerance: Double) {
        self.tolerance = tolerance
        self.rows = Self.metrics.map { metric, better, gated in
            let b = baseline.value(of: metric)
            let c = candidate.value(of: metric)
            var row = Row(metric: metric, baseline: b, candidate: c, better: better, gated: gated, verdict: .info)
            guard let b, let c, better != .neither else { return row }
            let change = c - b
            let beyond = abs(change) > abs(b) * tolerance && abs(change) > Self.absoluteFloor(metric.kind)
            if !beyond {
                row.verdict = .same
            } else if (change < 0) == (better == .lower) {
                row.verdict = .better
            } else {
                row.verdict = gated ? .regression : .worse
            }
            return row
        }
    }

    /// The comparison as a Markdown table, with a verdict line.
    public func markdown(baselineName: String, candidateName: String) -> String {
        var md = "# Run comparison\n\n"
        md +=
            "- baseline: `\(SummaryRenderer.code(baselineName))`\n- candidate: `\(SummaryRenderer.code(candidateName))`\n"
        md += "- tolerance: \(ThresholdFormat.number(self.tolerance * 100, fractionDigits: 2))%\n"
        md +=
            "- verdict: "
            + (self.hasRegression
                ? "**REGRESSION** ("
                    + self.rows.filter { $0.verdict == .regression }.map(\.metric.name).joined(separator: ", ") + ")"
                : "no regression") + "\n\n"
        md += "| metric | baseline | candidate | delta | verdict |\n| --- | ---: | ---: | ---: | --- |\n"
        for row in self.rows {
            let kind = row.metric.kind
            let b = row.baseline.map { ThresholdFormat.value($0, kind: kind) } ?? "unknown"
            let c = row.candidate.map { ThresholdFormat.value($0, kind: kind) } ?? "unknown"
            var delta = ""
            if let base = row.baseline, let cand = row.candidate {
                let sign = cand - base >= 0 ? "+" : ""
                delta =
                    row.relativeDelta.map { sign + ThresholdFormat.number($0 * 100, fractionDigits: 1) + "%" }
                    ?? (cand == base ? "0" : sign + ThresholdFormat.value(cand - base, kind: kind))
            }
            let verdict = row.verdict == .regression ? "**regression**" : row.verdict.rawValue
            md += "| \(row.metric.name)\(row.gated ? " (gated)" : "") | \(b) | \(c) | \(delta) | \(verdict) |\n"
        }
        return md
    }
}
