import Foundation

extension SummaryRenderer {
    /// The summary `run` prints on the console at its end: the lines of `summary.md` that matter
    /// at a glance, and where the files are.
    public static func console(_ r: RunReport, reportPath: String, verdicts: [ThresholdVerdict] = []) -> String {
        func ms(_ v: Double) -> String { String(format: "%.2f", v) }
        var lines: [String] = []
        lines.append(
            "run: \(r.stopText) after \(String(format: "%.1f", r.durationSeconds))s, \(r.configuration.loadModel) load model, \(r.configuration.concurrency) connections"
        )
        let e = r.events
        lines.append(
            "events: planned \(e.planned), sent \(e.sent), accepted \(e.accepted), rejected \(e.rejected), failed \(e.failed), unknown \(e.unknown), unsent \(e.unsent)"
        )
        let statuses = r.requests.byStatus.keys.sorted().map { "\($0)=\(r.requests.byStatus[$0]!)" }.joined(
            separator: " ")
        lines.append(
            "requests: sent \(r.requests.sent), completed \(r.requests.completed), retries \(r.requests.retries)\(r.requests.retriedAfterUnknown > 0 ? " (\(r.requests.retriedAfterUnknown) after no answer)" : ""), status \(statuses.isEmpty ? "-" : statuses)"
        )
        lines.append(
            "throughput: \(String(format: "%.1f", r.throughput.requestsPerSecond)) requests/s, \(String(format: "%.1f", r.throughput.eventsPerSecond)) events/s"
        )
        let c = r.latency.corrected
        let u = r.latency.uncorrected
        lines.append(
            "latency corrected ms: p50 \(ms(c.p50)) p90 \(ms(c.p90)) p99 \(ms(c.p99)) p99.9 \(ms(c.p999)) max \(ms(c.max))"
        )
        lines.append(
            "latency service   ms: p50 \(ms(u.p50)) p90 \(ms(u.p90)) p99 \(ms(u.p99)) p99.9 \(ms(u.p999)) max \(ms(u.max))"
        )
        if r.configuration.loadModel != "closed" {
            lines.append(
                "schedule: lag p99 \(ms(r.schedule.lag.p99)) ms, max \(ms(r.schedule.lag.max)) ms, dropped \(r.schedule.dropped)"
            )
        }
        for error in r.errors.prefix(8) {
            lines.append("error \(error.class) x\(error.count): \(ErrorSampleText.oneLine(error.sample))")
        }
        if let p = r.platform {
            lines.append(
                "platform (flow \(p.flowId) /runs): input \(p.inputRecordCount), output \(p.outputRecordCount), failed \(p.failedRecordCount)"
            )
        }
        for verdict in verdicts {
            lines.append("threshold \(verdict.passed ? "pass" : "FAIL"): \(verdict.explanation)")
        }
        lines.append(
            "report: \(reportPath) (summary.md, report.html, latency.hgrm, intervals.hlog, junit.xml beside it)")
        return lines.joined(separator: "\n")
    }
}
