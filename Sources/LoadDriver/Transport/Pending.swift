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
}

/// Monotonic time in nanoseconds (clock_gettime through NIO; no Foundation `Date` on the hot path).
@inline(__always)
func monotonicNanos() -> UInt64 {
    NIODeadlineNow.uptime()
}

import NIOCore

enum NIODeadlineNow {
    @inline(__always)
    static func uptime() -> UInt64 { NIODeadline.now().uptimeNanoseconds }
}
