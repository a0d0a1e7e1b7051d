/// When to retry: 429 and 5xx (and transport failures), with exponential back-off and jitter,
/// honouring `Retry-After` when the service sends one. A pure function of the attempt.
public struct RetryPolicy: Sendable, Equatable {
    /// Retries after the first attempt.
    public var maxRetries: Int
    /// First back-off, in seconds.
    public var initialBackoff: Double
    /// Largest back-off, in seconds.
    public var maxBackoff: Double

    public init(maxRetries: Int = 4, initialBackoff: Double = 0.2, maxBackoff: Double = 10) {
        self.maxRetries = maxRetries
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
    }

    /// Whether a status is worth retrying.
    public static func isRetryable(status: Int) -> Bool {
        status == 429 || (500...599).contains(status) && status != 501
    }

    /// Seconds to wait before retry number `retry` (1-based), or nil when retries are exhausted.
    /// `jitter` is a draw in [0, 1) (injected for tests).
    public func delay(retry: Int, retryAfter: Double?, jitter: Double) -> Double? {
        guard retry <= self.maxRetries else { return nil }
        if let retryAfter, retryAfter >= 0 { return min(retryAfter, self.maxBackoff) }
        let base = min(self.maxBackoff, self.initialBackoff * Double(1 << min(retry - 1, 20)))
        return base * (0.5 + jitter / 2)
    }
}
