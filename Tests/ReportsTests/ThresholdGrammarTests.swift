import Testing

@testable import Reports

@Suite struct ThresholdGrammarTests {
    @Test func parsesTheIssueExamples() throws {
        let p99 = try Threshold.parse("p99<250ms")
        #expect(p99.metric == .percentile(99, corrected: true))
        #expect(p99.comparison == .less)
        #expect(p99.operand == .value(0.25))

        let p999 = try Threshold.parse("p(99.9)<1s")
        #expect(p999.metric == .percentile(99.9, corrected: true))
        #expect(p999.operand == .value(1))

        let errorRate = try Threshold.parse("error_rate<0.1%")
        #expect(errorRate.metric == .errorRate)
        guard case .value(let fraction) = errorRate.operand else {
            Issue.record("not a value")
            return
        }
        #expect(abs(fraction - 0.001) < 1e-12)

        let rps = try Threshold.parse("rps>=900")
        #expect(rps.metric == .requestsPerSecond)
        #expect(rps.comparison == .greaterOrEqual)
        #expect(rps.operand == .value(900))

        let rejected = try Threshold.parse("rejected==0")
        #expect(rejected.metric == .count(.rejected))
        #expect(rejected.comparison == .equal)

        let stored = try Threshold.parse("stored==accepted")
        #expect(stored.metric == .count(.stored))
        #expect(stored.operand == .metric(.count(.accepted)))
    }

    @Test func acceptsSpacesUnitsAndSpellings() throws {
        #expect(try Threshold.parse(" p99.9 <= 1500 us ").operand == .value(0.0015))
        #expect(try Threshold.parse("p99.9<2m").metric == .percentile(99.9, corrected: true))
        #expect(try Threshold.parse("p99.9<2m").operand == .value(120))
        #expect(try Threshold.parse("service_p(99)<40ms").metric == .percentile(99, corrected: false))
        #expect(try Threshold.parse("max<2s").metric == .latency(.max, corrected: true))
        #expect(try Threshold.parse("median<2s").metric == .percentile(50, corrected: true))
        #expect(try Threshold.parse("rps>900/s").comparison == .greater)
        #expect(try Threshold.parse("error_rate!=0.5").operand == .value(0.5))
        #expect(try Threshold.parse("status_503<10").metric == .statusCode(503))
        #expect(try Threshold.parse("status_5xx==0").metric == .statusClass(5))
    }

    private func syntaxError(_ expression: String) -> ThresholdSyntaxError? {
        do {
            _ = try Threshold.parse(expression)
            return nil
        } catch {
            return error
        }
    }

    @Test(arguments: [
        ("", 1, "the threshold is empty"),
        ("p99x<250ms", 1, "unknown metric 'p99x'"),
        ("p(101)<1s", 3, "percentile 101 is out of range"),
        ("p(99.9<1s", 7, "found '<'"),
        ("rps(5)>1", 4, "'rps' takes no argument"),
        ("p99=250ms", 4, "'=' alone is not a comparison"),
        ("p99 250ms", 5, "found '2'"),
        ("p99<250", 8, "p(99) is a duration and 250 has no unit"),
        ("p99<250xs", 8, "unknown duration unit 'xs'"),
        ("error_rate<5", 13, "error_rate is a ratio and a bare 5 means 500%; did you mean 5%?"),
        ("error_rate<1", 13, "error_rate is a ratio and a bare 1 means 100%; did you mean 1%?"),
        ("rejected==0ms", 12, "rejected is a count and takes no unit 'ms'"),
        ("stored==p99", 9, "cannot compare stored (a count) with p(99) (a duration)"),
        ("p99<250ms and rps>1", 11, "unexpected 'and rps>1' after the value"),
        ("p99<", 5, "found the end of the threshold"),
        ("<250ms", 1, "found '<'"),
        ("rejected<18446744073709551616", 10, "18446744073709551616 is too large"),
        ("p99<1000000000000000ms", 5, "1000000000000000 is too large"),
        ("failed<" + String(repeating: "9", count: 400), 8, "99999999999999999999... is too large"),
    ])
    func reportsColumnAndProblem(expression: String, column: Int, problem: String) throws {
        let error = try #require(self.syntaxError(expression))
        #expect(error.column == column)
        #expect(error.problem == problem)
        #expect(!error.expected.isEmpty)
        #expect(error.description.contains("column \(column)"))
    }

    /// Numbers past 64 bits print in exponent form instead of trapping in `Int64(_:)`.
    @Test func numbersBeyond64BitsFormat() {
        #expect(ThresholdFormat.number(1e20) == "1e+20")
        #expect(ThresholdFormat.number(-9.3e18) == "-9.3e+18")
        #expect(ThresholdFormat.value(1e300, kind: .count) == "1e+300")
        #expect(ThresholdFormat.number(4_000_000_000_000) == "4000000000000")
    }

    @Test func errorShowsACaretUnderTheColumn() throws {
        let error = try #require(self.syntaxError("p99<250xs"))
        #expect(
            error.description == """
                threshold 'p99<250xs', column 8: unknown duration unit 'xs'; expected a duration unit: us, ms, s or m
                  p99<250xs
                         ^
                """)
    }

    @Test func evaluatesAgainstASource() throws {
        let source = MetricTable([
            .percentile(99, corrected: true): 0.312,
            .errorRate: 0.0005,
            .requestsPerSecond: 950,
            .count(.rejected): 0,
            .count(.accepted): 1000,
            .count(.stored): 998,
        ])
        let set = try ThresholdSet(parsing: [
            "p99<250ms", "error_rate<0.1%", "rps>=900", "rejected==0", "stored==accepted", "p(99.9)<1s",
        ])
        let verdicts = set.evaluate(against: source)
        #expect(verdicts.map(\.passed) == [false, true, true, true, false, false])
        #expect(verdicts[0].explanation == "p(99) = 312 ms, not < 250 ms")
        #expect(verdicts[1].explanation == "error_rate = 0.05%, < 0.1%")
        #expect(verdicts[4].explanation == "stored = 998, not == accepted (1000)")
        #expect(verdicts[5].explanation == "p(99.9) is unknown for this run, so the threshold cannot pass")
        #expect(!verdicts.allPassed)
        #expect(set.evaluate(against: MetricTable([.requestsPerSecond: 901])).count == 6)
    }

    @Test func countUpperBoundsFailForGood() throws {
        #expect(try Threshold.parse("rejected==0").failureIsFinal)
        #expect(try Threshold.parse("failed<10").failureIsFinal)
        #expect(!(try Threshold.parse("rps>=900").failureIsFinal))
        #expect(!(try Threshold.parse("p99<1s").failureIsFinal))
        #expect(!(try Threshold.parse("stored==accepted").failureIsFinal))
    }
}

@Suite struct AbortOnFailTests {
    @Test func finalFailuresStopAtOnceOthersAfterTheGrace() throws {
        let rule = AbortOnFail(
            thresholds: try ThresholdSet(parsing: ["rps>=900", "rejected==0", "stored==accepted"]), graceSeconds: 10)
        let ramping = MetricTable([.requestsPerSecond: 100, .count(.rejected): 0])
        #expect(rule.check(ramping, elapsedSeconds: 2) == nil)
        #expect(rule.check(ramping, elapsedSeconds: 12)?.threshold.expression == "rps>=900")
        let rejecting = MetricTable([.requestsPerSecond: 1000, .count(.rejected): 1])
        #expect(rule.check(rejecting, elapsedSeconds: 1)?.threshold.expression == "rejected==0")
        // Unknown values (stored before the emulator is asked) never stop a run.
        #expect(rule.check(MetricTable([.requestsPerSecond: 1000, .count(.rejected): 0]), elapsedSeconds: 30) == nil)
    }
}
