import ReplayCommon
import Synchronization

/// Hands out a generator per event for Data Prep's `uuid()`/`guid()`, lock-free: the n-th call
/// gets stream n of the base seed, so two events never share or shift one another's sequence,
/// whatever number of ids each draws and whichever worker maps it.
public final class SeedSequence: Sendable {
    /// The seed every stream is derived from.
    public let base: UInt64
    private let counter = Atomic<UInt64>(0)

    public init(base: UInt64) {
        self.base = base
    }

    /// The next event's generator (safe to call from any thread).
    public func next() -> SeededRandom {
        SeededRandom(seed: self.base, stream: self.counter.add(1, ordering: .relaxed).newValue)
    }
}
