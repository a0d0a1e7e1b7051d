import Foundation
import Testing

@testable import Reports

/// The knee and the USL fit on published example data.
@Suite struct CapacityAnalysisTests {
    // kneed's test curves (Arvai, kneed, tests/test_sample.py): x = 0...9.
    static let x: [Double] = (0..<10).map(Double.init)
    static let convexIncreasing: [Double] = [1, 2, 3, 4, 5, 10, 15, 20, 40, 100]

    @Test func kneeOfKneedsConvexIncreasingCurveIsSeven() {
        #expect(Kneedle.knee(x: Self.x, y: Self.convexIncreasing, curve: .convexIncreasing) == 7)
    }

    @Test func kneeOfKneedsConcaveIncreasingCurveIsTwo() {
        let concave = Self.convexIncreasing.reversed().map { 100 - $0 }
        #expect(Kneedle.knee(x: Self.x, y: concave, curve: .concaveIncreasing) == 2)
    }

    @Test func kneeOfTheManuscriptsFigureTwoIsNearPointTwoTwo() {
        // Satopää et al. 2011, figure 2: y = -1/(x + 0.1) + 5 on ten points of 0...1; the knee is 0.22.
        let x = (0..<10).map { Double($0) / 9 }
        let y = x.map { -1 / ($0 + 0.1) + 5 }
        let knee = Kneedle.knee(x: x, y: y, curve: .concaveIncreasing)
        #expect(knee == 2)
        #expect(abs(x[2] - 0.22) < 0.01)
    }

    @Test func noKneeWithoutABendOrEnoughPoints() {
        #expect(Kneedle.knee(x: [0, 1, 2], y: [0, 1, 2], curve: .convexIncreasing) == nil)
        #expect(Kneedle.knee(x: [0, 1], y: [0, 5], curve: .convexIncreasing) == nil)
        #expect(Kneedle.knee(x: [0, 1, 2], y: [3, 3, 3], curve: .convexIncreasing) == nil)
    }

    // Baron Schwartz, "Practical Scalability Analysis with the Universal Scalability Law" (2015):
    // the Cisco benchmark, and the fitted values the book lists.
    static let cisco: [(Double, Double)] = [
        (1, 955.16), (2, 1878.91), (3, 2688.01), (4, 3548.68), (5, 4315.54), (6, 5130.43), (7, 5931.37), (8, 6531.08),
        (9, 7219.8), (10, 7867.61), (11, 8278.71), (12, 8646.7), (13, 9047.84), (14, 9426.55), (15, 9645.37),
        (16, 9897.24),
        (17, 10097.6), (18, 10240.5), (19, 10532.39), (20, 10798.52), (21, 11151.43), (22, 11518.63), (23, 11806),
        (24, 12089.37),
        (25, 12075.41), (26, 12177.29), (27, 12211.41), (28, 12158.93), (29, 12155.27), (30, 12118.04), (31, 12140.4),
        (32, 12074.39),
    ]

    static func within(_ value: Double, _ expected: Double, percent: Double) -> Bool {
        abs(value - expected) <= abs(expected) * percent / 100
    }

    @Test func uslFitOfTheCiscoBenchmarkMatchesTheBook() throws {
        let fit = try #require(USLFit.fit(concurrency: Self.cisco.map(\.0), throughput: Self.cisco.map(\.1)))
        #expect(Self.within(fit.sigma, 0.02671591, percent: 0.02), "σ \(fit.sigma)")
        #expect(Self.within(fit.kappa, 7.690945e-4, percent: 0.02), "κ \(fit.kappa)")
        #expect(Self.within(fit.lambda, 995.6486, percent: 0.02), "λ \(fit.lambda)")
        let peak = try #require(fit.peakConcurrency)
        #expect(Int(peak) == 35, "N max \(peak)")
        #expect(Self.within(try #require(fit.peakThroughput), 12341, percent: 0.02), "X max \(fit.peakThroughput ?? 0)")
    }

    @Test func uslFitRecoversAModelItWasGivenPointsOf() throws {
        let model = USLFit(lambda: 100, sigma: 0.05, kappa: 0.001)
        let n: [Double] = [1, 2, 4, 8, 16, 32, 64]
        let fit = try #require(USLFit.fit(concurrency: n, throughput: n.map { model.throughput(atConcurrency: $0) }))
        #expect(Self.within(fit.lambda, 100, percent: 1e-6))
        #expect(Self.within(fit.sigma, 0.05, percent: 1e-6))
        #expect(Self.within(fit.kappa, 0.001, percent: 1e-6))
    }

    @Test func uslFitNeedsThreePositivePoints() {
        #expect(USLFit.fit(concurrency: [1, 2], throughput: [10, 20]) == nil)
        #expect(USLFit.fit(concurrency: [1, 2, 0], throughput: [10, 20, 30]) == nil)
        #expect(USLFit.fit(concurrency: [1, 2, 3], throughput: [10, .nan, 30]) == nil)
    }
}

@Suite struct CapacityReportAnalysisTests {
    static func step(_ offered: Double, _ verdict: CapacityVerdict, p99: Double, mean: Double) -> CapacityStepRecord {
        CapacityStepRecord(
            offered: offered, delivered: offered, verdict: verdict, reason: nil, purpose: "doubling", warmupSeconds: 1,
            windowSeconds: 2, windowsPassed: [true, true], windowSamples: [1, 1], scheduleLagP99Milliseconds: 0,
            latency: LatencySummary(count: 1, p99: p99, mean: mean))
    }

    @Test func theKneeIsOverOneStepPerRateAndSkipsRetriedSteps() {
        let steps = [
            Self.step(100, .pass, p99: 1, mean: 1), Self.step(200, .pass, p99: 2, mean: 1),
            Self.step(400, .retried, p99: 900, mean: 1),
            Self.step(400, .pass, p99: 3, mean: 1), Self.step(800, .fail, p99: 4, mean: 1),
            Self.step(1600, .fail, p99: 400, mean: 1),
        ]
        #expect(CapacityAnalysis.curve(steps).map(\.offered) == [100, 200, 400, 800, 1600])
        #expect(CapacityAnalysis.knee(steps) == CapacityKnee(offered: 800, p99Milliseconds: 4))
    }

    @Test func theUSLIsFittedOverPassingStepsWithLittlesLaw() throws {
        // Steps whose delivered rate and mean latency follow a USL model exactly: N = X · R.
        let model = USLFit(lambda: 100, sigma: 0.05, kappa: 0.001)
        let steps =
            [1.0, 2, 4, 8, 16].map { n -> CapacityStepRecord in
                let x = model.throughput(atConcurrency: n)
                return Self.step(x, .pass, p99: 1, mean: n / x * 1000)
            } + [Self.step(5000, .fail, p99: 900, mean: 900)]
        let usl = try #require(CapacityAnalysis.usl(steps))
        #expect(usl.points == 5)
        #expect(abs(usl.model.sigma - 0.05) < 1e-9)
        #expect(abs(usl.model.kappa - 0.001) < 1e-9)
    }
}

@Suite struct CapacityReportFileTests {
    @Test func unknownAnswersAreWrittenAsNull() throws {
        let report = CapacityReport(
            tool: ToolInfo(version: "test"), maxSustainableRate: nil,
            bracket: CapacityBracket(passing: nil, failing: 100),
            limitedBy: .inlet, generatorLimitRate: nil, slos: ["p99<250ms"],
            settings: CapacitySettingsRecord(
                start: 100, max: 102_400, stepSeconds: 20, warmupSeconds: 5, windows: 2, precision: 0.05, batch: 1),
            steps: [])
        let text = try CapacityFiles.encode(report)
        #expect(text.contains("\"maxSustainableRate\" : null"))
        #expect(text.contains("\"passing\" : null"))
        #expect(text.contains("\"generatorLimitRate\" : null"))
        #expect(!text.contains("\"knee\""))
        let decoded = try JSONDecoder().decode(CapacityReport.self, from: Data(text.utf8))
        #expect(decoded == report)
        #expect(CapacityMarkdown.answer(report) == "even the first step (100/s) failed the SLOs")
    }
}

@Suite struct CapacityHTMLTests {
    @Test func thePageHasThePlotsWithTheIdentityAndSLOLines() {
        let steps = [
            CapacityReportAnalysisTests.step(100, .pass, p99: 10, mean: 5),
            CapacityReportAnalysisTests.step(200, .pass, p99: 20, mean: 5),
            CapacityReportAnalysisTests.step(400, .fail, p99: 900, mean: 500),
        ]
        let report = CapacityReport(
            tool: ToolInfo(version: "test"), maxSustainableRate: 200,
            bracket: CapacityBracket(passing: 200, failing: 400),
            limitedBy: .inlet, generatorLimitRate: nil, slos: ["p99<250ms", "error_rate<1%", "p90<100ms"],
            settings: CapacitySettingsRecord(
                start: 100, max: 400, stepSeconds: 6, warmupSeconds: 2, windows: 2, precision: 0.05, batch: 1),
            steps: steps)
        let html = CapacityHTML.render(report)
        #expect(html.components(separatedBy: "<svg").count - 1 == 3)
        #expect(html.contains("offered = delivered"))
        #expect(html.contains("SLO p99&lt;250ms"))
        #expect(!html.contains("SLO error_rate"))
        #expect(!html.contains("SLO p90"))
        #expect(html.contains("<h1>Capacity: 200/s</h1>"))
        #expect(
            CapacityHTML.latencyChart(report).series[1].points == [
                ChartPoint(x: 0, y: 250), ChartPoint(x: 400, y: 250),
            ])
        // 1 s warm-up + 2 x 2 s windows each
        #expect(CapacityHTML.timeChart(report).series[0].points.map(\.x) == [0, 5, 5, 10, 10, 15])
    }
}
