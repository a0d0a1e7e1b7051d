import Foundation
import NIOCore
import Synchronization
import Testing

@testable import LoadDriver

/// The read-ahead buffer between the feed pump and the senders.
@Suite struct RequestBufferTests {
    static func requests(_ count: Int) -> [PreparedRequest] {
        let bytes = ByteBuffer(string: "POST / HTTP/1.1\r\n\r\n")
        return (0..<count).map { PreparedRequest(bytes: bytes, events: 1, file: "f", line: $0 + 1, timestamp: nil) }
    }

    /// A producer that fills the buffer sleeps until half of it was taken, not after every chunk:
    /// each wake-up then brings at least half a buffer, whatever the consumer's pace.
    @Test func aFullBufferWakesItsProducerAtHalf() {
        let buffer = RequestBuffer(capacity: 100)
        let total = 5_000
        let producer = Thread {
            var pushed = 0
            while pushed < total {
                _ = buffer.push(Self.requests(10))
                pushed += 10
            }
            buffer.finish()
        }
        producer.start()
        var taken = 0
        loop: while true {
            switch buffer.take(max: 10, wake: nil) {
            case .requests(let chunk):
                taken += chunk.count
                // A slow consumer: the producer has time to refill and sleep again between takes.
                usleep(100)
            case .empty:
                usleep(100)
            case .finished:
                break loop
            }
        }
        #expect(taken == total)
        // Each wake-up follows at least 50 requests taken (the old behaviour woke it every 10).
        #expect(buffer.producerWakeups <= total / 50 + 2, "producer woken \(buffer.producerWakeups) times")
        #expect(buffer.producerWakeups >= 10, "the producer did fill the buffer and wait")
    }

    @Test func cancellingFreesABlockedProducer() async throws {
        let buffer = RequestBuffer(capacity: 10)
        #expect(buffer.push(Self.requests(10)))
        let returned = Atomic<Int>(0)
        let producer = Thread {
            returned.store(buffer.push(Self.requests(5)) ? 1 : 2, ordering: .sequentiallyConsistent)
        }
        producer.start()
        buffer.cancel()
        for _ in 0..<500 where returned.load(ordering: .sequentiallyConsistent) == 0 {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(returned.load(ordering: .sequentiallyConsistent) == 2, "push returns false once cancelled")
    }
}
