import Foundation
import InletEmulator
import ReplayCommon
import Testing

@testable import FlowServiceClient

/// A Flow Service that is down: every attempt fails at its refused connect, the retry policy's
/// retries follow, then a transport error. The time limit is the check: were connects retried inside
/// the HTTP client's pool, each attempt would last until its connect timeout (10 s), seven attempts
/// past the limit.
@Suite("FlowServiceClient against a Flow Service that is down")
struct FlowServiceDownTests {
    final class RetryLog: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [String] = []
        func add(_ entry: String) { self.lock.withLock { self.entries.append(entry) } }
        var all: [String] { self.lock.withLock { self.entries } }
    }

    @Test(
        "a refused connect fails the attempt at once; the policy's six retries follow, then a transport error",
        .timeLimit(.minutes(1)))
    func refusedConnectsFailEachAttemptAtOnce() async throws {
        // A port that was just in use and is free now: nothing listens there.
        let emulator = try InletEmulator(configuration: EmulatorConfiguration(port: 0, commitWindow: 0.0005, idSeed: 7))
        let port = try await emulator.start()
        await emulator.stop()
        let retries = RetryLog()
        let client = FlowServiceClient(
            configuration: .init(
                baseURL: "http://127.0.0.1:\(port)",
                credentials: .init(
                    accessToken: "token", apiKey: "key-1234", orgId: "ORG@AdobeOrg", sandboxName: "prod"),
                retry: RetryPolicy(maxRetries: 6, baseDelay: 0.01, maxDelay: 0.02),
                timeout: 120
            )
        ) { attempt, _, _ in retries.add("\(attempt)") }
        do {
            _ = try await client.runs(flowId: "f1")
            Issue.record("a Flow Service that is down cannot answer")
        } catch let error as FlowServiceError {
            guard case .transport(let method, let path, _) = error else {
                Issue.record("expected a transport error, got \(error)")
                return
            }
            #expect(method == "GET" && path.contains("/runs"))
        }
        #expect(retries.all == ["1", "2", "3", "4", "5", "6"])
    }
}
