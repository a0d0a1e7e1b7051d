/// What each SIGINT or SIGTERM does, the one rule of `serve`, `run` and `validate`: the first stops
/// gracefully (serve answers what is in flight, bounded by ``EmulatorConfiguration/shutdownTimeout``;
/// run drains and writes its report; validate finishes what it read and reports it), the second
/// ends at once, for an operator who will not wait; later ones do nothing more.
public struct ShutdownSequence: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        case shutDownGracefully
        case cancel
        case nothing
    }

    public private(set) var signals = 0

    public init() {}

    /// A signal arrived.
    public mutating func signalled() -> Action {
        self.signals += 1
        switch self.signals {
        case 1: return .shutDownGracefully
        case 2: return .cancel
        default: return .nothing
        }
    }
}
