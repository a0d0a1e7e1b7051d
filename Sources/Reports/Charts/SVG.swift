/// Small helpers to write SVG text deterministically.
enum SVG {
    /// A coordinate with at most one decimal.
    static func n(_ value: Double) -> String {
        ThresholdFormat.number(value, fractionDigits: 1)
    }

    static func text(
        _ content: String, x: Double, y: Double, anchor: String = "middle", cls: String = "tick",
        extra: String = ""
    ) -> String {
        "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\" class=\"\(cls)\"\(extra)>\(XML.escape(content))</text>"
    }

    static func line(x1: Double, y1: Double, x2: Double, y2: Double, cls: String) -> String {
        "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" class=\"\(cls)\"/>"
    }

    static func polyline(_ points: [(Double, Double)], color: String, dashed: Bool = false) -> String {
        let coordinates = points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
        let dash = dashed ? " stroke-dasharray=\"6 4\"" : ""
        return "<polyline points=\"\(coordinates)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"\(dash)/>"
    }

    /// The palette the charts cycle through (colour-blind friendly, after Okabe and Ito).
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
}
