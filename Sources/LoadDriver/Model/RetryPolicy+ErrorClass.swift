import ReplayCommon

extension RetryPolicy {
    /// Whether an attempt that ended this way may be retried: a status in `retryableStatuses`, or a
    /// connection failure when `retriesConnectionFailures`.
    public func isRetryable(_ errorClass: ErrorClass) -> Bool {
        switch errorClass {
        case .connect, .reset, .timeout: return self.retriesConnectionFailures
        case .http(let status): return self.isRetryable(status: status)
        case .tls, .protocolError, .message, .interrupted, .mapping, .corpus: return false
        }
    }
}
