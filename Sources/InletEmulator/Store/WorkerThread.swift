import Foundation

/// A thread of its own for a loop that waits on a condition, as the store's writer and checkpointer
/// run (blocking work stays off Swift concurrency's pool): `close()` sets `closed` under the
/// condition's lock, wakes the loop and waits until it has returned.
///
/// The thread keeps its loop's owner alive until the loop returns, and no longer: the owner keeps
/// no reference to the thread, so that a closed owner (and the database it holds open) is freed.
final class WorkerThread: @unchecked Sendable {
    /// Guards `closed` and whatever the owner keeps beside it; the loop waits on it.
    let condition = NSCondition()
    /// Set by `close()`; read under `condition`'s lock.
    private(set) var closed = false
    private let finished = DispatchSemaphore(value: 0)

    /// Runs `loop` on a new thread named `name`; the loop returns once it sees `closed`.
    func start(name: String, _ loop: @escaping @Sendable () -> Void) {
        let thread = Thread {
            loop()
            self.finished.signal()
        }
        thread.name = name
        thread.start()
    }

    /// Stops the loop and waits for it to return (at once when it was stopped before).
    func close() {
        self.condition.lock()
        let alreadyClosed = self.closed
        self.closed = true
        self.condition.signal()
        self.condition.unlock()
        if !alreadyClosed {
            self.finished.wait()
        }
    }
}
