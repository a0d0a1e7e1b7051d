import Histogram
import Testing

@testable import Reports

@Suite struct ChartTests {
    @Test func niceScaleUsesRoundTicks() {
        let scale = NiceScale(lower: 0, upper: 237)
        #expect(scale.ticks == [0, 50, 100, 150, 200, 250])
        #expect(scale.map(125, from: 0, to: 100) == 50)
        let flat = NiceScale(lower: 0, upper: 0)
        #expect(flat.upper > flat.lower)
        #expect(NiceScale.niceStep(0.03) == 0.05)
    }

    @Test func spectrumAxisIsLogOfOneOverOneMinusP() {
        #expect(PercentileSpectrumChart.nines(0) == 0)
        #expect(abs(PercentileSpectrumChart.nines(90) - 1) < 1e-9)
        #expect(abs(PercentileSpectrumChart.nines(99.9) - 3) < 1e-9)
        #expect(PercentileSpectrumChart.nines(100) == PercentileSpectrumChart.maxNines)
    }

    @Test func spectrumSeriesEndsAtTheMax() {
        var histogram = LatencyHistograms.make(UInt64.self)
        for v: UInt64 in 1...1000 { histogram.record(v * 100) }
        let series = PercentileSpectrumChart.series(from: histogram, name: "x", valueUnitsPerOutputUnit: 1000)
        #expect(series.points.first!.x == 0)
        #expect(series.points.last! == ChartPoint(x: 100, y: Double(histogram.max) / 1000))
        #expect(zip(series.points, series.points.dropFirst()).allSatisfy { $0.y <= $1.y && $0.x <= $1.x })
    }

    @Test func chartsEscapeTextAndSayWhenEmpty() {
        let chart = LineChart(title: "a <b> & c", series: [], xLabel: "x", yLabel: "y")
        let svg = chart.svg()
        #expect(svg.contains("a &lt;b&gt; &amp; c"))
        #expect(svg.contains("no data"))
        let bars = BarChart(
            title: "t",
            bars: [
                .init(label: "200", value: 3, color: BarChart.color(forStatus: "200")),
                .init(label: "503", value: 1, color: BarChart.color(forStatus: "503")),
            ]
        ).svg()
        #expect(bars.contains("3 (75%)"))
        #expect(bars.contains("#D55E00"))
    }
}
