/// The result of a capacity search, written as `capacity.json` (documented field by field in
/// docs/CAPACITY.md).
///
/// Versioned like `report.json`: `schemaVersion` changes whenever a field changes meaning or goes
/// away; added fields keep the version.
public struct CapacityReport: Codable, Sendable, Equatable {
    /// The schema version this code writes.
    public static let currentSchemaVersion = 1

    /// The version of this document's layout.
    public var schemaVersion: Int
    /// The program that wrote it.
    public var tool: ToolInfo
    /// The highest rate (requests per second) whose step passed; nil when even the first step failed.
    public var maxSustainableRate: Double?
    /// The rates the answer was found between.
    public var bracket: CapacityBracket
    /// What limits the answer.
    public var limitedBy: CapacityLimit
    /// With `limitedBy` `generator`: the offered rate at which this machine could not keep the schedule.
    public var generatorLimitRate: Double?
    /// The SLO expressions every window of a passing step met, as given.
    public var slos: [String]
    /// The search's settings.
    public var settings: CapacitySettingsRecord
    /// Every step run, in order.
    public var steps: [CapacityStepRecord]
    /// The knee of p99 against offered rate (Kneedle), when the steps show one.
    public var knee: CapacityKnee?
    /// A Universal Scalability Law fit over the passing steps, when there are enough.
    public var usl: CapacityUSL?

    public init(
        schemaVersion: Int = CapacityReport.currentSchemaVersion, tool: ToolInfo, maxSustainableRate: Double?,
        bracket: CapacityBracket, limitedBy: CapacityLimit, generatorLimitRate: Double?, slos: [String],
        settings: CapacitySettingsRecord, steps: [CapacityStepRecord]
    ) {
        self.schemaVersion = schemaVersion
        self.tool = tool
        self.maxSustainableRate = maxSustainableRate
        self.bracket = bracket
        self.limitedBy = limitedBy
        self.generatorLimitRate = generatorLimitRate
        self.slos = slos
        self.settings = settings
        self.steps = steps
        self.knee = CapacityAnalysis.knee(steps)
        self.usl = CapacityAnalysis.usl(steps)
    }

    /// Writes `maxSustainableRate` and `generatorLimitRate` as `null` when unknown, since readers
    /// look for them; the other optional fields are left out when absent.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.schemaVersion, forKey: .schemaVersion)
        try container.encode(self.tool, forKey: .tool)
        try container.encode(self.maxSustainableRate, forKey: .maxSustainableRate)
        try container.encode(self.bracket, forKey: .bracket)
        try container.encode(self.limitedBy, forKey: .limitedBy)
        try container.encode(self.generatorLimitRate, forKey: .generatorLimitRate)
        try container.encode(self.slos, forKey: .slos)
        try container.encode(self.settings, forKey: .settings)
        try container.encode(self.steps, forKey: .steps)
        try container.encodeIfPresent(self.knee, forKey: .knee)
        try container.encodeIfPresent(self.usl, forKey: .usl)
    }
}

/// The highest passing and the lowest failing rate of a search, requests per second.
public struct CapacityBracket: Codable, Sendable, Equatable {
    /// The highest rate that passed; nil when none did.
    public var passing: Double?
    /// The lowest rate that failed (or was indeterminate); nil when none did (`--max` passed, or
    /// the generator stopped the search first).
    public var failing: Double?

    public init(passing: Double?, failing: Double?) {
        self.passing = passing
        self.failing = failing
    }

    /// Both ends are written, `null` when there is none.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.passing, forKey: .passing)
        try container.encode(self.failing, forKey: .failing)
    }
}

/// What bounds a capacity answer.
public enum CapacityLimit: String, Codable, Sendable, Equatable {
    /// The inlet: the next step up failed its SLO (or even the first step did).
    case inlet
    /// This machine: the generator could not keep the schedule, so the inlet's capacity is unknown
    /// above the answer.
    case generator
    /// `--max`: the highest rate allowed passed, so the capacity is at least the answer.
    case max
}

/// The search's settings, as `capacity.json` records them.
public struct CapacitySettingsRecord: Codable, Sendable, Equatable {
    /// `--start`, requests per second.
    public var start: Double
    /// The highest rate the search may try (`--max`, or the default ceiling).
    public var max: Double
    /// `--step`, seconds, warm-up included.
    public var stepSeconds: Double
    /// `--warmup`, seconds.
    public var warmupSeconds: Double
    /// Windows per step.
    public var windows: Int
    /// `--precision`, a fraction of the passing rate.
    public var precision: Double
    /// Messages per request (`--batch`).
    public var batch: Int

    public init(
        start: Double, max: Double, stepSeconds: Double, warmupSeconds: Double, windows: Int, precision: Double,
        batch: Int
    ) {
        self.start = start
        self.max = max
        self.stepSeconds = stepSeconds
        self.warmupSeconds = warmupSeconds
        self.windows = windows
        self.precision = precision
        self.batch = batch
    }
}

/// How one step of a search was judged.
public enum CapacityVerdict: String, Codable, Sendable, Equatable {
    /// Every SLO held in every window and the delivered rate kept up with the offered one.
    case pass
    /// An SLO failed in every window, or the inlet delivered too little.
    case fail
    /// The windows disagreed twice, or too few samples came even after lengthening: counted as failing.
    case indeterminate
    /// The windows disagreed (or had too few samples) for the first time: the step runs again.
    case retried
    /// The step tripped badly (error rate above 50 %, or latency above 10x an SLO) and ended early: failing.
    case tripped
    /// The generator could not keep the schedule: the search stops, limited by this machine.
    case generatorBound
}

/// One step of a search, as run and judged.
public struct CapacityStepRecord: Codable, Sendable, Equatable {
    /// The rate asked for, requests per second.
    public var offered: Double
    /// The rate answered with acceptance over the measured part, requests per second.
    public var delivered: Double
    /// The verdict.
    public var verdict: CapacityVerdict
    /// Why: the failing SLO and by how much, the delivery shortfall, the disagreement.
    public var reason: String?
    /// Why this step was run: `doubling`, `bisecting`, `repeat` or `lengthened`.
    public var purpose: String
    /// Seconds of warm-up before the windows.
    public var warmupSeconds: Double
    /// Seconds each window lasted (as planned).
    public var windowSeconds: Double
    /// Per window: whether every SLO held.
    public var windowsPassed: [Bool]
    /// Per window: latencies recorded.
    public var windowSamples: [Int]
    /// The generator's schedule lag, 99th percentile, milliseconds.
    public var scheduleLagP99Milliseconds: Double
    /// The share of the machine's cores the generating process used during the step (0-1), when measured.
    public var generatorCPU: Double?
    /// The step's latency (corrected) over the measured part, milliseconds, when the shell recorded it.
    public var latency: LatencySummary?
    /// Error rate over the measured part (failed, rejected and unknown over sent).
    public var errorRate: Double?
    /// Errors over the whole step by class (`http-503`, `timeout`, ...), as the step's report counts them.
    public var errorsByClass: [String: Int]?
    /// Where the step's own report (with its histograms) was written, relative to the output folder.
    public var report: String?

    public init(
        offered: Double, delivered: Double, verdict: CapacityVerdict, reason: String?, purpose: String,
        warmupSeconds: Double, windowSeconds: Double, windowsPassed: [Bool], windowSamples: [Int],
        scheduleLagP99Milliseconds: Double, generatorCPU: Double? = nil, latency: LatencySummary? = nil,
        errorRate: Double? = nil,
        errorsByClass: [String: Int]? = nil, report: String? = nil
    ) {
        self.offered = offered
        self.delivered = delivered
        self.verdict = verdict
        self.reason = reason
        self.purpose = purpose
        self.warmupSeconds = warmupSeconds
        self.windowSeconds = windowSeconds
        self.windowsPassed = windowsPassed
        self.windowSamples = windowSamples
        self.scheduleLagP99Milliseconds = scheduleLagP99Milliseconds
        self.generatorCPU = generatorCPU
        self.latency = latency
        self.errorRate = errorRate
        self.errorsByClass = errorsByClass
        self.report = report
    }
}
