/// The per-shard table of a merged sharded run, in Markdown (`summary.md`) and HTML (`report.html`):
/// one row per shard, so that a generator that fell behind, sent less or saw slower answers shows
/// beside its peers. Both say which shards are missing from a merge made with `--allow-missing`.
enum ShardTable {
    static let headings = ["shard", "started", "s", "planned", "sent", "accepted", "unsent", "errors", "requests/s",
                           "p99 corrected (ms)", "p99 lag (ms)", "dropped"]

    /// The cells of each row, in `headings` order.
    static func cells(_ row: ShardSummary) -> [String] {
        [row.shard.description, row.startedAt, ThresholdFormat.number(row.durationSeconds, fractionDigits: 3),
         String(row.events.planned), String(row.events.sent), String(row.events.accepted), String(row.events.unsent), String(row.errors),
         ThresholdFormat.number(row.requestsPerSecond, fractionDigits: 1), ThresholdFormat.number(row.correctedP99, fractionDigits: 3),
         ThresholdFormat.number(row.lagP99, fractionDigits: 3), String(row.dropped)]
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
            md += "\n**Missing shards: \(RunReportMerger.list(missing))** (merged with --allow-missing): the counts above are not the whole run's.\n"
        }
        return md + "\n"
    }

    static func html(_ report: RunReport) -> String {
        guard let rows = report.shards, !rows.isEmpty else { return "" }
        let e = XML.escape
        var body = "<section><h2>Shards</h2><table><tr>" + self.headings.map { "<th>\(e($0))</th>" }.joined() + "</tr>"
        for row in rows { body += "<tr>" + self.cells(row).map { "<td>\(e($0))</td>" }.joined() + "</tr>" }
        body += "</table>"
        let missing = self.missing(rows)
        if !missing.isEmpty { body += "<p class=\"fail\">Missing shards: \(e(RunReportMerger.list(missing))) (merged with --allow-missing).</p>" }
        return body + "</section>\n"
    }
}
