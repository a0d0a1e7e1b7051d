/// What differs between two runs' setups: a comparison of runs made under different load models,
/// rates, concurrency, payloads or targets measures the change of setup as much as the change of
/// the inlet, so `report compare` says so before its verdict.
public enum SetupDifferences {
    /// One line per differing setting, `rate: 500 → 2000`; empty when the setups match.
    public static func between(_ baseline: RunConfigurationRecord, _ candidate: RunConfigurationRecord) -> [String] {
        func text(_ value: Double?) -> String { value.map { ThresholdFormat.number($0) } ?? "-" }
        let pairs: [(String, String, String)] = [
            ("load model", baseline.loadModel, candidate.loadModel),
            ("rate", text(baseline.rate), text(candidate.rate)),
            ("stages", baseline.stages ?? "-", candidate.stages ?? "-"),
            ("replay speed", text(baseline.replaySpeed), text(candidate.replaySpeed)),
            ("concurrency", String(baseline.concurrency), String(candidate.concurrency)),
            ("payload", baseline.payload, candidate.payload),
            ("batch", String(baseline.batch), String(candidate.batch)),
            ("target", baseline.inlet, candidate.inlet),
        ]
        return pairs.filter { $0.1 != $0.2 }.map { "\($0.0): \($0.1) → \($0.2)" }
    }
}
