// STAND-IN: replaced by the function-library branch
/// What functions may depend on besides their arguments: the clock and a seeded random source.
public struct FunctionContext: Sendable {
    /// The clock for `now()` and `timestamp()`.
    public var now: @Sendable () -> DateTimeValue
    /// The random source for `uuid()` and `guid()`.
    public var random: SeededRandom

    public init(now: @escaping @Sendable () -> DateTimeValue = FunctionContext.systemNow, seed: UInt64 = 0) {
        self.now = now
        self.random = SeededRandom(seed: seed)
    }

    public static let systemNow: @Sendable () -> DateTimeValue = {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return DateTimeValue(epochNanoseconds: Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec))
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SplitMix64: small, fast, seedable.
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
}

/// A function that could not produce a value from its arguments.
public struct FunctionError: Error, Sendable, CustomStringConvertible {
    public var function: String
    public var message: String

    public init(function: String, message: String) {
        self.function = function
        self.message = message
    }

    public var description: String { "\(self.function): \(self.message)" }
}
