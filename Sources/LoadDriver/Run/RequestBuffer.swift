import Foundation
import NIOCore

/// The bounded read-ahead buffer between the feed pump (one producer) and the senders (the event
/// loops in a closed loop, the pacer in an open loop). Consumers take chunks, so the lock is taken once
/// per chunk, not per request; a consumer that finds it empty asks to be woken when more arrives.
///
/// A producer that finds the buffer full sleeps until it is down to half: woken after every chunk
/// taken, it ran (and switched the event loops' cores) once per 32 requests, which cost a closed loop
/// about one context switch and two futex calls per 10 requests.
final class RequestBuffer: @unchecked Sendable {
    private let condition = NSCondition()
    private var items = CircularBuffer<PreparedRequest>(initialCapacity: 1024)
    private let capacity: Int
    private var finished = false
    private var cancelled = false
    private var waiters: [@Sendable () -> Void] = []
    /// The producer sleeps on a full buffer (until it is down to `capacity / 2`).
    private var producerWaiting = false
    /// Times the producer was woken from a full buffer (for tests).
    private(set) var producerWakeups = 0
    /// The error that ended the feed early, if any.
    private(set) var failure: (any Error)?
    /// Events the mapper refused, with one sample.
    private(set) var refused = 0
    private(set) var refusedSample = ""

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Adds prepared requests, blocking while the buffer is full; false when the run was cancelled.
    func push(_ requests: [PreparedRequest]) -> Bool {
        var index = 0
        var wake: [@Sendable () -> Void] = []
        self.condition.lock()
        while index < requests.count {
            while self.items.count >= self.capacity, !self.cancelled {
                self.producerWaiting = true
                self.condition.wait()
                self.producerWakeups += 1
            }
            if self.cancelled { break }
            while index < requests.count, self.items.count < self.capacity {
                self.items.append(requests[index])
                index += 1
            }
            if !self.waiters.isEmpty {
                wake = self.waiters
                self.waiters.removeAll()
                self.condition.unlock()
                for w in wake { w() }
                wake.removeAll()
                self.condition.lock()
            }
        }
        let ok = !self.cancelled
        self.condition.unlock()
        return ok
    }

    /// Marks the end of the feed (with the error that ended it, if any).
    func finish(failure: (any Error)? = nil) {
        self.condition.lock()
        self.finished = true
        if self.failure == nil { self.failure = failure }
        let wake = self.waiters
        self.waiters.removeAll()
        self.condition.unlock()
        for w in wake { w() }
    }

    /// Events the feed could not read (skipped), with one sample.
    private(set) var unreadable = 0
    private(set) var unreadableSample = ""

    /// Records an event the feed could not read.
    func noteUnreadable(_ sample: String) {
        self.condition.lock()
        if self.unreadable == 0 { self.unreadableSample = sample }
        self.unreadable += 1
        self.condition.unlock()
    }

    /// Records a mapper refusal.
    func noteRefused(_ sample: String) {
        self.condition.lock()
        if self.refused == 0 { self.refusedSample = sample }
        self.refused += 1
        self.condition.unlock()
    }

    /// Stops the producer (the run is stopping). Queued requests stay to be taken: sends that were due
    /// when the run stopped take theirs to count them unsent; the rest are never planned.
    func cancel() {
        self.condition.lock()
        self.cancelled = true
        self.producerWaiting = false
        self.condition.broadcast()
        self.condition.unlock()
    }

    /// What a consumer gets.
    enum Take {
        case requests([PreparedRequest])
        /// Nothing now; `wake` will be called once there is.
        case empty
        /// Nothing now or ever.
        case finished
    }

    /// Up to `max` requests. When empty and not finished, registers `wake` (if given) to be called
    /// once more arrives or the feed ends.
    func take(max: Int, wake: (@Sendable () -> Void)?) -> Take {
        self.condition.lock()
        defer { self.condition.unlock() }
        if self.items.isEmpty {
            if self.finished || self.cancelled { return .finished }
            if let wake { self.waiters.append(wake) }
            return .empty
        }
        let count = Swift.min(max, self.items.count)
        var out: [PreparedRequest] = []
        out.reserveCapacity(count)
        for _ in 0..<count { out.append(self.items.removeFirst()) }
        if self.producerWaiting, self.items.count <= self.capacity / 2 {
            self.producerWaiting = false
            self.condition.signal()
        }
        return .requests(out)
    }

    /// What the feed reported, read under the lock.
    struct FeedCounts {
        var refused = 0
        var refusedSample = ""
        var unreadable = 0
        var unreadableSample = ""
        var failure: (any Error)?
    }

    /// The feed's counts and failure, consistent with each other.
    func feedCounts() -> FeedCounts {
        self.condition.lock()
        defer { self.condition.unlock() }
        return FeedCounts(
            refused: self.refused, refusedSample: self.refusedSample, unreadable: self.unreadable,
            unreadableSample: self.unreadableSample, failure: self.failure)
    }

    /// Whether nothing is left and nothing more will come.
    var isExhausted: Bool {
        self.condition.lock()
        defer { self.condition.unlock() }
        return self.items.isEmpty && (self.finished || self.cancelled)
    }

    /// The first request without taking it (the replay pacer needs its timestamp first).
    func peek() -> Take {
        self.condition.lock()
        defer { self.condition.unlock() }
        if let first = self.items.first { return .requests([first]) }
        return self.finished || self.cancelled ? .finished : .empty
    }
}
