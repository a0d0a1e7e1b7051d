import NIOConcurrencyHelpers
import NIOCore
import NIOPosix

/// Connections carried from one run to the next against the same inlet (`capacity`'s steps): the
/// event loops they live on and, per loop, the idle channels a run left open. A run given these
/// runs on its loops and adopts its channels before it connects anew; at its end it hands its idle
/// connections back instead of closing them, so the next step starts on warm connections (no new
/// TCP or TLS handshakes, no slow start) as a real client's would be. `close()` ends them all.
public final class KeptConnections: Sendable {
    let group: MultiThreadedEventLoopGroup
    /// The loops, in the order runs give them to their workers.
    let loops: [any EventLoop]
    /// Idle channels by loop index.
    private let idle: NIOLockedValueBox<[[any Channel]]>

    /// Starts `loops` event loops (at least one) with no connection yet.
    public init(loops: Int) {
        let count = max(1, loops)
        self.group = MultiThreadedEventLoopGroup(numberOfThreads: count)
        var iterator = self.group.makeIterator()
        self.loops = (0..<count).map { _ in iterator.next()! }
        self.idle = NIOLockedValueBox(Array(repeating: [], count: count))
    }

    /// Starts as many loops as a run with `config` uses.
    public convenience init(for config: LoadConfig) {
        self.init(loops: LoadRun.loopCount(for: config))
    }

    /// Idle channels kept now, on every loop.
    public var idleCount: Int {
        self.idle.withLockedValue { $0.reduce(0) { $0 + $1.count } }
    }

    /// Up to `max` kept channels of loop `index`, taken out of the keeping.
    func take(loop index: Int, max: Int) -> [any Channel] {
        self.idle.withLockedValue { idle in
            guard idle.indices.contains(index) else { return [] }
            let taken = Array(idle[index].prefix(max))
            idle[index].removeFirst(taken.count)
            return taken
        }
    }

    /// Keeps an idle, open channel of loop `index` for the next run.
    func put(_ channel: any Channel, loop index: Int) {
        self.idle.withLockedValue { idle in
            if idle.indices.contains(index) { idle[index].append(channel) }
        }
    }

    /// Closes every kept connection and stops the loops.
    public func close() async {
        self.idle.withLockedValue { $0 = $0.map { _ in [] } }
        try? await self.group.shutdownGracefully()
    }
}
