import Foundation
import Testing

@testable import Reports

/// The HTML pages besides the fixed run's `report.html` (GoldenFileTests), byte for byte against
/// Golden/: a run through a flow with every optional section, `capacity.html`, `diff.html` and `validation.html`. They
/// pin the pages' visible output while the pages share one layout. Regenerate after an intended
/// change with `UPDATE_GOLDEN=1 swift test --filter PageGoldenTests` and review the diff.
@Suite struct PageGoldenTests {
    /// The fixed run through a flow, reconciled per event with sample keys, with more error classes
    /// than the table lists (one sample with a control character and markup), a broken histogram (a
    /// problem) and no thresholds.
    static func everySection() -> RunReport {
        var report = PlatformSummaryTests.throughFlow("d947e6a9-<ea53>")
        let accepted = report.events.accepted
        report.reconciliation = Reconciliation(
            method: .perEvent, holds: false,
            perEvent: PerEventReconciliation(
                outcomes: ["accepted": accepted], keyed: accepted, stored: accepted - 1, acceptedMissing: 1,
                samples: ["acceptedMissing": ["k<1>", "k2"]]),
            note: "read from the emulator's \"data\" folder")
        report.errors = (0..<(SummaryRenderer.topErrors + 2)).map { index in
            ErrorEntry(
                class: index == 0 ? "timeout" : "http-5\(index)", count: 20 - index,
                sample: index == 0 ? "no answer in 5 s\u{01} <after> 'write'" : "{\"status\": 5\(index)}")
        }
        report.histograms.uncorrected = "AAAA"
        return report
    }

    @Test func aRunWithEverySection() throws {
        let report = Self.everySection()
        let html = HTMLRenderer.render(report, verdicts: [])
        try GoldenFileTests.check("report-every-section.html", html)
        #expect(html.contains("no answer in 5 s\u{FFFD} &lt;after&gt; &#39;write&#39;"))
        #expect(html.contains("<h2>Problems</h2>"))
    }

    @Test func capacityPage() throws {
        let steps = [
            CapacityReportAnalysisTests.step(100, .pass, p99: 10, mean: 5),
            CapacityReportAnalysisTests.step(200, .pass, p99: 20, mean: 5),
            CapacityReportAnalysisTests.step(400, .fail, p99: 900, mean: 500),
        ]
        let report = CapacityReport(
            tool: ToolInfo(version: "test"), maxSustainableRate: 200,
            bracket: CapacityBracket(passing: 200, failing: 400),
            limitedBy: .inlet, generatorLimitRate: nil, slos: ["p99<250ms", "error_rate<1%"],
            settings: CapacitySettingsRecord(
                start: 100, max: 400, stepSeconds: 6, warmupSeconds: 2, windows: 2, precision: 0.05, batch: 1),
            steps: steps)
        try GoldenFileTests.check("capacity.html", CapacityHTML.render(report))
    }

    @Test func diffPage() throws {
        try GoldenFileTests.check("diff.html", DiffRenderer.html(try DiffReportTests.facts()))
    }

    /// With `--allow` rules, unreadable events and nothing changed.
    @Test func diffPageWithAllowRules() throws {
        var facts = try DiffReportTests.facts()
        facts.allow = [
            DiffFacts.Allow(expression: "changed<2%", passed: true, explanation: "0.6 % < 2 %"),
            DiffFacts.Allow(expression: "mapped_to_rejected==0", passed: false, explanation: "2 > 0"),
        ]
        facts.unreadableSamples = ["c/events.jsonl:11: <not JSON>", "c/events.jsonl:12"]
        facts.events.unreadable = 2
        facts.fields = facts.fields.map { field in
            var field = field
            field.changed = 0
            field.typeChanged = 0
            field.added = 0
            field.removed = 0
            return field
        }
        facts.rejections = []
        try GoldenFileTests.check("diff-allow.html", DiffRenderer.html(facts))
    }

    @Test func validationPage() throws {
        let reasons =
            #"{"code":"ERR-1","rule":"required","path":"_id","count":3,"exampleMessage":"x","samples":[]}"#
            + #",{"code":"ERR-2","rule":"type","path":"<timestamp>","count":1,"exampleMessage":"y","samples":[]}"#
        let facts = try ValidationFacts(
            json: CompareTests.validation(rejections: reasons, warnings: 2, rejected: 4), path: "v.json")
        try GoldenFileTests.check("validation.html", ValidationRenderer.html(facts))
        let clean = try ValidationFacts(
            json: CompareTests.validation(rejections: "", warnings: 0, rejected: 0), path: "v.json")
        try GoldenFileTests.check("validation-clean.html", ValidationRenderer.html(clean))
    }
}
