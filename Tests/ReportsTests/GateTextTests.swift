import Testing

@testable import Reports

/// The words a gate prints mean what they say: failures counted as failures in every renderer, and
/// an abort named as one.
@Suite struct GateTextTests {
    @Test("2 of 3 failing thresholds read '2 of 3 failed' in the HTML card and in summary.md alike")
    func failuresCountedAlike() throws {
        let set = try ThresholdSet(parsing: ["p99<1ms", "rps>=1000000", "rejected>=0"])
        let verdicts = set.evaluate(against: RunReportMetrics(report: Fixtures.fixed, stored: nil))
        #expect(verdicts.map(\.passed) == [false, false, true])
        let html = HTMLRenderer.render(Fixtures.fixed, verdicts: verdicts)
        let markdown = SummaryRenderer.render(Fixtures.fixed, verdicts: verdicts)
        #expect(html.contains("<b>FAIL</b><span>thresholds: 2 of 3 failed</span>"))
        #expect(markdown.contains("- **thresholds: FAIL** (2 of 3 failed)"))
        let passing = try ThresholdSet(parsing: ["rejected>=0"]).evaluate(
            against: RunReportMetrics(report: Fixtures.fixed, stored: nil))
        #expect(passing.tallyText == "1 of 1 passed")
    }

    @Test("an aborted run says which threshold stopped it, never 'interrupted'")
    func abortedStopText() {
        var report = Fixtures.fixed
        report.stopReason = .aborted
        report.abortedBy = "failed<2"
        #expect(report.stopText == "aborted (threshold failed<2)")
        #expect(SummaryRenderer.render(report, verdicts: []).contains("stopped: aborted (threshold failed<2)"))
        report.stopReason = .interrupted
        report.abortedBy = nil
        #expect(report.stopText == "interrupted")
    }

    @Test("--abort-grace: a ratio failing inside the grace does not stop the run, after it does; a count stops at once")
    func grace() throws {
        let rule = AbortOnFail(thresholds: try ThresholdSet(parsing: ["error_rate<1%", "failed<2"]), graceSeconds: 3)
        struct Source: MetricSource {
            var errorRate: Double
            var failed: Double
            func value(of metric: Metric) -> Double? {
                switch metric {
                case .errorRate: return self.errorRate
                case .count(.failed): return self.failed
                default: return nil
                }
            }
        }
        #expect(rule.check(Source(errorRate: 0.5, failed: 0), elapsedSeconds: 2.9) == nil)
        #expect(
            rule.check(Source(errorRate: 0.5, failed: 0), elapsedSeconds: 3)?.threshold.expression == "error_rate<1%")
        #expect(rule.check(Source(errorRate: 0, failed: 2), elapsedSeconds: 0.5)?.threshold.expression == "failed<2")
    }
}
