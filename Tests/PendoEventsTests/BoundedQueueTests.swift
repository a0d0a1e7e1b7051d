import Foundation
import PendoEvents
import Testing

@Suite struct BoundedQueueTests {
    @Test func keepsOrderAcrossThreadsAndNeverHoldsMoreThanItsCapacity() {
        let queue = BoundedQueue<Int>(capacity: 3)
        let maxHeld = NSLock()
        nonisolated(unsafe) var produced = 0
        nonisolated(unsafe) var taken = 0
        nonisolated(unsafe) var worst = 0
        let producer = Thread {
            for value in 0..<1_000 {
                queue.put(value)
                maxHeld.withLock {
                    produced += 1
                    worst = max(worst, produced - taken)
                }
            }
            queue.close()
        }
        producer.start()
        var received: [Int] = []
        while let value = queue.take() {
            maxHeld.withLock { taken += 1 }
            received.append(value)
        }
        #expect(received == Array(0..<1_000))
        // A put returns once its item is in; at most `capacity` items wait, plus the one just put
        // that the counter has not seen taken yet.
        #expect(worst <= 4)
        #expect(queue.take() == nil)  // closed and drained: nil again, never a wait
    }

    @Test func closeDrainsWhatIsLeftThenAnswersNil() {
        let queue = BoundedQueue<String>(capacity: 4)
        queue.put("a")
        queue.put("b")
        queue.close()
        #expect(queue.take() == "a")
        #expect(queue.take() == "b")
        #expect(queue.take() == nil)
    }

    @Test func cancelReleasesAWaitingPutAndRefusesLaterOnes() {
        let queue = BoundedQueue<Int>(capacity: 1)
        #expect(queue.put(1))
        let refused = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var result = true
        Thread {
            result = queue.put(2)  // full: waits until cancelled
            refused.signal()
        }.start()
        Thread.sleep(forTimeInterval: 0.05)
        queue.cancel()
        #expect(refused.wait(timeout: .now() + 5) == .success)
        #expect(result == false)
        #expect(queue.put(3) == false)
    }
}
