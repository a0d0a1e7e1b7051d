import NIOCore
import NIOPosix
import NIOSSL
import NIOTLS

/// One keep-alive HTTP/1.1 connection: a hand-written client handler that writes pre-encoded requests
/// and parses answers only as far as needed. One request in flight at a time; the worker on the same
/// event loop decides what to send next. No future or closure is allocated per request.
final class Connection: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    unowned let worker: LoopWorker
    /// The worker's connection slot (its reconnect back-off lives there).
    let slot: Int
    private let tls: Bool
    private(set) var context: ChannelHandlerContext?
    private var parser = ResponseParser()
    var inFlight: Pending?
    private(set) var ready = false
    private var inRead = false
    private var needsFlush = false
    /// Why the connection is closing, when we know better than "reset".
    private var closeReason: (ErrorClass, String)?
    private var reportedClose = false
    /// Taken off its channel for the next run (`detach`): its removal is not a close.
    private var detached = false

    init(worker: LoopWorker, slot: Int, tls: Bool) {
        self.worker = worker
        self.slot = slot
        self.tls = tls
    }

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
        if context.channel.isActive, !self.tls { self.becomeReady() }
    }

    func channelActive(context: ChannelHandlerContext) {
        if !self.tls { self.becomeReady() }
        context.fireChannelActive()
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let tlsEvent = event as? TLSUserEvent, case .handshakeCompleted = tlsEvent { self.becomeReady() }
        context.fireUserInboundEventTriggered(event)
    }

    private func becomeReady() {
        guard !self.ready else { return }
        self.ready = true
        self.worker.connectionReady(self)
    }

    /// Writes a request (flushed at once, or at the end of the current read burst).
    func send(_ pending: Pending) {
        guard let context = self.context else { return }
        self.inFlight = pending
        context.write(self.wrapOutboundOut(pending.request.bytes), promise: nil)
        if self.inRead {
            self.needsFlush = true
        } else {
            context.flush()
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = self.unwrapInboundIn(data)
        self.inRead = true
        defer { self.inRead = false }
        do {
            while buffer.readableBytes > 0, let response = try self.parser.parse(&buffer) {
                guard let pending = self.inFlight else {
                    self.close(.protocolError, "an answer arrived with no request in flight")
                    return
                }
                self.inFlight = nil
                self.worker.answered(self, pending, response)
                if response.closes {
                    self.close(nil, "")
                    return
                }
            }
        } catch {
            self.close(.protocolError, "\(error)")
        }
    }

    func channelReadComplete(context: ChannelHandlerContext) {
        if self.needsFlush {
            self.needsFlush = false
            context.flush()
        }
        context.fireChannelReadComplete()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if self.closeReason == nil { self.closeReason = (ErrorClassifier.classify(error), "\(error)") }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if let response = self.parser.connectionClosed(), let pending = self.inFlight {
            self.inFlight = nil
            self.worker.answered(self, pending, response)
        }
        self.finishClose()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        if !self.detached { self.finishClose() }
        self.context = nil
    }

    /// Takes this handler off its channel and returns the channel, open and idle at a message
    /// boundary, for the next run; nil when it cannot be kept (not ready, closing, or a request in
    /// flight), and then the caller closes it.
    func detach() -> (any Channel)? {
        guard let context = self.context, self.ready, self.inFlight == nil, self.closeReason == nil,
            !self.reportedClose,
            !self.parser.isMidResponse, context.channel.isActive
        else { return nil }
        self.detached = true
        let channel = context.channel
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        return channel
    }

    private func finishClose() {
        guard !self.reportedClose else { return }
        self.reportedClose = true
        let reason = self.closeReason ?? (.reset, "connection closed by the server")
        let interrupted = self.inFlight
        self.inFlight = nil
        self.worker.connectionClosed(self, wasReady: self.ready, inFlight: interrupted, reason: reason)
    }

    /// Closes the connection; an attempt in flight fails with `reason` (nil: the default, reset).
    func close(_ errorClass: ErrorClass?, _ text: String) {
        if let errorClass, self.closeReason == nil { self.closeReason = (errorClass, text) }
        self.context?.close(promise: nil)
    }
}

/// Maps transport errors to error classes.
enum ErrorClassifier {
    static func classify(_ error: any Error) -> ErrorClass {
        if error is NIOSSLError || error is BoringSSLError || String(reflecting: type(of: error)).contains("NIOSSL") {
            return .tls
        }
        if let channelError = error as? ChannelError {
            switch channelError {
            case .connectTimeout: return .connect
            default: return .reset
            }
        }
        if error is NIOConnectionError { return .connect }
        if let io = error as? IOError {
            switch io.errnoCode {
            case ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, EADDRNOTAVAIL: return .connect
            case ETIMEDOUT: return .timeout
            default: return .reset
            }
        }
        let text = String(describing: error)
        if text.contains("connectTimeout") || text.contains("connection refused") || text.contains("resolve") {
            return .connect
        }
        return .reset
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
