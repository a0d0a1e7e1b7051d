/// How requests are paced. Every model is a pure function of elapsed time: given the index of a send,
/// it says when that send is intended (seconds from the start), so it is tested without sockets or clocks.
public enum LoadModel: Sendable, Equatable {
    /// Closed loop: each connection sends its next request when the previous answer arrives.
    case closed
    /// Open loop at a constant rate, requests per second.
    case constant(rate: Double)
    /// Open loop through stages with linear ramps between their target rates (k6-style).
    case stages([Stage])
    /// Open loop at the corpus's recorded timing: timestamps rebased to the first event and divided by
    /// `speed`; idle gaps longer than `maxGap` seconds shrink to `maxGap` (before the division).
    case replay(speed: Double, maxGap: Double?)

    /// Whether sends follow a schedule (latency is then corrected for coordinated omission).
    public var isOpenLoop: Bool {
        if case .closed = self { return false }
        return true
    }

    /// The schedule of a rate model (`constant`, `stages`); nil for a closed loop and for replay,
    /// whose times come from the events.
    public var rateSchedule: (any RateSchedule)? {
        switch self {
        case .constant(let rate): return ConstantRate(rate: rate)
        case .stages(let stages): return StagedRate(stages: stages)
        case .closed, .replay: return nil
        }
    }

    /// A short name for reports: `closed`, `constant`, `stages`, `replay`.
    public var name: String {
        switch self {
        case .closed: return "closed"
        case .constant: return "constant"
        case .stages: return "stages"
        case .replay: return "replay"
        }
    }
}

/// One stage: ramp linearly from the previous stage's target (0 at the start) to `target`
/// requests per second over `duration` seconds.
public struct Stage: Sendable, Equatable {
    /// Seconds this stage lasts.
    public var duration: Double
    /// Requests per second reached at the end of the stage.
    public var target: Double

    public init(duration: Double, target: Double) {
        self.duration = duration
        self.target = target
    }
}

/// A schedule of rate-driven sends: when send number `index` (0-based) is intended.
public protocol RateSchedule: Sendable {
    /// Seconds from the start at which send `index` is intended, or nil when the schedule ends first.
    func intendedOffset(ofSend index: Int) -> Double?
    /// Sends intended at or before `elapsed` seconds (the count `intendedOffset` is `<= elapsed` for).
    func sendsDue(by elapsed: Double) -> Int
    /// Seconds the schedule lasts, or nil when it is unbounded.
    var length: Double? { get }
}
