/// `report summary` and `report html` of a `validate` report (`validation.json`): the counts,
/// rejections by reason and warnings by mapping, as Markdown or as a self-contained page.
public enum ValidationRenderer {
    /// Markdown.
    public static func markdown(_ facts: ValidationFacts) -> String {
        var md = "# pendo-replay validation report\n\n"
        if !facts.corpus.isEmpty {
            md += "- corpus: " + facts.corpus.map { "`\(SummaryRenderer.code($0))`" }.joined(separator: ", ") + "\n"
        }
        if !facts.mapping.isEmpty { md += "- mapping set: `\(SummaryRenderer.code(facts.mapping))`\n" }
        md += "\n| events | count |\n| --- | ---: |\n"
        for (name, count) in self.counts(facts) { md += "| \(name) | \(count) |\n" }
        md += "\n## Rejections by reason\n\n"
        let reasons = self.sorted(facts.rejectionsByReason)
        md +=
            reasons.isEmpty
            ? "None.\n"
            : "| reason | events |\n| --- | ---: |\n"
                + reasons.map { "| \(SummaryRenderer.code($0.0)) | \($0.1) |\n" }.joined()
        md += "\n## Warnings (fields dropped) by mapping\n\n"
        let warnings = self.sorted(facts.warningsByMapping).filter { $0.1 > 0 }
        md +=
            warnings.isEmpty
            ? "None.\n"
            : "| mapping | fields dropped |\n| --- | ---: |\n"
                + warnings.map { "| \(SummaryRenderer.code($0.0)) | \($0.1) |\n" }.joined()
        return md
    }

    /// A self-contained HTML page with bar charts of rejections and warnings.
    public static func html(_ facts: ValidationFacts) -> String {
        PageTemplates.render(self.page(facts), with: "validation")
    }

    /// The data of the page, what the `validation` template shows.
    struct Page {
        var title = "pendo-replay validation report"
        var noViewport = true
        var corpus: String
        var mapping: String?
        var cards: [PagePart.Card]
        var rejectionChart: String
        var rejections: Table
        var warningChart: String
        var warnings: Table
    }

    /// Rows of names and counts under a header naming what is counted.
    struct Table {
        var header: String
        var rows: [PagePart.CountRow]
    }

    static func page(_ facts: ValidationFacts) -> Page {
        let reasons = self.sorted(facts.rejectionsByReason)
        let warnings = self.sorted(facts.warningsByMapping).filter { $0.1 > 0 }
        let reasonBars = reasons.prefix(20).map {
            BarChart.Bar(label: self.short($0.0), value: Double($0.1), color: "#D55E00")
        }
        let warningBars = warnings.prefix(20).map {
            BarChart.Bar(label: self.short($0.0), value: Double($0.1), color: "#E69F00")
        }
        return Page(
            corpus: facts.corpus.joined(separator: ", "), mapping: facts.mapping.isEmpty ? nil : facts.mapping,
            cards: self.counts(facts).map { PagePart.Card(value: String($0.1), label: $0.0) },
            rejectionChart: BarChart(title: "Rejected events by reason", bars: Array(reasonBars)).svg(),
            rejections: Table(header: "reason", rows: reasons.map { PagePart.CountRow(name: $0.0, count: $0.1) }),
            warningChart: BarChart(title: "Fields dropped by mapping", bars: Array(warningBars)).svg(),
            warnings: Table(header: "mapping", rows: warnings.map { PagePart.CountRow(name: $0.0, count: $0.1) }))
    }

    /// A bar label that fits the 200-pixel label column.
    static func short(_ label: String) -> String {
        label.count <= 28 ? label : String(label.prefix(27)) + "…"
    }

    static func counts(_ facts: ValidationFacts) -> [(String, Int)] {
        [
            ("read", facts.eventsRead), ("mapped clean", facts.mappedClean),
            ("mapped with warnings", facts.mappedWithWarnings),
            ("rejected", facts.rejected), ("unreadable", facts.unreadable),
            ("fields dropped (warnings)", facts.warnings),
        ]
    }

    static func sorted(_ counts: [String: Int]) -> [(String, Int)] {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
