import Histogram

/// `summary.md`: the run in Markdown, for people and for CI job summaries (accounting, latency
/// corrected and uncorrected, throughput, status codes, top errors with samples, thresholds with
/// verdicts, configuration). Deterministic: the same report and verdicts give the same bytes.
public enum SummaryRenderer {
    /// How many error classes the summary lists (the rest are counted in one line).
    public static let topErrors = 10

    /// Renders the summary.
    ///
    /// - Parameters:
    ///   - report: The run.
    ///   - verdicts: Threshold verdicts (empty when no threshold was given).
    ///   - stored: Events the emulator stored, when the run targeted it.
    public static func render(_ report: RunReport, verdicts: [ThresholdVerdict], stored: Int? = nil) -> String {
        self.render(DecodedRun(report, stored: stored), verdicts: verdicts)
    }

    /// Renders the summary of a run decoded once for every file.
    static func render(_ run: DecodedRun, verdicts: [ThresholdVerdict]) -> String {
        let report = run.report
        var md = "# pendo-replay run report\n\n"
        md +=
            "- started: \(report.startedAt), ended: \(report.endedAt) (\(ThresholdFormat.number(report.durationSeconds, fractionDigits: 3)) s), stopped: \(report.stopText)\n"
        md +=
            "- target: `\(self.code(report.configuration.inlet))`, load model: \(report.configuration.loadModel), concurrency \(report.configuration.concurrency), payload \(report.configuration.payload), batch \(report.configuration.batch)\n"
        if let shard = report.shard { md += "- shard \(shard) of run `\(self.code(report.runId ?? ""))`\n" }
        md += "- written by \(report.tool.name) \(report.tool.version), report schema \(report.schemaVersion)\n"
        if !verdicts.isEmpty {
            let failed = verdicts.filter { !$0.passed }.count
            md += "- **thresholds: " + (failed == 0 ? "PASS" : "FAIL") + "** (\(verdicts.tallyText))\n"
        }
        md += "\n"

        md += "## Accounting\n\n| | events |\n| --- | ---: |\n"
        let e = report.events
        var accounting: [(String, Int)] = [
            ("planned", e.planned), ("sent", e.sent), ("unsent", e.unsent),
            ("accepted", e.accepted), ("rejected", e.rejected), ("failed", e.failed),
            ("unknown (written, no answer)", e.unknown),
            ("dropped at the cap (in unsent)", report.schedule.dropped),
        ]
        // A reconciliation section replaces the count-only `stored = accepted` check.
        let stored = report.reconciliation == nil ? run.stored : nil
        if let stored { accounting.append(("stored (emulator)", stored)) }
        for (name, count) in accounting { md += "| \(name) | \(count) |\n" }
        md += "\n`planned = sent + unsent`: \(e.plannedAddsUp ? "holds" : "**does not hold**"); "
        md += "`sent = accepted + rejected + failed + unknown`: \(e.sentAddsUp ? "holds" : "**does not hold**")"
        if let stored { md += "; `stored = accepted`: \(stored == e.accepted ? "holds" : "**does not hold**")" }
        md += ".\n"
        if report.requests.retriedAfterUnknown > 0 {
            md +=
                "\n\(report.requests.retriedAfterUnknown) retries went after an attempt with no answer: each may be a duplicate at the inlet (it stores at least once).\n"
        }
        if report.schedule.queuedWithoutEvent > 0 {
            md +=
                "\n\(report.schedule.queuedWithoutEvent) sends were due but queued behind the in-flight cap, with no event read for them yet, when the run stopped.\n"
        }
        md += "\n"

        if let platform = report.platform {
            // The platform's own count of the flow's records, read from /runs after the run.
            md +=
                "## Platform record summary (flow `\(self.code(platform.flowId))`)\n\n| `/runs` recordSummary | records |\n| --- | ---: |\n"
            md +=
                "| inputRecordCount | \(platform.inputRecordCount) |\n| outputRecordCount | \(platform.outputRecordCount) |\n"
            md += "| failedRecordCount | \(platform.failedRecordCount) |\n"
            if report.reconciliation == nil {
                md +=
                    "\n`inputRecordCount = accepted`: \(platform.inputRecordCount == e.accepted ? "holds" : "**does not hold**").\n"
            }
            md += "\n"
        }
        if let reconciliation = report.reconciliation { md += ReconciliationRenderer.markdown(reconciliation) }

        md += ShardTable.markdown(report)
        md += "## Latency (ms)\n\n"
        md +=
            "Corrected: from the intended send time (coordinated omission corrected). Uncorrected: service time from the actual send.\n\n"
        md += "| | corrected | uncorrected | schedule lag |\n| --- | ---: | ---: | ---: |\n"
        let lag = report.schedule.lag
        let rows: [(String, Double)] = [("p50", 50), ("p90", 90), ("p99", 99), ("p99.9", 99.9), ("p99.99", 99.99)]
        md +=
            "| min | \(self.ms(report.latency.corrected.min)) | \(self.ms(report.latency.uncorrected.min)) | \(self.ms(lag.min)) |\n"
        for (label, p) in rows {
            let lagValue: String
            switch p {
            case 50: lagValue = self.ms(lag.p50)
            case 90: lagValue = self.ms(lag.p90)
            case 99: lagValue = self.ms(lag.p99)
            case 99.9: lagValue = self.ms(lag.p999)
            default: lagValue = ""
            }
            md +=
                "| \(label) | \(self.percentile(run.corrected, p)) | \(self.percentile(run.uncorrected, p)) | \(lagValue) |\n"
        }
        md +=
            "| max | \(self.ms(report.latency.corrected.max)) | \(self.ms(report.latency.uncorrected.max)) | \(self.ms(lag.max)) |\n"
        md +=
            "| mean | \(self.ms(report.latency.corrected.mean)) | \(self.ms(report.latency.uncorrected.mean)) | \(self.ms(lag.mean)) |\n"
        md += "| count | \(report.latency.corrected.count) | \(report.latency.uncorrected.count) | \(lag.count) |\n\n"

        md += "## Throughput\n\n| | |\n| --- | ---: |\n"
        md += "| requests/s | \(ThresholdFormat.number(report.throughput.requestsPerSecond, fractionDigits: 1)) |\n"
        md += "| events/s | \(ThresholdFormat.number(report.throughput.eventsPerSecond, fractionDigits: 1)) |\n"
        if report.schedule.targetRequestsPerSecond > 0 {
            md +=
                "| target requests/s | \(ThresholdFormat.number(report.schedule.targetRequestsPerSecond, fractionDigits: 1)) |\n"
        }
        let r = report.requests
        md += "| requests sent / completed | \(r.sent) / \(r.completed) |\n"
        md += "| attempts (retries) | \(r.attempts) (\(r.retries)) |\n"
        md += "| bytes out / in | \(r.bytesOut) / \(r.bytesIn) |\n\n"

        md += "## Status codes\n\n"
        let statuses = report.requests.byStatus.sorted { $0.key < $1.key }
        if statuses.isEmpty {
            md += "No HTTP answers.\n\n"
        } else {
            let total = statuses.reduce(0) { $0 + $1.value }
            md += "| status | answers | share |\n| --- | ---: | ---: |\n"
            for (code, count) in statuses {
                md +=
                    "| \(self.code(code)) | \(count) | \(ThresholdFormat.number(Double(count) / Double(total) * 100, fractionDigits: 2))% |\n"
            }
            md += "\n"
        }

        md += "## Errors\n\n"
        if report.errors.isEmpty {
            md += "None.\n\n"
        } else {
            md += "| class | count | sample |\n| --- | ---: | --- |\n"
            for error in report.errors.prefix(self.topErrors) {
                md += "| \(self.code(error.class)) | \(error.count) | `\(self.code(error.sample))` |\n"
            }
            if report.errors.count > self.topErrors {
                let rest = report.errors.dropFirst(self.topErrors)
                md += "| (\(rest.count) more classes) | \(rest.reduce(0) { $0 + $1.count }) | |\n"
            }
            md += "\n"
        }

        md += "## Thresholds\n\n"
        if verdicts.isEmpty {
            md += "None given (`--threshold`).\n\n"
        } else {
            md += "| threshold | verdict | value |\n| --- | --- | --- |\n"
            for verdict in verdicts {
                md +=
                    "| `\(self.code(verdict.threshold.expression))` | \(verdict.passed ? "PASS" : "**FAIL**") | \(self.code(verdict.explanation)) |\n"
            }
            md += "\n"
        }

        md += "## Configuration\n\n| setting | value |\n| --- | --- |\n"
        for row in ConfigurationRows.rows(report.configuration) {
            md += "| \(row.key) | \(self.code(row.value)) |\n"
        }
        if !run.problems.isEmpty {
            md += "\n## Problems\n\n"
            for problem in run.problems { md += "- \(self.code(problem))\n" }
        }
        return md
    }

    static func ms(_ value: Double) -> String {
        ThresholdFormat.number(value, fractionDigits: 3)
    }

    static func percentile(_ histogram: Histogram<UInt64>, _ p: Double) -> String {
        guard histogram.totalCount > 0 else { return "" }
        return self.ms(Double(histogram.valueAtPercentile(p)) / 1000)
    }

    /// Text safe inside a Markdown table cell: no pipes, no newlines, no backticks.
    static func code(_ text: String) -> String {
        var out = ""
        for c in text {
            switch c {
            case "|": out += "\\|"
            case "`": out += "'"
            case "\n", "\r", "\t": out += " "
            default: out.append(c)
            }
        }
        return out
    }
}
