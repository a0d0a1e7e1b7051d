import DataPrep
import Foundation
import HTTPTypes
import NIOCore
import NIOEmbedded
import NIOHTTP1
import NIOHTTPTypes
import Synchronization
import Testing

@_spi(Fuzzing) @testable import InletEmulator

/// ``InletChannelHandler`` on a testing channel, with the core of an emulator whose seed chain is
/// provisioned: the answers, their order behind other requests, and the requests it leaves to the
/// router.
@Suite("Inlet channel handler")
struct InletChannelHandlerTests {
    struct Setup {
        var harness: EmulatorHarness
        var chain: SeedChain
        var channel: NIOAsyncTestingChannel
        var core: EmulatorCore { self.harness.emulator.core }

        /// The inlet's single-message path with the flow id in the query.
        var inletPath: String { self.chain.inletPath + "?x-adobe-flow-id=\(self.chain.flowId)" }

        func close() async {
            try? await self.channel.close()
            await self.harness.stop()
        }
    }

    static func setUp(_ configure: @escaping @Sendable (inout EmulatorConfiguration) -> Void = { _ in }) async throws
        -> Setup
    {
        let harness = try await EmulatorHarness(configure)
        let chain = try await harness.provisionSeedChain()
        let channel = NIOAsyncTestingChannel()
        try await channel.pipeline.addHandler(InletChannelHandler(core: harness.emulator.core))
        try await channel.pipeline.addHandler(Downstream())
        try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1))
        return Setup(harness: harness, chain: chain, channel: channel)
    }

    /// The writer holds a record until a second one comes (or an hour passes): the test decides
    /// when a commit happens.
    static let heldCommits: @Sendable (inout EmulatorConfiguration) -> Void = {
        $0.commitWindow = 3600
        $0.commitMaxBatch = 2
    }

    static func post(
        _ channel: NIOAsyncTestingChannel, _ path: String, body: String, headers: HTTPFields = [:]
    ) async throws {
        try await channel.writeInbound(
            HTTPRequestPart.head(
                HTTPRequest(method: .post, scheme: nil, authority: nil, path: path, headerFields: headers)))
        try await channel.writeInbound(HTTPRequestPart.body(ByteBuffer(string: body)))
        try await channel.writeInbound(HTTPRequestPart.end(nil))
        // The loop's pass ends: its commit batch goes to the writer.
        await channel.testingEventLoop.run()
    }

    static func get(_ channel: NIOAsyncTestingChannel, _ path: String) async throws {
        try await channel.writeInbound(
            HTTPRequestPart.head(HTTPRequest(method: .get, scheme: nil, authority: nil, path: path)))
        try await channel.writeInbound(HTTPRequestPart.end(nil))
    }

    /// The next answer the handler writes, waiting for it.
    static func answer(_ channel: NIOAsyncTestingChannel) async throws -> (head: HTTPResponse, body: [UInt8]) {
        try await RouteFuzzing.nextAnswer(channel)
    }

    /// Hummingbird's place: passes the parts on, and notes the events and errors that reach it
    /// (swallowing the errors, which the testing channel would throw at the next write).
    final class Downstream: ChannelInboundHandler, Sendable {
        typealias InboundIn = HTTPRequestPart
        typealias InboundOut = HTTPRequestPart
        let seen = Mutex<[String]>([])

        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            self.seen.withLock { $0.append("event \(event)") }
        }

        func errorCaught(context: ChannelHandlerContext, error: any Error) {
            self.seen.withLock { $0.append("error \(error)") }
        }
    }

    static func downstream(_ channel: NIOAsyncTestingChannel) async throws -> Downstream {
        try await channel.pipeline.handler(type: Downstream.self).get()
    }

    /// Lets the held commit go, with a record of no flow.
    static func releaseCommit(_ core: EmulatorCore) {
        core.writer.submit([
            IngestRecord(
                datasetId: "other", flowId: "other", inletId: "other", xactionId: "release", receivedMs: 0, raw: [],
                decision: .failed(IngestFailure(code: "X", message: "x")))
        ]) { _ in }
    }

    @Test("a message is mapped, committed and answered with the router's headers, and counted under its route")
    func answersOne() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.close() } }
        try await Self.post(setup.channel, setup.inletPath, body: SeedBodies.pendoEvent(uniqueId: "u-1"))
        let (head, body) = try await Self.answer(setup.channel)
        #expect(head.status.code == 200)
        #expect(head.headerFields[.contentType] == "application/json")
        #expect(head.headerFields[.contentLength] == String(body.count))
        #expect(head.headerFields[.date]?.hasSuffix(" GMT") == true)
        let document = try JSONValue.parse(body)
        #expect(document["inletId"]?.stringValue == setup.chain.inletId)
        #expect(document["syncValidation"] == .obj(("skipped", true)))
        let xactionId = try #require(document["xactionId"]?.stringValue)
        #expect(try setup.core.store.outcomes(xactionIds: [xactionId]) == [xactionId: "stored"])
        let exposition = String(decoding: setup.core.metrics.exposition(), as: UTF8.self)
        #expect(
            exposition.contains(
                #"emulator_http_requests_total{route="/collection/{inletId}",method="POST",status="200"} 1"#))
        #expect(setup.channel.isActive)
    }

    @Test("a refused message gets the problem document admit(_:) throws, byte for byte")
    func refused() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.close() } }
        try await Self.post(setup.channel, "/collection/no-such-inlet", body: "{}")
        let notFound = try await Self.answer(setup.channel)
        #expect(notFound.head.status.code == 404)
        #expect(notFound.head.headerFields[.contentType] == "application/problem+json")
        #expect(notFound.body == InletProblem.notFound("no-such-inlet").answer.body)

        try await Self.post(setup.channel, setup.chain.inletPath, body: SeedBodies.pendoEvent(uniqueId: "u-2"))
        let noFlow = try await Self.answer(setup.channel)
        #expect(noFlow.head.status.code == 400)
        #expect(String(decoding: noFlow.body, as: UTF8.self).contains("send its flow id"))
        #expect(try setup.core.store.recordCount() == 0)
    }

    @Test("a message whose commit fails is answered 500 with the inlet's problem document, saying why")
    func commitFails() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.close() } }
        setup.core.writer.close()
        try await Self.post(setup.channel, setup.inletPath, body: SeedBodies.pendoEvent(uniqueId: "u-9"))
        let (head, body) = try await Self.answer(setup.channel)
        #expect(head.status.code == 500)
        #expect(head.headerFields[.contentType] == "application/problem+json")
        let message = try JSONValue.parse(body)["report"]?["message"]?.stringValue ?? ""
        #expect(
            message
                == "\(InletProblem.prefix(setup.chain.inletId)) The request's records were not stored: \(WriterClosed())"
        )
        #expect(try setup.core.store.recordCount() == 0)
    }

    @Test("a body over --max-request-bytes, sent in parts or declared, is refused 413 and not stored")
    func tooLarge() async throws {
        let setup = try await Self.setUp { $0.maxRequestBytes = 64 }
        defer { Task { await setup.close() } }
        let channel = setup.channel
        try await channel.writeInbound(
            HTTPRequestPart.head(HTTPRequest(method: .post, scheme: nil, authority: nil, path: setup.inletPath)))
        try await channel.writeInbound(HTTPRequestPart.body(ByteBuffer(repeating: UInt8(ascii: " "), count: 40)))
        try await channel.writeInbound(HTTPRequestPart.body(ByteBuffer(repeating: UInt8(ascii: " "), count: 40)))
        try await channel.writeInbound(HTTPRequestPart.end(nil))
        await channel.testingEventLoop.run()
        let parts = try await Self.answer(channel)
        #expect(parts.head.status.code == 413)
        #expect(parts.body == InletProblem.tooLarge(setup.chain.inletId, limit: 64).answer.body)

        try await Self.post(channel, setup.inletPath, body: "{}", headers: [.contentLength: "65"])
        #expect(try await Self.answer(channel).head.status.code == 413)

        try await channel.writeInbound(
            HTTPRequestPart.head(HTTPRequest(method: .post, scheme: nil, authority: nil, path: setup.inletPath)))
        try await channel.writeInbound(HTTPRequestPart.body(ByteBuffer(repeating: UInt8(ascii: " "), count: 64)))
        try await channel.writeInbound(HTTPRequestPart.end(nil))
        await channel.testingEventLoop.run()
        // 64 bytes are within the limit: the body is read, and refused as no JSON object.
        #expect(try await Self.answer(channel).head.status.code == 400)
        #expect(try setup.core.store.recordCount() == 0)
    }

    @Test("a request after an unanswered message waits, reads paused, until that message is answered")
    func holdsBehindInlet() async throws {
        let setup = try await Self.setUp(Self.heldCommits)
        defer { Task { await setup.close() } }
        let channel = setup.channel
        try await Self.post(channel, setup.inletPath, body: SeedBodies.pendoEvent(uniqueId: "u-3"))
        try await Self.get(channel, "/metrics")
        #expect(setup.core.writer.waitingRecords == 1)
        #expect(try await channel.readInbound(as: HTTPRequestPart.self) == nil)
        #expect(try await channel.readOutbound(as: HTTPResponsePart.self) == nil)

        Self.releaseCommit(setup.core)
        #expect(try await Self.answer(channel).head.status.code == 200)
        // Only once the message is answered does the next request go on to the router.
        guard case .head(let head) = try await channel.readInbound(as: HTTPRequestPart.self) else {
            Issue.record("the GET did not go on after the answer")
            return
        }
        #expect(head.path == "/metrics")
        #expect(try await channel.readInbound(as: HTTPRequestPart.self) == .end(nil))
    }

    @Test("a message after a request the router has not answered yet waits for that answer")
    func holdsBehindRouter() async throws {
        let setup = try await Self.setUp(Self.heldCommits)
        defer { Task { await setup.close() } }
        let channel = setup.channel
        try await Self.get(channel, "/metrics")
        guard case .head = try await channel.readInbound(as: HTTPRequestPart.self) else {
            Issue.record("the GET did not go on to the router")
            return
        }
        _ = try await channel.readInbound(as: HTTPRequestPart.self)
        try await Self.post(channel, setup.inletPath, body: SeedBodies.pendoEvent(uniqueId: "u-4"))
        #expect(setup.core.writer.waitingRecords == 0)

        // The router's answer passes through the handler, which then takes the message.
        try await channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .ok)))
        try await channel.writeOutbound(HTTPResponsePart.end(nil))
        await channel.testingEventLoop.run()
        #expect(setup.core.writer.waitingRecords == 1)
        guard case .head(let routerHead) = try await channel.readOutbound(as: HTTPResponsePart.self) else {
            Issue.record("the router's answer did not go out first")
            return
        }
        #expect(routerHead.status == .ok)
        #expect(try await channel.readOutbound(as: HTTPResponsePart.self) == .end(nil))
        Self.releaseCommit(setup.core)
        #expect(try await Self.answer(channel).head.status.code == 200)
    }

    @Test("the client's half-close and a parse error wait for the answer the handler owes, then go on in order")
    func holdsEventsBehindInlet() async throws {
        let setup = try await Self.setUp(Self.heldCommits)
        defer { Task { await setup.close() } }
        let channel = setup.channel
        let downstream = try await Self.downstream(channel)
        // Nothing owed: an event goes on at once.
        try await channel.testingEventLoop.executeInContext {
            channel.pipeline.fireUserInboundEventTriggered("first")
        }
        #expect(downstream.seen.withLock { $0 } == ["event first"])

        try await Self.post(channel, setup.inletPath, body: SeedBodies.pendoEvent(uniqueId: "u-7"))
        try await channel.testingEventLoop.executeInContext {
            channel.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
            channel.pipeline.fireErrorCaught(HTTPParserError.invalidEOFState)
        }
        #expect(downstream.seen.withLock { $0 } == ["event first"])

        Self.releaseCommit(setup.core)
        #expect(try await Self.answer(channel).head.status.code == 200)
        #expect(
            downstream.seen.withLock { $0 } == [
                "event first", "event \(ChannelEvent.inputClosed)", "error \(HTTPParserError.invalidEOFState)",
            ])
    }

    @Test(
        "3,000 refused requests pipelined behind an owed answer are answered after it, in order, without nesting a call each (the stack overflowed)"
    )
    func manyPipelinedRefusals() async throws {
        let setup = try await Self.setUp(Self.heldCommits)
        defer { Task { await setup.close() } }
        let channel = setup.channel
        try await Self.post(channel, setup.inletPath, body: SeedBodies.pendoEvent(uniqueId: "u-8"))
        // One read's worth: every request arrives before the first is answered.
        try await channel.testingEventLoop.executeInContext {
            for index in 0..<3000 {
                channel.pipeline.fireChannelRead(
                    HTTPRequestPart.head(
                        HTTPRequest(method: .post, scheme: nil, authority: nil, path: "/collection/none-\(index)")))
                channel.pipeline.fireChannelRead(HTTPRequestPart.end(nil))
            }
        }
        Self.releaseCommit(setup.core)
        #expect(try await Self.answer(channel).head.status.code == 200)
        for index in 0..<3000 {
            let (head, body) = try await Self.answer(channel)
            guard head.status.code == 404, body == InletProblem.notFound("none-\(index)").answer.body else {
                Issue.record("answer \(index): \(head.status.code) \(String(decoding: body, as: UTF8.self))")
                return
            }
        }
    }

    @Test("Connection: close closes the connection once the answer is written")
    func connectionClose() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.close() } }
        try await Self.post(
            setup.channel, setup.inletPath, body: SeedBodies.pendoEvent(uniqueId: "u-5"),
            headers: [.connection: "close"])
        #expect(try await Self.answer(setup.channel).head.status.code == 200)
        try await setup.channel.closeFuture.get()
        #expect(!setup.channel.isActive)
    }

    @Test("a graceful shutdown still answers a message waiting for its commit, then closes the connection")
    func shutdownAnswersWhatIsOwed() async throws {
        // The writer holds the message for 1 s: the shutdown comes while its answer is owed.
        let emulator = try InletEmulator(configuration: EmulatorConfiguration(port: 0, commitWindow: 1, idSeed: 42))
        let (ports, running) = AsyncStream<Int>.makeStream()
        let run = Task { try await emulator.run { port in running.yield(port) } }
        var port = 0
        for await bound in ports {
            port = bound
            break
        }
        let harness = EmulatorHarness(serving: emulator, port: port)
        let chain = try await harness.provisionSeedChain()
        async let answer = harness.send(
            .post, chain.inletPath + "?x-adobe-flow-id=\(chain.flowId)", headers: [.contentType: "application/json"],
            json: SeedBodies.pendoEvent(uniqueId: "u-6"))
        await waitUntil { emulator.core.writer.waitingRecords == 1 }
        #expect(emulator.core.writer.waitingRecords == 1)
        emulator.shutDown()
        #expect(try await answer.status == 200)
        let stop = try await run.value
        #expect(stop.records == 1)
        #expect(stop.cancelledRequests == 0)
    }

    @Test("other methods and targets the router reads differently go on to the router untouched")
    func passesOn() async throws {
        let setup = try await Self.setUp()
        defer { Task { await setup.close() } }
        for (method, path) in [
            (HTTPRequest.Method.get, setup.chain.inletPath), (.post, "/collection/batch"), (.post, "/collection/a/b"),
            (.post, "/collection/"), (.post, "/data/foundation/flowservice/flows"),
        ] {
            try await setup.channel.writeInbound(
                HTTPRequestPart.head(HTTPRequest(method: method, scheme: nil, authority: nil, path: path)))
            guard case .head(let head) = try await setup.channel.readInbound(as: HTTPRequestPart.self) else {
                Issue.record("\(method) \(path) did not go on")
                continue
            }
            #expect(head.path == path)
            try await setup.channel.writeInbound(HTTPRequestPart.end(nil))
            #expect(try await setup.channel.readInbound(as: HTTPRequestPart.self) == .end(nil))
            try await setup.channel.writeOutbound(HTTPResponsePart.head(HTTPResponse(status: .notFound)))
            try await setup.channel.writeOutbound(HTTPResponsePart.end(nil))
        }
        #expect(setup.core.writer.waitingRecords == 0)
    }
}

@Suite("Inlet targets")
struct InletTargetTests {
    @Test("the two inlet routes, with and without a query")
    func routes() {
        #expect(InletTarget(target: "/collection/abc") == InletTarget(endpoint: .single, inletId: "abc", query: nil))
        #expect(
            InletTarget(target: "/collection/abc?x-adobe-flow-id=f&syncValidation=true")
                == InletTarget(endpoint: .single, inletId: "abc", query: "x-adobe-flow-id=f&syncValidation=true"))
        #expect(InletTarget(target: "/collection/abc?") == InletTarget(endpoint: .single, inletId: "abc", query: ""))
        #expect(
            InletTarget(target: "/collection/batch/abc?a=1")
                == InletTarget(endpoint: .batch, inletId: "abc", query: "a=1"))
        #expect(
            InletTarget(target: "/collection/batchy") == InletTarget(endpoint: .single, inletId: "batchy", query: nil))
    }

    @Test(
        "targets the router reads otherwise are left to it",
        arguments: [
            "/collection/", "/collection/batch", "/collection/batch/", "/collection/batch/?q", "/collection/a/b",
            "/collection/a/", "/collection//a", "/collection/a%20b", "/collection/a#f", "/collection/a?x=1#f",
            "/collection/batch/a/b",
            "/Collection/a", "/collections/a", "collection/a", "http://host/collection/a", "/collection?x=1",
        ])
    func leftToTheRouter(target: String) {
        #expect(InletTarget(target: target) == nil)
    }

    @Test("only POST is an inlet request")
    func method() {
        #expect(InletTarget(HTTPRequest(method: .post, scheme: nil, authority: nil, path: "/collection/a")) != nil)
        #expect(InletTarget(HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/collection/a")) == nil)
        #expect(InletTarget(HTTPRequest(method: .put, scheme: nil, authority: nil, path: "/collection/a")) == nil)
    }
}

@Suite("HTTP date")
struct HTTPDateTests {
    @Test("IMF-fixdate in GMT, the second truncated")
    func format() {
        #expect(HTTPDate.text(epochSeconds: 0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDate.text(epochSeconds: 1_796_537_633.999) == "Sun, 06 Dec 2026 06:13:53 GMT")
        #expect(HTTPDate.text(epochSeconds: 951_782_400) == "Tue, 29 Feb 2000 00:00:00 GMT")
        #expect(HTTPDate.text(epochSeconds: 1_796_537_634) == "Sun, 06 Dec 2026 06:13:54 GMT")
    }
}
