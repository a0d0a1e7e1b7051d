import Dispatch
import NIOCore

/// Where a run reads the time and how it waits for a moment, outside the event loops: the pacer's
/// elapsed time, the duration bound, the drain deadline and the interval ends. `SystemClock` in runs;
/// tests inject a manual clock and move it by hand. (Each event loop is its worker's clock: NIO's
/// `EventLoop.now` and scheduled tasks, an `EmbeddedEventLoop` in tests.)
public protocol RunClock: Sendable {
    /// Monotonic nanoseconds.
    func now() -> UInt64
    /// Runs `work` on `queue` once `seconds` have passed on this clock.
    func after(_ seconds: Double, on queue: DispatchQueue, _ work: @escaping @Sendable () -> Void)
}

/// The monotonic clock (`NIODeadline.now()`), waits through Dispatch.
public struct SystemClock: RunClock {
    public init() {}

    @inline(__always)
    public func now() -> UInt64 { NIODeadline.now().uptimeNanoseconds }

    public func after(_ seconds: Double, on queue: DispatchQueue, _ work: @escaping @Sendable () -> Void) {
        queue.asyncAfter(deadline: .now() + seconds, execute: work)
    }
}
