/// The seeded generator of every module: xoshiro256** with its state expanded from a seed by
/// SplitMix64. The same seed and stream always give the same sequence (synthesized corpora, fault
/// draws, `uuid()`, ids, back-off jitter), so runs and tests are reproducible.
///
/// Independent sequences come from one seed in one way: `SeededRandom(seed:stream:)`, with a
/// stream per worker, per event or per purpose. The system's generator is read only through
/// `systemSeed()`, as an explicit default where no seed is given.
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// A generator whose state is expanded from `seed` with SplitMix64; `stream` picks one of
    /// many independent sequences for the same seed.
    public init(seed: UInt64, stream: UInt64 = 0) {
        var x = seed ^ (stream &* 0xD2B7_4407_B1CE_6E93)
        self.s0 = SeededRandom.splitMix(&x)
        self.s1 = SeededRandom.splitMix(&x)
        self.s2 = SeededRandom.splitMix(&x)
        self.s3 = SeededRandom.splitMix(&x)
    }

    /// A seed from the system's generator, for callers that were given none (a run's `uuid()`
    /// seed, the emulator's ids): the one place it is read.
    public static func systemSeed() -> UInt64 {
        var system = SystemRandomNumberGenerator()
        return system.next()
    }

    /// SplitMix64: advances `x` and returns the next output.
    public static func splitMix(_ x: inout UInt64) -> UInt64 {
        x &+= 0x9E37_79B9_7F4A_7C15
        return SeededRandom.mix(x)
    }

    /// A bijective 64-bit mixing function (SplitMix64's finalizer): distinct inputs give
    /// distinct outputs, which is what makes synthesized `uniqueId`s unique.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func next() -> UInt64 {
        let result = ((self.s1 &* 5) << 7 | (self.s1 &* 5) >> 57) &* 9
        let t = self.s1 << 17
        self.s2 ^= self.s0
        self.s3 ^= self.s1
        self.s1 ^= self.s2
        self.s0 ^= self.s3
        self.s2 ^= t
        self.s3 = (self.s3 << 45) | (self.s3 >> 19)
        return result
    }

    /// A uniform Double in [0, 1).
    public mutating func unit() -> Double {
        Double(self.next() >> 11) * 0x1.0p-53
    }

    /// A uniform Double in (0, 1].
    public mutating func unitOpen() -> Double {
        Double((self.next() >> 11) + 1) * 0x1.0p-53
    }

    /// A uniform integer in `0..<bound` (bound > 0), without modulo bias worth noticing.
    public mutating func below(_ bound: Int) -> Int {
        Int((UInt128(self.next()) * UInt128(bound)) >> 64)
    }

    /// One of `items`, uniformly.
    public mutating func pick<T>(_ items: [T]) -> T {
        items[self.below(items.count)]
    }

    /// An index drawn with the given (non-negative, not all zero) weights.
    public mutating func weighted(_ cumulative: [Double]) -> Int {
        let u = self.unit() * cumulative[cumulative.count - 1]
        var k = 0
        while k < cumulative.count - 1 && cumulative[k] <= u { k += 1 }
        return k
    }
}
