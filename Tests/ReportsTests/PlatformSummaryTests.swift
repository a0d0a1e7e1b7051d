import Testing

@testable import Reports

/// summary.md and report.html show the platform's `/runs` record summary beside the harness's
/// accounting when the run went through a flow, and say whether the two agree.
@Suite struct PlatformSummaryTests {
    /// The fixed report, run through flow `flowId`: the platform took every accepted event, stored all but two.
    static func throughFlow(_ flowId: String) -> RunReport {
        var report = Fixtures.fixed
        let accepted = report.events.accepted
        report.platform = PlatformRecordSummary(
            flowId: flowId, inputRecordCount: accepted,
            outputRecordCount: accepted - 2, failedRecordCount: 2, stored: accepted - 2)
        return report
    }

    @Test func summaryShowsThePlatformRecordSummary() {
        let report = Self.throughFlow("d947e6a9-ea53-42c4-985c-c9379265491f")
        let accepted = report.events.accepted
        let md = SummaryRenderer.render(report, verdicts: [])
        #expect(md.contains("## Platform record summary (flow `d947e6a9-ea53-42c4-985c-c9379265491f`)"))
        #expect(md.contains("| outputRecordCount | \(accepted - 2) |"))
        #expect(md.contains("| failedRecordCount | 2 |"))
        #expect(md.contains("`inputRecordCount = accepted`: holds"))
    }

    @Test(
        "one stored: the caller's count, else the platform section's, printed once in summary.md and report.html and read by thresholds"
    )
    func storedOnce() throws {
        let report = Self.throughFlow("f")
        let accepted = report.events.accepted
        for (given, shown) in [(nil, accepted - 2), (Optional(accepted), accepted)] {
            let md = SummaryRenderer.render(report, verdicts: [], stored: given)
            #expect(md.components(separatedBy: "stored (emulator)").count == 2, "printed once: \(md)")
            #expect(md.contains("| stored (emulator) | \(shown) |"))
            #expect(md.contains("`stored = accepted`: \(shown == accepted ? "holds" : "**does not hold**")"))
            let html = HTMLRenderer.render(report, verdicts: [], stored: given)
            #expect(html.components(separatedBy: "stored (emulator)").count == 2)
            let verdicts = try ThresholdSet(parsing: ["stored==accepted"]).evaluate(
                against: RunReportMetrics(report: report, stored: given))
            #expect(verdicts.allPassed == (shown == accepted))
        }
        #expect(!SummaryRenderer.render(Fixtures.fixed, verdicts: []).contains("stored (emulator)"))
    }

    @Test("the console summary and the files come from Reports: the same counts")
    func consoleSummary() {
        let report = Self.throughFlow("f")
        let text = SummaryRenderer.console(report, reportPath: "out/report.json")
        let e = report.events
        #expect(
            text.contains(
                "events: planned \(e.planned), sent \(e.sent), accepted \(e.accepted), rejected \(e.rejected), failed \(e.failed), unknown \(e.unknown), unsent \(e.unsent)"
            ))
        #expect(text.contains("platform (flow f /runs): input \(e.accepted), output \(e.accepted - 2), failed 2"))
        #expect(
            text.hasSuffix(
                "report: out/report.json (summary.md, report.html, latency.hgrm, intervals.hlog, junit.xml beside it)"))
    }

    @Test func disagreementIsSaid() {
        var report = Fixtures.fixed
        report.platform = PlatformRecordSummary(
            flowId: "f", inputRecordCount: report.events.accepted + 1,
            outputRecordCount: 0, failedRecordCount: 0)
        #expect(
            SummaryRenderer.render(report, verdicts: []).contains("`inputRecordCount = accepted`: **does not hold**"))
    }

    @Test func noSectionWithoutAFlow() {
        #expect(!SummaryRenderer.render(Fixtures.fixed, verdicts: []).contains("Platform record summary"))
    }

    @Test func htmlShowsThePlatformRecordSummary() {
        var report = Self.throughFlow("d947e6a9-<ea53>")
        let accepted = report.events.accepted
        let html = HTMLRenderer.render(report, verdicts: [])
        #expect(html.contains("<h2>Platform record summary</h2>"))
        #expect(html.contains("<code>d947e6a9-&lt;ea53&gt;</code>"))
        #expect(html.contains("<tr><td>outputRecordCount</td><td class=\"num\">\(accepted - 2)</td></tr>"))
        #expect(html.contains("<tr><td>stored (emulator)</td><td class=\"num\">\(accepted - 2)</td></tr>"))
        #expect(html.contains(">inputRecordCount = accepted: holds</p>"))

        report.platform?.inputRecordCount = accepted + 1
        #expect(
            HTMLRenderer.render(report, verdicts: []).contains(
                "<p class=\"fail\">inputRecordCount = accepted: does not hold</p>"))
        #expect(!HTMLRenderer.render(Fixtures.fixed, verdicts: []).contains("Platform record summary"))
    }
}
