import Testing
@testable import LoadDriver

@Suite struct RetryPolicyTests {
    @Test(arguments: [
        (ErrorClass.http(429), true), (.http(503), true), (.connect, true), (.reset, true), (.timeout, true),
        (.http(500), false), (.http(400), false), (.tls, false), (.message(400), false), (.protocolError, false),
    ])
    func retryableClasses(errorClass: ErrorClass, retryable: Bool) {
        #expect(RetryPolicy.isRetryable(errorClass) == retryable)
    }

    @Test func exponentialBackOffWithJitterWithinBounds() {
        let p = RetryPolicy(maxRetries: 5, baseDelay: 0.1, maxDelay: 1, jitter: 0.5)
        #expect(p.delay(beforeRetry: 1, retryAfter: nil, random: 0) == 0.05)
        #expect(p.delay(beforeRetry: 1, retryAfter: nil, random: 0.999_999)! < 0.1 + 1e-9)
        #expect(p.delay(beforeRetry: 3, retryAfter: nil, random: 1) == 0.4)
        #expect(p.delay(beforeRetry: 5, retryAfter: nil, random: 1) == 1)   // capped at maxDelay
        #expect(p.delay(beforeRetry: 6, retryAfter: nil, random: 0) == nil) // retries spent
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
}
