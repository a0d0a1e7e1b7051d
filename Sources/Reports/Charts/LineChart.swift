/// An inline SVG line chart with axes, round-number ticks, grid lines, axis titles and a legend.
public struct LineChart: Sendable {
    /// The chart's title, drawn above the plot.
    public var title: String
    /// The lines.
    public var series: [ChartSeries]
    /// Horizontal axis title, such as `seconds since start`.
    public var xLabel: String
    /// Vertical axis title, such as `latency (ms)`.
    public var yLabel: String
    /// Width and height of the SVG in pixels.
    public var width: Double
    /// Height of the SVG in pixels.
    public var height: Double

    /// Creates a chart.
    public init(
        title: String, series: [ChartSeries], xLabel: String, yLabel: String,
        width: Double = 880, height: Double = 320
    ) {
        self.title = title
        self.series = series
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.width = width
        self.height = height
    }

    /// The chart as an `<svg>` element.
    public func svg() -> String {
        let frame = ChartFrame(width: self.width, height: self.height)
        // A non-finite y is a break in its line (a second without a value), not a point.
        let all = self.series.flatMap(\.points).filter { $0.y.isFinite }
        let xs = NiceScale(lower: all.map(\.x).min() ?? 0, upper: all.map(\.x).max() ?? 1, maxTicks: 10)
        let ys = NiceScale(lower: all.map(\.y).min() ?? 0, upper: all.map(\.y).max() ?? 1)
        var out = frame.open(title: self.title)
        for tick in ys.ticks {
            let y = ys.map(tick, from: frame.bottom, to: frame.top)
            out += SVG.line(x1: frame.left, y1: y, x2: frame.right, y2: y, cls: "grid")
            out += SVG.text(ThresholdFormat.number(tick, fractionDigits: 3), x: frame.left - 6, y: y + 4, anchor: "end")
        }
        for tick in xs.ticks {
            let x = xs.map(tick, from: frame.left, to: frame.right)
            out += SVG.line(x1: x, y1: frame.bottom, x2: x, y2: frame.bottom + 5, cls: "axis")
            out += SVG.text(ThresholdFormat.number(tick, fractionDigits: 3), x: x, y: frame.bottom + 18)
        }
        out += frame.axes(xLabel: self.xLabel, yLabel: self.yLabel)
        if all.isEmpty {
            out += SVG.text(
                "no data", x: (frame.left + frame.right) / 2, y: (frame.top + frame.bottom) / 2, cls: "empty")
        }
        for (index, series) in self.series.enumerated() {
            let color = series.color ?? SVG.palette[index % SVG.palette.count]
            for run in series.points.split(whereSeparator: { !$0.y.isFinite }) {
                let points = run.map {
                    (xs.map($0.x, from: frame.left, to: frame.right), ys.map($0.y, from: frame.bottom, to: frame.top))
                }
                if points.count == 1 {
                    out +=
                        "<circle cx=\"\(SVG.n(points[0].0))\" cy=\"\(SVG.n(points[0].1))\" r=\"3\" fill=\"\(color)\"/>"
                } else if !points.isEmpty {
                    out += SVG.polyline(points, color: color, dashed: series.dashed)
                }
            }
        }
        out += frame.legend(self.series)
        return out + "</svg>"
    }
}

/// The plot area and the shared pieces of every chart: frame, axes, legend.
struct ChartFrame {
    let width: Double
    let height: Double
    var left: Double { 64 }
    var right: Double { self.width - 16 }
    var top: Double { 40 }
    var bottom: Double { self.height - 48 }

    func open(title: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(SVG.n(self.width)) \(SVG.n(self.height))\" width=\"\(SVG.n(self.width))\" height=\"\(SVG.n(self.height))\" role=\"img\" aria-label=\"\(XML.escape(title))\">"
            + "<title>\(XML.escape(title))</title>"
            + "<rect x=\"0\" y=\"0\" width=\"\(SVG.n(self.width))\" height=\"\(SVG.n(self.height))\" class=\"bg\"/>"
            + SVG.text(title, x: self.left, y: 20, anchor: "start", cls: "title")
    }

    func axes(xLabel: String, yLabel: String) -> String {
        SVG.line(x1: self.left, y1: self.bottom, x2: self.right, y2: self.bottom, cls: "axis")
            + SVG.line(x1: self.left, y1: self.top, x2: self.left, y2: self.bottom, cls: "axis")
            + SVG.text(xLabel, x: (self.left + self.right) / 2, y: self.height - 10, cls: "label")
            + SVG.text(
                yLabel, x: 14, y: (self.top + self.bottom) / 2, cls: "label",
                extra: " transform=\"rotate(-90 14 \(SVG.n((self.top + self.bottom) / 2)))\"")
    }

    func legend(_ series: [ChartSeries]) -> String {
        var out = ""
        var x = self.right
        for (index, item) in series.enumerated().reversed() {
            let color = item.color ?? SVG.palette[index % SVG.palette.count]
            let textWidth = Double(item.name.count) * 6.5 + 28
            x -= textWidth
            let dash = item.dashed ? " stroke-dasharray=\"6 4\"" : ""
            out +=
                "<line x1=\"\(SVG.n(x))\" y1=\"16\" x2=\"\(SVG.n(x + 18))\" y2=\"16\" stroke=\"\(color)\" stroke-width=\"3\"\(dash)/>"
            out += SVG.text(item.name, x: x + 22, y: 20, anchor: "start", cls: "legend")
        }
        return out
    }
}
