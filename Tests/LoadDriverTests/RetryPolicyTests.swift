import ReplayCommon
import Testing

@testable import LoadDriver

@Suite struct RetryPolicyErrorClassTests {
    @Test(arguments: [
        (ErrorClass.http(429), true), (.http(503), true), (.connect, true), (.reset, true), (.timeout, true),
        (.http(500), false), (.http(400), false), (.tls, false), (.message(400), false), (.protocolError, false),
    ])
    func retryableClasses(errorClass: ErrorClass, retryable: Bool) {
        #expect(RetryPolicy().isRetryable(errorClass) == retryable)
    }

    @Test("the policy's parameters decide: statuses added or removed, connection failures switched off")
    func parametersDecide() {
        let policy = RetryPolicy(maxRetries: 1, retryableStatuses: [502], retriesConnectionFailures: false)
        #expect(policy.isRetryable(ErrorClass.http(502)))
        #expect(
            !policy.isRetryable(ErrorClass.http(429)) && !policy.isRetryable(ErrorClass.connect)
                && !policy.isRetryable(ErrorClass.timeout))
        let retried = AttemptClassifier.classify(status: 502, body: nil, events: 2, retry: policy, origin: "f:1")
        #expect(retried.retryable && retried.failed == 2)
        let refused = AttemptClassifier.classify(status: 429, body: nil, events: 2, retry: policy, origin: "f:1")
        #expect(!refused.retryable && refused.rejected == 2)
        #expect(AttemptClassifier.classify(status: 429, body: nil, events: 2, origin: "f:1").retryable)
    }
}
