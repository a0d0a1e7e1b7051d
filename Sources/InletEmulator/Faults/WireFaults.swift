import DataPrep
import ReplayCommon

/// The rules of the faults that act on connections (reset, cut answer, trickle, recycled
/// connection), without I/O: which request or answer gets which fault. Each fault draws from its
/// own seeded stream, so turning one on does not change the requests another picks.
struct WireFaults: Sendable {
    /// What happens to one answer on its way out.
    struct AnswerPlan: Sendable, Equatable {
        /// Body bytes written before the connection is closed (nil: the whole answer).
        var cutAfterBodyBytes: Int?
        /// Body bytes per second (nil: at once).
        var trickleBytesPerSecond: Int?
        /// Close the connection right after this answer.
        var closeAfter: Bool

        static let untouched = AnswerPlan(cutAfterBodyBytes: nil, trickleBytesPerSecond: nil, closeAfter: false)
    }

    let configuration: FaultConfiguration
    private var resets: SeededRandom
    private var cuts: SeededRandom
    /// Answers in scope so far (for `closeEvery`).
    private(set) var answers: UInt64 = 0

    init(configuration: FaultConfiguration) {
        self.configuration = configuration
        self.resets = SeededRandom(seed: configuration.seed, stream: 1)
        self.cuts = SeededRandom(seed: configuration.seed, stream: 2)
    }

    /// Whether the request for `path` is answered by a TCP reset instead of being handled.
    mutating func resetsRequest(path: String) -> Bool {
        guard self.configuration.resetRate > 0, EmulatorCore.faultScopeApplies(self.configuration.scope, path: path)
        else {
            return false
        }
        return self.resets.unit() < self.configuration.resetRate
    }

    /// The plan for the answer to a request for `path` whose body is `contentLength` bytes long
    /// (nil: unknown length, as in a chunked answer; a cut then keeps none of the body).
    mutating func planAnswer(path: String, contentLength: Int?) -> AnswerPlan {
        guard EmulatorCore.faultScopeApplies(self.configuration.scope, path: path) else { return .untouched }
        var plan = AnswerPlan.untouched
        plan.trickleBytesPerSecond = self.configuration.trickleBytesPerSecond
        if self.configuration.closeMidAnswerRate > 0, self.cuts.unit() < self.configuration.closeMidAnswerRate {
            // Half the body: the client has started reading an answer it can never finish.
            plan.cutAfterBodyBytes = max(0, contentLength ?? 0) / 2
        }
        if let every = self.configuration.closeEvery, every > 0 {
            self.answers += 1
            plan.closeAfter = self.answers % UInt64(every) == 0
        }
        return plan
    }
}

/// How a trickled body is written: in ticks of 100 ms, the first one when the body is ready, each
/// writing what keeps the total at `bytesPerSecond × elapsed` (rounded down), so a second holds
/// exactly the rate, whatever it is (4 B/s: nothing, nothing, 1 byte, nothing, 1 byte, ...).
struct TrickleSchedule: Sendable, Equatable {
    /// Seconds between ticks.
    static let interval = 0.1
    let bytesPerSecond: Int

    init(bytesPerSecond: Int) {
        self.bytesPerSecond = max(1, bytesPerSecond)
    }

    /// Bytes written by the end of tick `tick` (0 is the first), in all.
    func total(throughTick tick: Int) -> Int {
        let (product, overflow) = self.bytesPerSecond.multipliedReportingOverflow(by: tick + 1)
        return overflow ? Int.max : product / 10
    }

    /// Bytes tick `tick` may write.
    func allowance(tick: Int) -> Int {
        self.total(throughTick: tick) - (tick == 0 ? 0 : self.total(throughTick: tick - 1))
    }

    /// The tick that writes the last of `bytes` body bytes (nil for none).
    func lastTick(for bytes: Int) -> Int? {
        guard bytes > 0 else { return nil }
        // The smallest k with bytesPerSecond × (k + 1) / 10 ≥ bytes.
        return (bytes * 10 + self.bytesPerSecond - 1) / self.bytesPerSecond - 1
    }
}
