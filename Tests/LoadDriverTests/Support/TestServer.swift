import NIOConcurrencyHelpers
import NIOCore
import NIOHTTP1
import NIOPosix

/// What the test server answers to request number `n` (0-based, over all connections).
struct TestAnswer: Sendable {
    var status: Int = 200
    var body: String = #"{"inletId":"x","xactionId":"1:2:3","receivedTimeMs":1}"#
    var delay: TimeAmount = .zero
    var headers: [(String, String)] = []
    /// Close the connection instead of answering.
    var reset = false
}

/// A small HTTP/1.1 server on 127.0.0.1:0 for tests; counts requests and answers as `behaviour` says.
final class TestServer: @unchecked Sendable {
    let group: MultiThreadedEventLoopGroup
    let channel: any Channel
    let port: Int
    private let counter = NIOLockedValueBox(0)
    private let connections = NIOLockedValueBox(0)

    /// Connections accepted so far.
    var connectionCount: Int { self.connections.withLockedValue { $0 } }
    private let bodies = NIOLockedValueBox<[String]>([])

    var requestCount: Int { self.counter.withLockedValue { $0 } }
    var receivedBodies: [String] { self.bodies.withLockedValue { $0 } }

    init(threads: Int = 1, behaviour: @escaping @Sendable (Int, String) -> TestAnswer) throws {
        self.group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
        let counter = self.counter
        let bodies = self.bodies
        let connections = self.connections
        self.channel = try ServerBootstrap(group: self.group)
            .serverChannelOption(ChannelOptions.backlog, value: 256)
            .serverChannelOption(ChannelOptions.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                connections.withLockedValue { $0 += 1 }
                return channel.pipeline.configureHTTPServerPipeline().flatMap {
                    channel.pipeline.addHandler(TestHandler(counter: counter, bodies: bodies, behaviour: behaviour))
                }
            }
            .bind(host: "127.0.0.1", port: 0).wait()
        self.port = self.channel.localAddress!.port!
    }

    var url: String { "http://127.0.0.1:\(self.port)/collection/abc" }

    func shutdown() {
        try? self.channel.close().wait()
        try? self.group.syncShutdownGracefully()
    }
}

private final class TestHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart
    let counter: NIOLockedValueBox<Int>
    let bodies: NIOLockedValueBox<[String]>
    let behaviour: @Sendable (Int, String) -> TestAnswer
    var body = ByteBuffer()

    init(
        counter: NIOLockedValueBox<Int>, bodies: NIOLockedValueBox<[String]>,
        behaviour: @escaping @Sendable (Int, String) -> TestAnswer
    ) {
        self.counter = counter
        self.bodies = bodies
        self.behaviour = behaviour
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch self.unwrapInboundIn(data) {
        case .head:
            self.body.clear()
        case .body(var part):
            self.body.writeBuffer(&part)
        case .end:
            let text = String(buffer: self.body)
            let n = self.counter.withLockedValue { value -> Int in
                defer { value += 1 }
                return value
            }
            self.bodies.withLockedValue { $0.append(text) }
            let answer = self.behaviour(n, text)
            let respond = {
                if answer.reset {
                    context.close(promise: nil)
                    return
                }
                var head = HTTPResponseHead(version: .http1_1, status: .init(statusCode: answer.status))
                head.headers.add(name: "Content-Length", value: String(answer.body.utf8.count))
                head.headers.add(name: "Content-Type", value: "application/json")
                for (name, value) in answer.headers { head.headers.add(name: name, value: value) }
                context.write(self.wrapOutboundOut(.head(head)), promise: nil)
                context.write(self.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: answer.body)))), promise: nil)
                context.writeAndFlush(self.wrapOutboundOut(.end(nil)), promise: nil)
            }
            if answer.delay == .zero {
                respond()
            } else {
                // On the channel's own loop: the handler and its context stay on it.
                context.eventLoop.assumeIsolated().scheduleTask(in: answer.delay) { respond() }
            }
        }
    }
}
