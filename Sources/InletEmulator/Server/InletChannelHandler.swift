import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Answers the streaming inlet's two POST routes on the connection's event loop, in Hummingbird's
/// HTTP/1 pipeline, and passes every other request on to Hummingbird unchanged.
///
/// Through the router, each inlet request crosses from the event loop to a Swift task and back,
/// and its task waits for the group commit on a continuation: a fifth of the CPU an ingested
/// message costs there (docs/BENCHMARKS.md). Here the body is read from the parts as they come,
/// ``EmulatorCore/admit(_:)`` maps it on the event loop, the loop's ``LoopCommitBatch`` hands its
/// records to the writer, and the commit's completion writes the answer from the loop. The
/// request, its records and its answer are those of the routes in InletRoutes.swift, which run the
/// same ``EmulatorCore/admit(_:)`` and ``EmulatorCore/answer(_:committed:)``.
///
/// Answers go out in the order the requests came: while an answer is owed (one of this
/// handler's, or one Hummingbird writes for a request passed on), a later request of the same
/// connection (a pipelining client) waits here with reads paused, and is taken when it is its turn.
/// An event or error (the client's half-close, a parse error) that comes while this handler owes
/// an answer waits for it too: Hummingbird, which sees none of the inlet's requests, would close
/// the connection on it first.
final class InletChannelHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let core: EmulatorCore
    private let limit: Int

    /// The request whose parts are being read.
    private enum Reading {
        case none
        /// An inlet request: its body so far, unless it is over the limit.
        case inlet(InletTarget, HTTPRequest, ByteBuffer?)
        case passedOn
    }

    private var reading = Reading.none
    /// Requests passed on to Hummingbird whose answer has not ended yet.
    private var passedOnUnanswered = 0
    /// An inlet request is read and waits for its commit.
    private var inletUnanswered = false
    /// What arrived while an earlier answer was owed, oldest first.
    private var held = CircularBuffer<Held>()
    /// A read asked for while parts are held, issued once they are taken.
    private var readPending = false
    /// `takeHeld` is running.
    private var taking = false
    private var closed = false
    /// The connection's event loop's commit batch, looked up at the first message.
    private var batch: LoopCommitBatch?

    init(core: EmulatorCore) {
        self.core = core
        self.limit = core.configuration.maxRequestBytes
    }

    /// An inbound part, event or error, in the order they came.
    private enum Held {
        case part(HTTPRequestPart)
        case event(Any)
        case error(any Error)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = self.unwrapInboundIn(data)
        if self.held.isEmpty {
            self.take(part, context: context)
        } else {
            self.held.append(.part(part))
        }
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if self.held.isEmpty && !self.inletUnanswered {
            context.fireUserInboundEventTriggered(event)
        } else {
            self.held.append(.event(event))
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if self.held.isEmpty && !self.inletUnanswered {
            context.fireErrorCaught(error)
        } else {
            self.held.append(.error(error))
        }
    }

    func read(context: ChannelHandlerContext) {
        if self.held.isEmpty {
            context.read()
        } else {
            self.readPending = true
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        context.write(data, promise: promise)
        if case .end = self.unwrapOutboundIn(data) {
            self.passedOnUnanswered = max(0, self.passedOnUnanswered - 1)
            self.takeHeld(context: context)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.closed = true
        if case .inlet = self.reading {
            // The request never ended: nothing was admitted.
            self.core.metrics.inFlight.decrement()
            self.reading = .none
        }
        context.fireChannelInactive()
    }

    /// Handles one part, or holds it (and those after it) while an earlier answer is owed.
    private func take(_ part: HTTPRequestPart, context: ChannelHandlerContext) {
        switch (part, self.reading) {
        case (.head(let head), _):
            if let target = InletTarget(head) {
                if self.inletUnanswered || self.passedOnUnanswered > 0 {
                    self.held.append(.part(part))
                    return
                }
                self.core.metrics.inFlight.increment()
                let declared = head.headerFields[.contentLength].flatMap { Int($0) } ?? 0
                self.reading = .inlet(
                    target, head,
                    declared > self.limit ? nil : context.channel.allocator.buffer(capacity: max(0, declared)))
            } else {
                if self.inletUnanswered {
                    self.held.append(.part(part))
                    return
                }
                self.passedOnUnanswered += 1
                self.reading = .passedOn
                context.fireChannelRead(self.wrapInboundOut(part))
            }
        case (.body(var bytes), .inlet(let target, let head, var body)):
            self.reading = .none
            if body != nil, body!.readableBytes + bytes.readableBytes <= self.limit {
                body!.writeBuffer(&bytes)
            } else {
                body = nil
            }
            self.reading = .inlet(target, head, body)
        case (.end, .inlet(let target, let head, let body)):
            self.reading = .none
            self.inletUnanswered = true
            self.ingest(target, head: head, body: body, context: context)
        case (.end, _):
            self.reading = .none
            context.fireChannelRead(self.wrapInboundOut(part))
        case (.body, _):
            context.fireChannelRead(self.wrapInboundOut(part))
        }
    }

    /// Takes what is held in order until something has to wait again, then lets reads go on. An
    /// answer written while it takes (a refused request is answered at once) leaves the rest to
    /// this loop rather than taking it one call deeper, so that many pipelined refusals do not
    /// nest as deep as they are many.
    private func takeHeld(context: ChannelHandlerContext) {
        guard !self.taking else { return }
        self.taking = true
        defer { self.taking = false }
        while let first = self.held.first {
            switch first {
            case .part(let part):
                if case .head = part, self.inletUnanswered || self.passedOnUnanswered > 0 { return }
                self.held.removeFirst()
                self.take(part, context: context)
            case .event(let event):
                if self.inletUnanswered { return }
                self.held.removeFirst()
                context.fireUserInboundEventTriggered(event)
            case .error(let error):
                if self.inletUnanswered { return }
                self.held.removeFirst()
                context.fireErrorCaught(error)
            }
        }
        if self.readPending {
            self.readPending = false
            context.read()
        }
    }

    private func ingest(_ target: InletTarget, head: HTTPRequest, body: ByteBuffer?, context: ChannelHandlerContext) {
        let request = InletRequest(
            endpoint: target.endpoint, inletId: target.inletId, headers: head.headerFields, query: target.query,
            body: body.map { Array($0.readableBytesView) } ?? [], bodyTooLarge: body == nil,
            arrived: ContinuousClock.now)
        let keepAlive = head.headerFields[.connection] != "close"
        let admission: InletAdmission
        do {
            admission = try self.core.admit(request)
        } catch {
            let problem =
                (error as? Problem)
                ?? InletProblem.make(500, title: "Internal Server Error", message: "\(error)")
            self.send(problem.answer, endpoint: target.endpoint, keepAlive: keepAlive, context: context)
            return
        }
        if admission.records.isEmpty {
            let answer = self.core.answer(admission, committed: .success(()))
            self.send(answer, endpoint: target.endpoint, keepAlive: keepAlive, context: context)
            return
        }
        let loop = context.eventLoop
        let bound = NIOLoopBound((self, context), eventLoop: loop)
        let batch = self.batch ?? self.core.commitBatch(on: loop)
        self.batch = batch
        batch.add(admission.records) { committed in
            loop.execute {
                let (handler, context) = bound.value
                let answer = handler.core.answer(admission, committed: committed)
                handler.send(answer, endpoint: target.endpoint, keepAlive: keepAlive, context: context)
            }
        }
    }

    /// Writes an inlet answer as Hummingbird writes a `Response` (with `Content-Length` and `Date`),
    /// counts it as the router's metrics middleware does, then takes what was held behind it.
    private func send(
        _ answer: Answer, endpoint: InletRequest.Endpoint, keepAlive: Bool, context: ChannelHandlerContext
    ) {
        self.core.metrics.countRequest(route: endpoint.route, method: "POST", status: answer.status)
        self.core.metrics.inFlight.decrement()
        self.inletUnanswered = false
        guard !self.closed else { return }
        var head = HTTPResponse(status: HTTPResponse.Status(code: answer.status))
        head.headerFields = answer.headers
        head.headerFields[.contentLength] = String(answer.body.count)
        head.headerFields[.date] = HTTPDate.now
        context.write(self.wrapOutboundOut(.head(head)), promise: nil)
        context.write(self.wrapOutboundOut(.body(context.channel.allocator.buffer(bytes: answer.body))), promise: nil)
        if keepAlive {
            context.writeAndFlush(self.wrapOutboundOut(.end(nil)), promise: nil)
            self.takeHeld(context: context)
        } else {
            let channel = context.channel
            context.writeAndFlush(self.wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
        }
    }
}

/// Where an inlet POST goes: the endpoint, the inlet id and the query, read from the request target
/// (`/collection/{inletId}` or `/collection/batch/{inletId}`, then `?query`). Any other target,
/// including one the router would read differently (an escaped or empty segment, one more `/`, a
/// fragment), is not an inlet target here and goes to the router.
struct InletTarget: Equatable, Sendable {
    var endpoint: InletRequest.Endpoint
    var inletId: String
    var query: String?

    init(endpoint: InletRequest.Endpoint, inletId: String, query: String?) {
        self.endpoint = endpoint
        self.inletId = inletId
        self.query = query
    }

    init?(_ head: HTTPRequest) {
        guard head.method == .post, let target = head.path else { return nil }
        self.init(target: target)
    }

    init?(target: String) {
        let prefix = "/collection/"
        guard target.utf8.starts(with: prefix.utf8), !target.utf8.contains(UInt8(ascii: "#")) else { return nil }
        let rest = target.utf8.dropFirst(prefix.utf8.count)
        let pathEnd = rest.firstIndex(of: UInt8(ascii: "?")) ?? rest.endIndex
        var segment = rest[..<pathEnd]
        if segment.starts(with: "batch/".utf8) {
            self.endpoint = .batch
            segment = segment.dropFirst("batch/".utf8.count)
        } else {
            self.endpoint = .single
        }
        let plain =
            !segment.isEmpty
            && !segment.contains { byte in
                byte == UInt8(ascii: "/") || byte == UInt8(ascii: "%")
            }
        guard plain, !(self.endpoint == .single && segment.elementsEqual("batch".utf8)) else { return nil }
        self.inletId = String(Substring(segment))
        self.query = pathEnd == rest.endIndex ? nil : String(Substring(rest[rest.index(after: pathEnd)...]))
    }
}
