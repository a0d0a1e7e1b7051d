/// The `reconciliation` section as rows and verdict lines, shared by `summary.md`, `report.html`, the
/// summary `run` prints and `reconcile`'s output, so that they say the same thing.
public enum ReconciliationRenderer {
    /// One row: what, how many, and whether the number is a failure.
    public struct Row: Equatable, Sendable {
        public var name: String
        public var value: String
        public var bad: Bool
    }

    /// The rows of the table.
    public static func rows(_ r: Reconciliation) -> [Row] {
        func row(_ name: String, _ value: Int, bad: Bool = false) -> Row {
            Row(name: name, value: String(value), bad: bad)
        }
        if let p = r.perEvent {
            var rows = EventOutcome.allCases.map { row("planned events \($0.rawValue)", p.outcomes[$0.rawValue] ?? 0) }
            rows.append(row("planned events keyed by uniqueId", p.keyed))
            rows.append(row("records stored for the flow", p.stored))
            rows.append(row("accepted but missing (data loss)", p.acceptedMissing, bad: p.acceptedMissing > 0))
            rows.append(row("stored more than once (duplicates)", p.duplicates))
            rows.append(row("  explained by a retry after no answer", p.duplicatesExplained))
            rows.append(row("  unexplained", p.duplicatesUnexplained, bad: p.duplicatesUnexplained > 0))
            rows.append(row("stored although unknown", p.storedAlthoughUnknown))
            rows.append(row("unknown and not stored", p.unknownNotStored))
            rows.append(
                row(
                    "stored although rejected or failed", p.storedAlthoughRejectedOrFailed,
                    bad: p.storedAlthoughRejectedOrFailed > 0))
            rows.append(row("stored, key planned by no event", p.storedUnplanned))
            rows.append(row("stored without the key", p.storedWithoutKey))
            return rows
        }
        guard let c = r.counts else { return [] }
        var rows: [Row] = []
        func counts(_ label: String, _ s: PlatformRecordSummary?) {
            rows.append(
                Row(
                    name: "\(label): inputRecordCount", value: s.map { String($0.inputRecordCount) } ?? "not read",
                    bad: s == nil))
            if let s {
                rows.append(row("\(label): outputRecordCount", s.outputRecordCount))
                rows.append(row("\(label): failedRecordCount", s.failedRecordCount))
            }
        }
        counts("before the run", c.before)
        counts("after the run", c.after)
        rows.append(
            Row(
                name: "new input records (after - before)", value: c.inputDifference.map(String.init) ?? "unknown",
                bad: !c.holds))
        rows.append(row("accepted", c.accepted))
        rows.append(row("unknown (possibly stored)", c.unknown))
        rows.append(row("retries after no answer (possible duplicates)", c.retriedAfterUnknown))
        return rows
    }

    /// The verdict in one sentence.
    public static func verdict(_ r: Reconciliation) -> String {
        if let p = r.perEvent {
            if r.holds {
                return
                    "per event: every accepted event is stored, nothing rejected or failed was stored, and every duplicate is explained by a retry after no answer"
            }
            var problems: [String] = []
            if p.acceptedMissing > 0 { problems.append("\(p.acceptedMissing) accepted events missing (data loss)") }
            if p.storedAlthoughRejectedOrFailed > 0 {
                problems.append("\(p.storedAlthoughRejectedOrFailed) rejected or failed events stored")
            }
            if p.duplicatesUnexplained > 0 {
                problems.append("\(p.duplicatesUnexplained) duplicates no retry explains")
            }
            return "per event: " + problems.joined(separator: "; ")
        }
        guard let c = r.counts else { return r.note ?? "not reconciled" }
        let window = "\(c.accepted)...\(c.accepted + c.unknown + c.retriedAfterUnknown)"
        guard let difference = c.inputDifference else {
            return "by counts: the flow's /runs could not be read after the run"
        }
        return
            "by counts (only /runs counts exist): \(difference) new input records, expected \(window) (accepted, plus unknown and retries after no answer): \(c.holds ? "holds" : "does not hold")"
    }

    /// The sample keys of each problem, one line each.
    public static func sampleLines(_ r: Reconciliation) -> [String] {
        guard let p = r.perEvent else { return [] }
        return p.samples.keys.sorted().map { "\($0): \(p.samples[$0]!.joined(separator: ", "))" }
    }

    /// The section of `summary.md`.
    public static func markdown(_ r: Reconciliation) -> String {
        var md = "## Reconciliation (\(r.method == .perEvent ? "per event" : "by counts"))\n\n"
        if let note = r.note { md += note + "\n\n" }
        md += "| | count |\n| --- | ---: |\n"
        for row in self.rows(r) { md += "| \(row.name) | \(row.bad ? "**\(row.value)**" : row.value) |\n" }
        md += "\n\(r.holds ? "Holds" : "**Does not hold**"): \(self.verdict(r)).\n"
        let samples = self.sampleLines(r)
        if !samples.isEmpty {
            md += "\nSample keys:\n\n"
            for line in samples { md += "- \(line)\n" }
        }
        return md + "\n"
    }

    /// The lines `run` and `reconcile` print.
    public static func text(_ r: Reconciliation) -> [String] {
        var lines = ["reconciliation \(r.holds ? "holds" : "FAILED"): \(self.verdict(r))"]
        if let note = r.note { lines.append("  \(note)") }
        for row in self.rows(r) { lines.append("  \(row.name): \(row.value)") }
        for line in self.sampleLines(r) { lines.append("  sample \(line)") }
        return lines
    }
}
