/// The per-shard table of a merged sharded run, in Markdown (`summary.md`) and HTML (`report.html`):
/// one row per shard, so that a generator that fell behind, sent less or saw slower answers shows
/// beside its peers. Both say which shards are missing from a merge made with `--allow-missing`.
enum ShardTable {
    static let headings = [
        "shard", "started", "s", "planned", "sent", "accepted", "unsent", "errors", "requests/s",
        "p99 corrected (ms)", "p99 lag (ms)", "dropped",
    ]

    /// The cells of each row, in `headings` order.
    static func cells(_ row: ShardSummary) -> [String] {
        [
            row.shard.description, row.startedAt, ThresholdFormat.number(row.durationSeconds, fractionDigits: 3),
            String(row.events.planned), String(row.events.sent), String(row.events.accepted), String(row.events.unsent),
            String(row.errors),
            ThresholdFormat.number(row.requestsPerSecond, fractionDigits: 1),
            ThresholdFormat.number(row.correctedP99, fractionDigits: 3),
            ThresholdFormat.number(row.lagP99, fractionDigits: 3), String(row.dropped),
        ]
    }

    /// The shards absent from the merge: `shards` covers fewer than their count.
    static func missing(_ rows: [ShardSummary]) -> [Int] {
        guard let count = rows.first?.shard.count else { return [] }
        let present = Set(rows.map(\.shard.index))
        return (0..<count).filter { !present.contains($0) }
    }

    static func markdown(_ report: RunReport) -> String {
        guard let rows = report.shards, !rows.isEmpty else { return "" }
        var md = "## Shards (run `\(report.runId ?? "")`, \(rows[0].shard.count) shards)\n\n"
        md += "| " + self.headings.joined(separator: " | ") + " |\n"
        md += "| --- | --- |" + String(repeating: " ---: |", count: self.headings.count - 2) + "\n"
        for row in rows { md += "| " + self.cells(row).joined(separator: " | ") + " |\n" }
        let missing = self.missing(rows)
        if !missing.isEmpty {
            md +=
                "\n**Missing shards: \(RunReportMerger.list(missing))** (merged with --allow-missing): the counts above are not the whole run's.\n"
        }
        return md + "\n"
    }

    /// The shards section of `report.html` (the `run` template's `shards`), nil for a run that is not a merge of shards.
    static func section(_ report: RunReport) -> Section? {
        guard let rows = report.shards, !rows.isEmpty else { return nil }
        let missing = self.missing(rows)
        return Section(
            headings: self.headings, rows: rows.map { Row(cells: self.cells($0)) },
            missing: missing.isEmpty ? nil : RunReportMerger.list(missing))
    }

    /// What the `run` template shows of the shards.
    struct Section {
        var headings: [String]
        var rows: [Row]
        /// The shards absent from a merge made with `--allow-missing`, listed.
        var missing: String?
    }

    struct Row {
        var cells: [String]
    }
}
