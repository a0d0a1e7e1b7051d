/// When to retry a request: on 429, 503 and connection errors (connect, reset, timeout), up to
/// `maxRetries` times, after an exponential back-off with jitter, or after the answer's `Retry-After`
/// when it gives one (capped at `maxDelay`). Pure: the random draw is a parameter.
public struct RetryPolicy: Sendable, Equatable {
    /// Retries after the first attempt.
    public var maxRetries: Int
    /// Back-off before the first retry, seconds.
    public var baseDelay: Double
    /// Longest back-off, seconds (also caps `Retry-After`).
    public var maxDelay: Double
    /// Fraction of the back-off that is random (0 = none, 1 = "full jitter").
    public var jitter: Double

    public init(maxRetries: Int = 0, baseDelay: Double = 0.1, maxDelay: Double = 10, jitter: Double = 0.5) {
        self.maxRetries = maxRetries
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.jitter = jitter
    }

    /// Whether an attempt that ended this way may be retried.
    public static func isRetryable(_ errorClass: ErrorClass) -> Bool {
        switch errorClass {
        case .connect, .reset, .timeout: return true
        case .http(let status): return status == 429 || status == 503
        case .tls, .protocolError, .message, .interrupted, .mapping, .corpus: return false
        }
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
