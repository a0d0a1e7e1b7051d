extension RunReport {
    /// The longest run a report may say it lasted: 100 years, as the longest `--duration`.
    public static let longestSeconds = 100 * 365 * 86_400.0
    /// How far past the measured end an interval may start (answers counted during the drain).
    static let latestIntervalAfterEnd = 86_400

    /// Why the numbers of a report read from a file cannot be rendered, merged or compared (they
    /// would trap when converted, or size a per-second series past memory), or nil.
    public var boundsProblem: String? {
        guard self.durationSeconds.isFinite, (0...Self.longestSeconds).contains(self.durationSeconds) else {
            return
                "durationSeconds \(self.durationSeconds) is not a duration from 0 to \(Int(Self.longestSeconds)) seconds"
        }
        let last = Int(self.durationSeconds.rounded(.up)) + Self.latestIntervalAfterEnd
        for (index, interval) in self.intervals.enumerated() where !(-1...last).contains(interval.second) {
            return
                "intervals[\(index)].second \(interval.second) is outside the run (-1 to \(last) for a run of \(self.durationSeconds) s)"
        }
        return nil
    }
}
