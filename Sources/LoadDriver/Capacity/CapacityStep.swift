import Reports

/// A step the search asks for: an open-loop constant rate for a warm-up and some windows.
public struct CapacityStep: Sendable, Equatable {
    /// Why a step is run.
    public enum Purpose: String, Sendable, Equatable {
        /// Doubling from `--start` until a step fails.
        case doubling
        /// Halving the bracket between the highest passing and the lowest failing rate.
        case bisecting
        /// The windows of the previous step at this rate disagreed: run once more.
        case `repeat`
        /// The previous step at this rate had too few samples for a percentile: run longer.
        case lengthened
    }

    /// Requests per second.
    public var rate: Double
    /// Seconds excluded from the verdict at the start.
    public var warmupSeconds: Double
    /// Seconds each window lasts.
    public var windowSeconds: Double
    /// Windows after the warm-up.
    public var windows: Int
    /// Why this step is run.
    public var purpose: Purpose

    public init(rate: Double, warmupSeconds: Double, windowSeconds: Double, windows: Int, purpose: Purpose) {
        self.rate = rate
        self.warmupSeconds = warmupSeconds
        self.windowSeconds = windowSeconds
        self.windows = windows
        self.purpose = purpose
    }

    /// Seconds the whole step lasts.
    public var durationSeconds: Double { self.warmupSeconds + self.windowSeconds * Double(self.windows) }

    /// Requests the step sends when it runs to its end.
    public var requests: Double { self.rate * self.durationSeconds }
}

/// What a step measured, told to the search by the shell that ran it.
public struct CapacityStepResult: Sendable {
    /// Requests per second the schedule asked for over the measured part.
    public var offered: Double
    /// Requests per second answered with acceptance over the measured part.
    public var delivered: Double
    /// The measured windows, in order; the shell evaluates each over its own seconds.
    public var windows: [CapacityWindow]
    /// The generator's schedule lag, 99th percentile, seconds.
    public var scheduleLagP99: Double
    /// Whether the generator kept its schedule (the lag within bounds, not starved of CPU). When it
    /// did not, nothing can be said about the inlet at this rate.
    public var generatorKeptUp: Bool
    /// The share of this machine's cores the process used during the step (0-1), when measured.
    public var generatorCPU: Double?
    /// Whether the step ended early because it tripped badly (`CapacitySearch.trip(_:)`).
    public var endedEarly: Bool
    /// Why it ended early, as `trip` said.
    public var tripReason: String?
    /// The corrected latency over the measured part, for the record.
    public var latency: LatencySummary?
    /// The error rate over the measured part, for the record.
    public var errorRate: Double?
    /// Errors over the whole step by class (`http-503`, `timeout`, ...), for the record.
    public var errorsByClass: [String: Int]
    /// Where the step's own report was written, for the record.
    public var report: String?

    public init(
        offered: Double, delivered: Double, windows: [CapacityWindow], scheduleLagP99: Double,
        generatorKeptUp: Bool = true, generatorCPU: Double? = nil, endedEarly: Bool = false, tripReason: String? = nil,
        latency: LatencySummary? = nil, errorRate: Double? = nil, errorsByClass: [String: Int] = [:],
        report: String? = nil
    ) {
        self.offered = offered
        self.delivered = delivered
        self.windows = windows
        self.scheduleLagP99 = scheduleLagP99
        self.generatorKeptUp = generatorKeptUp
        self.generatorCPU = generatorCPU
        self.endedEarly = endedEarly
        self.tripReason = tripReason
        self.latency = latency
        self.errorRate = errorRate
        self.errorsByClass = errorsByClass
        self.report = report
    }
}

/// One window of a step: how many latencies it recorded and the values of the metrics the SLOs name.
public struct CapacityWindow: Sendable {
    /// Latencies recorded in the window.
    public var samples: Int
    /// The window's metrics (base units), as the SLOs name them.
    public var metrics: MetricTable

    public init(samples: Int, metrics: MetricTable) {
        self.samples = samples
        self.metrics = metrics
    }
}

/// What the shell does next.
public enum CapacityAction: Sendable, Equatable {
    /// Run this step and tell the search its result.
    case run(CapacityStep)
    /// The search is over.
    case finish(CapacityAnswer)
}

/// The answer of a search.
public struct CapacityAnswer: Sendable, Equatable {
    /// The highest passing rate, requests per second; nil when even the first step failed.
    public var maxSustainableRate: Double?
    /// The rates it was found between.
    public var bracket: CapacityBracket
    /// What bounds it.
    public var limitedBy: CapacityLimit
    /// With `limitedBy` `generator`: the rate at which this machine could not keep the schedule.
    public var generatorLimitRate: Double?

    public init(
        maxSustainableRate: Double?, bracket: CapacityBracket, limitedBy: CapacityLimit,
        generatorLimitRate: Double? = nil
    ) {
        self.maxSustainableRate = maxSustainableRate
        self.bracket = bracket
        self.limitedBy = limitedBy
        self.generatorLimitRate = generatorLimitRate
    }
}
