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
        "bothRejectedSameReason": "rejected by both, same reason",
        "bothRejectedOtherReason": "rejected by both, other reason",
    ]

    /// The verdict in one line.
    public static func verdict(_ facts: DiffFacts) -> (passed: Bool, text: String) {
        if !facts.allow.isEmpty {
            let failed = facts.allow.filter { !$0.passed }.count
            return (
                failed == 0,
                failed == 0
                    ? "every --allow rule holds (\(facts.allow.count))"
                    : "\(failed) of \(facts.allow.count) --allow rules fail"
            )
        }
        let differing = facts.events.differing
        return (
            differing == 0,
            differing == 0 ? "nothing changed beyond the noise" : "\(differing) of \(facts.events.total) events changed"
        )
    }

    // MARK: Markdown

    public static func markdown(_ facts: DiffFacts) -> String {
        let c = SummaryRenderer.code
        var md = "# pendo-replay mapping diff\n\n"
        md += "- corpus: " + facts.corpus.map { "`\(c($0))`" }.joined(separator: ", ") + "\n"
        md +=
            "- old: `\(c(facts.old.mapping))`" + (facts.old.schema.map { " with `\(c($0))`" } ?? " (no schema)") + "\n"
        md +=
            "- new: `\(c(facts.new.mapping))`" + (facts.new.schema.map { " with `\(c($0))`" } ?? " (no schema)") + "\n"
        md += "- verdict: **\(self.verdict(facts).text)**\n"
        md +=
            "- non-deterministic (left out): " + self.list(facts.nonDeterministic, c)
            + " (found over the first \(facts.noiseSample) events)\n"
        md += "- ignored (--ignore): " + self.list(facts.ignored, c) + "\n\n"
        if !facts.allow.isEmpty {
            md += "| --allow | verdict | value |\n| --- | --- | --- |\n"
            for rule in facts.allow {
                md += "| `\(c(rule.expression))` | \(rule.passed ? "PASS" : "FAIL") | \(c(rule.explanation)) |\n"
            }
            md += "\n"
        }
        md += "## Events\n\n| transition | events | samples |\n| --- | ---: | --- |\n"
        for t in facts.transitions {
            md +=
                "| \(self.transitionNames[t.transition] ?? t.transition) | \(t.count) | \(self.samples(t.samples, c)) |\n"
        }
        md +=
            "| unreadable | \(facts.events.unreadable) | \(facts.unreadableSamples.map { "`\(c($0))`" }.joined(separator: ", ")) |\n"
        md += "| **total compared** | **\(facts.events.total)** | |\n\n"
        md += "## Fields\n\nLeaf paths of the records both sets store, the most changed first.\n\n"
        let changed = facts.fields.filter { $0.different > 0 }
        md +=
            "| path | identical | changed | type changed | added | removed |\n| --- | ---: | ---: | ---: | ---: | ---: |\n"
        for f in facts.fields.prefix(self.fieldLimit) {
            md += "| `\(c(f.path))` | \(f.identical) | \(f.changed) | \(f.typeChanged) | \(f.added) | \(f.removed) |\n"
        }
        if facts.fields.count > self.fieldLimit {
            md += "\n\(facts.fields.count - self.fieldLimit) more fields, all in diff.json.\n"
        }
        if !changed.isEmpty {
            md +=
                "\n### Samples\n\n| path | change | event | key | old | new |\n| --- | --- | --- | --- | --- | --- |\n"
            for f in changed.prefix(self.fieldLimit) {
                for kind in ["changed", "typeChanged", "added", "removed"] {
                    for s in f.samples[kind] ?? [] {
                        md +=
                            "| `\(c(f.path))` | \(kind) | `\(c(s.event))` | \(s.key.map { "`\(c($0))`" } ?? "") | \(s.old.map { "`\(c($0))`" } ?? "") | \(s.new.map { "`\(c($0))`" } ?? "") |\n"
                    }
                }
            }
        }
        md += "\n## Rejection reasons\n\n" + self.reasonsMarkdown(facts.rejections, c)
        md += "\n## Warnings (fields dropped)\n\n" + self.reasonsMarkdown(facts.warnings, c)
        md += "\n## Identity (`_id`)\n\n| | old | new |\n| --- | ---: | ---: |\n"
        let old = facts.ids["old"]
        let new = facts.ids["new"]
        md += "| empty or absent | \(old?.empty ?? 0) | \(new?.empty ?? 0) |\n"
        md += "| repeated (records beyond the first with an `_id`) | \(old?.repeated ?? 0) | \(new?.repeated ?? 0) |\n"
        for (side, ids) in [("old", old), ("new", new)] {
            guard let ids, !ids.repeatedSamples.isEmpty else { continue }
            md +=
                "\nRepeated `_id` (\(side)): "
                + ids.repeatedSamples.map { "`\(c($0.event))` repeats `\(c($0.firstSeen))`" }.joined(separator: ", ")
                + "\n"
        }
        md += String(
            format: "\n%d events in %.2f s on %d workers.\n", facts.events.total + facts.events.unreadable,
            facts.seconds, facts.workers)
        return md
    }

    static func list(_ items: [String], _ c: (String) -> String) -> String {
        items.isEmpty ? "none" : items.map { "`\(c($0))`" }.joined(separator: ", ")
    }

    static func samples(_ samples: [DiffFacts.Sample], _ c: (String) -> String) -> String {
        samples.map { s in
            "`\(c(s.event))`" + (s.key.map { " (`\(c($0))`)" } ?? "")
                + ([s.old, s.new].compactMap { $0 }.isEmpty
                    ? "" : ": " + [s.old, s.new].compactMap { $0.map(c) }.joined(separator: " → "))
        }.joined(separator: "; ")
    }

    static func reasonsMarkdown(_ reasons: [DiffFacts.Reason], _ c: (String) -> String) -> String {
        guard !reasons.isEmpty else { return "None.\n" }
        var md =
            "| code | rule | path | old | new | new reason | example | samples |\n| --- | --- | --- | ---: | ---: | --- | --- | --- |\n"
        for r in reasons {
            md +=
                "| \(c(r.code)) | \(c(r.rule ?? "")) | `\(c(r.path))` | \(r.old) | \(r.new) | \(r.newReason ? "**yes**" : "") | \(c(r.exampleMessage)) | \(r.samples.map { "`\(c($0.event))`" }.joined(separator: ", ")) |\n"
        }
        return md
    }

    // MARK: HTML

    /// A self-contained page (inline CSS and SVG, no script), in the run report's layout.
    public static func html(_ facts: DiffFacts) -> String {
        PageTemplates.render(self.page(facts), with: "diff")
    }

    /// The data of `diff.html`, what the `diff` template shows.
    struct Page {
        var title = "pendo-replay mapping diff"
        var corpus: String
        var oldMapping: String
        var newMapping: String
        var cards: [PagePart.Card]
        var allow: PagePart.Verdicts?
        var transitions: [TransitionRow]
        var unreadable: Int
        var unreadableSamples: [String]
        var total: Int
        var fieldChart: String
        /// Fields not drawn nor listed, when there are any.
        var moreFields: Int?
        var nonDeterministic: [String]
        var noiseSample: Int
        var ignored: [String]
        var fields: [DiffFacts.Field]
        var fieldSamples: [FieldSample]
        var rejections: Reasons
        var warnings: Reasons
        var emptyIds: Sides
        var repeatedIds: Sides
        var repeats: [Repeats]
        var eventsRead: Int
        var seconds: String
        var workers: Int
        var formatVersion: Int
    }

    struct TransitionRow {
        var name: String
        var count: Int
        var samples: [Sample]
    }

    /// An event, its key, and its old and new values (`change`), as far as they are known.
    struct Sample {
        var event: String
        var key: String?
        var change: String?
    }

    struct FieldSample {
        var path: String
        var change: String
        var event: String
        var key: String
        var old: String
        var new: String
    }

    struct Reasons {
        var rows: [Reason]
    }

    struct Reason {
        var code: String
        var newReason: Bool
        var rule: String
        var path: String
        var old: Int
        var new: Int
        var example: String
        var samples: [String]
    }

    struct Sides {
        var old: Int
        var new: Int
    }

    /// One side's repeated `_id` samples.
    struct Repeats {
        var side: String
        var samples: [DiffFacts.RepeatSample]
    }

    static func page(_ facts: DiffFacts) -> Page {
        let verdict = self.verdict(facts)
        let shown = Array(facts.fields.prefix(self.fieldLimit))
        let chart = StackedBarChart(
            title: "Records per field (numbers: changed / type changed / added / removed)", segments: self.segments,
            rows: shown.map { f in
                StackedBarChart.Row(
                    label: self.label(f.path),
                    values: [f.identical, f.changed, f.typeChanged, f.added, f.removed].map(Double.init))
            })
        var fieldSamples: [FieldSample] = []
        for f in shown where f.different > 0 {
            for kind in ["changed", "typeChanged", "added", "removed"] {
                for s in f.samples[kind] ?? [] {
                    fieldSamples.append(
                        FieldSample(
                            path: f.path, change: kind, event: s.event, key: s.key ?? "", old: s.old ?? "",
                            new: s.new ?? ""))
                }
            }
        }
        let old = facts.ids["old"]
        let new = facts.ids["new"]
        return Page(
            corpus: facts.corpus.joined(separator: ", "), oldMapping: facts.old.mapping, newMapping: facts.new.mapping,
            cards: [
                PagePart.Card(
                    value: verdict.passed ? "PASS" : "CHANGED", label: verdict.text,
                    cls: verdict.passed ? "pass" : "fail"),
                PagePart.Card(value: String(facts.events.total), label: "events compared"),
                PagePart.Card(value: String(facts.events.identical), label: "identical"),
                PagePart.Card(value: String(facts.events.changed), label: "changed records"),
                PagePart.Card(value: String(facts.events.mappedToRejected), label: "mapped → rejected"),
                PagePart.Card(value: String(facts.events.rejectedToMapped), label: "rejected → mapped"),
            ],
            allow: facts.allow.isEmpty
                ? nil
                : PagePart.Verdicts(
                    rows: facts.allow.map {
                        PagePart.VerdictRow(
                            expression: $0.expression, verdict: $0.passed ? "PASS" : "FAIL",
                            explanation: $0.explanation,
                            cls: $0.passed ? "pass" : "fail")
                    }),
            transitions: facts.transitions.map { t in
                TransitionRow(
                    name: self.transitionNames[t.transition] ?? t.transition, count: t.count,
                    samples: t.samples.map { s in
                        let sides = [s.old, s.new].compactMap { $0 }
                        return Sample(
                            event: s.event, key: s.key, change: sides.isEmpty ? nil : sides.joined(separator: " → "))
                    })
            },
            unreadable: facts.events.unreadable, unreadableSamples: facts.unreadableSamples, total: facts.events.total,
            fieldChart: chart.svg(),
            moreFields: facts.fields.count > shown.count ? facts.fields.count - shown.count : nil,
            nonDeterministic: facts.nonDeterministic, noiseSample: facts.noiseSample, ignored: facts.ignored,
            fields: shown, fieldSamples: fieldSamples,
            rejections: self.reasons(facts.rejections), warnings: self.reasons(facts.warnings),
            emptyIds: Sides(old: old?.empty ?? 0, new: new?.empty ?? 0),
            repeatedIds: Sides(old: old?.repeated ?? 0, new: new?.repeated ?? 0),
            repeats: [("old", old), ("new", new)].compactMap { side, ids in
                guard let ids, !ids.repeatedSamples.isEmpty else { return nil }
                return Repeats(side: side, samples: ids.repeatedSamples)
            },
            eventsRead: facts.events.total + facts.events.unreadable,
            seconds: ThresholdFormat.number(facts.seconds, fractionDigits: 2),
            workers: facts.workers, formatVersion: facts.formatVersion)
    }

    /// A path that fits the label column: its end (the leaf) is what tells fields apart.
    static func label(_ path: String) -> String {
        path.count <= 34 ? path : "…" + String(path.suffix(33))
    }

    static func reasons(_ reasons: [DiffFacts.Reason]) -> Reasons {
        Reasons(
            rows: reasons.map { r in
                Reason(
                    code: r.code, newReason: r.newReason, rule: r.rule ?? "", path: r.path, old: r.old, new: r.new,
                    example: r.exampleMessage,
                    samples: r.samples.map(\.event))
            })
    }
}
