import Reports
import Testing

@testable import LoadDriver

/// The capacity search over scripted step results: no sockets, no clock.
@Suite struct CapacitySearchTests {
    static let p99 = Metric.percentile(99, corrected: true)

    static func search(
        _ slos: [String] = ["p99<250ms"], start: Double = 100, max: Double? = nil,
        precision: Double = 0.05
    ) throws -> CapacitySearch {
        let config = CapacitySearchConfig(
            slos: try ThresholdSet(parsing: slos), start: start, max: max, precision: precision)
        return try CapacitySearch(config: config)
    }

    static func window(p99: Double, samples: Int = 1000) -> CapacityWindow {
        CapacityWindow(samples: samples, metrics: MetricTable([Self.p99: p99, .errorRate: 0]))
    }

    /// A step at `rate` whose windows have these p99s, delivering all it offered.
    static func result(
        _ rate: Double, _ p99s: [Double], delivered: Double? = nil, samples: Int = 1000,
        keptUp: Bool = true, endedEarly: Bool = false
    ) -> CapacityStepResult {
        CapacityStepResult(
            offered: rate, delivered: delivered ?? rate, windows: p99s.map { Self.window(p99: $0, samples: samples) },
            scheduleLagP99: keptUp ? 0.001 : 0.4, generatorKeptUp: keptUp, endedEarly: endedEarly,
            tripReason: endedEarly ? "error rate 80 % above 50 %" : nil)
    }

    /// Drives a search against an inlet that meets the SLO up to `capacity`; returns the rates run and the answer.
    static func drive(_ search: inout CapacitySearch, capacity: Double) -> ([Double], CapacityAnswer) {
        var rates: [Double] = []
        var action = search.begin()
        while case .run(let step) = action {
            rates.append(step.rate)
            let p99 = step.rate <= capacity ? 0.1 : 0.4
            action = search.record(Self.result(step.rate, [p99, p99]))
        }
        guard case .finish(let answer) = action else { fatalError("unreachable") }
        return (rates, answer)
    }

    @Test func doublesThenBisectsUntilWithinPrecision() throws {
        var search = try Self.search()
        let (rates, answer) = Self.drive(&search, capacity: 1000)
        #expect(rates == [100, 200, 400, 800, 1600, 1200, 1000, 1100, 1050])
        #expect(
            answer
                == CapacityAnswer(
                    maxSustainableRate: 1000, bracket: CapacityBracket(passing: 1000, failing: 1050), limitedBy: .inlet)
        )
        #expect(search.records.map(\.verdict) == [.pass, .pass, .pass, .pass, .fail, .fail, .pass, .fail, .fail])
        #expect(
            search.records.map(\.purpose) == [
                "doubling", "doubling", "doubling", "doubling", "doubling", "bisecting", "bisecting", "bisecting",
                "bisecting",
            ])
        #expect(
            search.records[4].reason == "window 1: p(99) = 400 ms, not < 250 ms; window 2: p(99) = 400 ms, not < 250 ms"
        )
    }

    @Test func startFailingHasNoAnswer() throws {
        var search = try Self.search()
        let (rates, answer) = Self.drive(&search, capacity: 50)
        #expect(rates == [100])
        #expect(
            answer
                == CapacityAnswer(
                    maxSustainableRate: nil, bracket: CapacityBracket(passing: nil, failing: 100), limitedBy: .inlet))
    }

    @Test func maxStopsTheDoublingAndIsTheAnswerWhenItPasses() throws {
        var search = try Self.search(max: 300)
        let (rates, answer) = Self.drive(&search, capacity: 10_000)
        #expect(rates == [100, 200, 300])
        #expect(
            answer
                == CapacityAnswer(
                    maxSustainableRate: 300, bracket: CapacityBracket(passing: 300, failing: nil), limitedBy: .max))
    }

    @Test func withoutMaxTheCeilingIsTenDoublings() throws {
        var search = try Self.search()
        let (rates, answer) = Self.drive(&search, capacity: .infinity)
        #expect(rates.count == 11)
        #expect(rates.last == 102_400)
        #expect(answer.limitedBy == .max)
        #expect(answer.maxSustainableRate == 102_400)
    }

    @Test func disagreeingWindowsRepeatTheStepOnceThenCountAsFailing() throws {
        var search = try Self.search()
        _ = search.begin()
        #expect(
            search.record(Self.result(100, [0.1, 0.1]))
                == .run(CapacityStep(rate: 200, warmupSeconds: 5, windowSeconds: 8, windows: 2, purpose: .doubling)))
        let again = search.record(Self.result(200, [0.1, 0.3]))
        #expect(
            again == .run(CapacityStep(rate: 200, warmupSeconds: 5, windowSeconds: 8, windows: 2, purpose: .repeat)))
        #expect(search.records.last?.verdict == .retried)
        #expect(search.records.last?.windowsPassed == [true, false])
        // Disagreeing again: indeterminate, failing, so the bracket is 100..200 and bisection starts.
        let next = search.record(Self.result(200, [0.3, 0.1]))
        #expect(search.records.last?.verdict == .indeterminate)
        #expect(search.records.last?.reason == "windows disagree again (window 1: p(99) = 300 ms, not < 250 ms)")
        #expect(
            next == .run(CapacityStep(rate: 150, warmupSeconds: 5, windowSeconds: 8, windows: 2, purpose: .bisecting)))
        #expect(search.failing == 200)
        #expect(search.passing == 100)
    }

    @Test func aRepeatThatAgreesDecides() throws {
        var search = try Self.search()
        _ = search.begin()
        _ = search.record(Self.result(100, [0.3, 0.1]))
        let next = search.record(Self.result(100, [0.1, 0.1]))
        #expect(search.records.map(\.verdict) == [.retried, .pass])
        #expect(
            next == .run(CapacityStep(rate: 200, warmupSeconds: 5, windowSeconds: 8, windows: 2, purpose: .doubling)))
    }

    @Test func tooFewSamplesLengthensTheStepOnceThenIsIndeterminate() throws {
        var search = try Self.search()
        #expect(search.samplesNeeded == 500)
        _ = search.begin()
        let longer = search.record(Self.result(100, [0.1, 0.1], samples: 499))
        #expect(
            longer
                == .run(CapacityStep(rate: 100, warmupSeconds: 5, windowSeconds: 16, windows: 2, purpose: .lengthened)))
        #expect(
            search.records.last?.reason
                == "window 1 has 499 samples, the SLOs' percentiles need 500: running the step longer")
        let end = search.record(Self.result(100, [0.1, 0.1], samples: 499))
        #expect(search.records.last?.verdict == .indeterminate)
        #expect(
            end
                == .finish(
                    CapacityAnswer(
                        maxSustainableRate: nil, bracket: CapacityBracket(passing: nil, failing: 100), limitedBy: .inlet
                    )))
    }

    @Test func windowsAreSizedForThePercentileUpToTheLengtheningLimit() throws {
        let search = try Self.search(["p(99.9)<1s"])
        #expect(search.samplesNeeded == 5000)
        #expect(search.windowSeconds(at: 100) == 30)  // 50 s needed, capped at 4 x 7.5 s
        #expect(search.windowSeconds(at: 500) == 10)  // 5000 samples at 500/s
        #expect(search.windowSeconds(at: 400) == 13)  // 12.5 s, in whole seconds
        #expect(search.windowSeconds(at: 10_000) == 8)  // never shorter than planned: 7.5 s, in whole seconds
        let errorsOnly = try Self.search(["error_rate<1%"])
        #expect(errorsOnly.samplesNeeded == 0)
    }

    @Test func aGeneratorThatCannotKeepUpTwiceEndsTheSearchLimitedByThisMachine() throws {
        var search = try Self.search()
        _ = search.begin()
        _ = search.record(Self.result(100, [0.1, 0.1]))
        _ = search.record(Self.result(200, [0.1, 0.1]))
        let again = search.record(Self.result(400, [0.1, 0.1], keptUp: false))
        #expect(
            again == .run(CapacityStep(rate: 400, warmupSeconds: 5, windowSeconds: 8, windows: 2, purpose: .repeat)))
        #expect(search.records.last?.verdict == .retried)
        #expect(
            search.records.last?.reason
                == "the generator fell behind (schedule lag p99 400 ms with in-flight slots free): running the step again"
        )
        let end = search.record(Self.result(400, [0.1, 0.1], keptUp: false))
        #expect(
            end
                == .finish(
                    CapacityAnswer(
                        maxSustainableRate: 200, bracket: CapacityBracket(passing: 200, failing: nil),
                        limitedBy: .generator, generatorLimitRate: 400)))
        #expect(search.records.last?.verdict == .generatorBound)
        #expect(
            search.records.last?.reason
                == "limited by this machine at 400/s: schedule lag p99 400 ms with in-flight slots free")
    }

    @Test func errorsFailAStepEvenWhenTheGeneratorFellBehind() throws {
        var search = try Self.search(["p99<250ms", "error_rate<1%"])
        _ = search.begin()
        _ = search.record(Self.result(100, [0.1, 0.1]))
        let erring = CapacityWindow(samples: 1000, metrics: MetricTable([Self.p99: 0.1, .errorRate: 0.4]))
        let next = search.record(
            CapacityStepResult(
                offered: 200, delivered: 200, windows: [erring, erring], scheduleLagP99: 0.3,
                generatorKeptUp: false))
        #expect(search.records.last?.verdict == .fail)
        #expect(
            search.records.last?.reason == "window 1: error_rate = 40%, not < 1%; window 2: error_rate = 40%, not < 1%")
        #expect(
            next == .run(CapacityStep(rate: 150, warmupSeconds: 5, windowSeconds: 8, windows: 2, purpose: .bisecting)))
    }

    @Test func aStepThatEndedEarlyFailsWithoutARepeat() throws {
        var search = try Self.search()
        _ = search.begin()
        _ = search.record(Self.result(100, [0.1, 0.1]))
        let next = search.record(Self.result(200, [0.1], endedEarly: true))
        #expect(search.records.last?.verdict == .tripped)
        #expect(search.records.last?.reason == "ended early: error rate 80 % above 50 %")
        #expect(
            next == .run(CapacityStep(rate: 150, warmupSeconds: 5, windowSeconds: 8, windows: 2, purpose: .bisecting)))
    }

    @Test func tripRuleIsErrorRateAboveHalfOrLatencyAboveTenTimesTheSLO() throws {
        let search = try Self.search(["p99<250ms", "error_rate<1%"])
        #expect(search.trip(MetricTable([Self.p99: 2.5, .errorRate: 0.5])) == nil)
        #expect(search.trip(MetricTable([Self.p99: 0.1, .errorRate: 0.51])) == "error rate 51 % above 50 %")
        #expect(
            search.trip(MetricTable([Self.p99: 2.6, .errorRate: 0])) == "p(99) = 2600 ms, above 10x the SLO p99<250ms")
    }

    @Test func deliveringLessThanNinetyEightPercentFails() throws {
        var search = try Self.search()
        _ = search.begin()
        _ = search.record(Self.result(100, [0.1, 0.1], delivered: 98))
        #expect(search.records.last?.verdict == .pass)
        _ = search.record(Self.result(200, [0.1, 0.1], delivered: 195.9))
        #expect(search.records.last?.verdict == .fail)
        #expect(search.records.last?.reason == "delivered 195.9/s of 200/s offered (98 %, below 98 %)")
    }

    @Test func aStepAboveTheCapacityWhoseLatencyHasNotGrownYetFailsOnDelivery() throws {
        // serve --capacity 870 offered 900/s: it delivered its capacity, 96.7 %, with the p99 still under the SLO.
        var search = try Self.search()
        _ = search.begin()
        _ = search.record(Self.result(100, [0.1, 0.1]))
        _ = search.record(Self.result(200, [0.1, 0.2], delivered: 870.5 / 900 * 200))
        #expect(search.records.last?.verdict == .fail)
    }

    @Test func planIsTheWorstCaseOverEveryOutcome() throws {
        let config = CapacitySearchConfig(
            slos: try ThresholdSet(parsing: ["p50<1s"]), start: 100, max: 400, precision: 0.25)
        let search = try CapacitySearch(config: config)
        let plan = search.plan()
        // Each rate at worst: 5 + 2 x 8 s, lengthened 5 + 2 x 16 s, repeated 5 + 2 x 16 s = 95 s, 3 steps.
        // Longest path: 100, 200, 400 (fails), 300 (passes), 350 or 250; the most requests at 350.
        #expect(
            plan
                == CapacityPlan(
                    maxSteps: 15, longestSeconds: 475, mostRequests: 128_250, doublingRates: [100, 200, 400]))
    }

    @Test(arguments: [
        (
            CapacitySearchConfig(slos: ThresholdSet([])),
            "--slo (none): give at least one SLO, such as --slo 'p99<250ms' --slo 'error_rate<0.1%'"
        ),
        (
            CapacitySearchConfig(slos: try! ThresholdSet(parsing: ["p99<1s"]), start: 0),
            "--start 0: must be a positive rate, requests per second"
        ),
        (
            CapacitySearchConfig(slos: try! ThresholdSet(parsing: ["p99<1s"]), max: 50),
            "--max 50: must be at least --start (100/s)"
        ),
        (
            CapacitySearchConfig(slos: try! ThresholdSet(parsing: ["p99<1s"]), stepSeconds: 5),
            "--step 5: must be longer than --warmup (5s): the step includes the warm-up"
        ),
        (
            CapacitySearchConfig(slos: try! ThresholdSet(parsing: ["p99<1s"]), precision: 0),
            "--precision 0: must be a fraction from 0.1% to below 100%, such as 5% or 0.05"
        ),
    ])
    func badSettingsNameTheOption(config: CapacitySearchConfig, message: String) {
        #expect(throws: LoadConfigError.self) { try CapacitySearch(config: config) }
        do {
            _ = try CapacitySearch(config: config)
        } catch {
            #expect(error.description == message)
        }
    }
}

@Suite struct CapacityGeneratorRuleTests {
    @Test func lagCountsAgainstThisMachineOnlyWhenSlotsWereFree() throws {
        let config = CapacitySearchConfig(slos: try ThresholdSet(parsing: ["p99<250ms"]), generatorLagLimit: 0.1)
        #expect(config.generatorKeptUp(scheduleLagP99: 0.1, offered: 100, serviceTimeP99: 0.001, slots: 10))
        #expect(!config.generatorKeptUp(scheduleLagP99: 0.101, offered: 100, serviceTimeP99: 0.001, slots: 10))
        // 36/s x 0.25 s = 9 requests in flight at the worst moments: 90 % of 10 slots busy, so the lag is the answers'.
        #expect(config.generatorKeptUp(scheduleLagP99: 0.5, offered: 36, serviceTimeP99: 0.25, slots: 10))
        #expect(!config.generatorKeptUp(scheduleLagP99: 0.5, offered: 35, serviceTimeP99: 0.25, slots: 10))
    }

    @Test func lagWithTheMachinesCoresUsedUpIsThisMachinesEvenWithEverySlotBusy() throws {
        let config = CapacitySearchConfig(
            slos: try ThresholdSet(parsing: ["p99<250ms"]), generatorLagLimit: 0.1, generatorCPULimit: 0.9)
        // Every slot busy (36/s x 0.25 s = 9 of 10), but the process used 90 % of the cores: it read the answers late.
        #expect(!config.generatorKeptUp(scheduleLagP99: 0.5, offered: 36, serviceTimeP99: 0.25, slots: 10, cpu: 0.9))
        #expect(config.generatorKeptUp(scheduleLagP99: 0.5, offered: 36, serviceTimeP99: 0.25, slots: 10, cpu: 0.899))
        // Within the lag limit the CPU does not matter: the schedule was kept.
        #expect(config.generatorKeptUp(scheduleLagP99: 0.1, offered: 36, serviceTimeP99: 0.25, slots: 10, cpu: 1))
    }

    @Test func aSearchShortOfCPUSaysSoAndRecordsTheShare() throws {
        var search = try CapacitySearchTests.search()
        _ = search.begin()
        _ = search.record(CapacitySearchTests.result(100, [0.1, 0.1]))
        var starved = CapacitySearchTests.result(200, [0.1, 0.1], keptUp: false)
        starved.generatorCPU = 0.96
        _ = search.record(starved)
        let action = search.record(starved)
        #expect(search.records.last?.verdict == .generatorBound)
        #expect(
            search.records.last?.reason
                == "limited by this machine at 200/s: schedule lag p99 400 ms with this process using 96 % of the machine's cores"
        )
        #expect(search.records.last?.generatorCPU == 0.96)
        guard case .finish(let answer) = action else {
            Issue.record("the search went on: \(action)")
            return
        }
        #expect(answer.limitedBy == .generator && answer.maxSustainableRate == 100)
    }
}
