import Testing
@testable import Reports

/// summary.md shows the platform's `/runs` record summary beside the harness's accounting when the
/// run went through a flow, and says whether the two agree.
@Suite struct PlatformSummaryTests {
    @Test func summaryShowsThePlatformRecordSummary() {
        var report = Fixtures.fixed
        let accepted = report.events.accepted
        report.platform = PlatformRecordSummary(flowId: "d947e6a9-ea53-42c4-985c-c9379265491f", inputRecordCount: accepted,
                                                outputRecordCount: accepted - 2, failedRecordCount: 2, stored: accepted - 2)
        let md = SummaryRenderer.render(report, verdicts: [])
        #expect(md.contains("## Platform record summary (flow `d947e6a9-ea53-42c4-985c-c9379265491f`)"))
        #expect(md.contains("| outputRecordCount | \(accepted - 2) |"))
        #expect(md.contains("| failedRecordCount | 2 |"))
        #expect(md.contains("`inputRecordCount = accepted`: holds"))
    }

    @Test func disagreementIsSaid() {
        var report = Fixtures.fixed
        report.platform = PlatformRecordSummary(flowId: "f", inputRecordCount: report.events.accepted + 1,
                                                outputRecordCount: 0, failedRecordCount: 0)
        #expect(SummaryRenderer.render(report, verdicts: []).contains("`inputRecordCount = accepted`: **does not hold**"))
    }

    @Test func noSectionWithoutAFlow() {
        #expect(!SummaryRenderer.render(Fixtures.fixed, verdicts: []).contains("Platform record summary"))
    }
}
