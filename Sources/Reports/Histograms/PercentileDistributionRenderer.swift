import Histogram

/// `latency.hgrm`: HdrHistogram's percentile distribution text, as `outputPercentileDistribution`
/// prints it (readable by HdrHistogram's plotter and `hdr-plot`).
public enum PercentileDistributionRenderer {
    /// Renders the distribution.
    ///
    /// - Parameters:
    ///   - histogram: The latency histogram.
    ///   - outputValueUnitScalingRatio: What values are divided by (1000 for µs -> ms).
    ///   - ticksPerHalfDistance: Percentile reporting ticks per half distance (HdrHistogram's default 5).
    public static func render(
        _ histogram: Histogram<UInt64>, outputValueUnitScalingRatio: Double,
        ticksPerHalfDistance: Int = 5
    ) -> String {
        var out = ""
        histogram.outputPercentileDistribution(
            to: &out, outputValueUnitScalingRatio: outputValueUnitScalingRatio,
            percentileTicksPerHalfDistance: ticksPerHalfDistance)
        return out
    }
}
