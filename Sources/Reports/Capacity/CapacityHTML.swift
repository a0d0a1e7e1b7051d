import Foundation

/// `capacity.html`: the answer, three plots (delivered against offered with the identity line,
/// p99 against offered with the p99 SLO lines, the steps over time) and the table of steps. One
/// self-contained file: inline SVG, no script.
public enum CapacityHTML {
    public static func render(_ report: CapacityReport) -> String {
        let e = XML.escape
        var body = "<h1>Capacity: " + e(report.maxSustainableRate.map { CapacityText.rate($0) } ?? "none found") + "</h1>\n"
        body += "<p class=\"meta\">" + e(CapacityMarkdown.answer(report)) + "</p>\n"
        body += "<section><h2>Delivered against offered</h2>" + Self.deliveredChart(report).svg() + "</section>\n"
        body += "<section><h2>p99 against offered</h2>" + Self.latencyChart(report).svg() + "</section>\n"
        body += "<section><h2>Steps over time</h2>" + Self.timeChart(report).svg() + "</section>\n"
        let table = CapacityMarkdown.render(report).split(separator: "\n").filter { $0.hasPrefix("|") }
        body += "<section><h2>Steps</h2><table>"
        for (index, line) in table.enumerated() where index != 1 {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
            let tag = index == 0 ? "th" : "td"
            body += "<tr>" + cells.map { "<\(tag)>\(e($0.trimmingCharacters(in: .whitespaces)))</\(tag)>" }.joined() + "</tr>"
        }
        body += "</table></section>\n"
        body += "<footer>\(e(report.tool.name)) \(e(report.tool.version)) · capacity schema \(report.schemaVersion)</footer>\n"
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>pendo-replay capacity</title>
            <style>
            \(HTMLRenderer.css)
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    static func deliveredChart(_ report: CapacityReport) -> LineChart {
        let curve = CapacityAnalysis.curve(report.steps)
        let top = (curve.map(\.offered).max() ?? report.settings.start)
        return LineChart(title: "Delivered against offered (requests/s)", series: [
            ChartSeries(name: "delivered", points: curve.map { ChartPoint(x: $0.offered, y: $0.delivered) }),
            ChartSeries(name: "offered = delivered", points: [ChartPoint(x: 0, y: 0), ChartPoint(x: top, y: top)], color: "#8a949e", dashed: true),
        ], xLabel: "offered requests/s", yLabel: "delivered requests/s")
    }

    static func latencyChart(_ report: CapacityReport) -> LineChart {
        let curve = CapacityAnalysis.curve(report.steps)
        let top = curve.map(\.offered).max() ?? report.settings.start
        var series = [ChartSeries(name: "p99 (corrected)", points: curve.map { ChartPoint(x: $0.offered, y: $0.latency?.p99 ?? .nan) })]
        for slo in report.slos {
            // Only a p99 SLO belongs on a p99 plot; another percentile's limit there would mislead.
            guard let threshold = try? Threshold.parse(slo), case .percentile(99, corrected: true) = threshold.metric,
                  case .value(let limit) = threshold.operand else { continue }
            series.append(ChartSeries(name: "SLO \(slo)", points: [ChartPoint(x: 0, y: limit * 1000), ChartPoint(x: top, y: limit * 1000)],
                                      color: "#c0392b", dashed: true))
        }
        return LineChart(title: "p99 against offered", series: series, xLabel: "offered requests/s", yLabel: "ms")
    }

    static func timeChart(_ report: CapacityReport) -> LineChart {
        var offered: [ChartPoint] = []
        var delivered: [ChartPoint] = []
        var clock = 0.0
        for step in report.steps {
            let end = clock + step.warmupSeconds + step.windowSeconds * Double(step.windowsPassed.count)
            offered += [ChartPoint(x: clock, y: step.offered), ChartPoint(x: end, y: step.offered)]
            delivered += [ChartPoint(x: clock + step.warmupSeconds, y: step.delivered), ChartPoint(x: end, y: step.delivered)]
            delivered.append(ChartPoint(x: end, y: .nan))
            clock = end
        }
        return LineChart(title: "Steps over time (requests/s)", series: [
            ChartSeries(name: "offered", points: offered),
            ChartSeries(name: "delivered (after the warm-up)", points: delivered),
        ], xLabel: "seconds of steps", yLabel: "requests/s")
    }
}
