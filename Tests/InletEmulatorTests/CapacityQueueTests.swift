import Testing

@testable import InletEmulator

@Suite("A known capacity: the queue served at a fixed rate")
struct CapacityQueueTests {
    @Test("requests wait for those ahead of them, and one that finds the queue full is refused")
    func queueFillsThenRefuses() {
        var queue = CapacityQueue(rate: 4, depth: 2)
        #expect(queue.admit(now: 10) == 0.25)  // served at once: 1/4 s
        #expect(queue.admit(now: 10) == 0.5)  // one ahead
        #expect(queue.admit(now: 10) == nil)  // two waiting: full
        #expect(queue.admit(now: 10.25) == 0.5)  // the first answered: one waits again
        #expect(queue.admit(now: 10.25) == nil)
        #expect(queue.admit(now: 11) == 0.25)  // drained
    }

    @Test("arrivals at the rate are served without waiting; above it, latency grows")
    func atAndAboveTheRate() {
        var atRate = CapacityQueue(rate: 4, depth: 8)
        let steady = (0..<40).map { atRate.admit(now: Double($0) * 0.25) }
        #expect(steady.allSatisfy { $0 == 0.25 })
        var over = CapacityQueue(rate: 4, depth: 2)
        // Eight a second against four: each waits a further 1/8 s until two are ahead, then every
        // other request is refused and the rest wait the full queue.
        let waits = (0..<10).map { over.admit(now: Double($0) * 0.125) }
        #expect(waits == [0.25, 0.375, 0.5, 0.625, nil, 0.625, nil, 0.625, nil, 0.625])
    }

    @Test("the injector adds the queue's wait to the delay and answers 503 when it is full")
    func injector() {
        var injector = FaultInjector(configuration: .init(latency: .fixed(0.5), capacity: 2, capacityQueue: 1))
        #expect(injector.decide(now: 0) == .init(delay: 1.0, fault: nil))
        #expect(
            injector.decide(now: 0)
                == .init(
                    delay: 0.5,
                    fault: .overCapacity(
                        reason:
                            "over capacity: the queue of 1 requests waiting for the 2 requests/s this emulator serves is full (pendo-replay serve --capacity)"
                    )))
        #expect(injector.decide(now: 0.5) == .init(delay: 1.0, fault: nil))
    }

    @Test("the queue holds one second's worth unless told")
    func defaultDepth() {
        var injector = FaultInjector(configuration: .init(capacity: 2.5))
        let admitted = (0..<10).filter { _ in injector.decide(now: 0).fault == nil }.count
        #expect(admitted == 3)
    }
}
