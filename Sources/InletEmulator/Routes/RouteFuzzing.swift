import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
import Synchronization

/// The emulator's routes for the fuzz targets in `Fuzz/` (another package, so SPI) and the tests
/// that replay their fail cases, no sockets: the inlet's POSTs go through ``InletChannelHandler`` on
/// the testing channel, as a server's connection takes them, and the other requests straight to
/// the router's responder, as Hummingbird's router test mode does.
@_spi(Fuzzing)
public enum RouteFuzzing {
    /// Sends the requests `bytes` hold (``RouteScript``: `METHOD PATH`, headers, body, `===` between
    /// requests) in order to a fresh emulator with a temporary database and a fixed id seed, so that
    /// an input does the same every time; answers the statuses. A request whose method or header
    /// name no HTTP/1 parser would take is answered 400 here, as the server's codec would.
    public static func run(_ bytes: [UInt8]) async throws -> [Int] {
        try await Self.run(bytes, connection: NIOAsyncTestingChannel())
    }

    /// ``run(_:)`` with the requests' channel given (one for all of them, as one connection would
    /// carry them), closed once they are answered: a testing channel left open keeps its memory,
    /// about 5 kB, for as long as the process runs.
    static func run(_ bytes: [UInt8], connection channel: NIOAsyncTestingChannel) async throws -> [Int] {
        do {
            let statuses = try await Self.answers(bytes, channel: channel)
            try? await channel.close()
            return statuses
        } catch {
            try? await channel.close()
            throw error
        }
    }

    private static func answers(_ bytes: [UInt8], channel: NIOAsyncTestingChannel) async throws -> [Int] {
        let emulator = try InletEmulator(
            configuration: EmulatorConfiguration(port: 0, commitWindow: 0.0005, idSeed: 42))
        let responder = emulator.makeRouter().buildResponder()
        try await channel.pipeline.addHandler(InletChannelHandler(core: emulator.core))
        var script = RouteScript(bytes)
        var statuses: [Int] = []
        var logger = Logger(label: "pendo-replay.emulator.fuzzing")
        logger.logLevel = .critical
        for step in script.steps {
            guard let (request, body) = Self.request(step, script: script) else {
                statuses.append(400)
                continue
            }
            if InletTarget(request.head) != nil {
                let (status, answer) = try await Self.inletAnswer(request.head, body: body, channel: channel)
                statuses.append(status)
                script.remember(status: status, body: answer)
                continue
            }
            let context = BasicRequestContext(
                source: ApplicationRequestContextSource(channel: channel, logger: logger))
            let response: Response
            do {
                response = try await responder.respond(to: request, context: context)
            } catch {
                // As Hummingbird's server answers an error that passed the router's own handling.
                response = Response(status: .internalServerError)
            }
            let collector = BodyCollector()
            try await response.body.write(collector)
            let status = Int(response.status.code)
            statuses.append(status)
            script.remember(status: status, body: collector.bytes.withLock { $0 })
        }
        await emulator.stop()
        return statuses
    }

    /// An inlet POST as a connection's ``InletChannelHandler`` answers it. The `Connection` header is
    /// left out: one testing channel carries an input's every request, as a connection that stays open.
    private static func inletAnswer(_ head: HTTPRequest, body: [UInt8], channel: NIOAsyncTestingChannel)
        async throws -> (Int, [UInt8])
    {
        var head = head
        head.headerFields[.connection] = nil
        try await channel.writeInbound(HTTPRequestPart.head(head))
        if !body.isEmpty { try await channel.writeInbound(HTTPRequestPart.body(ByteBuffer(bytes: body))) }
        try await channel.writeInbound(HTTPRequestPart.end(nil))
        // The loop's pass ends: its commit batch goes to the writer.
        await channel.testingEventLoop.run()
        let (answer, bytes) = try await Self.nextAnswer(channel)
        return (Int(answer.status.code), bytes)
    }

    /// The next answer written on `channel`, head and body, waiting for it to end.
    static func nextAnswer(_ channel: NIOAsyncTestingChannel) async throws -> (HTTPResponse, [UInt8]) {
        guard case .head(let answer) = try await channel.waitForOutboundWrite(as: HTTPResponsePart.self) else {
            throw AnswerOutOfOrder()
        }
        var bytes: [UInt8] = []
        while true {
            switch try await channel.waitForOutboundWrite(as: HTTPResponsePart.self) {
            case .body(let part): bytes += part.readableBytesView
            case .end: return (answer, bytes)
            case .head: throw AnswerOutOfOrder()
            }
        }
    }

    /// An answer's parts did not come as head, body, end.
    struct AnswerOutOfOrder: Error {}

    /// The request `step` stands for, ids substituted in its path, header values and body, and the
    /// body; nil when no HTTP/1 parser would read it.
    private static func request(_ step: RouteScript.Step, script: RouteScript) -> (Request, [UInt8])? {
        guard let method = HTTPRequest.Method(step.method) else { return nil }
        var headers = HTTPFields()
        for header in step.headers {
            guard let name = HTTPField.Name(header.name) else { return nil }
            headers.append(HTTPField(name: name, value: script.substituted(header.value)))
        }
        let body = script.substituted(step.body)
        headers[.contentLength] = String(body.count)
        let request = Request(
            head: HTTPRequest(
                method: method, scheme: "http", authority: "127.0.0.1", path: script.substituted(step.path),
                headerFields: headers),
            body: RequestBody(buffer: ByteBuffer(bytes: body))
        )
        return (request, body)
    }

    /// Collects an answer's body.
    private final class BodyCollector: ResponseBodyWriter, Sendable {
        let bytes = Mutex<[UInt8]>([])

        func write(_ buffer: ByteBuffer) async throws {
            self.bytes.withLock { $0 += buffer.readableBytesView }
        }

        func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
