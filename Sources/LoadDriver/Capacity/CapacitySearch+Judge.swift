import Reports

extension CapacitySearch {
    /// A step's verdict, with why, and whether a retry should run longer.
    struct Judgement {
        var verdict: CapacityVerdict
        var reason: String?
        var windowsPassed: [Bool]
        var lengthen = false
    }

    /// Judges one step's result against the rules (see the type's documentation).
    func judge(_ result: CapacityStepResult, step: CapacityStep) -> Judgement {
        let verdicts = result.windows.map { self.config.slos.evaluate(against: $0.metrics) }
        let windowsPassed = verdicts.map(\.allPassed)
        // Errors are the inlet's answers whatever this machine's lag: a step whose every window
        // fails an SLO on errors or counts fails, even when the generator fell behind.
        let failsOnErrors =
            !verdicts.isEmpty
            && verdicts.allSatisfy { window in
                window.contains {
                    !$0.passed && $0.actual != nil
                        && ($0.threshold.metric.kind == .ratio || $0.threshold.metric.kind == .count)
                }
            }
        if !result.generatorKeptUp && !failsOnErrors {
            let what: String
            if let cpu = result.generatorCPU, cpu >= self.config.generatorCPULimit {
                what =
                    "schedule lag p99 \(Self.ms(result.scheduleLagP99)) with this process using \(Self.number(cpu * 100)) % of the machine's cores"
            } else {
                what = "schedule lag p99 \(Self.ms(result.scheduleLagP99)) with in-flight slots free"
            }
            // A moment of this machine's CPU going elsewhere should not end the search: once more.
            if !self.retried {
                return Judgement(
                    verdict: .retried, reason: "the generator fell behind (\(what)): running the step again",
                    windowsPassed: windowsPassed)
            }
            return Judgement(
                verdict: .generatorBound, reason: "limited by this machine at \(Self.rate(step.rate)): \(what)",
                windowsPassed: windowsPassed)
        }
        if result.endedEarly {
            return Judgement(
                verdict: .tripped, reason: "ended early: " + (result.tripReason ?? "tripped badly"),
                windowsPassed: windowsPassed)
        }
        let neededDelivery = self.config.deliveredFraction * result.offered
        if result.delivered < neededDelivery {
            let percent = result.offered > 0 ? result.delivered / result.offered * 100 : 0
            return Judgement(
                verdict: .fail,
                reason:
                    "delivered \(Self.rate(result.delivered)) of \(Self.rate(result.offered)) offered (\(Self.number(percent)) %, below \(Self.number(self.config.deliveredFraction * 100)) %)",
                windowsPassed: windowsPassed)
        }
        if result.windows.count < self.config.windows {
            return Judgement(
                verdict: .indeterminate,
                reason: "\(result.windows.count) windows measured, \(self.config.windows) needed",
                windowsPassed: windowsPassed)
        }
        let needed = self.samplesNeeded
        if let short = result.windows.firstIndex(where: { $0.samples < needed }) {
            let what =
                "window \(short + 1) has \(result.windows[short].samples) samples, the SLOs' percentiles need \(needed)"
            if !self.lengthened, self.lengthenedWindow(step.windowSeconds) > step.windowSeconds {
                return Judgement(
                    verdict: .retried, reason: what + ": running the step longer", windowsPassed: windowsPassed,
                    lengthen: true)
            }
            return Judgement(verdict: .indeterminate, reason: what, windowsPassed: windowsPassed)
        }
        if windowsPassed.allSatisfy({ $0 }) {
            return Judgement(verdict: .pass, reason: nil, windowsPassed: windowsPassed)
        }
        let failures = verdicts.enumerated().compactMap { index, window in
            window.first { !$0.passed }.map { "window \(index + 1): \($0.explanation)" }
        }
        if windowsPassed.allSatisfy({ !$0 }) {
            return Judgement(verdict: .fail, reason: failures.joined(separator: "; "), windowsPassed: windowsPassed)
        }
        if !self.retried {
            return Judgement(
                verdict: .retried,
                reason: "windows disagree (" + failures.joined(separator: "; ") + "): running the step again",
                windowsPassed: windowsPassed)
        }
        return Judgement(
            verdict: .indeterminate, reason: "windows disagree again (" + failures.joined(separator: "; ") + ")",
            windowsPassed: windowsPassed)
    }

    /// Why a step running now should end early, or nil to go on: the error rate above
    /// `tripErrorRate`, or a latency above `tripLatencyFactor` times an SLO's latency limit. Call
    /// it with the step's running metrics after its warm-up.
    public func trip(_ source: some MetricSource) -> String? {
        if let errors = source.value(of: .errorRate), errors > self.config.tripErrorRate {
            return "error rate \(Self.number(errors * 100)) % above \(Self.number(self.config.tripErrorRate * 100)) %"
        }
        for threshold in self.config.slos.thresholds where threshold.metric.kind == .duration {
            guard case .value(let limit) = threshold.operand, limit > 0 else { continue }
            guard threshold.comparison == .less || threshold.comparison == .lessOrEqual else { continue }
            if let actual = source.value(of: threshold.metric), actual > limit * self.config.tripLatencyFactor {
                return
                    "\(threshold.metric.name) = \(Self.ms(actual)), above \(Self.number(self.config.tripLatencyFactor))x the SLO \(threshold.expression)"
            }
        }
        return nil
    }

    static func rate(_ value: Double) -> String { CapacityText.rate(value) }
    static func ms(_ seconds: Double) -> String { CapacityText.ms(seconds) }
    static func number(_ value: Double) -> String { CapacityText.number(value) }
}
