import Histogram

/// `report.html`: one self-contained page (inline CSS and SVG, no script, no network) with the
/// latency percentiles over time, throughput and errors over time, the latency percentile spectrum
/// on HdrHistogram's log scale, the status-code breakdown, and the tables of `summary.md`.
public enum HTMLRenderer {
    /// Renders the page.
    ///
    /// - Parameters:
    ///   - report: The run.
    ///   - verdicts: Threshold verdicts (empty when none was given).
    ///   - stored: Events the emulator stored, when the run targeted it.
    public static func render(_ report: RunReport, verdicts: [ThresholdVerdict], stored: Int? = nil) -> String {
        self.render(DecodedRun(report, stored: stored), verdicts: verdicts)
    }

    /// Renders the page of a run decoded once for every file.
    static func render(_ run: DecodedRun, verdicts: [ThresholdVerdict]) -> String {
        let report = run.report
        let metrics = RunReportMetrics(run: run)
        var body = ""
        let failed = verdicts.filter { !$0.passed }.count
        body += "<header><h1>pendo-replay run report</h1>"
        body += "<p class=\"meta\">\(self.e(report.startedAt)) → \(self.e(report.endedAt)) · \(self.e(ThresholdFormat.number(report.durationSeconds, fractionDigits: 3))) s · stopped: \(self.e(report.stopText)) · \(self.e(report.configuration.loadModel)) load, concurrency \(report.configuration.concurrency) · <code>\(self.e(report.configuration.inlet))</code></p>"
        body += "</header>\n<section class=\"cards\">"
        if !verdicts.isEmpty {
            body += self.card(failed == 0 ? "PASS" : "FAIL", "thresholds: \(verdicts.tallyText)", cls: failed == 0 ? "pass" : "fail")
        }
        body += self.card(ThresholdFormat.number(report.throughput.requestsPerSecond, fractionDigits: 1), "requests/s")
        body += self.card(SummaryRenderer.percentile(run.corrected, 99).isEmpty ? "–" : SummaryRenderer.percentile(run.corrected, 99) + " ms", "p99 latency (corrected)")
        body += self.card(ThresholdFormat.value(metrics.value(of: .errorRate) ?? 0, kind: .ratio), "error rate")
        body += self.card(String(report.events.accepted), "events accepted of \(report.events.planned) planned")
        body += "</section>\n"

        if !verdicts.isEmpty {
            body += "<section><h2>Thresholds</h2><table><tr><th>threshold</th><th>verdict</th><th>value</th></tr>"
            for verdict in verdicts {
                body += "<tr><td><code>\(self.e(verdict.threshold.expression))</code></td><td class=\"\(verdict.passed ? "pass" : "fail")\">\(verdict.label)</td><td>\(self.e(verdict.explanation))</td></tr>"
            }
            body += "</table></section>\n"
        }

        let perSecond = PerSecondSeries(intervals: report.intervals, durationSeconds: report.durationSeconds)
        let end = perSecond.seconds.last.map { Double($0.start) + $0.span } ?? report.durationSeconds
        let latencyOverTime = LineChart(
            title: "Latency percentiles over time (corrected; breaks where nothing completed)",
            series: [perSecond.latencySteps("p50") { $0.latency.p50 }, perSecond.latencySteps("p90") { $0.latency.p90 },
                     perSecond.latencySteps("p99") { $0.latency.p99 }, perSecond.latencySteps("max") { $0.latency.max }],
            xLabel: "seconds since start", yLabel: "latency (ms)")
        var rates = [perSecond.steps("requests completed", color: "#0072B2") { $0.requests },
                     perSecond.steps("accepted events", color: "#009E73") { $0.accepted }]
        if let target = PerSecondSeries.target(report.configuration, until: end, color: "#6F7782") { rates.append(target) }
        let throughput = LineChart(title: "Throughput per second", series: rates, xLabel: "seconds since start", yLabel: "per second")
        // Errors on an axis of their own: 1.6 % of 503s is a flat line at 0 beside thousands of requests.
        let errorsOverTime = LineChart(
            title: "Errors per second (events rejected or failed)",
            series: [perSecond.steps("errors", color: "#D55E00") { $0.errors }],
            xLabel: "seconds since start", yLabel: "errors per second", height: 220)
        let spectrum = PercentileSpectrumChart(
            title: "Latency by percentile",
            series: [PercentileSpectrumChart.series(from: run.corrected, name: "corrected", valueUnitsPerOutputUnit: 1000, color: "#0072B2"),
                     PercentileSpectrumChart.series(from: run.uncorrected, name: "uncorrected (service time)", valueUnitsPerOutputUnit: 1000, color: "#D55E00", dashed: true)],
            yLabel: "latency (ms)")
        var bars = report.requests.byStatus.sorted { $0.key < $1.key }.map {
            BarChart.Bar(label: $0.key, value: Double($0.value), color: BarChart.color(forStatus: $0.key))
        }
        for error in report.errors where !error.class.hasPrefix("http-") && !error.class.hasPrefix("message-") {
            bars.append(BarChart.Bar(label: error.class, value: Double(error.count), color: BarChart.color(forStatus: error.class)))
        }
        let statuses = BarChart(title: "Answers by status code (and errors without an answer)", bars: bars)
        body += ShardTable.html(report)
        body += "<section><h2>Over time</h2>\(latencyOverTime.svg())\n\(throughput.svg())\n\(errorsOverTime.svg())</section>\n"
        body += "<section><h2>Latency distribution</h2>\(spectrum.svg())\n"
        body += self.latencyTable(report, run) + "</section>\n"
        body += "<section><h2>Status codes</h2>\(statuses.svg())</section>\n"
        // A reconciliation section replaces the count-only `stored = accepted` check.
        body += "<section><h2>Accounting</h2>" + self.accountingTable(report, stored: report.reconciliation == nil ? run.stored : nil) + "</section>\n"
        if let platform = report.platform {
            body += "<section><h2>Platform record summary</h2>"
                + self.platformTable(platform, accepted: report.reconciliation == nil ? report.events.accepted : nil) + "</section>\n"
        }
        if let reconciliation = report.reconciliation { body += self.reconciliationSection(reconciliation) }
        body += "<section><h2>Errors</h2>" + self.errorsTable(report) + "</section>\n"
        body += "<section><h2>Configuration</h2><table><tr><th>setting</th><th>value</th></tr>"
        for row in ConfigurationRows.rows(report.configuration) {
            body += "<tr><td>\(self.e(row.key))</td><td><code>\(self.e(row.value))</code></td></tr>"
        }
        body += "</table></section>\n"
        if !run.problems.isEmpty {
            body += "<section><h2>Problems</h2><ul>" + run.problems.map { "<li>\(self.e($0))</li>" }.joined() + "</ul></section>\n"
        }
        body += "<footer>\(self.e(report.tool.name)) \(self.e(report.tool.version)) · report schema \(report.schemaVersion)</footer>\n"
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>pendo-replay report \(self.e(report.startedAt))</title>
            <style>
            \(self.css)
            </style>
            </head>
            <body>
            \(body)</body>
            </html>

            """
    }

    static let css = """
        body { font: 14px/1.45 -apple-system, "Segoe UI", "DejaVu Sans", Helvetica, Arial, sans-serif; color: #1d232a; background: #f4f6f8; margin: 0; padding: 24px 32px; max-width: 960px; }
        h1 { font-size: 24px; margin: 0 0 4px; } h2 { font-size: 18px; margin: 0 0 12px; }
        .meta { color: #5a6570; margin: 0 0 16px; }
        section { background: #fff; border: 1px solid #dde3e9; border-radius: 6px; padding: 16px; margin: 0 0 16px; }
        .cards { display: flex; flex-wrap: wrap; gap: 12px; background: none; border: none; padding: 0; }
        .card { background: #fff; border: 1px solid #dde3e9; border-radius: 6px; padding: 12px 16px; min-width: 140px; }
        .card b { display: block; font-size: 22px; } .card span { color: #5a6570; font-size: 12px; }
        .card.pass b, td.pass { color: #007a5a; } .card.fail b, td.fail, p.fail { color: #c0392b; font-weight: bold; }
        table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #edf0f3; vertical-align: top; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        code { font: 12px "DejaVu Sans Mono", Menlo, monospace; word-break: break-all; }
        svg.chart { display: block; max-width: 100%; height: auto; margin: 0 0 12px; }
        svg .bg { fill: #fff; } svg .grid { stroke: #e6e9ed; stroke-width: 1; } svg .axis { stroke: #1d232a; stroke-width: 1; }
        svg .tick { font-size: 11px; fill: #3a444e; } svg .label { font-size: 12px; fill: #3a444e; }
        svg .title { font-size: 14px; font-weight: bold; fill: #1d232a; } svg .legend { font-size: 12px; fill: #1d232a; }
        svg .empty { font-size: 14px; fill: #8a949e; }
        footer { color: #8a949e; font-size: 12px; }
        """

    static func e(_ text: String) -> String { XML.escape(text) }

    static func card(_ value: String, _ label: String, cls: String = "") -> String {
        "<div class=\"card \(cls)\"><b>\(self.e(value))</b><span>\(self.e(label))</span></div>"
    }

    static func latencyTable(_ report: RunReport, _ run: DecodedRun) -> String {
        var html = "<table><tr><th>ms</th><th class=\"num\">corrected</th><th class=\"num\">uncorrected</th></tr>"
        let c = report.latency.corrected, u = report.latency.uncorrected
        html += "<tr><td>min</td><td class=\"num\">\(SummaryRenderer.ms(c.min))</td><td class=\"num\">\(SummaryRenderer.ms(u.min))</td></tr>"
        for (label, p) in [("p50", 50.0), ("p90", 90), ("p99", 99), ("p99.9", 99.9), ("p99.99", 99.99)] {
            html += "<tr><td>\(label)</td><td class=\"num\">\(SummaryRenderer.percentile(run.corrected, p))</td><td class=\"num\">\(SummaryRenderer.percentile(run.uncorrected, p))</td></tr>"
        }
        html += "<tr><td>max</td><td class=\"num\">\(SummaryRenderer.ms(c.max))</td><td class=\"num\">\(SummaryRenderer.ms(u.max))</td></tr>"
        html += "<tr><td>mean</td><td class=\"num\">\(SummaryRenderer.ms(c.mean))</td><td class=\"num\">\(SummaryRenderer.ms(u.mean))</td></tr>"
        return html + "</table>"
    }

    static func accountingTable(_ report: RunReport, stored: Int?) -> String {
        let e = report.events
        var rows: [(String, Int)] = [("planned", e.planned), ("sent", e.sent), ("unsent", e.unsent), ("accepted", e.accepted),
                                     ("rejected", e.rejected), ("failed", e.failed), ("unknown (written, no answer)", e.unknown),
                                     ("dropped at the cap (in unsent)", report.schedule.dropped),
                                     ("retries after an unanswered attempt", report.requests.retriedAfterUnknown)]
        if let stored { rows.append(("stored (emulator)", stored)) }
        var html = "<table><tr><th></th><th class=\"num\">events</th></tr>"
        for (name, count) in rows { html += "<tr><td>\(self.e(name))</td><td class=\"num\">\(count)</td></tr>" }
        html += "</table>"
        let addsUp = e.addsUp && (stored == nil || stored == e.accepted)
        html += "<p class=\"\(addsUp ? "" : "fail")\">planned = sent + unsent, sent = accepted + rejected + failed + unknown\(stored == nil ? "" : ", stored = accepted"): \(addsUp ? "every event is accounted for" : "the counts do not add up")</p>"
        return html
    }

    /// The flow's `/runs` recordSummary, read after the run, and whether it agrees with the harness.
    static func platformTable(_ platform: PlatformRecordSummary, accepted: Int?) -> String {
        var rows: [(String, Int)] = [("inputRecordCount", platform.inputRecordCount), ("outputRecordCount", platform.outputRecordCount),
                                     ("failedRecordCount", platform.failedRecordCount)]
        var html = "<p>Flow <code>\(self.e(platform.flowId))</code>, <code>GET /runs</code> recordSummary:</p>"
        html += "<table><tr><th></th><th class=\"num\">records</th></tr>"
        for (name, count) in rows { html += "<tr><td>\(self.e(name))</td><td class=\"num\">\(count)</td></tr>" }
        html += "</table>"
        guard let accepted else { return html }
        let holds = platform.inputRecordCount == accepted
        html += "<p class=\"\(holds ? "" : "fail")\">inputRecordCount = accepted: \(holds ? "holds" : "does not hold")</p>"
        return html
    }

    /// The reconciliation of stored records with the run's outcomes.
    static func reconciliationSection(_ r: Reconciliation) -> String {
        var html = "<section><h2>Reconciliation (\(r.method == .perEvent ? "per event" : "by counts"))</h2>"
        if let note = r.note { html += "<p>\(self.e(note))</p>" }
        html += "<table><tr><th></th><th class=\"num\">count</th></tr>"
        for row in ReconciliationRenderer.rows(r) {
            html += "<tr><td>\(self.e(row.name))</td><td class=\"num\(row.bad ? " fail" : "")\">\(self.e(row.value))</td></tr>"
        }
        html += "</table><p class=\"\(r.holds ? "" : "fail")\">\(r.holds ? "Holds" : "Does not hold"): \(self.e(ReconciliationRenderer.verdict(r)))</p>"
        let samples = ReconciliationRenderer.sampleLines(r)
        if !samples.isEmpty {
            html += "<ul>" + samples.map { "<li><code>\(self.e($0))</code></li>" }.joined() + "</ul>"
        }
        return html + "</section>\n"
    }

    static func errorsTable(_ report: RunReport) -> String {
        guard !report.errors.isEmpty else { return "<p>None.</p>" }
        var html = "<table><tr><th>class</th><th class=\"num\">count</th><th>sample</th></tr>"
        for error in report.errors.prefix(SummaryRenderer.topErrors) {
            html += "<tr><td>\(self.e(error.class))</td><td class=\"num\">\(error.count)</td><td><code>\(self.e(error.sample))</code></td></tr>"
        }
        if report.errors.count > SummaryRenderer.topErrors {
            let rest = report.errors.dropFirst(SummaryRenderer.topErrors)
            html += "<tr><td>(\(rest.count) more classes)</td><td class=\"num\">\(rest.reduce(0) { $0 + $1.count })</td><td></td></tr>"
        }
        return html + "</table>"
    }
}
