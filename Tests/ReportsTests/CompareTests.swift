import Foundation
import Testing

@testable import Reports

@Suite struct CompareTests {
    static func metrics(_ samples: [Fixtures.Sample]) -> RunReportMetrics {
        RunReportMetrics(report: Fixtures.report(samples))
    }

    static func verdict(_ comparison: RunComparison, _ metric: Metric) -> RunComparison.Verdict? {
        comparison.rows.first { $0.metric == metric }?.verdict
    }

    @Test func identicalRunsDoNotRegress() {
        let base = RunReportMetrics(report: Fixtures.fixed)
        let comparison = RunComparison(baseline: base, candidate: base, tolerance: 0.1)
        #expect(!comparison.hasRegression)
        #expect(comparison.rows.allSatisfy { $0.verdict == .same || $0.verdict == .info })
    }

    @Test func slowerP99IsARegressionBeyondTheTolerance() {
        let base = Fixtures.samples()
        let slower = base.map {
            var s = $0
            s.corrected = s.corrected * 13 / 10
            s.service = s.service * 13 / 10
            return s
        }
        let comparison = RunComparison(baseline: Self.metrics(base), candidate: Self.metrics(slower), tolerance: 0.1)
        #expect(Self.verdict(comparison, .percentile(99, corrected: true)) == .regression)
        #expect(Self.verdict(comparison, .percentile(50, corrected: true)) == .worse)
        #expect(comparison.hasRegression)
        let lenient = RunComparison(baseline: Self.metrics(base), candidate: Self.metrics(slower), tolerance: 0.5)
        #expect(!lenient.hasRegression)
        // Faster is better, never a regression.
        let reverse = RunComparison(baseline: Self.metrics(slower), candidate: Self.metrics(base), tolerance: 0.1)
        #expect(Self.verdict(reverse, .percentile(99, corrected: true)) == .better)
        #expect(!reverse.hasRegression)
    }

    @Test func lowerThroughputIsARegression() {
        let base = Fixtures.samples()
        let fewer = Fixtures.samples(perSecond: 40)
        let comparison = RunComparison(baseline: Self.metrics(base), candidate: Self.metrics(fewer), tolerance: 0.1)
        #expect(Self.verdict(comparison, .requestsPerSecond) == .regression)
        #expect(
            !RunComparison(baseline: Self.metrics(base), candidate: Self.metrics(fewer), tolerance: 0.25).rows
                .contains { $0.metric == .requestsPerSecond && $0.verdict == .regression })
    }

    @Test func higherErrorRateIsARegression() {
        let base = Fixtures.samples()
        let failing = base.enumerated().map { index, sample in
            var s = sample
            if index % 50 == 0 { s.status = 503 }
            return s
        }
        let comparison = RunComparison(baseline: Self.metrics(base), candidate: Self.metrics(failing), tolerance: 0.1)
        #expect(Self.verdict(comparison, .errorRate) == .regression)
        let markdown = comparison.markdown(baselineName: "base/report.json", candidateName: "new/report.json")
        #expect(markdown.contains("**REGRESSION** (error_rate"))
        #expect(markdown.contains("| error_rate (gated) | 0.7% | 2.7% | +285.7% | **regression** |"))
    }

    @Test func toleranceParses() throws {
        #expect(try Tolerance.parse("10%") == 0.1)
        #expect(try Tolerance.parse("0.05") == 0.05)
        #expect(try Tolerance.parse(" 2.5% ") == 0.025)
        #expect(throws: ToleranceError.self) { try Tolerance.parse("ten") }
        #expect(throws: ToleranceError.self) { try Tolerance.parse("-5%") }
        // A bare 10 would be 1000 %: refused, naming the percentage meant.
        #expect(throws: ToleranceError.self) { try Tolerance.parse("10") }
        #expect(try Tolerance.parse("1%") == 0.01)
        do {
            _ = try Tolerance.parse("10")
        } catch {
            #expect(error.description.contains("did you mean 10%?"))
        }
    }

    @Test("a mapping whose source went from present to absent is a regression, though nothing is rejected")
    func presenceLostIsARegression() throws {
        func report(source: String, present: Int) -> Data {
            Data(
                """
                {"formatVersion":1,"events":{"read":1000,"mappedClean":1000,"mappedWithWarnings":0,"rejected":0,"unreadable":0,"warnings":0},
                 "mappings":[{"index":0,"source":"\(source)","destination":"_x.visitor","present":\(present),"missing":\(1000 - present),"failed":0}],
                 "rejections":[]}
                """.utf8)
        }
        let base = try ValidationFacts(json: report(source: "visitorId", present: 1000), path: "a")
        let typo = try ValidationFacts(json: report(source: "visitorID", present: 0), path: "b")
        let comparison = ValidationComparison(baseline: base, candidate: typo, tolerance: 0.1)
        #expect(comparison.hasRegression)
        #expect(
            comparison.presenceLost.map(\.name) == [
                "presence of mapping #0 -> _x.visitor (source visitorId → visitorID)"
            ])
        #expect(
            comparison.markdown(baselineName: "a", candidateName: "b").contains("| 1000 | 0 | -1000 | **regression** |")
        )
        // Within the tolerance: reported as changed, not a regression.
        let slightly = try ValidationFacts(json: report(source: "visitorId", present: 950), path: "c")
        let small = ValidationComparison(baseline: base, candidate: slightly, tolerance: 0.1)
        #expect(!small.hasRegression)
        #expect(small.changes.count == 1)
    }

    static func validation(rejections: String, warnings: Int, rejected: Int) -> Data {
        Data(
            """
            {"formatVersion":1,"corpus":["c"],"mapping":"m.json","schema":null,"seconds":1,"workers":2,"eventsPerSecond":10,
             "events":{"read":100,"mappedClean":90,"mappedWithWarnings":\(warnings),"rejected":\(rejected),"unreadable":0,"warnings":\(warnings),"unreadableSamples":[]},
             "mappings":[{"index":0,"source":"visitorId","destination":"_id","present":100,"missing":0,"failed":\(warnings),"typesSeen":{},"samples":{}}],
             "rejections":[\(rejections)]}
            """.utf8)
    }

    @Test func validationComparisonFindsNewReasonsAndChangedCounts() throws {
        let reasonA = #"{"code":"ERR-1","rule":"required","path":"_id","count":3,"exampleMessage":"x","samples":[]}"#
        let reasonB = #"{"code":"ERR-2","rule":"type","path":"timestamp","count":1,"exampleMessage":"y","samples":[]}"#
        #expect(ValidationFacts.looksLikeValidation(Self.validation(rejections: reasonA, warnings: 2, rejected: 3)))
        #expect(!ValidationFacts.looksLikeValidation(Data(try ReportFiles.encode(Fixtures.fixed).utf8)))
        let base = try ValidationFacts(json: Self.validation(rejections: reasonA, warnings: 2, rejected: 3), path: "a")
        let same = ValidationComparison(baseline: base, candidate: base, tolerance: 0.1)
        #expect(!same.hasRegression)
        #expect(same.changes.isEmpty)

        let candidate = try ValidationFacts(
            json: Self.validation(rejections: reasonA + "," + reasonB, warnings: 5, rejected: 4), path: "b")
        let comparison = ValidationComparison(baseline: base, candidate: candidate, tolerance: 0.1)
        #expect(comparison.hasRegression)
        #expect(comparison.newRejectionReasons.map(\.name) == ["ERR-2 type at timestamp"])
        #expect(comparison.changes.map(\.name).contains("warnings of mapping #0 visitorId -> _id"))
        #expect(comparison.regressedTotals.map(\.name) == ["rejected", "warnings (fields dropped)"])
        #expect(comparison.markdown(baselineName: "a", candidateName: "b").contains("- **ERR-2 type at timestamp**: 1"))
        #expect(throws: ReportFileError.self) { try ValidationFacts(json: Data("{}".utf8), path: "bad.json") }
    }
}

@Suite struct ValidationRenderingTests {
    @Test func rendersCountsReasonsAndWarnings() throws {
        let reason = #"{"code":"ERR-1","rule":"required","path":"_id","count":3,"exampleMessage":"x","samples":[]}"#
        let facts = try ValidationFacts(
            json: CompareTests.validation(rejections: reason, warnings: 2, rejected: 3), path: "v.json")
        let md = ValidationRenderer.markdown(facts)
        #expect(md.contains("| rejected | 3 |"))
        #expect(md.contains("| ERR-1 required at _id | 3 |"))
        #expect(md.contains("| #0 visitorId -> _id | 2 |"))
        #expect(md.contains("- mapping set: `m.json`"))
        let html = ValidationRenderer.html(facts)
        #expect(html.components(separatedBy: "<svg").count - 1 == 2)
        #expect(!html.contains("<script"))
    }
}
