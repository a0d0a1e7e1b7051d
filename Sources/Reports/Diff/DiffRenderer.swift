import Foundation

/// `diff.md` and `diff.html` of a mapping diff (`diff.json`): the transitions, one bar per field
/// (identical / changed / type changed / added / removed records, the most changed first), the
/// samples, rejection reasons and warnings of both sides, `_id` problems and `--allow` verdicts.
public enum DiffRenderer {
    /// Fields drawn in the chart and listed in full (the rest are counted in one line).
    public static let fieldLimit = 60

    static let segments = [
        StackedBarChart.Segment(name: "identical", color: "#A6B1BB"),
        StackedBarChart.Segment(name: "changed", color: "#D55E00"),
        StackedBarChart.Segment(name: "type changed", color: "#CC79A7"),
        StackedBarChart.Segment(name: "added", color: "#009E73"),
        StackedBarChart.Segment(name: "removed", color: "#0072B2"),
    ]

    static let transitionNames: [String: String] = [
        "identical": "identical", "changed": "changed (both stored, records differ)",
        "mappedToRejected": "mapped → rejected", "rejectedToMapped": "rejected → mapped",
        "bothRejectedSameReason": "rejected by both, same reason", "bothRejectedOtherReason": "rejected by both, other reason",
    ]

    /// The verdict in one line.
    public static func verdict(_ facts: DiffFacts) -> (passed: Bool, text: String) {
        if !facts.allow.isEmpty {
            let failed = facts.allow.filter { !$0.passed }.count
            return (failed == 0, failed == 0 ? "every --allow rule holds (\(facts.allow.count))" : "\(failed) of \(facts.allow.count) --allow rules fail")
        }
        let differing = facts.events.differing
        return (differing == 0, differing == 0 ? "nothing changed beyond the noise" : "\(differing) of \(facts.events.total) events changed")
    }

    // MARK: Markdown

    public static func markdown(_ facts: DiffFacts) -> String {
        let c = SummaryRenderer.code
        var md = "# pendo-replay mapping diff\n\n"
        md += "- corpus: " + facts.corpus.map { "`\(c($0))`" }.joined(separator: ", ") + "\n"
        md += "- old: `\(c(facts.old.mapping))`" + (facts.old.schema.map { " with `\(c($0))`" } ?? " (no schema)") + "\n"
        md += "- new: `\(c(facts.new.mapping))`" + (facts.new.schema.map { " with `\(c($0))`" } ?? " (no schema)") + "\n"
        md += "- verdict: **\(self.verdict(facts).text)**\n"
        md += "- non-deterministic (left out): " + self.list(facts.nonDeterministic, c) + " (found over the first \(facts.noiseSample) events)\n"
        md += "- ignored (--ignore): " + self.list(facts.ignored, c) + "\n\n"
        if !facts.allow.isEmpty {
            md += "| --allow | verdict | value |\n| --- | --- | --- |\n"
            for rule in facts.allow { md += "| `\(c(rule.expression))` | \(rule.passed ? "PASS" : "FAIL") | \(c(rule.explanation)) |\n" }
            md += "\n"
        }
        md += "## Events\n\n| transition | events | samples |\n| --- | ---: | --- |\n"
        for t in facts.transitions {
            md += "| \(self.transitionNames[t.transition] ?? t.transition) | \(t.count) | \(self.samples(t.samples, c)) |\n"
        }
        md += "| unreadable | \(facts.events.unreadable) | \(facts.unreadableSamples.map { "`\(c($0))`" }.joined(separator: ", ")) |\n"
        md += "| **total compared** | **\(facts.events.total)** | |\n\n"
        md += "## Fields\n\nLeaf paths of the records both sets store, the most changed first.\n\n"
        let changed = facts.fields.filter { $0.different > 0 }
        md += "| path | identical | changed | type changed | added | removed |\n| --- | ---: | ---: | ---: | ---: | ---: |\n"
        for f in facts.fields.prefix(self.fieldLimit) {
            md += "| `\(c(f.path))` | \(f.identical) | \(f.changed) | \(f.typeChanged) | \(f.added) | \(f.removed) |\n"
        }
        if facts.fields.count > self.fieldLimit { md += "\n\(facts.fields.count - self.fieldLimit) more fields, all in diff.json.\n" }
        if !changed.isEmpty {
            md += "\n### Samples\n\n| path | change | event | key | old | new |\n| --- | --- | --- | --- | --- | --- |\n"
            for f in changed.prefix(self.fieldLimit) {
                for kind in ["changed", "typeChanged", "added", "removed"] {
                    for s in f.samples[kind] ?? [] {
                        md += "| `\(c(f.path))` | \(kind) | `\(c(s.event))` | \(s.key.map { "`\(c($0))`" } ?? "") | \(s.old.map { "`\(c($0))`" } ?? "") | \(s.new.map { "`\(c($0))`" } ?? "") |\n"
                    }
                }
            }
        }
        md += "\n## Rejection reasons\n\n" + self.reasonsMarkdown(facts.rejections, c)
        md += "\n## Warnings (fields dropped)\n\n" + self.reasonsMarkdown(facts.warnings, c)
        md += "\n## Identity (`_id`)\n\n| | old | new |\n| --- | ---: | ---: |\n"
        let old = facts.ids["old"], new = facts.ids["new"]
        md += "| empty or absent | \(old?.empty ?? 0) | \(new?.empty ?? 0) |\n"
        md += "| repeated (records beyond the first with an `_id`) | \(old?.repeated ?? 0) | \(new?.repeated ?? 0) |\n"
        for (side, ids) in [("old", old), ("new", new)] {
            guard let ids, !ids.repeatedSamples.isEmpty else { continue }
            md += "\nRepeated `_id` (\(side)): " + ids.repeatedSamples.map { "`\(c($0.event))` repeats `\(c($0.firstSeen))`" }.joined(separator: ", ") + "\n"
        }
        md += String(format: "\n%d events in %.2f s on %d workers.\n", facts.events.total + facts.events.unreadable, facts.seconds, facts.workers)
        return md
    }

    static func list(_ items: [String], _ c: (String) -> String) -> String {
        items.isEmpty ? "none" : items.map { "`\(c($0))`" }.joined(separator: ", ")
    }

    static func samples(_ samples: [DiffFacts.Sample], _ c: (String) -> String) -> String {
        samples.map { s in
            "`\(c(s.event))`" + (s.key.map { " (`\(c($0))`)" } ?? "") + ([s.old, s.new].compactMap { $0 }.isEmpty ? "" : ": " + [s.old, s.new].compactMap { $0.map(c) }.joined(separator: " → "))
        }.joined(separator: "; ")
    }

    static func reasonsMarkdown(_ reasons: [DiffFacts.Reason], _ c: (String) -> String) -> String {
        guard !reasons.isEmpty else { return "None.\n" }
        var md = "| code | rule | path | old | new | new reason | example | samples |\n| --- | --- | --- | ---: | ---: | --- | --- | --- |\n"
        for r in reasons {
            md += "| \(c(r.code)) | \(c(r.rule ?? "")) | `\(c(r.path))` | \(r.old) | \(r.new) | \(r.newReason ? "**yes**" : "") | \(c(r.exampleMessage)) | \(r.samples.map { "`\(c($0.event))`" }.joined(separator: ", ")) |\n"
        }
        return md
    }

    // MARK: HTML

    /// A self-contained page (inline CSS and SVG, no script), in the run report's style.
    public static func html(_ facts: DiffFacts) -> String {
        let e = HTMLRenderer.e
        let verdict = self.verdict(facts)
        var body = "<header><h1>pendo-replay mapping diff</h1><p class=\"meta\">"
        body += e(facts.corpus.joined(separator: ", ")) + " · old <code>\(e(facts.old.mapping))</code> · new <code>\(e(facts.new.mapping))</code></p></header>\n"
        body += "<section class=\"cards\">"
        body += HTMLRenderer.card(verdict.passed ? "PASS" : "CHANGED", verdict.text, cls: verdict.passed ? "pass" : "fail")
        body += HTMLRenderer.card(String(facts.events.total), "events compared")
        body += HTMLRenderer.card(String(facts.events.identical), "identical")
        body += HTMLRenderer.card(String(facts.events.changed), "changed records")
        body += HTMLRenderer.card(String(facts.events.mappedToRejected), "mapped → rejected")
        body += HTMLRenderer.card(String(facts.events.rejectedToMapped), "rejected → mapped")
        body += "</section>\n"
        if !facts.allow.isEmpty {
            body += "<section><h2>--allow rules</h2><table><tr><th>rule</th><th>verdict</th><th>value</th></tr>"
            for rule in facts.allow {
                body += "<tr><td><code>\(e(rule.expression))</code></td><td class=\"\(rule.passed ? "pass" : "fail")\">\(rule.passed ? "PASS" : "FAIL")</td><td>\(e(rule.explanation))</td></tr>"
            }
            body += "</table></section>\n"
        }
        body += "<section><h2>Events</h2><table><tr><th>transition</th><th class=\"num\">events</th><th>samples (event, key: old → new)</th></tr>"
        for t in facts.transitions {
            body += "<tr><td>\(e(self.transitionNames[t.transition] ?? t.transition))</td><td class=\"num\">\(t.count)</td><td>\(self.samplesHTML(t.samples))</td></tr>"
        }
        body += "<tr><td>unreadable</td><td class=\"num\">\(facts.events.unreadable)</td><td>\(facts.unreadableSamples.map { "<code>\(e($0))</code>" }.joined(separator: "<br>"))</td></tr>"
        body += "<tr><th>total compared</th><th class=\"num\">\(facts.events.total)</th><th></th></tr></table></section>\n"

        let shown = Array(facts.fields.prefix(self.fieldLimit))
        let chart = StackedBarChart(title: "Records per field (numbers: changed / type changed / added / removed)",
                                    segments: self.segments,
                                    rows: shown.map { f in
                                        StackedBarChart.Row(label: self.label(f.path),
                                                            values: [f.identical, f.changed, f.typeChanged, f.added, f.removed].map(Double.init))
                                    })
        body += "<section><h2>Fields</h2>\(chart.svg())"
        if facts.fields.count > shown.count { body += "<p>\(facts.fields.count - shown.count) more fields, all in diff.json.</p>" }
        body += "<p>Left out as non-deterministic: \(self.codes(facts.nonDeterministic)) (over the first \(facts.noiseSample) events); ignored by hand: \(self.codes(facts.ignored)).</p>"
        body += "<table><tr><th>path</th><th class=\"num\">identical</th><th class=\"num\">changed</th><th class=\"num\">type changed</th><th class=\"num\">added</th><th class=\"num\">removed</th></tr>"
        for f in shown {
            body += "<tr><td><code>\(e(f.path))</code></td><td class=\"num\">\(f.identical)</td><td class=\"num\">\(f.changed)</td><td class=\"num\">\(f.typeChanged)</td><td class=\"num\">\(f.added)</td><td class=\"num\">\(f.removed)</td></tr>"
        }
        body += "</table></section>\n"
        let changed = shown.filter { $0.different > 0 }
        body += "<section><h2>Samples</h2>"
        if changed.isEmpty {
            body += "<p>None: no field differs.</p>"
        } else {
            body += "<table><tr><th>path</th><th>change</th><th>event</th><th>key</th><th>old</th><th>new</th></tr>"
            for f in changed {
                for kind in ["changed", "typeChanged", "added", "removed"] {
                    for s in f.samples[kind] ?? [] {
                        body += "<tr><td><code>\(e(f.path))</code></td><td>\(e(kind))</td><td><code>\(e(s.event))</code></td><td><code>\(e(s.key ?? ""))</code></td><td><code>\(e(s.old ?? ""))</code></td><td><code>\(e(s.new ?? ""))</code></td></tr>"
                    }
                }
            }
            body += "</table>"
        }
        body += "</section>\n"
        body += "<section><h2>Rejection reasons</h2>\(self.reasonsHTML(facts.rejections))</section>\n"
        body += "<section><h2>Warnings (fields dropped)</h2>\(self.reasonsHTML(facts.warnings))</section>\n"
        let old = facts.ids["old"], new = facts.ids["new"]
        body += "<section><h2>Identity (<code>_id</code>)</h2><table><tr><th></th><th class=\"num\">old</th><th class=\"num\">new</th></tr>"
        body += "<tr><td>empty or absent</td><td class=\"num\">\(old?.empty ?? 0)</td><td class=\"num\">\(new?.empty ?? 0)</td></tr>"
        body += "<tr><td>repeated (the platform keeps one record per <code>_id</code>)</td><td class=\"num\">\(old?.repeated ?? 0)</td><td class=\"num\">\(new?.repeated ?? 0)</td></tr></table>"
        for (side, ids) in [("old", old), ("new", new)] {
            guard let ids, !ids.repeatedSamples.isEmpty else { continue }
            body += "<p>Repeated (\(side)): " + ids.repeatedSamples.map { "<code>\(e($0.event))</code> repeats <code>\(e($0.firstSeen))</code>" }.joined(separator: ", ") + "</p>"
        }
        body += "</section>\n"
        body += "<footer>\(facts.events.total + facts.events.unreadable) events in \(ThresholdFormat.number(facts.seconds, fractionDigits: 2)) s on \(facts.workers) workers · diff.json format \(facts.formatVersion)</footer>\n"
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>pendo-replay mapping diff</title>\n<style>\n\(HTMLRenderer.css)\n</style>\n</head>\n<body>\n\(body)</body>\n</html>\n"
    }

    /// A path that fits the label column: its end (the leaf) is what tells fields apart.
    static func label(_ path: String) -> String {
        path.count <= 34 ? path : "…" + String(path.suffix(33))
    }

    static func codes(_ items: [String]) -> String {
        items.isEmpty ? "none" : items.map { "<code>\(HTMLRenderer.e($0))</code>" }.joined(separator: ", ")
    }

    static func samplesHTML(_ samples: [DiffFacts.Sample]) -> String {
        samples.map { s in
            var text = "<code>\(HTMLRenderer.e(s.event))</code>"
            if let key = s.key { text += " (<code>\(HTMLRenderer.e(key))</code>)" }
            let sides = [s.old, s.new].compactMap { $0 }
            if !sides.isEmpty { text += ": " + sides.map(HTMLRenderer.e).joined(separator: " → ") }
            return text
        }.joined(separator: "<br>")
    }

    static func reasonsHTML(_ reasons: [DiffFacts.Reason]) -> String {
        guard !reasons.isEmpty else { return "<p>None.</p>" }
        let e = HTMLRenderer.e
        var html = "<table><tr><th>code</th><th>rule</th><th>path</th><th class=\"num\">old</th><th class=\"num\">new</th><th>example</th><th>samples</th></tr>"
        for r in reasons {
            html += "<tr><td>\(e(r.code))\(r.newReason ? " <strong>(new)</strong>" : "")</td><td>\(e(r.rule ?? ""))</td><td><code>\(e(r.path))</code></td><td class=\"num\">\(r.old)</td><td class=\"num\">\(r.new)</td><td>\(e(r.exampleMessage))</td><td>\(r.samples.map { "<code>\(e($0.event))</code>" }.joined(separator: "<br>"))</td></tr>"
        }
        return html + "</table>"
    }
}
