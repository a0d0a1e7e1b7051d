/// The bounds of a capacity search before it runs (`capacity --plan`): the steps it may take, the
/// longest it can last and the most requests it can send. Every event sent to the real platform is
/// ingested and paid for, so these are worst cases over every outcome the steps could have.
public struct CapacityPlan: Sendable, Equatable {
    /// The most steps any search with these settings runs (repeats and lengthened steps included).
    public var maxSteps: Int
    /// The longest any such search lasts, seconds (steps only; connecting and draining add a little).
    public var longestSeconds: Double
    /// The most requests any such search sends (multiply by `--batch` for events).
    public var mostRequests: Double
    /// The rates the doubling phase tries, in order, when every step passes.
    public var doublingRates: [Double]

    public init(maxSteps: Int, longestSeconds: Double, mostRequests: Double, doublingRates: [Double]) {
        self.maxSteps = maxSteps
        self.longestSeconds = longestSeconds
        self.mostRequests = mostRequests
        self.doublingRates = doublingRates
    }
}

extension CapacitySearch {
    /// The plan of a search with these settings, found by driving this same search through every
    /// sequence of passing and failing steps, each rate costing its worst case (run, lengthened,
    /// repeated).
    public func plan() -> CapacityPlan {
        var fresh = CapacitySearch(validated: self.config)
        guard case .run(let first) = fresh.begin() else {
            return CapacityPlan(maxSteps: 0, longestSeconds: 0, mostRequests: 0, doublingRates: [])
        }
        var worst = (steps: 0, seconds: 0.0, requests: 0.0)
        Self.explore(fresh, step: first, spent: (0, 0, 0), worst: &worst)
        var rates: [Double] = []
        var climbing = fresh
        var step = first
        while true {
            rates.append(step.rate)
            guard case .run(let next) = climbing.advance(passed: true, rate: step.rate) else { break }
            step = next
        }
        return CapacityPlan(
            maxSteps: worst.steps, longestSeconds: worst.seconds, mostRequests: worst.requests, doublingRates: rates)
    }

    /// The attempts one rate can take at most: the step, the step lengthened, the step repeated.
    func worstAttempts(_ step: CapacityStep) -> [CapacityStep] {
        var attempts = [step]
        let longer = self.lengthenedWindow(step.windowSeconds)
        var last = step
        if longer > step.windowSeconds {
            last.windowSeconds = longer
            attempts.append(last)
        }
        attempts.append(last)
        return attempts
    }

    private static func explore(
        _ search: CapacitySearch, step: CapacityStep, spent: (Int, Double, Double),
        worst: inout (steps: Int, seconds: Double, requests: Double)
    ) {
        let attempts = search.worstAttempts(step)
        let here = (
            spent.0 + attempts.count,
            spent.1 + attempts.reduce(0) { $0 + $1.durationSeconds },
            spent.2 + attempts.reduce(0) { $0 + $1.requests }
        )
        for passed in [true, false] {
            var branch = search
            switch branch.advance(passed: passed, rate: step.rate) {
            case .run(let next):
                Self.explore(branch, step: next, spent: here, worst: &worst)
            case .finish:
                worst.steps = Swift.max(worst.steps, here.0)
                worst.seconds = Swift.max(worst.seconds, here.1)
                worst.requests = Swift.max(worst.requests, here.2)
            }
        }
    }
}
