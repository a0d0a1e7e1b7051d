import NIOCore
import NIOEmbedded
import Testing

@testable import LoadDriver

/// The open-loop path at a rate, the loop's own pacing → send → connection, on an `EmbeddedEventLoop`
/// whose clock moves by hand: the plan is exact, whatever the machine is doing.
@Suite struct OpenLoopPacingTests {
    private static let ok = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
    /// An hour in microseconds: the top of the latency ranges counted.
    private static let hour: UInt64 = 3_600_000_000

    /// One worker with one connection on an embedded loop, a read-ahead of `requests` one-event requests.
    /// The worker is `id` of `loops` (it paces every `loops`th send of the schedule, from send `id`).
    private func setUp(
        requests: Int, rate: Double, duration: Double = 2, atCap: CapPolicy = .queue,
        collector: Collector = Collector(),
        id: Int = 0, loops: Int = 1
    )
        throws -> (EmbeddedEventLoop, EmbeddedChannel, LoopWorker, RequestBuffer)
    {
        let loop = EmbeddedEventLoop()
        var config = LoadConfig(
            inlet: "http://127.0.0.1:9/collection/abc", concurrency: 1, model: .constant(rate: rate), atCap: atCap)
        config.duration = duration
        let address = try InletAddress(parsing: config.inlet)
        let buffer = RequestBuffer(capacity: requests)
        let encoder = RequestEncoder(
            address: address, batch: 1, syncValidation: false, flowId: nil, headers: [], token: nil)
        let events = makeEvents(requests)
        _ = buffer.push(
            events.enumerated().map { index, event in
                encoder.encode(
                    messages: [event.bytes], allocator: ByteBufferAllocator(), file: "mem", line: index + 1,
                    timestamp: nil)
            })
        buffer.finish()
        let shared = RunShared(
            config: config, address: address, buffer: buffer, collector: collector, sslContext: nil,
            capPerWorker: 1, loops: loops, workerDrained: { _ in }, inletLost: { _ in })
        let worker = LoopWorker(id: id, loop: loop, shared: shared, connections: 1)
        let connection = Connection(worker: worker, slot: 0, tls: false)
        worker.adopt(connection)
        let channel = EmbeddedChannel(handler: connection, loop: loop)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 9)).wait()
        worker.resetStart(0)
        worker.start()
        return (loop, channel, worker, buffer)
    }

    /// Moves the loop's clock to `ms` (its pacing wake-ups fire on the way) and answers every request written.
    private func step(to ms: Int64, _ loop: EmbeddedEventLoop, _ channel: EmbeddedChannel) throws {
        loop.advanceTime(to: .uptimeNanoseconds(UInt64(ms) * 1_000_000))
        while try channel.readOutbound(as: ByteBuffer.self) != nil {
            try channel.writeInbound(ByteBuffer(string: Self.ok))
        }
    }

    @Test func twoSecondsAt400PerSecondPlanExactly800() throws {
        let (loop, channel, worker, _) = try self.setUp(requests: 1000, rate: 400)
        // Answers read 7 ms apart, and past the duration: the horizon stops the plan at the 800 sends intended before 2 s.
        for ms in stride(from: Int64(0), through: 2_600, by: 7) { try self.step(to: ms, loop, channel) }
        worker.stop()
        let tally = worker.shutdown()
        #expect(tally.planned == 800)
        #expect(tally.sent == 800 && tally.accepted == 800 && tally.unsent == 0)
        #expect(tally.queuedAtStop == 0)
    }

    @Test func twoLoopsEachPaceHalfTheScheduleOnTime() throws {
        // 400/s for 2 s over two loops: each plans every other send, 400 each, 800 together; answered at
        // once, every send leaves at its intended instant (lag recorded as 1 µs, the floor).
        let first = Collector()
        let second = Collector()
        let (loop0, channel0, worker0, _) = try self.setUp(requests: 1000, rate: 400, collector: first, id: 0, loops: 2)
        let (loop1, channel1, worker1, _) = try self.setUp(
            requests: 1000, rate: 400, collector: second, id: 1, loops: 2)
        for tenth in stride(from: Int64(0), through: 26_000, by: 5) {
            // Every 0.5 ms: each loop's sends fall due on the 2.5 ms grid, loop 1's half a step later.
            let nanos = UInt64(tenth) * 100_000
            for (loop, channel) in [(loop0, channel0), (loop1, channel1)] {
                loop.advanceTime(to: .uptimeNanoseconds(nanos))
                while try channel.readOutbound(as: ByteBuffer.self) != nil {
                    try channel.writeInbound(ByteBuffer(string: Self.ok))
                }
            }
        }
        for worker in [worker0, worker1] { worker.stop() }
        let tallies = [worker0.shutdown(), worker1.shutdown()]
        #expect(tallies.map(\.planned) == [400, 400])
        #expect(tallies.map(\.accepted) == [400, 400])
        for collector in [first, second] {
            let results = collector.queue.sync { collector.results() }
            #expect(results.lag.totalCount == 400)
            #expect(results.lag.count(within: 2...Self.hour) == 0)
        }
    }

    @Test func sendsDueWhileTheLoopSleepsGoTogetherAtItsNextWakeUp() throws {
        // 10,000/s for 1 ms (sends at 0, 0.1, ..., 0.9 ms), each answered as soon as it is read. The loop
        // wakes for its sends at most every `paceSpacing` (0.5 ms): send 0 goes at 0, sends 1-5 at the
        // wake-up at 0.5 ms (late by 400, 300, 200, 100 and 0 µs), sends 6-9 at the one at 1 ms.
        let collector = Collector()
        let (loop, channel, worker, _) = try self.setUp(
            requests: 100, rate: 10_000, duration: 0.001, collector: collector)
        #expect(LoopWorker.paceSpacing == 500_000)
        for micros in stride(from: Int64(0), through: 2_000, by: 50) {
            loop.advanceTime(to: .uptimeNanoseconds(UInt64(micros) * 1_000))
            while try channel.readOutbound(as: ByteBuffer.self) != nil {
                try channel.writeInbound(ByteBuffer(string: Self.ok))
            }
        }
        worker.stop()
        let tally = worker.shutdown()
        #expect(tally.planned == 10 && tally.accepted == 10)
        let lag = collector.queue.sync { collector.results() }.lag
        // Microseconds; on time records 1.
        #expect([1, 100, 200, 300, 400].map { lag.count(within: $0...$0) } == [2, 2, 2, 2, 2])
    }

    @Test func aStallQueuesSendsAndTheStopCountsThemUnsent() throws {
        // The same plan, but nothing is answered after 1 s: the sends due in the second second wait behind
        // the one connection; at the stop (2.5 s) they take their requests and count as unsent.
        let (loop, channel, worker, _) = try self.setUp(requests: 1000, rate: 400)
        for ms in stride(from: Int64(0), to: 1_000, by: 5) { try self.step(to: ms, loop, channel) }
        var answered = 0
        for ms in stride(from: Int64(1_000), through: 2_500, by: 5) {
            loop.advanceTime(to: .uptimeNanoseconds(UInt64(ms) * 1_000_000))
            while try channel.readOutbound(as: ByteBuffer.self) != nil { answered += 1 }
        }
        #expect(answered == 1)  // the one request written at 1 s is never answered
        worker.stop()
        let tally = worker.shutdown()
        // Sends 0..398 were due by 995 ms and answered; send 399 went at 997.5 ms and is never answered,
        // 400..799 queued behind it.
        #expect(tally.planned == 800)
        #expect(tally.sent == 400 && tally.accepted == 399 && tally.unknown == 1)
        #expect(tally.unsent == 400 && tally.queuedAtStop == 400 && tally.queuedWithoutEvent == 0)
        #expect(tally.planned == tally.sent + tally.unsent)
    }

    @Test func aStalledAnswerShowsInTheCorrectedLatencyOnly() throws {
        // 200/s on one connection for 2 s (sends 0...399, send k intended at 5k ms). Send 50 goes at 250 ms
        // and is answered at 1,250 ms; every other answer comes at once. Sends 51...250 fall due during
        // the stall, wait behind it and go at 1,250 ms: the wait is theirs in the corrected latency (and
        // the schedule lag), while their service time is nil. Coordinated omission, on the manual clock.
        let collector = Collector()
        let (loop, channel, worker, _) = try self.setUp(requests: 1000, rate: 200, collector: collector)
        var written = 0
        var held = false
        for ms in stride(from: Int64(0), through: 2_500, by: 1) {
            loop.advanceTime(to: .uptimeNanoseconds(UInt64(ms) * 1_000_000))
            if held, ms == 1_250 {
                held = false
                try channel.writeInbound(ByteBuffer(string: Self.ok))
            }
            while !held, try channel.readOutbound(as: ByteBuffer.self) != nil {
                written += 1
                if written == 51 {
                    held = true
                } else {
                    try channel.writeInbound(ByteBuffer(string: Self.ok))
                }
            }
        }
        worker.stop()
        let tally = worker.shutdown()
        #expect(tally.planned == 400 && tally.sent == 400 && tally.accepted == 400)
        let results = collector.queue.sync { collector.results() }
        let corrected = results.corrected
        let service = results.uncorrected
        // Microseconds; an answer at the instant of its send records 1.
        #expect(service.totalCount == 400 && corrected.totalCount == 400)
        #expect(service.count(within: 2...Self.hour) == 1)  // only the stalled answer took time
        #expect(service.valuesAreEquivalent(service.max, 1_000_000))
        #expect(corrected.count(within: 2...Self.hour) == 200)  // sends 50...249: 1,000 ms down to 5 ms
        #expect(corrected.count(within: 500_000...Self.hour) == 101)  // sends 50...150
        #expect(corrected.valuesAreEquivalent(corrected.max, 1_000_000))
        #expect(results.lag.count(within: 2...Self.hour) == 199)  // sends 51...249 went late; 50 and 250 on time
        #expect(results.lag.valuesAreEquivalent(results.lag.max, 995_000))
    }

    @Test func droppingAtTheCapCountsEachDropOnce() throws {
        // One connection, every answer held back: the first send goes, every later one finds the cap.
        let (loop, channel, worker, _) = try self.setUp(requests: 1000, rate: 100, duration: 1, atCap: .drop)
        for ms in stride(from: Int64(0), through: 1_500, by: 10) {
            loop.advanceTime(to: .uptimeNanoseconds(UInt64(ms) * 1_000_000))
        }
        _ = try channel.readOutbound(as: ByteBuffer.self)
        worker.stop()
        let tally = worker.shutdown()
        #expect(
            tally.planned == 100 && tally.sent == 1 && tally.dropped == 99 && tally.unsent == 99 && tally.unknown == 1)
    }
}
