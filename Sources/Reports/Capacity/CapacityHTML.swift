import Foundation

/// `capacity.html`: the answer, three plots (delivered against offered with the identity line,
/// p99 against offered with the p99 SLO lines, the steps over time) and the table of steps. One
/// self-contained file: inline SVG, no script.
public enum CapacityHTML {
    public static func render(_ report: CapacityReport) -> String {
        PageTemplates.render(self.page(report), with: "capacity")
    }

    /// The data of `capacity.html`, what the `capacity` template shows.
    struct Page {
        var title = "pendo-replay capacity"
        var answer: String
        var meta: String
        var delivered: String
        var latency: String
        var time: String
        var header: [String]
        var rows: [Row]
        var tool: String
        var version: String
        var schemaVersion: Int
    }

    struct Row {
        var cells: [String]
    }

    static func page(_ report: CapacityReport) -> Page {
        // The table of capacity.md, so that both files list the same columns the same way.
        let table = CapacityMarkdown.render(report).split(separator: "\n").filter { $0.hasPrefix("|") }.map { line in
            line.split(separator: "|", omittingEmptySubsequences: false).dropFirst().dropLast()
                .map { $0.trimmingCharacters(in: .whitespaces) }
        }
        return Page(
            answer: report.maxSustainableRate.map { CapacityText.rate($0) } ?? "none found",
            meta: CapacityMarkdown.answer(report),
            delivered: self.deliveredChart(report).svg(), latency: self.latencyChart(report).svg(),
            time: self.timeChart(report).svg(),
            header: table.first ?? [], rows: table.dropFirst(2).map { Row(cells: $0) },
            tool: report.tool.name, version: report.tool.version, schemaVersion: report.schemaVersion)
    }

    static func deliveredChart(_ report: CapacityReport) -> LineChart {
        let curve = CapacityAnalysis.curve(report.steps)
        let top = (curve.map(\.offered).max() ?? report.settings.start)
        return LineChart(
            title: "Delivered against offered (requests/s)",
            series: [
                ChartSeries(name: "delivered", points: curve.map { ChartPoint(x: $0.offered, y: $0.delivered) }),
                ChartSeries(
                    name: "offered = delivered", points: [ChartPoint(x: 0, y: 0), ChartPoint(x: top, y: top)],
                    color: "#8a949e", dashed: true),
            ], xLabel: "offered requests/s", yLabel: "delivered requests/s")
    }

    static func latencyChart(_ report: CapacityReport) -> LineChart {
        let curve = CapacityAnalysis.curve(report.steps)
        let top = curve.map(\.offered).max() ?? report.settings.start
        var series = [
            ChartSeries(
                name: "p99 (corrected)", points: curve.map { ChartPoint(x: $0.offered, y: $0.latency?.p99 ?? .nan) })
        ]
        for slo in report.slos {
            // Only a p99 SLO belongs on a p99 plot; another percentile's limit there would mislead.
            guard let threshold = try? Threshold.parse(slo), case .percentile(99, corrected: true) = threshold.metric,
                case .value(let limit) = threshold.operand
            else { continue }
            series.append(
                ChartSeries(
                    name: "SLO \(slo)",
                    points: [ChartPoint(x: 0, y: limit * 1000), ChartPoint(x: top, y: limit * 1000)],
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
            delivered += [
                ChartPoint(x: clock + step.warmupSeconds, y: step.delivered), ChartPoint(x: end, y: step.delivered),
            ]
            delivered.append(ChartPoint(x: end, y: .nan))
            clock = end
        }
        return LineChart(
            title: "Steps over time (requests/s)",
            series: [
                ChartSeries(name: "offered", points: offered),
                ChartSeries(name: "delivered (after the warm-up)", points: delivered),
            ], xLabel: "seconds of steps", yLabel: "requests/s")
    }
}
