import Foundation

/// What a Data Prep function may read besides its arguments: the clock (`now()`, `timestamp()`)
/// and a random source (`uuid()`, `guid()`). Both are injected so that a mapping run is
/// reproducible in tests; one context per worker, never shared between threads.
public struct FunctionContext: Sendable {
    /// The current instant, as `now()` and `timestamp()` report it.
    public var now: @Sendable () -> DateTimeValue
    /// The random source `uuid()` and `guid()` draw from.
    public var random: SeededRandom
    /// The date patterns compiled so far (`format`, `dformat`, `date`).
    var patterns = PatternCache()
    /// Results of pure functions by call site (see `CallMemo`).
    var memo = CallMemo()

    /// - Parameters:
    ///   - now: the clock; the system clock (UTC) unless a test injects a fixed one.
    ///   - seed: the seed of `random`. The same seed gives the same sequence of UUIDs, so a
    ///     production run should pass something that differs per run and per worker.
    public init(now: @escaping @Sendable () -> DateTimeValue = FunctionContext.systemNow, seed: UInt64 = 0) {
        self.now = now
        self.random = SeededRandom(seed: seed)
    }

    /// The wall clock, in UTC, with the precision `Date` gives (about a microsecond).
    public static let systemNow: @Sendable () -> DateTimeValue = {
        let seconds = Date().timeIntervalSince1970
        return DateTimeValue(epochNanoseconds: Int64((seconds * 1_000_000_000).rounded()), zoneIdentifier: "UTC")
    }
}

/// SplitMix64: a small, fast, seedable generator. Not cryptographic (neither is Adobe's `uuid()`
/// promise: "a pseudo-random ID"). The one generator of the modules above DataPrep as well (load
/// driver jitter, emulator fault draws and ids); PendoEvents, below, has its own copy.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        self.state = seed
    }

    public mutating func next() -> UInt64 {
        self.state &+= 0x9E37_79B9_7F4A_7C15
        var z = self.state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform draw in [0, 1).
    public mutating func unit() -> Double {
        Double(self.next() >> 11) * 0x1.0p-53
    }

    /// The `index`-th output of the generator started at `seed`, without stepping through the others:
    /// a distinct, well-mixed seed per item (consecutive seeds a constant apart would give shifted
    /// copies of one sequence).
    public static func output(seed: UInt64, index: UInt64) -> UInt64 {
        var z = seed &+ index &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
