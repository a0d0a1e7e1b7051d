import Reports

/// The settings of a capacity search (`pendo-replay capacity`), mapped from the command line.
/// Defaults are in the one `init`; `validate()` names the option at fault.
public struct CapacitySearchConfig: Sendable, Equatable {
    /// The SLOs every window of a passing step must meet (`--slo`, the threshold grammar).
    public var slos: ThresholdSet
    /// The first rate tried, requests per second (`--start`).
    public var start: Double
    /// The highest rate tried, requests per second (`--max`); nil means `start` doubled
    /// `defaultDoublings` times, so a search is always bounded and `--plan` can say how far it goes.
    public var max: Double?
    /// Seconds each step lasts, warm-up included (`--step`); the rest is split into `windows`.
    public var stepSeconds: Double
    /// Seconds at the start of each step excluded from the verdict (`--warmup`).
    public var warmupSeconds: Double
    /// Windows each step's measured part is split into; every one must pass. At least two, so that a
    /// step whose first half passes and second half degrades is caught.
    public var windows: Int
    /// The search stops when the lowest failing rate is within this fraction of the highest passing
    /// one (`--precision`, 0.05 for 5 %).
    public var precision: Double
    /// A step fails when it delivers less than this fraction of the rate it offered. Beyond the
    /// capacity an open loop delivers the capacity itself, so a step at capacity ÷ fraction still
    /// passes when its latency has not yet grown past the SLO: 0.95 let a step 5 % above the
    /// capacity pass (answers of 103-104 % against `serve --capacity`); 0.98 keeps the answer
    /// within 102 %, and leaves steady steps, which deliver what they offer to within a few
    /// requests at the windows' edges and the errors the SLOs allow, room to pass.
    public var deliveredFraction: Double
    /// A percentile p needs this many samples above it in each window (`ceil(n * 100 / (100 - p))`
    /// samples: 500 for p99 with 5), or the window is lengthened.
    public var minimumTailSamples: Int
    /// A step is never lengthened beyond this multiple of its planned measured part.
    public var maximumLengthening: Double
    /// Schedule lag (99th percentile, seconds) beyond which a step's generator did not keep up,
    /// unless the in-flight slots were all busy (`generatorKeptUp`).
    public var generatorLagLimit: Double
    /// Share of this machine's cores the process used during a step (0-1) at or above which lag
    /// beyond `generatorLagLimit` is this machine's, even with every slot busy: a process short of
    /// CPU reads answers late, so the slots look busy because of it.
    public var generatorCPULimit: Double
    /// A step whose error rate exceeds this fraction ends early.
    public var tripErrorRate: Double
    /// A step whose latency exceeds an SLO's latency limit this many times ends early.
    public var tripLatencyFactor: Double

    /// Doublings from `start` when `max` is not given.
    public static let defaultDoublings = 10

    public init(
        slos: ThresholdSet,
        start: Double = 100,
        max: Double? = nil,
        stepSeconds: Double = 20,
        warmupSeconds: Double = 5,
        windows: Int = 2,
        precision: Double = 0.05,
        deliveredFraction: Double = 0.98,
        minimumTailSamples: Int = 5,
        maximumLengthening: Double = 4,
        generatorLagLimit: Double = 0.1,
        generatorCPULimit: Double = 0.9,
        tripErrorRate: Double = 0.5,
        tripLatencyFactor: Double = 10
    ) {
        self.slos = slos
        self.start = start
        self.max = max
        self.stepSeconds = stepSeconds
        self.warmupSeconds = warmupSeconds
        self.windows = windows
        self.precision = precision
        self.deliveredFraction = deliveredFraction
        self.minimumTailSamples = minimumTailSamples
        self.maximumLengthening = maximumLengthening
        self.generatorLagLimit = generatorLagLimit
        self.generatorCPULimit = generatorCPULimit
        self.tripErrorRate = tripErrorRate
        self.tripLatencyFactor = tripLatencyFactor
    }

    /// The highest rate the search may try.
    public var ceiling: Double {
        self.max ?? self.start * Double(1 << Self.defaultDoublings)
    }

    /// Whether a step's generator kept its schedule. Lag also comes from the inlet: when every
    /// in-flight slot is busy, the next sends wait for a slot because answers are slow, not
    /// because this machine is. By Little's law the slots were full at the step's worst moments
    /// when the offered rate times the 99th percentile of the service time reaches 90 % of
    /// `slots`; the lag's 99th percentile comes from those same moments. So lag above
    /// `generatorLagLimit` counts against this machine when slots were free then, or when the
    /// process used `generatorCPULimit` of the machine's cores or more (then it read the answers
    /// late itself, and the slots were busy because of it).
    ///
    /// - Parameters:
    ///   - scheduleLagP99: The step's schedule lag, 99th percentile, seconds.
    ///   - offered: The step's rate, requests per second.
    ///   - serviceTimeP99: The service time (from the actual send), 99th percentile, seconds.
    ///   - slots: Requests that may be in flight at once (connections, or the in-flight cap if lower).
    ///   - cpu: The share of the machine's cores the process used during the step (0-1), when known.
    public func generatorKeptUp(
        scheduleLagP99: Double, offered: Double, serviceTimeP99: Double, slots: Int,
        cpu: Double? = nil
    ) -> Bool {
        if scheduleLagP99 <= self.generatorLagLimit { return true }
        if let cpu, cpu >= self.generatorCPULimit { return false }
        return offered * serviceTimeP99 >= 0.9 * Double(slots)
    }

    /// Seconds of each step that count for the verdict, before any lengthening.
    public var measuredSeconds: Double { self.stepSeconds - self.warmupSeconds }

    /// Throws naming the option when the settings cannot make a search.
    public func validate() throws(LoadConfigError) {
        func bad(_ option: String, _ value: Double, _ why: String) -> LoadConfigError {
            .invalid(option: option, value: Self.text(value), why: why)
        }
        if self.slos.thresholds.isEmpty {
            throw .invalid(
                option: "--slo", value: "(none)",
                why: "give at least one SLO, such as --slo 'p99<250ms' --slo 'error_rate<0.1%'")
        }
        guard self.start.isFinite, self.start > 0 else {
            throw bad("--start", self.start, "must be a positive rate, requests per second")
        }
        if let max = self.max {
            guard max.isFinite, max >= self.start else {
                throw bad("--max", max, "must be at least --start (\(Self.text(self.start))/s)")
            }
        }
        guard self.warmupSeconds.isFinite, self.warmupSeconds >= 0 else {
            throw bad("--warmup", self.warmupSeconds, "must be zero or more seconds")
        }
        guard self.max.map({ $0 / self.start <= Double(1 << 30) }) ?? true else {
            throw bad("--max", self.max ?? 0, "is more than 2^30 times --start; raise --start")
        }
        guard self.stepSeconds.isFinite, self.stepSeconds > self.warmupSeconds else {
            throw bad(
                "--step", self.stepSeconds,
                "must be longer than --warmup (\(Self.text(self.warmupSeconds))s): the step includes the warm-up")
        }
        guard self.windows >= 2 else {
            throw bad(
                "--windows", Double(self.windows), "must be at least 2: windows that agree are what make a verdict")
        }
        guard self.windows <= 100 else { throw bad("--windows", Double(self.windows), "must be at most 100") }
        guard self.precision.isFinite, self.precision >= 0.001, self.precision < 1 else {
            throw bad("--precision", self.precision, "must be a fraction from 0.1% to below 100%, such as 5% or 0.05")
        }
    }

    static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }
}
