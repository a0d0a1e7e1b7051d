import NIOConcurrencyHelpers
import NIOCore
import NIOEmbedded
import ReplayCommon
import Testing

@testable import LoadDriver

/// The connection handler and its worker on an `EmbeddedChannel`: what goes out, how answers count.
@Suite struct EmbeddedTransportTests {
    private func setUp(
        events: Int, batch: Int = 1, retries: Int = 0, retryDelay: Double = 0.01,
        model: LoadModel = .closed, capPerWorker: Int = 1, drained: @escaping @Sendable (Int) -> Void = { _ in }
    )
        throws -> (EmbeddedChannel, LoopWorker, RequestBuffer)
    {
        let loop = EmbeddedEventLoop()
        let config = LoadConfig(
            inlet: "http://127.0.0.1:9/collection/abc", batch: batch, concurrency: 1, model: model,
            retry: RetryPolicy(maxRetries: retries, baseDelay: retryDelay, maxDelay: 10, jitter: 0))
        let address = try InletAddress(parsing: config.inlet)
        let buffer = RequestBuffer(capacity: 100)
        let encoder = RequestEncoder(
            address: address, batch: batch, syncValidation: false, flowId: nil, headers: [], token: nil)
        var requests: [PreparedRequest] = []
        let all = makeEvents(events)
        var i = 0
        while i < all.count {
            let group = Array(all[i..<min(i + batch, all.count)])
            requests.append(
                encoder.encode(
                    messages: group.map(\.bytes), allocator: ByteBufferAllocator(), file: "mem", line: i + 1,
                    timestamp: nil))
            i += batch
        }
        _ = buffer.push(requests)
        buffer.finish()
        let shared = RunShared(
            config: config, address: address, buffer: buffer, collector: Collector(), sslContext: nil,
            capPerWorker: capPerWorker, workerDrained: drained, inletLost: { _ in })
        let worker = LoopWorker(id: 0, loop: loop, shared: shared, connections: 1)
        let connection = Connection(worker: worker, slot: 0, tls: false)
        worker.adopt(connection)
        let channel = EmbeddedChannel(handler: connection, loop: loop)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 9)).wait()
        worker.resetStart(monotonicNanos())
        return (channel, worker, buffer)
    }

    private func written(_ channel: EmbeddedChannel) throws -> String? {
        try channel.readOutbound(as: ByteBuffer.self).map { String(buffer: $0) }
    }

    @Test func sendsOneRequestAtATimeAndCountsAnswers() throws {
        let (channel, worker, _) = try self.setUp(events: 3)
        worker.start()
        let first = try #require(try self.written(channel))
        #expect(first.hasPrefix("POST /collection/abc HTTP/1.1\r\n"))
        #expect(first.contains(#""uniqueId":"e0""#))
        #expect(try self.written(channel) == nil)  // keep-alive, one in flight
        // Answer in two pieces; the next request goes out only when the answer is complete.
        try channel.writeInbound(ByteBuffer(string: "HTTP/1.1 200 OK\r\nContent-Len"))
        #expect(try self.written(channel) == nil)
        try channel.writeInbound(ByteBuffer(string: "gth: 2\r\n\r\n{}"))
        let second = try #require(try self.written(channel))
        #expect(second.contains(#""uniqueId":"e1""#))
        try channel.writeInbound(ByteBuffer(string: "HTTP/1.1 400 Bad Request\r\nContent-Length: 7\r\n\r\nbad one"))
        _ = try #require(try self.written(channel))
        try channel.writeInbound(ByteBuffer(string: "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))
        #expect(try self.written(channel) == nil)
        let tally = worker.shutdown()
        #expect(
            tally.planned == 3 && tally.sent == 3 && tally.accepted == 2 && tally.rejected == 1 && tally.failed == 0)
        #expect(tally.byStatus == [200: 2, 400: 1])
        #expect(tally.errors[.http(400)]?.sample.contains("bad one") == true)
        #expect(tally.requestsCompleted == 3)
    }

    @Test func aSecondOfEveryConnectionIsOnePieceOfTheLoop() throws {
        let loop = EmbeddedEventLoop()
        let config = LoadConfig(inlet: "http://127.0.0.1:9/collection/abc", concurrency: 2, model: .closed)
        let address = try InletAddress(parsing: config.inlet)
        let buffer = RequestBuffer(capacity: 100)
        let encoder = RequestEncoder(
            address: address, batch: 1, syncValidation: false, flowId: nil, headers: [], token: nil)
        _ = buffer.push(
            makeEvents(4).enumerated().map { index, event in
                encoder.encode(
                    messages: [event.bytes], allocator: ByteBufferAllocator(), file: "mem", line: index + 1,
                    timestamp: nil)
            })
        buffer.finish()
        let collector = Collector()
        let shared = RunShared(
            config: config, address: address, buffer: buffer, collector: collector, sslContext: nil,
            capPerWorker: 2, workerDrained: { _ in }, inletLost: { _ in })
        let worker = LoopWorker(id: 0, loop: loop, shared: shared, connections: 2)
        var channels: [EmbeddedChannel] = []
        for slot in 0..<2 {
            let connection = Connection(worker: worker, slot: slot, tls: false)
            worker.adopt(connection)
            let channel = EmbeddedChannel(handler: connection, loop: loop)
            try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 9)).wait()
            channels.append(channel)
        }
        worker.resetStart(0)
        worker.start()
        for _ in 0..<2 {
            for channel in channels {
                _ = try #require(try channel.readOutbound(as: ByteBuffer.self))
                try channel.writeInbound(ByteBuffer(string: "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"))
            }
        }
        let tally = worker.shutdown()
        #expect(tally.accepted == 4)
        // Both connections answered within second 0: one piece for the loop, not one per connection.
        let (pieces, requests) = collector.queue.sync {
            (collector.piecesMerged, collector.results().samples.map(\.requests))
        }
        #expect(pieces == 1)
        #expect(requests == [4])
    }

    @Test func batchOutcomesComeFromThe207Body() throws {
        let (channel, worker, _) = try self.setUp(events: 3, batch: 3)
        worker.start()
        let request = try #require(try self.written(channel))
        #expect(request.hasPrefix("POST /collection/batch/abc HTTP/1.1"))
        let body = #"{"responses":[{"xactionId":"1"},{"statusCode":400,"message":"no"},{"xactionId":"3"}]}"#
        try channel.writeInbound(
            ByteBuffer(string: "HTTP/1.1 207 Multi-Status\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"))
        let tally = worker.shutdown()
        #expect(tally.sent == 3 && tally.accepted == 2 && tally.rejected == 1)
        #expect(tally.errors[.message(400)]?.count == 1)
    }

    @Test func aResetAfterTheWriteLeavesTheEventsUnknownWhenNoRetries() throws {
        let (channel, worker, _) = try self.setUp(events: 1)
        worker.start()
        _ = try #require(try self.written(channel))
        channel.pipeline.fireChannelInactive()
        let tally = worker.shutdown()
        #expect(tally.sent == 1 && tally.unknown == 1 && tally.failed == 0)
        #expect(tally.errors[.reset]?.count == 1)
    }

    private static let ok = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"

    /// A fresh connection in the worker's slot after the old one closed (what the reconnect does).
    private func reconnect(_ worker: LoopWorker, on loop: EmbeddedEventLoop) throws -> EmbeddedChannel {
        let connection = Connection(worker: worker, slot: 0, tls: false)
        worker.adopt(connection)
        let channel = EmbeddedChannel(handler: connection, loop: loop)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 9)).wait()
        return channel
    }

    @Test func aRetryAfterAResetIsCountedAsAPossibleDuplicateAndItsAnswerSettlesTheEvent() throws {
        let (channel, worker, _) = try self.setUp(events: 1, retries: 2, retryDelay: 1)
        let loop = channel.embeddedEventLoop
        worker.start()
        _ = try #require(try self.written(channel))
        channel.pipeline.fireChannelInactive()
        let second = try self.reconnect(worker, on: loop)
        loop.advanceTime(by: .milliseconds(999))
        #expect(try self.written(second) == nil)  // the back-off is 1 s
        loop.advanceTime(by: .milliseconds(1))
        _ = try #require(try self.written(second))
        try second.writeInbound(ByteBuffer(string: Self.ok))
        let tally = worker.shutdown()
        #expect(tally.accepted == 1 && tally.unknown == 0 && tally.failed == 0)
        #expect(tally.retries == 1 && tally.retriedAfterUnknown == 1)
    }

    @Test func aServerErrorAfterAnUnansweredAttemptIsUnknownNotFailed() throws {
        let (channel, worker, _) = try self.setUp(events: 1, retries: 1, retryDelay: 0.5)
        let loop = channel.embeddedEventLoop
        worker.start()
        _ = try #require(try self.written(channel))
        channel.pipeline.fireChannelInactive()
        let second = try self.reconnect(worker, on: loop)
        loop.advanceTime(by: .milliseconds(500))
        _ = try #require(try self.written(second))
        try second.writeInbound(ByteBuffer(string: "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\n\r\nbusy"))
        let tally = worker.shutdown()
        // The first attempt may have been stored, so "failed" would be a claim the harness cannot make.
        #expect(tally.unknown == 1 && tally.failed == 0)
        #expect(tally.sent == tally.accepted + tally.rejected + tally.failed + tally.unknown)
    }

    @Test func aRetryWaitingLongerThanTheDrainIsSettledAtTheStop() throws {
        // 429 with Retry-After 6 s and the stop at 1 s: the retry never goes; the event is failed
        // (its one attempt was answered, so it was not stored), and the worker drains at the stop.
        let drains = NIOLockedValueBox(0)
        let (channel, worker, _) = try self.setUp(
            events: 1, retries: 3, drained: { _ in drains.withLockedValue { $0 += 1 } })
        let loop = channel.embeddedEventLoop
        worker.start()
        _ = try #require(try self.written(channel))
        try channel.writeInbound(
            ByteBuffer(string: "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 6\r\nContent-Length: 0\r\n\r\n"))
        loop.advanceTime(by: .seconds(1))
        #expect(drains.withLockedValue { $0 } == 0)  // the retry is still waiting
        worker.stop()
        #expect(drains.withLockedValue { $0 } == 1)
        loop.advanceTime(by: .seconds(10))
        #expect(try self.written(channel) == nil)  // the cancelled retry never fires
        let tally = worker.shutdown()
        #expect(tally.planned == 1 && tally.sent == 1 && tally.failed == 1 && tally.unknown == 0)
        #expect(tally.requestsCompleted == 1)
        #expect(tally.errors[.interrupted]?.count == 1)
    }

    @Test func retryAfterZeroBeatsTheBackOff() throws {
        // Back-off 5 s; the 429 says Retry-After: 0, so the retry goes with no time passing at all.
        let (channel, worker, _) = try self.setUp(events: 1, retries: 3, retryDelay: 5)
        let loop = channel.embeddedEventLoop
        worker.start()
        _ = try #require(try self.written(channel))
        try channel.writeInbound(
            ByteBuffer(string: "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 0\r\nContent-Length: 0\r\n\r\n"))
        loop.run()
        _ = try #require(try self.written(channel))
        try channel.writeInbound(ByteBuffer(string: Self.ok))
        let tally = worker.shutdown()
        #expect(tally.accepted == 1 && tally.attempts == 2 && tally.retries == 1 && tally.retriedAfterUnknown == 0)
        #expect(tally.errors[.http(429)]?.count == 1)
    }

    @Test func noAnswerWithinTheTimeoutEndsTheAttemptUnknown() throws {
        // The timeout is 30 s: nothing happens at 29.9 s; the housekeeping tick after 30 s closes it.
        let (channel, worker, _) = try self.setUp(events: 1)
        let loop = channel.embeddedEventLoop
        worker.startTicking()
        worker.start()
        _ = try #require(try self.written(channel))
        loop.advanceTime(by: .milliseconds(29_900))
        #expect(channel.isActive)
        loop.advanceTime(by: .milliseconds(350))
        #expect(!channel.isActive)
        let tally = worker.shutdown()
        #expect(tally.unknown == 1 && tally.errors[.timeout]?.count == 1)
    }

    @Test func aRetryWaitingAfterAResetIsUnknownAtTheStop() throws {
        let (channel, worker, _) = try self.setUp(events: 1, retries: 3, retryDelay: 5)
        worker.start()
        _ = try #require(try self.written(channel))
        channel.pipeline.fireChannelInactive()
        worker.stop()
        let tally = worker.shutdown()
        #expect(tally.sent == 1 && tally.unknown == 1 && tally.failed == 0)
    }

    @Test func anAnswerStillOutWhenTheRunEndsIsUnknown() throws {
        let (channel, worker, _) = try self.setUp(events: 2)
        worker.start()
        _ = try #require(try self.written(channel))
        worker.stop()
        let tally = worker.shutdown()
        #expect(tally.planned == 1 && tally.sent == 1 && tally.unknown == 1)
        #expect(tally.errors[.interrupted]?.sample.contains("no answer before the run ended") == true)
    }

    @Test func sendsQueuedAtTheCapWhenTheRunStopsAreUnsentEvents() throws {
        // Open loop at 100/s, one connection, cap 1, no answer: by 30 ms four sends fell due, the first
        // went, three wait; the corpus has 3 requests of 2 events, so at the stop two queued sends take
        // their requests and the third has none.
        let (channel, worker, _) = try self.setUp(events: 6, batch: 2, model: .constant(rate: 100))
        worker.resetStart(0)
        worker.start()
        channel.embeddedEventLoop.advanceTime(to: .uptimeNanoseconds(30_000_000))
        _ = try #require(try self.written(channel))
        #expect(try self.written(channel) == nil)
        worker.stop()
        try channel.writeInbound(ByteBuffer(string: Self.ok))
        let tally = worker.shutdown()
        #expect(tally.planned == 6 && tally.sent == 2 && tally.accepted == 2 && tally.unsent == 4)
        #expect(tally.queuedAtStop == 3 && tally.queuedWithoutEvent == 1)
    }
}
