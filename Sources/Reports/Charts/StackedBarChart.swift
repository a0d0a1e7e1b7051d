/// Horizontal bars made of coloured segments, one bar per row, with a legend: for a mapping
/// diff, one bar per field split into identical / changed / added / removed records.
public struct StackedBarChart: Sendable {
    /// One part of every bar (a name for the legend and a colour).
    public struct Segment: Sendable, Equatable {
        public var name: String
        public var color: String

        public init(name: String, color: String) {
            self.name = name
            self.color = color
        }
    }

    /// One bar: a label and one value per segment, in the order of `segments`.
    public struct Row: Sendable, Equatable {
        public var label: String
        public var values: [Double]

        public init(label: String, values: [Double]) {
            self.label = label
            self.values = values
        }
    }

    public var title: String
    public var segments: [Segment]
    public var rows: [Row]
    /// Width of the SVG in pixels.
    public var width: Double

    public init(title: String, segments: [Segment], rows: [Row], width: Double = 880) {
        self.title = title
        self.segments = segments
        self.rows = rows
        self.width = width
    }

    /// The chart as an `<svg>` element. Bars share one scale (the longest row fills the width),
    /// and each row ends with the counts of its segments after the first.
    public func svg() -> String {
        let rowHeight = 24.0
        let top = 56.0
        let height = top + rowHeight * Double(max(1, self.rows.count)) + 12
        let labelWidth = 260.0
        let left = labelWidth + 12
        let right = self.width - 150
        let maximum = self.rows.map { $0.values.reduce(0, +) }.max() ?? 0
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(SVG.n(self.width)) \(SVG.n(height))\" width=\"\(SVG.n(self.width))\" height=\"\(SVG.n(height))\" role=\"img\" aria-label=\"\(XML.escape(self.title))\">"
        out += "<title>\(XML.escape(self.title))</title>"
        out += "<rect x=\"0\" y=\"0\" width=\"\(SVG.n(self.width))\" height=\"\(SVG.n(height))\" class=\"bg\"/>"
        out += SVG.text(self.title, x: 16, y: 20, anchor: "start", cls: "title")
        var legendX = 16.0
        for segment in self.segments {
            out += "<rect x=\"\(SVG.n(legendX))\" y=\"30\" width=\"12\" height=\"12\" fill=\"\(segment.color)\"/>"
            out += SVG.text(segment.name, x: legendX + 16, y: 40, anchor: "start", cls: "legend")
            legendX += 24 + Double(segment.name.count) * 7.5
        }
        if self.rows.isEmpty {
            out += SVG.text("no fields", x: self.width / 2, y: top + rowHeight / 2, cls: "empty")
        }
        for (index, row) in self.rows.enumerated() {
            let y = top + rowHeight * Double(index)
            out += SVG.text(row.label, x: labelWidth, y: y + 16, anchor: "end", cls: "legend")
            var x = left
            for (position, value) in row.values.enumerated() where position < self.segments.count && value > 0 {
                let length = max(3, maximum > 0 ? (right - left) * value / maximum : 0)
                out +=
                    "<rect x=\"\(SVG.n(x))\" y=\"\(SVG.n(y + 4))\" width=\"\(SVG.n(length))\" height=\"\(SVG.n(rowHeight - 8))\" fill=\"\(self.segments[position].color)\"><title>\(XML.escape(row.label)): \(XML.escape(self.segments[position].name)) \(ThresholdFormat.number(value, fractionDigits: 0))</title></rect>"
                x += length
            }
            let rest = row.values.dropFirst().map { ThresholdFormat.number($0, fractionDigits: 0) }.joined(
                separator: " / ")
            out += SVG.text(rest, x: x + 6, y: y + 16, anchor: "start", cls: "tick")
        }
        return out + "</svg>"
    }
}
