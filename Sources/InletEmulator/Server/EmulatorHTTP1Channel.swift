import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1

/// Hummingbird's HTTP/1 channel with one of the emulator's handlers in each connection's pipeline.
struct EmulatorHTTP1Channel: ServerChildChannel {
    typealias Value = HTTP1Channel.Value

    /// The handler a connection gets.
    enum Addition {
        /// ``WireFaultHandler``, right after the HTTP decoder: it sees requests and answers as bytes
        /// are parsed and written.
        case wireFaults(WireFaultSampler)
        /// ``InletChannelHandler``, after Hummingbird's connection state handler, which then counts
        /// the inlet's requests and answers too: it closes an idle connection or one asked to
        /// quiesce only when no answer is owed, whoever writes it.
        case inlet(EmulatorCore)
    }

    let inner: HTTP1Channel
    let addition: Addition

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        let addition = self.addition
        return self.inner.setup(channel: channel, logger: logger).flatMapThrowing { value in
            let operations = channel.pipeline.syncOperations
            switch addition {
            case .wireFaults(let sampler):
                let decoder = try operations.context(handlerType: ByteToMessageHandler<HTTPRequestDecoder>.self)
                try operations.addHandler(WireFaultHandler(sampler: sampler), position: .after(decoder.handler))
            case .inlet(let core):
                let state = try operations.context(handlerType: HTTPConnectionStateHandler.self)
                try operations.addHandler(InletChannelHandler(core: core), position: .after(state.handler))
            }
            return value
        }
    }

    func handle(value: Value, logger: Logger) async {
        await self.inner.handle(value: value, logger: logger)
    }
}
