import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix

/// Resets (TCP RST) the connection of a sampled request instead of letting it through.
final class ConnectionResetHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart

    private let sampler: ResetSampler
    private var resetting = false

    init(sampler: ResetSampler) {
        self.sampler = sampler
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if self.resetting { return }
        if case .head(let head) = self.unwrapInboundIn(data), self.sampler.shouldReset(path: head.uri) {
            self.resetting = true
            // SO_LINGER with a zero timeout makes close() send RST instead of FIN.
            let channel = context.channel
            if let provider = channel as? any SocketOptionProvider {
                provider.setSoLinger(linger(l_onoff: 1, l_linger: 0)).whenComplete { _ in
                    channel.close(promise: nil)
                }
            } else {
                context.close(promise: nil)
            }
            return
        }
        context.fireChannelRead(data)
    }
}

/// Hummingbird's HTTP/1 channel with the reset handler placed right after the HTTP decoder.
struct ResettingHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    let inner: HTTP1Channel
    let sampler: ResetSampler

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let sampler = self.sampler
        return self.inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let operations = channel.pipeline.syncOperations
            let decoder = try operations.context(handlerType: ByteToMessageHandler<HTTPRequestDecoder>.self)
            try operations.addHandler(ConnectionResetHandler(sampler: sampler), position: .after(decoder.handler))
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await self.inner.handle(value: value, logger: logger)
    }
}
