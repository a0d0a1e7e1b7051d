import NIOCore
import NIOEmbedded
import NIOHTTP1
import Testing

@testable import InletEmulator

/// The fault handler on an `EmbeddedChannel`: exact bytes written, exact closes, on a manual clock.
@Suite("Wire fault handler")
struct WireFaultHandlerTests {
    static func channel(_ faults: FaultConfiguration) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel(handler: WireFaultHandler(sampler: WireFaultSampler(configuration: faults)))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return channel
    }

    /// A request for `path` arrives.
    static func request(_ channel: EmbeddedChannel, path: String = "/collection/abc") throws {
        try channel.writeInbound(
            HTTPServerRequestPart.head(HTTPRequestHead(version: .http1_1, method: .POST, uri: path)))
        try channel.writeInbound(HTTPServerRequestPart.end(nil))
    }

    /// The application answers with `body`; returns the promise of the last part.
    @discardableResult
    static func answer(_ channel: EmbeddedChannel, _ body: String) -> EventLoopFuture<Void> {
        var head = HTTPResponseHead(version: .http1_1, status: .ok)
        head.headers.add(name: "content-length", value: String(body.utf8.count))
        channel.write(HTTPServerResponsePart.head(head), promise: nil)
        channel.write(HTTPServerResponsePart.body(.byteBuffer(ByteBuffer(string: body))), promise: nil)
        let end = channel.eventLoop.makePromise(of: Void.self)
        channel.writeAndFlush(HTTPServerResponsePart.end(nil), promise: end)
        return end.futureResult
    }

    /// What went out: body text, whether the head and the end went.
    static func written(_ channel: EmbeddedChannel) throws -> (head: Bool, body: String, end: Bool) {
        var head = false
        var body = ""
        var end = false
        while let part = try channel.readOutbound(as: HTTPServerResponsePart.self) {
            switch part {
            case .head: head = true
            case .body(.byteBuffer(let buffer)): body += String(buffer: buffer)
            case .body: break
            case .end: end = true
            }
        }
        return (head, body, end)
    }

    @Test("requests pass through untouched when no answer fault is set")
    func passThrough() throws {
        let channel = try Self.channel(FaultConfiguration(resetRate: 0))
        try Self.request(channel)
        #expect(try channel.readInbound(as: HTTPServerRequestPart.self) != nil)
        Self.answer(channel, "0123456789")
        let out = try Self.written(channel)
        #expect(out.head && out.end && out.body == "0123456789")
        #expect(channel.isActive)
    }

    @Test("--reset-rate 1: the request never reaches the application and the connection goes")
    func reset() throws {
        let channel = try Self.channel(FaultConfiguration(resetRate: 1))
        try Self.request(channel)
        #expect(try channel.readInbound(as: HTTPServerRequestPart.self) == nil)
        channel.embeddedEventLoop.run()
        #expect(!channel.isActive)
    }

    @Test("--close-mid-answer 1: the head and half the body go out, then the connection closes")
    func cutMidAnswer() throws {
        let channel = try Self.channel(FaultConfiguration(closeMidAnswerRate: 1))
        try Self.request(channel)
        _ = try channel.readInbound(as: HTTPServerRequestPart.self)
        let end = Self.answer(channel, "0123456789")
        let out = try Self.written(channel)
        #expect(out.head)
        #expect(out.body == "01234")
        #expect(!out.end)
        channel.embeddedEventLoop.run()
        #expect(!channel.isActive)
        #expect(throws: (any Error).self) { try end.wait() }
    }

    @Test("--close-mid-answer leaves the API's answers alone under the inlet scope")
    func cutScope() throws {
        let channel = try Self.channel(FaultConfiguration(closeMidAnswerRate: 1))
        try Self.request(channel, path: "/data/foundation/flowservice/flows")
        Self.answer(channel, "0123456789")
        let out = try Self.written(channel)
        #expect(out.body == "0123456789" && out.end)
        #expect(channel.isActive)
    }

    @Test("--trickle 40: 4 bytes per 100 ms tick, the end with the last byte, on the loop's clock")
    func trickle() throws {
        let channel = try Self.channel(FaultConfiguration(trickleBytesPerSecond: 40))
        try Self.request(channel)
        let end = Self.answer(channel, "0123456789")
        var out = try Self.written(channel)
        #expect(out.head)
        #expect(out.body == "0123")
        #expect(!out.end)
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(99))
        #expect(try Self.written(channel).body == "")
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(1))
        #expect(try Self.written(channel).body == "4567")
        channel.embeddedEventLoop.advanceTime(by: .milliseconds(100))
        out = try Self.written(channel)
        #expect(out.body == "89")
        #expect(out.end)
        try end.wait()
        #expect(channel.isActive)
    }

    @Test("--trickle holds the next answer until the one before is out")
    func trickleKeepsOrder() throws {
        let channel = try Self.channel(FaultConfiguration(trickleBytesPerSecond: 50))
        try Self.request(channel)
        try Self.request(channel)
        Self.answer(channel, "aaaaaaa")
        Self.answer(channel, "bbbbbbb")
        var ticks = [try Self.written(channel).body]
        for _ in 0..<3 {
            channel.embeddedEventLoop.advanceTime(by: .milliseconds(100))
            ticks.append(try Self.written(channel).body)
        }
        // 5 bytes a tick; the second answer starts inside the tick that ends the first.
        #expect(ticks == ["aaaaa", "aabbb", "bbbb", ""])
    }

    @Test("--close-every 2: the first answer keeps the connection, the second closes it after its end")
    func closeEvery() throws {
        let channel = try Self.channel(FaultConfiguration(closeEvery: 2))
        try Self.request(channel)
        Self.answer(channel, "first")
        var out = try Self.written(channel)
        #expect(out.body == "first" && out.end)
        channel.embeddedEventLoop.run()
        #expect(channel.isActive)
        try Self.request(channel)
        Self.answer(channel, "second")
        out = try Self.written(channel)
        #expect(out.body == "second" && out.end)
        channel.embeddedEventLoop.run()
        #expect(!channel.isActive)
    }
}
