import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// Does what ``WireFaults`` decides to a connection: resets (TCP RST) a sampled request instead of
/// letting it through, cuts an answer halfway and closes, trickles answer bodies, and closes the
/// connection after an answer. Sits between the HTTP/1 codec and Hummingbird, so it sees requests
/// and answers as NIOHTTP1 parts. Answers nothing touches pass straight through.
final class WireFaultHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let sampler: WireFaultSampler
    private var resetting = false
    /// Paths of the requests read and not yet answered, oldest first (the answers come in order).
    private var paths: [String] = []
    /// The plan of the answer being written.
    private var plan = WireFaults.AnswerPlan.untouched
    /// Body bytes of the current answer written so far.
    private var bodyWritten = 0
    /// The current answer's trickle tick and the bytes it may still write.
    private var trickleTick = 0
    private var tickBudget = 0
    /// Whether the pump runs from a trickle tick (an answer starting then shares the tick's bytes).
    private var inTick = false
    /// Writes held back while a body trickles, in order.
    private var queue: [(part: HTTPServerResponsePart, promise: EventLoopPromise<Void>?)] = []
    private var tick: Scheduled<Void>?
    private var closing = false

    init(sampler: WireFaultSampler) {
        self.sampler = sampler
    }

    // MARK: requests

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if self.resetting { return }
        if case .head(let head) = self.unwrapInboundIn(data) {
            if self.sampler.shouldReset(path: head.uri) {
                self.resetting = true
                self.sampler.count("reset")
                Self.reset(context.channel)
                return
            }
            if self.sampler.touchesAnswers { self.paths.append(head.uri) }
        }
        context.fireChannelRead(data)
    }

    /// SO_LINGER with a zero timeout makes close() send RST instead of FIN.
    private static func reset(_ channel: any Channel) {
        if let provider = channel as? any SocketOptionProvider {
            provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).whenComplete { _ in
                channel.close(promise: nil)
            }
        } else {
            channel.close(promise: nil)
        }
    }

    // MARK: answers

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        guard self.sampler.touchesAnswers else {
            context.write(data, promise: promise)
            return
        }
        let part = self.unwrapOutboundIn(data)
        if self.closing {
            promise?.fail(ChannelError.ioOnClosedChannel)
            return
        }
        self.queue.append((part, promise))
        if self.tick == nil { self.pump(context: context) }
    }

    func flush(context: ChannelHandlerContext) {
        // While a body trickles, the pump flushes what it writes; a flush now would do nothing.
        if self.queue.isEmpty { context.flush() }
    }

    /// Writes what is queued, until a trickled body has to wait for its next tick.
    private func pump(context: ChannelHandlerContext) {
        self.tick = nil
        while !self.closing, !self.queue.isEmpty {
            let (part, promise) = self.queue[0]
            switch part {
            case .head(let head):
                self.queue.removeFirst()
                let path = self.paths.isEmpty ? "" : self.paths.removeFirst()
                let length = head.headers.first(name: "content-length").flatMap { Int($0) }
                self.plan = self.sampler.planAnswer(path: path, contentLength: length)
                self.bodyWritten = 0
                if !self.inTick {
                    self.trickleTick = 0
                    self.tickBudget =
                        self.plan.trickleBytesPerSecond.map { TrickleSchedule(bytesPerSecond: $0).allowance(tick: 0) }
                        ?? 0
                }
                context.write(self.wrapOutboundOut(part), promise: promise)
                if self.plan.cutAfterBodyBytes != nil { self.sampler.count("cut") }
                if self.plan.cutAfterBodyBytes == 0 { return self.close(context: context) }
            case .body(let body):
                guard case .byteBuffer(var buffer) = body else {
                    self.queue.removeFirst()
                    context.write(self.wrapOutboundOut(part), promise: promise)
                    continue
                }
                var allowed = buffer.readableBytes
                if let cut = self.plan.cutAfterBodyBytes { allowed = min(allowed, cut - self.bodyWritten) }
                if let rate = self.plan.trickleBytesPerSecond, allowed > 0 {
                    if self.tickBudget == 0 {
                        context.flush()
                        self.scheduleTick(context: context, schedule: TrickleSchedule(bytesPerSecond: rate))
                        return
                    }
                    allowed = min(allowed, self.tickBudget)
                    self.tickBudget -= allowed
                }
                let slice = buffer.readSlice(length: allowed) ?? ByteBuffer()
                self.bodyWritten += allowed
                let done = buffer.readableBytes == 0
                if done { self.queue.removeFirst() } else { self.queue[0] = (.body(.byteBuffer(buffer)), promise) }
                context.writeAndFlush(self.wrapOutboundOut(.body(.byteBuffer(slice))), promise: done ? promise : nil)
                if let cut = self.plan.cutAfterBodyBytes, self.bodyWritten >= cut {
                    if !done {
                        self.queue.removeFirst()
                        promise?.fail(ChannelError.ioOnClosedChannel)
                    }
                    return self.close(context: context)
                }
            case .end:
                self.queue.removeFirst()
                if self.plan.cutAfterBodyBytes != nil {
                    // The cut falls in the body; an answer shorter than that is cut before its end.
                    promise?.fail(ChannelError.ioOnClosedChannel)
                    return self.close(context: context)
                }
                context.writeAndFlush(self.wrapOutboundOut(part), promise: promise)
                if self.plan.closeAfter {
                    self.sampler.count("close")
                    return self.close(context: context)
                }
            }
        }
        if !self.closing { context.flush() }
    }

    /// The next trickle tick, 100 ms from now, with its own allowance.
    private func scheduleTick(context: ChannelHandlerContext, schedule: TrickleSchedule) {
        let isolated = context.eventLoop.assumeIsolated()
        self.tick = isolated.scheduleTask(in: .nanoseconds(Int64(TrickleSchedule.interval * 1e9))) {
            self.trickleTick += 1
            self.tickBudget = schedule.allowance(tick: self.trickleTick)
            self.inTick = true
            defer { self.inTick = false }
            self.pump(context: context)
        }
    }

    /// Closes (FIN) after what is written is flushed; whatever is still queued fails.
    private func close(context: ChannelHandlerContext) {
        self.closing = true
        context.flush()
        self.failQueued()
        context.close(promise: nil)
    }

    private func failQueued() {
        self.tick?.cancel()
        self.tick = nil
        let queued = self.queue
        self.queue.removeAll()
        for (_, promise) in queued { promise?.fail(ChannelError.ioOnClosedChannel) }
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.closing = true
        self.failQueued()
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.failQueued()
    }
}
