import NIOCore
import NIOEmbedded
import Testing
@testable import LoadDriver

/// The connection handler and its worker on an `EmbeddedChannel`: what goes out, how answers count.
@Suite struct EmbeddedTransportTests {
    private func setUp(events: Int, batch: Int = 1, retries: Int = 0) throws -> (EmbeddedChannel, LoopWorker, RequestBuffer) {
        let loop = EmbeddedEventLoop()
        let config = LoadConfig(inlet: "http://127.0.0.1:9/collection/abc", batch: batch, concurrency: 1,
                                retry: RetryPolicy(maxRetries: retries, baseDelay: 0.01, maxDelay: 0.01, jitter: 0))
        let address = try InletAddress(parsing: config.inlet)
        let buffer = RequestBuffer(capacity: 100)
        let encoder = RequestEncoder(address: address, batch: batch, syncValidation: false, flowId: nil, headers: [], token: nil)
        var requests: [PreparedRequest] = []
        let all = makeEvents(events)
        var i = 0
        while i < all.count {
            let group = Array(all[i..<min(i + batch, all.count)])
            requests.append(encoder.encode(messages: group.map(\.bytes), allocator: ByteBufferAllocator(), file: "mem", line: i + 1, timestamp: nil))
            i += batch
        }
        _ = buffer.push(requests)
        buffer.finish()
        let shared = RunShared(config: config, address: address, buffer: buffer, collector: Collector(), sslContext: nil,
                               capPerWorker: 1, workerDrained: { _ in }, inletLost: { _ in })
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
        #expect(tally.planned == 3 && tally.sent == 3 && tally.accepted == 2 && tally.rejected == 1 && tally.failed == 0)
        #expect(tally.byStatus == [200: 2, 400: 1])
        #expect(tally.errors[.http(400)]?.sample.contains("bad one") == true)
        #expect(tally.requestsCompleted == 3)
    }

    @Test func batchOutcomesComeFromThe207Body() throws {
        let (channel, worker, _) = try self.setUp(events: 3, batch: 3)
        worker.start()
        let request = try #require(try self.written(channel))
        #expect(request.hasPrefix("POST /collection/batch/abc HTTP/1.1"))
        let body = #"{"responses":[{"xactionId":"1"},{"statusCode":400,"message":"no"},{"xactionId":"3"}]}"#
        try channel.writeInbound(ByteBuffer(string: "HTTP/1.1 207 Multi-Status\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)"))
        let tally = worker.shutdown()
        #expect(tally.sent == 3 && tally.accepted == 2 && tally.rejected == 1)
        #expect(tally.errors[.message(400)]?.count == 1)
    }

    @Test func aResetMidRequestFailsTheEventsWhenNoRetries() throws {
        let (channel, worker, _) = try self.setUp(events: 1)
        worker.start()
        _ = try #require(try self.written(channel))
        channel.pipeline.fireChannelInactive()
        let tally = worker.shutdown()
        #expect(tally.sent == 1 && tally.failed == 1)
        #expect(tally.errors[.reset]?.count == 1)
    }
}
