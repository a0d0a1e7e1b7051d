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
        PageTemplates.render(self.page(run, verdicts: verdicts), with: "run")
    }

    /// The data of `report.html`, what the `run` template shows.
    struct Page {
        var title: String
        var startedAt: String
        var endedAt: String
        var duration: String
        var stopped: String
        var loadModel: String
        var concurrency: Int
        var inlet: String
        var cards: [PagePart.Card]
        /// Absent without thresholds.
        var thresholds: PagePart.Verdicts?
        /// A merged sharded run's shards; absent otherwise.
        var shards: ShardTable.Section?
        var latencyOverTime: String
        var throughput: String
        var errorsOverTime: String
        var spectrum: String
        var latency: [LatencyRow]
        var statuses: String
        var accounting: Accounting
        var platform: Platform?
        var reconciliation: ReconciliationSection?
        var errors: [ErrorRow]
        /// The classes past the first `SummaryRenderer.topErrors`, in one row.
        var moreErrors: MoreErrors?
        var configuration: [KeyValue]
        var problems: [String]
        var tool: String
        var version: String
        var schemaVersion: Int
    }

    struct KeyValue {
        var key: String
        var value: String
    }

    struct LatencyRow {
        var label: String
        var corrected: String
        var uncorrected: String
    }

    struct Accounting {
        var rows: [PagePart.CountRow]
        /// Whether the table has the emulator's stored count (and the line says `stored = accepted`).
        var withStored: Bool
        var addsUp: Bool
    }

    struct Platform {
        var flowId: String
        var rows: [PagePart.CountRow]
        /// `inputRecordCount = accepted` checked and holding; both false when it is not checked.
        var holds: Bool
        var fails: Bool
    }

    struct ReconciliationSection {
        var method: String
        var note: String?
        var rows: [ReconciliationRenderer.Row]
        var holds: Bool
        var verdict: String
        var samples: [String]
    }

    struct ErrorRow {
        var name: String
        var count: Int
        var sample: String
    }

    struct MoreErrors {
        var classes: Int
        var count: Int
    }

    static func page(_ run: DecodedRun, verdicts: [ThresholdVerdict]) -> Page {
        let report = run.report
        let metrics = RunReportMetrics(run: run)
        var cards: [PagePart.Card] = []
        if !verdicts.isEmpty {
            let passed = verdicts.allSatisfy(\.passed)
            cards.append(
                PagePart.Card(
                    value: passed ? "PASS" : "FAIL", label: "thresholds: \(verdicts.tallyText)",
                    cls: passed ? "pass" : "fail"))
        }
        let p99 = SummaryRenderer.percentile(run.corrected, 99)
        cards += [
            PagePart.Card(
                value: ThresholdFormat.number(report.throughput.requestsPerSecond, fractionDigits: 1),
                label: "requests/s"),
            PagePart.Card(value: p99.isEmpty ? "–" : p99 + " ms", label: "p99 latency (corrected)"),
            PagePart.Card(
                value: ThresholdFormat.value(metrics.value(of: .errorRate) ?? 0, kind: .ratio), label: "error rate"),
            PagePart.Card(
                value: String(report.events.accepted), label: "events accepted of \(report.events.planned) planned"),
        ]
        let charts = self.charts(run)
        let errors = report.errors.prefix(SummaryRenderer.topErrors).map {
            ErrorRow(name: $0.class, count: $0.count, sample: $0.sample)
        }
        let rest = report.errors.dropFirst(SummaryRenderer.topErrors)
        // A reconciliation section replaces the count-only `stored = accepted` check.
        let reconciled = report.reconciliation != nil
        return Page(
            title: "pendo-replay report \(report.startedAt)",
            startedAt: report.startedAt, endedAt: report.endedAt,
            duration: ThresholdFormat.number(report.durationSeconds, fractionDigits: 3), stopped: report.stopText,
            loadModel: report.configuration.loadModel, concurrency: report.configuration.concurrency,
            inlet: report.configuration.inlet,
            cards: cards,
            thresholds: verdicts.isEmpty
                ? nil
                : PagePart.Verdicts(
                    rows: verdicts.map {
                        PagePart.VerdictRow(
                            expression: $0.threshold.expression, verdict: $0.label, explanation: $0.explanation,
                            cls: $0.passed ? "pass" : "fail")
                    }),
            shards: ShardTable.section(report),
            latencyOverTime: charts.latencyOverTime.svg(), throughput: charts.throughput.svg(),
            errorsOverTime: charts.errorsOverTime.svg(),
            spectrum: charts.spectrum.svg(), latency: self.latencyRows(report, run), statuses: charts.statuses.svg(),
            accounting: self.accounting(report, stored: reconciled ? nil : run.stored),
            platform: report.platform.map { self.platform($0, accepted: reconciled ? nil : report.events.accepted) },
            reconciliation: report.reconciliation.map(self.reconciliation),
            errors: errors,
            moreErrors: rest.isEmpty ? nil : MoreErrors(classes: rest.count, count: rest.reduce(0) { $0 + $1.count }),
            configuration: ConfigurationRows.rows(report.configuration).map { KeyValue(key: $0.key, value: $0.value) },
            problems: run.problems,
            tool: report.tool.name, version: report.tool.version, schemaVersion: report.schemaVersion)
    }

    /// The five plots of a run.
    static func charts(_ run: DecodedRun) -> (
        latencyOverTime: LineChart, throughput: LineChart, errorsOverTime: LineChart,
        spectrum: PercentileSpectrumChart, statuses: BarChart
    ) {
        let report = run.report
        let perSecond = PerSecondSeries(intervals: report.intervals, durationSeconds: report.durationSeconds)
        let end = perSecond.seconds.last.map { Double($0.start) + $0.span } ?? report.durationSeconds
        let latencyOverTime = LineChart(
            title: "Latency percentiles over time (corrected; breaks where nothing completed)",
            series: [
                perSecond.latencySteps("p50") { $0.latency.p50 }, perSecond.latencySteps("p90") { $0.latency.p90 },
                perSecond.latencySteps("p99") { $0.latency.p99 }, perSecond.latencySteps("max") { $0.latency.max },
            ],
            xLabel: "seconds since start", yLabel: "latency (ms)")
        var rates = [
            perSecond.steps("requests completed", color: "#0072B2") { $0.requests },
            perSecond.steps("accepted events", color: "#009E73") { $0.accepted },
        ]
        if let target = PerSecondSeries.target(report.configuration, until: end, color: "#6F7782") {
            rates.append(target)
        }
        let throughput = LineChart(
            title: "Throughput per second", series: rates, xLabel: "seconds since start", yLabel: "per second")
        // Errors on an axis of their own: 1.6 % of 503s is a flat line at 0 beside thousands of requests.
        let errorsOverTime = LineChart(
            title: "Errors per second (events rejected or failed)",
            series: [perSecond.steps("errors", color: "#D55E00") { $0.errors }],
            xLabel: "seconds since start", yLabel: "errors per second", height: 220)
        let spectrum = PercentileSpectrumChart(
            title: "Latency by percentile",
            series: [
                PercentileSpectrumChart.series(
                    from: run.corrected, name: "corrected", valueUnitsPerOutputUnit: 1000, color: "#0072B2"),
                PercentileSpectrumChart.series(
                    from: run.uncorrected, name: "uncorrected (service time)", valueUnitsPerOutputUnit: 1000,
                    color: "#D55E00", dashed: true),
            ],
            yLabel: "latency (ms)")
        var bars = report.requests.byStatus.sorted { $0.key < $1.key }.map {
            BarChart.Bar(label: $0.key, value: Double($0.value), color: BarChart.color(forStatus: $0.key))
        }
        for error in report.errors where !error.class.hasPrefix("http-") && !error.class.hasPrefix("message-") {
            bars.append(
                BarChart.Bar(
                    label: error.class, value: Double(error.count), color: BarChart.color(forStatus: error.class)))
        }
        let statuses = BarChart(title: "Answers by status code (and errors without an answer)", bars: bars)
        return (latencyOverTime, throughput, errorsOverTime, spectrum, statuses)
    }

    static func latencyRows(_ report: RunReport, _ run: DecodedRun) -> [LatencyRow] {
        let c = report.latency.corrected
        let u = report.latency.uncorrected
        var rows = [
            LatencyRow(label: "min", corrected: SummaryRenderer.ms(c.min), uncorrected: SummaryRenderer.ms(u.min))
        ]
        for (label, p) in [("p50", 50.0), ("p90", 90), ("p99", 99), ("p99.9", 99.9), ("p99.99", 99.99)] {
            rows.append(
                LatencyRow(
                    label: label, corrected: SummaryRenderer.percentile(run.corrected, p),
                    uncorrected: SummaryRenderer.percentile(run.uncorrected, p)))
        }
        rows.append(
            LatencyRow(label: "max", corrected: SummaryRenderer.ms(c.max), uncorrected: SummaryRenderer.ms(u.max)))
        rows.append(
            LatencyRow(label: "mean", corrected: SummaryRenderer.ms(c.mean), uncorrected: SummaryRenderer.ms(u.mean)))
        return rows
    }

    static func accounting(_ report: RunReport, stored: Int?) -> Accounting {
        let e = report.events
        var rows = [
            PagePart.CountRow(name: "planned", count: e.planned), PagePart.CountRow(name: "sent", count: e.sent),
            PagePart.CountRow(name: "unsent", count: e.unsent), PagePart.CountRow(name: "accepted", count: e.accepted),
            PagePart.CountRow(name: "rejected", count: e.rejected), PagePart.CountRow(name: "failed", count: e.failed),
            PagePart.CountRow(name: "unknown (written, no answer)", count: e.unknown),
            PagePart.CountRow(name: "dropped at the cap (in unsent)", count: report.schedule.dropped),
            PagePart.CountRow(name: "retries after an unanswered attempt", count: report.requests.retriedAfterUnknown),
        ]
        if let stored { rows.append(PagePart.CountRow(name: "stored (emulator)", count: stored)) }
        return Accounting(
            rows: rows, withStored: stored != nil, addsUp: e.addsUp && (stored == nil || stored == e.accepted))
    }

    /// The flow's `/runs` recordSummary, read after the run, and whether it agrees with the harness.
    static func platform(_ platform: PlatformRecordSummary, accepted: Int?) -> Platform {
        let holds = accepted.map { platform.inputRecordCount == $0 }
        return Platform(
            flowId: platform.flowId,
            rows: [
                PagePart.CountRow(name: "inputRecordCount", count: platform.inputRecordCount),
                PagePart.CountRow(name: "outputRecordCount", count: platform.outputRecordCount),
                PagePart.CountRow(name: "failedRecordCount", count: platform.failedRecordCount),
            ],
            holds: holds == true, fails: holds == false)
    }

    /// The reconciliation of stored records with the run's outcomes.
    static func reconciliation(_ r: Reconciliation) -> ReconciliationSection {
        ReconciliationSection(
            method: r.method == .perEvent ? "per event" : "by counts", note: r.note,
            rows: ReconciliationRenderer.rows(r), holds: r.holds,
            verdict: ReconciliationRenderer.verdict(r), samples: ReconciliationRenderer.sampleLines(r))
    }
}
