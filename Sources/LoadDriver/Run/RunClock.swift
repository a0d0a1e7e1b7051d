import Dispatch
import NIOConcurrencyHelpers
import NIOCore

/// Where a run reads the time and how it waits for a moment, outside the event loops: the pacer's
/// elapsed time, the duration bound, the drain deadline and the interval ends. `SystemClock` in runs;
/// tests inject a manual clock and move it by hand. (Each event loop is its worker's clock: NIO's
/// `EventLoop.now` and scheduled tasks, an `EmbeddedEventLoop` in tests.)
public protocol RunClock: Sendable {
    /// Monotonic nanoseconds.
    func now() -> UInt64
    /// Runs `work` on `queue` once `seconds` have passed on this clock, unless the timer is cancelled first.
    @discardableResult
    func after(_ seconds: Double, on queue: DispatchQueue, _ work: @escaping @Sendable () -> Void) -> RunTimer
}

/// A wait `RunClock.after` started; cancelling it drops the work if it has not run.
public struct RunTimer: Sendable {
    private let cancelBody: @Sendable () -> Void

    public init(cancel: @escaping @Sendable () -> Void) {
        self.cancelBody = cancel
    }

    public func cancel() { self.cancelBody() }
}

/// The monotonic clock (`NIODeadline.now()`), waits through Dispatch.
public struct SystemClock: RunClock {
    public init() {}

    @inline(__always)
    public func now() -> UInt64 { NIODeadline.now().uptimeNanoseconds }

    @discardableResult
    public func after(_ seconds: Double, on queue: DispatchQueue, _ work: @escaping @Sendable () -> Void) -> RunTimer {
        // Cancelling drops the work (and what it holds) at once; the empty wake-up is all that remains.
        let pending = NIOLockedValueBox<(@Sendable () -> Void)?>(work)
        queue.asyncAfter(deadline: .now() + seconds) {
            pending.withLockedValue { work in
                defer { work = nil }
                return work
            }?()
        }
        return RunTimer { pending.withLockedValue { $0 = nil } }
    }
}
