/// `report summary` and `report html` of a `validate` report (`validation.json`): the counts,
/// rejections by reason and warnings by mapping, as Markdown or as a self-contained page.
public enum ValidationRenderer {
    /// Markdown.
    public static func markdown(_ facts: ValidationFacts) -> String {
        var md = "# pendo-replay validation report\n\n"
        if !facts.corpus.isEmpty { md += "- corpus: " + facts.corpus.map { "`\(SummaryRenderer.code($0))`" }.joined(separator: ", ") + "\n" }
        if !facts.mapping.isEmpty { md += "- mapping set: `\(SummaryRenderer.code(facts.mapping))`\n" }
        md += "\n| events | count |\n| --- | ---: |\n"
        for (name, count) in self.counts(facts) { md += "| \(name) | \(count) |\n" }
        md += "\n## Rejections by reason\n\n"
        let reasons = self.sorted(facts.rejectionsByReason)
        md += reasons.isEmpty ? "None.\n" : "| reason | events |\n| --- | ---: |\n" + reasons.map { "| \(SummaryRenderer.code($0.0)) | \($0.1) |\n" }.joined()
        md += "\n## Warnings (fields dropped) by mapping\n\n"
        let warnings = self.sorted(facts.warningsByMapping).filter { $0.1 > 0 }
        md += warnings.isEmpty ? "None.\n" : "| mapping | fields dropped |\n| --- | ---: |\n" + warnings.map { "| \(SummaryRenderer.code($0.0)) | \($0.1) |\n" }.joined()
        return md
    }

    /// A self-contained HTML page with bar charts of rejections and warnings.
    public static func html(_ facts: ValidationFacts) -> String {
        var body = "<header><h1>pendo-replay validation report</h1><p class=\"meta\">"
        body += HTMLRenderer.e(facts.corpus.joined(separator: ", ")) + (facts.mapping.isEmpty ? "" : " · mapping set <code>\(HTMLRenderer.e(facts.mapping))</code>") + "</p></header>\n"
        body += "<section class=\"cards\">"
        for (name, count) in self.counts(facts) { body += HTMLRenderer.card(String(count), name) }
        body += "</section>\n"
        let reasons = self.sorted(facts.rejectionsByReason).prefix(20).map { BarChart.Bar(label: self.short($0.0), value: Double($0.1), color: "#D55E00") }
        let warnings = self.sorted(facts.warningsByMapping).filter { $0.1 > 0 }.prefix(20).map { BarChart.Bar(label: self.short($0.0), value: Double($0.1), color: "#E69F00") }
        body += "<section><h2>Rejections by reason</h2>\(BarChart(title: "Rejected events by reason", bars: Array(reasons)).svg())"
        body += self.table(self.sorted(facts.rejectionsByReason), header: "reason") + "</section>\n"
        body += "<section><h2>Warnings by mapping</h2>\(BarChart(title: "Fields dropped by mapping", bars: Array(warnings)).svg())"
        body += self.table(self.sorted(facts.warningsByMapping).filter { $0.1 > 0 }, header: "mapping") + "</section>\n"
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>pendo-replay validation report</title>\n<style>\n\(HTMLRenderer.css)\n</style>\n</head>\n<body>\n\(body)</body>\n</html>\n"
    }

    /// A bar label that fits the 200-pixel label column.
    static func short(_ label: String) -> String {
        label.count <= 28 ? label : String(label.prefix(27)) + "…"
    }

    static func counts(_ facts: ValidationFacts) -> [(String, Int)] {
        [("read", facts.eventsRead), ("mapped clean", facts.mappedClean), ("mapped with warnings", facts.mappedWithWarnings),
         ("rejected", facts.rejected), ("unreadable", facts.unreadable), ("fields dropped (warnings)", facts.warnings)]
    }

    static func sorted(_ counts: [String: Int]) -> [(String, Int)] {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) }
    }

    static func table(_ rows: [(String, Int)], header: String) -> String {
        guard !rows.isEmpty else { return "<p>None.</p>" }
        return "<table><tr><th>\(header)</th><th class=\"num\">count</th></tr>"
            + rows.map { "<tr><td><code>\(HTMLRenderer.e($0.0))</code></td><td class=\"num\">\($0.1)</td></tr>" }.joined() + "</table>"
    }
}
