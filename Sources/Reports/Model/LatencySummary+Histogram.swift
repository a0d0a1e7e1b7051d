import Histogram

extension LatencySummary {
    /// The summary of a histogram of microsecond values, in milliseconds.
    public init<C>(microseconds histogram: Histogram<C>) {
        guard histogram.totalCount > 0 else {
            self.init()
            return
        }
        func ms(_ value: UInt64) -> Double { Double(value) / 1000 }
        self.init(
            count: Int(histogram.totalCount),
            min: ms(histogram.min),
            p50: ms(histogram.valueAtPercentile(50)),
            p90: ms(histogram.valueAtPercentile(90)),
            p99: ms(histogram.valueAtPercentile(99)),
            p999: ms(histogram.valueAtPercentile(99.9)),
            max: ms(histogram.max),
            mean: histogram.mean / 1000
        )
    }
}

/// How this project's latency histograms are shaped, so that all of them merge.
public enum LatencyHistograms {
    /// Microsecond values, 1 µs to 1 hour, 3 significant digits.
    public static func make<C>(_ type: C.Type = UInt64.self) -> Histogram<C> {
        Histogram<C>(
            lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: .three)
    }
}
