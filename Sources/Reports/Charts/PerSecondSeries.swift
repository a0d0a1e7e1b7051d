/// The run's per-second figures as charts draw them: every second from the start to the end of the
/// run, the seconds in which nothing completed at zero (a stall shows as a gap, never as a line
/// across it), each second drawn over its span (steps), and the last, partial second at the rate it
/// had (its count over the part of the second the run lasted).
public struct PerSecondSeries: Sendable, Equatable {
    /// One second of the run.
    public struct Second: Sendable, Equatable {
        /// Seconds since the start at which it begins.
        public var start: Int
        /// How much of the second the run lasted: 1, less for the last second.
        public var span: Double
        /// The interval recorded for it, nil when nothing completed in it.
        public var sample: IntervalSample?
    }

    /// Every second of the run, in order.
    public var seconds: [Second]

    /// Zero-fills `intervals` over a run of `durationSeconds`: seconds `0 ..< ceil(duration)`, and
    /// any later second an interval names (answers counted after the measured end).
    public init(intervals: [IntervalSample], durationSeconds: Double) {
        var byStart: [Int: IntervalSample] = [:]
        for sample in intervals { byStart[sample.second] = sample }
        let duration = durationSeconds.isFinite ? max(0, durationSeconds) : 0
        let covered = Int(duration.rounded(.up))
        let last = max(covered, (intervals.map(\.second).max() ?? -1) + 1)
        let first = min(0, intervals.map(\.second).min() ?? 0)
        self.seconds = (first..<last).map { start in
            // The second the run ended in lasted only part of a second.
            let span = start == covered - 1 && duration < Double(covered) ? max(duration - Double(start), 0.001) : 1
            return Second(start: start, span: span, sample: byStart[start])
        }
    }

    /// A count per second as a rate, drawn as steps: each second's value held over its span; a
    /// second without a sample at zero.
    public func steps(_ name: String, color: String? = nil, dashed: Bool = false, _ value: (IntervalSample) -> Int)
        -> ChartSeries
    {
        var points: [ChartPoint] = []
        for second in self.seconds {
            let rate = second.sample.map { Double(value($0)) / second.span } ?? 0
            let start = Double(second.start)
            points.append(ChartPoint(x: start, y: rate))
            points.append(ChartPoint(x: start + second.span, y: rate))
        }
        return ChartSeries(name: name, points: points, color: color, dashed: dashed)
    }

    /// A latency statistic per second as steps; a second in which nothing completed has no latency,
    /// so the line breaks there (a non-finite `y`) instead of drawing across it.
    public func latencySteps(_ name: String, color: String? = nil, _ value: (IntervalSample) -> Double) -> ChartSeries {
        var points: [ChartPoint] = []
        for second in self.seconds {
            let start = Double(second.start)
            guard let sample = second.sample, sample.requests > 0 else {
                if let last = points.last, last.y.isFinite { points.append(ChartPoint(x: start, y: .nan)) }
                continue
            }
            points.append(ChartPoint(x: start, y: value(sample)))
            points.append(ChartPoint(x: start + second.span, y: value(sample)))
        }
        return ChartSeries(name: name, points: points, color: color)
    }

    /// The target rate an open-loop model asked for (`rate`, or the `stages` ramps), nil for closed
    /// loop and replay, which have none.
    public static func target(_ configuration: RunConfigurationRecord, until end: Double, color: String? = nil)
        -> ChartSeries?
    {
        var points: [ChartPoint] = []
        if let rate = configuration.rate {
            points = [ChartPoint(x: 0, y: rate), ChartPoint(x: max(end, 1), y: rate)]
        } else if let stages = configuration.stages {
            var time = 0.0
            var previous = 0.0
            points = [ChartPoint(x: 0, y: 0)]
            for stage in stages.split(separator: ",") {
                let parts = stage.split(separator: ":")
                guard parts.count == 2, let duration = Self.seconds(String(parts[0])), let target = Double(parts[1])
                else { return nil }
                time += duration
                points.append(ChartPoint(x: time, y: target))
                previous = target
            }
            if time < end { points.append(ChartPoint(x: end, y: previous)) }
        } else {
            return nil
        }
        return ChartSeries(name: "target rate", points: points, color: color, dashed: true)
    }

    /// `30s`, `1.5s`, `2m`, `500ms` as seconds (the forms a report's `stages` is written in).
    static func seconds(_ text: String) -> Double? {
        if text.hasSuffix("ms") { return Double(text.dropLast(2)).map { $0 / 1000 } }
        if text.hasSuffix("s") { return Double(text.dropLast()) }
        if text.hasSuffix("m") { return Double(text.dropLast()).map { $0 * 60 } }
        if text.hasSuffix("h") { return Double(text.dropLast()).map { $0 * 3600 } }
        return Double(text)
    }
}
