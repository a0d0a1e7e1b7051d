import ReplayCommon
import Testing

@Suite struct RetryPolicyTests {
    @Test func exponentialBackOffWithJitterWithinBounds() {
        let p = RetryPolicy(maxRetries: 5, baseDelay: 0.1, maxDelay: 1, jitter: 0.5)
        #expect(p.delay(beforeRetry: 1, retryAfter: nil, random: 0) == 0.05)
        #expect(p.delay(beforeRetry: 1, retryAfter: nil, random: 0.999_999)! < 0.1 + 1e-9)
        #expect(p.delay(beforeRetry: 3, retryAfter: nil, random: 1) == 0.4)
        #expect(p.delay(beforeRetry: 5, retryAfter: nil, random: 1) == 1)  // capped at maxDelay
        #expect(p.delay(beforeRetry: 6, retryAfter: nil, random: 0) == nil)  // retries spent
        #expect(p.delay(beforeRetry: 0, retryAfter: nil, random: 0) == nil)
    }

    @Test func retryAfterIsHonouredAndCapped() {
        let p = RetryPolicy(maxRetries: 2, baseDelay: 0.1, maxDelay: 3, jitter: 0.5)
        #expect(p.delay(beforeRetry: 1, retryAfter: 2, random: 0.7) == 2)
        #expect(p.delay(beforeRetry: 1, retryAfter: 60, random: 0.7) == 3)
        #expect(p.delay(beforeRetry: 3, retryAfter: 1, random: 0.7) == nil)
    }

    @Test func noRetriesByDefault() {
        #expect(RetryPolicy().delay(beforeRetry: 1, retryAfter: nil, random: 0) == nil)
    }

    @Test("the presets: the inlet's retries 429 and 503, the Flow Service's 429 and every 5xx but 501")
    func presets() {
        let inlet = RetryPolicy()
        #expect(inlet.isRetryable(status: 429) && inlet.isRetryable(status: 503))
        #expect(!inlet.isRetryable(status: 500) && !inlet.isRetryable(status: 502) && !inlet.isRetryable(status: 400))
        let service = RetryPolicy.flowService
        #expect(service.maxRetries == 4 && service.baseDelay == 0.2 && service.maxDelay == 10)
        #expect(
            service.isRetryable(status: 429) && service.isRetryable(status: 503) && service.isRetryable(status: 500)
                && service.isRetryable(status: 599))
        #expect(
            !service.isRetryable(status: 400) && !service.isRetryable(status: 412) && !service.isRetryable(status: 501))
        #expect(service.delay(beforeRetry: 1, retryAfter: nil, random: 0) == 0.1)
        #expect(service.delay(beforeRetry: 3, retryAfter: nil, random: 1) == 0.8)
        #expect(service.delay(beforeRetry: 5, retryAfter: nil, random: 0) == nil)
    }
}
