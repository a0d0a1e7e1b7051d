import Synchronization

/// Hands out a distinct, well-mixed seed per event for Data Prep's `uuid()`/`guid()`, lock-free.
///
/// Consecutive SplitMix64 seeds a constant apart give shifted copies of one sequence, so the
/// n-th seed is the n-th *output* of a SplitMix64 started at the base seed: two events never
/// start from neighbouring states, whatever number of ids each draws.
public final class SeedSequence: Sendable {
    private let base: UInt64
    private let counter = Atomic<UInt64>(0)

    public init(base: UInt64) {
        self.base = base
    }

    /// The next seed (safe to call from any thread).
    public func next() -> UInt64 {
        SeededRandom.output(seed: self.base, index: self.counter.add(1, ordering: .relaxed).newValue)
    }
}
