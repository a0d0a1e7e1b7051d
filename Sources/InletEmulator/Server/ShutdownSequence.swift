/// What each SIGINT or SIGTERM does to a running `serve`: the first starts the graceful shutdown
/// (in-flight requests answered, bounded by ``EmulatorConfiguration/shutdownTimeout``), the second
/// cancels what is left at once, for an operator who will not wait; later ones do nothing more.
struct ShutdownSequence: Sendable, Equatable {
    enum Action: Sendable, Equatable {
        case shutDownGracefully
        case cancel
        case nothing
    }

    private(set) var signals = 0

    /// A signal arrived.
    mutating func signalled() -> Action {
        self.signals += 1
        switch self.signals {
        case 1: return .shutDownGracefully
        case 2: return .cancel
        default: return .nothing
        }
    }
}
