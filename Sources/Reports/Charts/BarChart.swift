/// A horizontal bar chart with labels and counts, for the status-code breakdown.
public struct BarChart: Sendable {
    /// One bar.
    public struct Bar: Sendable, Equatable {
        /// The label on the left, such as `200` or `timeout`.
        public var label: String
        /// The bar's length.
        public var value: Double
        /// A CSS colour.
        public var color: String

        /// Creates a bar.
        public init(label: String, value: Double, color: String) {
            self.label = label
            self.value = value
            self.color = color
        }
    }

    /// The chart's title.
    public var title: String
    /// The bars, top to bottom.
    public var bars: [Bar]
    /// Width of the SVG in pixels.
    public var width: Double

    /// Creates a chart.
    public init(title: String, bars: [Bar], width: Double = 880) {
        self.title = title
        self.bars = bars
        self.width = width
    }

    /// The colour for a status code or error class: 2xx green, 3xx blue, 4xx orange, 5xx red, others grey.
    public static func color(forStatus label: String) -> String {
        switch label.first {
        case "2": return "#009E73"
        case "3": return "#56B4E9"
        case "4": return "#E69F00"
        case "5": return "#D55E00"
        default: return "#7f7f7f"
        }
    }

    /// The chart as an `<svg>` element.
    public func svg() -> String {
        let rowHeight = 26.0
        let height = 48 + rowHeight * Double(max(1, self.bars.count)) + 12
        let labelWidth = 200.0
        let left = labelWidth + 12
        let right = self.width - 110
        let total = self.bars.reduce(0) { $0 + $1.value }
        let maximum = self.bars.map(\.value).max() ?? 0
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(SVG.n(self.width)) \(SVG.n(height))\" width=\"\(SVG.n(self.width))\" height=\"\(SVG.n(height))\" role=\"img\" aria-label=\"\(XML.escape(self.title))\">"
        out += "<title>\(XML.escape(self.title))</title>"
        out += "<rect x=\"0\" y=\"0\" width=\"\(SVG.n(self.width))\" height=\"\(SVG.n(height))\" class=\"bg\"/>"
        out += SVG.text(self.title, x: 64, y: 20, anchor: "start", cls: "title")
        if self.bars.isEmpty {
            out += SVG.text("no answers", x: self.width / 2, y: 48 + rowHeight / 2, cls: "empty")
        }
        for (index, bar) in self.bars.enumerated() {
            let y = 40 + rowHeight * Double(index)
            let length = maximum > 0 ? (right - left) * bar.value / maximum : 0
            out += SVG.text(bar.label, x: labelWidth, y: y + 17, anchor: "end", cls: "legend")
            out +=
                "<rect x=\"\(SVG.n(left))\" y=\"\(SVG.n(y + 4))\" width=\"\(SVG.n(max(length, bar.value > 0 ? 1 : 0)))\" height=\"\(SVG.n(rowHeight - 8))\" fill=\"\(bar.color)\"/>"
            let share =
                total > 0 ? " (" + ThresholdFormat.number(bar.value / total * 100, fractionDigits: 2) + "%)" : ""
            out += SVG.text(
                ThresholdFormat.number(bar.value, fractionDigits: 0) + share, x: left + length + 6, y: y + 17,
                anchor: "start", cls: "tick")
        }
        return out + "</svg>"
    }
}
