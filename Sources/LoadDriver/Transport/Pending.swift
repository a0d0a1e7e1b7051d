import NIOCore

/// A request on its way: what it carries, when it was meant to go, and its attempts so far.
struct Pending {
    var request: PreparedRequest
    /// Intended send time (monotonic nanoseconds); the actual first send in a closed loop.
    var intended: UInt64
    /// Attempts made so far.
    var attempts = 0
    /// When the current attempt was written (monotonic nanoseconds).
    var sentAt: UInt64 = 0
    /// Whether `intended` is only set at the first send (closed loop).
    var intendedAtSend: Bool
    /// Some attempt was written and got no answer: the inlet may have stored the events, so an outcome
    /// short of acceptance is `unknown`, never `failed` or `rejected`.
    var possiblyDelivered = false
    /// The latest attempt was written and got no answer (a retry after it may store a duplicate).
    var lastUnanswered = false
    /// Attempts written that got no answer.
    var unanswered = 0
    /// Status of the latest answer.
    var lastStatus: Int?
}

/// Monotonic time in nanoseconds (clock_gettime through NIO; no Foundation `Date` on the hot path).
@inline(__always)
func monotonicNanos() -> UInt64 {
    NIODeadlineNow.uptime()
}

enum NIODeadlineNow {
    @inline(__always)
    static func uptime() -> UInt64 { NIODeadline.now().uptimeNanoseconds }
}
