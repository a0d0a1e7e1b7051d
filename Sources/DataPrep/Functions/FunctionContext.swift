import Foundation
import ReplayCommon

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
    ///     production run should pass something that differs per run and per worker (a stream
    ///     each: `SeededRandom(seed:stream:)`).
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
