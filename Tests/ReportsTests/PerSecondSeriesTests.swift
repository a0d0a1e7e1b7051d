import Testing

@testable import Reports

@Suite struct PerSecondSeriesTests {
    static func sample(_ second: Int, requests: Int, errors: Int = 0, p99: Double = 5) -> IntervalSample {
        IntervalSample(
            second: second, requests: requests, accepted: requests - errors, errors: errors,
            latency: LatencySummary(count: requests, min: 1, p50: 2, p90: 3, p99: p99, p999: p99, max: p99, mean: 2),
            histogram: "")
    }

    @Test("every second of the run is there; a stall's seconds are zero; the last second spans what the run lasted")
    func zeroFill() {
        let series = PerSecondSeries(
            intervals: [
                Self.sample(0, requests: 10), Self.sample(1, requests: 10),
                Self.sample(4, requests: 8), Self.sample(5, requests: 3),
            ],
            durationSeconds: 5.5)
        #expect(series.seconds.map(\.start) == [0, 1, 2, 3, 4, 5])
        #expect(series.seconds.map { $0.sample == nil } == [false, false, true, true, false, false])
        #expect(series.seconds.map(\.span) == [1, 1, 1, 1, 1, 0.5])
        let steps = series.steps("requests") { $0.requests }
        #expect(steps.points.map(\.x) == [0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 5.5])
        // 3 answers in half a second is a rate of 6 per second.
        #expect(steps.points.map(\.y) == [10, 10, 10, 10, 0, 0, 0, 0, 8, 8, 6, 6])
    }

    @Test("seconds after the measured end that an interval names are kept; an empty run has whole seconds of zero")
    func boundaries() {
        let late = PerSecondSeries(
            intervals: [Self.sample(0, requests: 1), Self.sample(3, requests: 1)], durationSeconds: 2)
        #expect(late.seconds.map(\.start) == [0, 1, 2, 3])
        #expect(late.seconds.map(\.span) == [1, 1, 1, 1])
        let empty = PerSecondSeries(intervals: [], durationSeconds: 2)
        #expect(empty.seconds.map(\.start) == [0, 1])
        #expect(empty.steps("x") { $0.requests }.points.allSatisfy { $0.y == 0 })
    }

    @Test("latency breaks where nothing completed, and the chart draws two lines, not one across the gap")
    func latencyBreaks() {
        let series = PerSecondSeries(
            intervals: [Self.sample(0, requests: 4, p99: 7), Self.sample(3, requests: 4, p99: 9)], durationSeconds: 4)
        let p99 = series.latencySteps("p99") { $0.latency.p99 }
        #expect(p99.points.count == 5)
        #expect(p99.points[2].x == 1 && p99.points[2].y.isNaN)
        #expect(p99.points.filter { $0.y.isFinite }.map(\.y) == [7, 7, 9, 9])
        let svg = LineChart(title: "t", series: [p99], xLabel: "x", yLabel: "y").svg()
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 2)
        #expect(!svg.contains("nan"))
    }

    @Test("the target rate of open-loop models: a constant line, or the stages' ramps; none for closed loop")
    func target() throws {
        var configuration = Fixtures.configuration
        configuration.rate = 50
        let constant = try #require(PerSecondSeries.target(configuration, until: 20))
        #expect(constant.points == [ChartPoint(x: 0, y: 50), ChartPoint(x: 20, y: 50)])
        configuration.rate = nil
        configuration.stages = "2s:100,2s:0"
        let stages = try #require(PerSecondSeries.target(configuration, until: 5))
        #expect(
            stages.points == [
                ChartPoint(x: 0, y: 0), ChartPoint(x: 2, y: 100), ChartPoint(x: 4, y: 0), ChartPoint(x: 5, y: 0),
            ])
        configuration.stages = nil
        #expect(PerSecondSeries.target(configuration, until: 5) == nil)
    }

    @Test("the HTML draws errors on their own chart and the target rate beside throughput")
    func htmlPanels() {
        let html = HTMLRenderer.render(Fixtures.fixed, verdicts: [])
        #expect(html.contains("Errors per second (events rejected or failed)"))
        #expect(html.contains(">target rate<"))
    }
}
