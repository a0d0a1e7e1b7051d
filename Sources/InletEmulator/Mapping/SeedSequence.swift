import Synchronization

/// Hands out a distinct, well-mixed seed per event for Data Prep's `uuid()`/`guid()`, lock-free.
///
/// Consecutive SplitMix64 seeds a constant apart give shifted copies of one sequence, so the
/// n-th seed is the n-th *output* of a SplitMix64 started at the base seed: two events never
/// start from neighbouring states, whatever number of ids each draws.
final class SeedSequence: Sendable {
    private let base: UInt64
    private let counter = Atomic<UInt64>(0)

    init(base: UInt64) {
        self.base = base
    }

    /// The next seed (safe to call from any thread).
    func next() -> UInt64 {
        let n = self.counter.add(1, ordering: .relaxed).newValue
        var z = self.base &+ n &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
