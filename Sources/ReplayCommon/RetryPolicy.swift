/// When to retry a request and how long to wait first: the statuses worth another attempt,
/// whether connection failures (connect, reset, timeout) are, and an exponential back-off with
/// jitter, or the answer's `Retry-After` when it gives one (capped at `maxDelay`). Pure: the
/// random draw is a parameter. The load driver and the Flow Service client both use it, each with
/// its own preset (`inlet`, `flowService`).
public struct RetryPolicy: Sendable, Equatable {
    /// Retries after the first attempt.
    public var maxRetries: Int
    /// Back-off before the first retry, seconds.
    public var baseDelay: Double
    /// Longest back-off, seconds (also caps `Retry-After`).
    public var maxDelay: Double
    /// Fraction of the back-off that is random (0 = none, 1 = "full jitter").
    public var jitter: Double
    /// HTTP statuses retried.
    public var retryableStatuses: Set<Int>
    /// Whether a request that failed to connect, was reset or timed out is retried.
    public var retriesConnectionFailures: Bool

    /// The streaming inlet's: 429 and 503 (what DCS answers when it sheds load) and connection
    /// failures.
    public static let inletStatuses: Set<Int> = [429, 503]

    /// The Flow Service's: 429 and every 5xx but 501 (which no retry changes).
    public static let flowServiceStatuses: Set<Int> = Set(500...599).subtracting([501]).union([429])

    public init(
        maxRetries: Int = 0, baseDelay: Double = 0.1, maxDelay: Double = 10, jitter: Double = 0.5,
        retryableStatuses: Set<Int> = RetryPolicy.inletStatuses, retriesConnectionFailures: Bool = true
    ) {
        self.maxRetries = maxRetries
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.jitter = jitter
        self.retryableStatuses = retryableStatuses
        self.retriesConnectionFailures = retriesConnectionFailures
    }

    /// The Flow Service client's default: 4 retries from 0.2 s up to 10 s.
    public static let flowService = RetryPolicy(
        maxRetries: 4, baseDelay: 0.2, maxDelay: 10, retryableStatuses: flowServiceStatuses)

    /// Whether an answer with this status may be retried.
    public func isRetryable(status: Int) -> Bool {
        self.retryableStatuses.contains(status)
    }

    /// Seconds to wait before retry number `retry` (1 for the first retry), or nil when retries are spent.
    /// `random` is uniform in 0..<1.
    public func delay(beforeRetry retry: Int, retryAfter: Double?, random: Double) -> Double? {
        guard retry >= 1, retry <= self.maxRetries else { return nil }
        if let retryAfter, retryAfter >= 0 { return min(retryAfter, self.maxDelay) }
        let exponential = min(self.maxDelay, self.baseDelay * Double(1 << min(retry - 1, 30)))
        return exponential * (1 - self.jitter) + exponential * self.jitter * random
    }
}
