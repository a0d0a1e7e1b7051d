import Reports

/// The capacity search as a state machine without I/O: told each step's result, it answers the
/// next step to run or the answer.
///
/// Rules (docs/CAPACITY.md): the rate doubles from `start` until a step fails, then the bracket
/// between the highest passing and the lowest failing rate is halved until the failing rate is
/// within `precision` of the passing one. A step passes when every SLO holds in every window and it
/// delivers at least `deliveredFraction` of what it offered. Windows that disagree run the step
/// once more, then it is indeterminate (failing). A window with too few samples for a percentile
/// runs the step once more, twice as long, then it is indeterminate. A step that ended early
/// (`trip(_:)`) fails. A generator that could not keep the schedule runs the step once more, then
/// ends the search: the answer is then limited by this machine, never the inlet's capacity. A rate
/// is repeated at most once, whatever the reason.
public struct CapacitySearch: Sendable {
    /// The settings.
    public let config: CapacitySearchConfig
    /// Every step judged so far, in order.
    public private(set) var records: [CapacityStepRecord] = []
    /// The highest passing rate.
    public private(set) var passing: Double?
    /// The lowest failing rate.
    public private(set) var failing: Double?
    /// The step running now (asked for and not yet told).
    public private(set) var current: CapacityStep?
    /// Whether the current rate has been repeated for disagreeing windows.
    var retried = false
    /// Whether the current rate has been lengthened for too few samples.
    var lengthened = false

    /// Creates a search; throws naming the option when the settings cannot make one.
    public init(config: CapacitySearchConfig) throws(LoadConfigError) {
        try config.validate()
        self.config = config
    }

    /// A search over settings already validated.
    init(validated config: CapacitySearchConfig) {
        self.config = config
    }

    /// The first step.
    public mutating func begin() -> CapacityAction {
        self.next(rate: self.config.start, purpose: .doubling)
    }

    /// Judges the running step's result and answers what comes next.
    public mutating func record(_ result: CapacityStepResult) -> CapacityAction {
        guard let step = self.current else { preconditionFailure("record(_:) without a step asked for") }
        let judged = self.judge(result, step: step)
        self.records.append(
            CapacityStepRecord(
                offered: step.rate, delivered: result.delivered, verdict: judged.verdict, reason: judged.reason,
                purpose: step.purpose.rawValue, warmupSeconds: step.warmupSeconds, windowSeconds: step.windowSeconds,
                windowsPassed: judged.windowsPassed, windowSamples: result.windows.map(\.samples),
                scheduleLagP99Milliseconds: result.scheduleLagP99 * 1000, generatorCPU: result.generatorCPU,
                latency: result.latency, errorRate: result.errorRate,
                errorsByClass: result.errorsByClass, report: result.report))
        switch judged.verdict {
        case .retried:
            let purpose: CapacityStep.Purpose = judged.lengthen ? .lengthened : .repeat
            if judged.lengthen { self.lengthened = true } else { self.retried = true }
            var again = step
            again.purpose = purpose
            if judged.lengthen { again.windowSeconds = self.lengthenedWindow(step.windowSeconds) }
            self.current = again
            return .run(again)
        case .generatorBound:
            self.current = nil
            return .finish(
                CapacityAnswer(
                    maxSustainableRate: self.passing,
                    bracket: CapacityBracket(passing: self.passing, failing: self.failing),
                    limitedBy: .generator, generatorLimitRate: step.rate))
        case .pass:
            return self.advance(passed: true, rate: step.rate)
        case .fail, .indeterminate, .tripped:
            return self.advance(passed: false, rate: step.rate)
        }
    }

    // MARK: Advancing

    /// Moves the bracket after a verdict at `rate` and answers the next action.
    mutating func advance(passed: Bool, rate: Double) -> CapacityAction {
        if passed {
            self.passing = Swift.max(self.passing ?? rate, rate)
        } else {
            self.failing = Swift.min(self.failing ?? rate, rate)
        }
        guard let passing = self.passing else {
            return self.finish(limitedBy: .inlet)
        }
        guard let failing = self.failing else {
            if passing >= self.config.ceiling { return self.finish(limitedBy: .max) }
            return self.next(rate: Swift.min(passing * 2, self.config.ceiling), purpose: .doubling)
        }
        if failing - passing <= self.config.precision * passing {
            return self.finish(limitedBy: .inlet)
        }
        return self.next(rate: (passing + failing) / 2, purpose: .bisecting)
    }

    private mutating func finish(limitedBy: CapacityLimit) -> CapacityAction {
        self.current = nil
        return .finish(
            CapacityAnswer(
                maxSustainableRate: self.passing,
                bracket: CapacityBracket(passing: self.passing, failing: self.failing),
                limitedBy: limitedBy))
    }

    private mutating func next(rate: Double, purpose: CapacityStep.Purpose) -> CapacityAction {
        self.retried = false
        self.lengthened = false
        let step = CapacityStep(
            rate: rate, warmupSeconds: self.config.warmupSeconds,
            windowSeconds: self.windowSeconds(at: rate), windows: self.config.windows, purpose: purpose)
        self.current = step
        return .run(step)
    }

    // MARK: Window sizing

    /// Samples each window needs for the SLOs' highest percentile (0 when no SLO names one).
    public var samplesNeeded: Int {
        var needed = 0
        for threshold in self.config.slos.thresholds {
            var metrics = [threshold.metric]
            if case .metric(let other) = threshold.operand { metrics.append(other) }
            for case .percentile(let p, _) in metrics {
                // Rounded to a billionth so that 100 - 99.9 is 0.1, not 0.09999...
                let tail = Swift.max(((100 - p) * 1e9).rounded() / 1e9, 0.001)
                let count = ((Double(self.config.minimumTailSamples) * 100 / tail) * 1e6).rounded() / 1e6
                needed = Swift.max(needed, Int(Swift.min(count.rounded(.up), 1e9)))
            }
        }
        return needed
    }

    /// The planned window: the measured part split evenly, in whole seconds, since a run's
    /// intervals (the windows' building blocks) are whole seconds.
    var plannedWindow: Double {
        (self.config.measuredSeconds / Double(self.config.windows)).rounded(.up)
    }

    /// The longest a window may become, in whole seconds.
    var longestWindow: Double {
        (self.config.measuredSeconds / Double(self.config.windows) * self.config.maximumLengthening).rounded(.up)
    }

    /// A window long enough for `samplesNeeded` at `rate`, at least the planned window and at most
    /// the longest, in whole seconds.
    func windowSeconds(at rate: Double) -> Double {
        let forSamples = (Double(self.samplesNeeded) / rate).rounded(.up)
        return Swift.min(Swift.max(self.plannedWindow, forSamples), self.longestWindow)
    }

    /// Twice `window`, at most the longest.
    func lengthenedWindow(_ window: Double) -> Double {
        Swift.min(window * 2, self.longestWindow)
    }
}
