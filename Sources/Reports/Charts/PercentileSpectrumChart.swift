import Foundation
import Histogram

/// The latency-by-percentile plot of HdrHistogram's plotter: the horizontal axis is
/// `log10(1 / (1 - percentile))`, labelled 0%, 90%, 99%, ... 99.9999%, so the tail gets as much
/// room as the body; the vertical axis is latency, linear.
public struct PercentileSpectrumChart: Sendable {
    /// The chart's title.
    public var title: String
    /// Series whose x values are percentiles (0...100) and y values latencies.
    public var series: [ChartSeries]
    /// Vertical axis title, such as `latency (ms)`.
    public var yLabel: String
    /// Width of the SVG in pixels.
    public var width: Double
    /// Height of the SVG in pixels.
    public var height: Double

    /// The highest percentile drawn: 99.9999%.
    public static let maxNines = 6.0

    /// Creates a chart.
    public init(title: String, series: [ChartSeries], yLabel: String, width: Double = 880, height: Double = 360) {
        self.title = title
        self.series = series
        self.yLabel = yLabel
        self.width = width
        self.height = height
    }

    /// A series from a histogram: one point per percentile reporting tick, values divided by
    /// `valueUnitsPerOutputUnit` (1000 for µs -> ms).
    public static func series(
        from histogram: Histogram<UInt64>, name: String, valueUnitsPerOutputUnit: Double,
        color: String? = nil, dashed: Bool = false
    ) -> ChartSeries {
        var points: [ChartPoint] = []
        if histogram.totalCount > 0 {
            for step in histogram.percentiles(ticksPerHalfDistance: 5) {
                let percentile = Swift.min(step.percentileLevelIteratedTo, 100)
                let nines = Self.nines(percentile)
                if nines > Self.maxNines { break }
                points.append(ChartPoint(x: percentile, y: Double(step.value) / valueUnitsPerOutputUnit))
            }
            // The max closes the line at the right edge (HdrHistogram's plotter does the same).
            let top = ChartPoint(x: 100, y: Double(histogram.max) / valueUnitsPerOutputUnit)
            points.append(top)
        }
        return ChartSeries(name: name, points: points, color: color, dashed: dashed)
    }

    /// `log10(1 / (1 - p/100))`, capped at `maxNines`.
    static func nines(_ percentile: Double) -> Double {
        guard percentile < 100 else { return Self.maxNines }
        return Swift.min(Self.maxNines, log10(1 / (1 - percentile / 100)))
    }

    /// The chart as an `<svg>` element.
    public func svg() -> String {
        let frame = ChartFrame(width: self.width, height: self.height)
        let all = self.series.flatMap(\.points)
        let ys = NiceScale(lower: 0, upper: all.map(\.y).max() ?? 1)
        var out = frame.open(title: self.title)
        for tick in ys.ticks {
            let y = ys.map(tick, from: frame.bottom, to: frame.top)
            out += SVG.line(x1: frame.left, y1: y, x2: frame.right, y2: y, cls: "grid")
            out += SVG.text(ThresholdFormat.number(tick, fractionDigits: 3), x: frame.left - 6, y: y + 4, anchor: "end")
        }
        let labels = ["0%", "90%", "99%", "99.9%", "99.99%", "99.999%", "99.9999%"]
        for (nines, label) in labels.enumerated() {
            let x = frame.left + Double(nines) / Self.maxNines * (frame.right - frame.left)
            out += SVG.line(x1: x, y1: frame.top, x2: x, y2: frame.bottom, cls: "grid")
            out += SVG.text(
                label, x: x, y: frame.bottom + 18,
                anchor: nines == 0 ? "start" : (nines == labels.count - 1 ? "end" : "middle"))
        }
        out += frame.axes(xLabel: "percentile (log scale of 1/(1-p))", yLabel: self.yLabel)
        if all.isEmpty {
            out += SVG.text(
                "no data", x: (frame.left + frame.right) / 2, y: (frame.top + frame.bottom) / 2, cls: "empty")
        }
        for (index, series) in self.series.enumerated() {
            let color = series.color ?? SVG.palette[index % SVG.palette.count]
            // A step line: each value holds until the next percentile tick.
            var points: [(Double, Double)] = []
            for point in series.points {
                let x = frame.left + Self.nines(point.x) / Self.maxNines * (frame.right - frame.left)
                let y = ys.map(point.y, from: frame.bottom, to: frame.top)
                if let last = points.last { points.append((x, last.1)) }
                points.append((x, y))
            }
            if !points.isEmpty { out += SVG.polyline(points, color: color, dashed: series.dashed) }
        }
        out += frame.legend(self.series)
        return out + "</svg>"
    }
}
