import Foundation

/// Waits on a thread of its own (off the tasks' pool, which the code under test may need) until
/// `condition` holds, for at most 20 s; the test then checks the condition itself.
func waitUntil(_ condition: @escaping @Sendable () -> Bool) async {
    await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
        Thread {
            let deadline = Date(timeIntervalSinceNow: 20)
            while !condition() && Date() < deadline { usleep(1000) }
            done.resume()
        }.start()
    }
}
