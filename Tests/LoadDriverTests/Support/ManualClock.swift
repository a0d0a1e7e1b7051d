import Dispatch
import NIOConcurrencyHelpers

@testable import LoadDriver

/// A `RunClock` moved by hand: `now()` is what the test set, and work scheduled `after` a delay runs
/// (on its queue) once the test moves the clock past its time.
final class ManualClock: RunClock, @unchecked Sendable {
    private let lock = NIOLock()
    private var nanos: UInt64
    private var waiting: [(id: Int, at: UInt64, queue: DispatchQueue, work: @Sendable () -> Void)] = []
    private var nextId = 0

    init(nanos: UInt64 = 0) {
        self.nanos = nanos
    }

    func now() -> UInt64 { self.lock.withLock { self.nanos } }

    @discardableResult
    func after(_ seconds: Double, on queue: DispatchQueue, _ work: @escaping @Sendable () -> Void) -> RunTimer {
        let id: Int = self.lock.withLock {
            self.nextId += 1
            self.waiting.append((self.nextId, self.nanos + UInt64(seconds * 1e9), queue, work))
            return self.nextId
        }
        return RunTimer { self.lock.withLock { self.waiting.removeAll { $0.id == id } } }
    }

    /// Sets the time; work now due is queued on its queue, in due order.
    func set(nanos: UInt64) {
        let due: [(id: Int, at: UInt64, queue: DispatchQueue, work: @Sendable () -> Void)] = self.lock.withLock {
            self.nanos = nanos
            let due = self.waiting.filter { $0.at <= nanos }.sorted { $0.at < $1.at }
            self.waiting.removeAll { $0.at <= nanos }
            return due
        }
        for item in due { item.queue.async(execute: item.work) }
    }
}
