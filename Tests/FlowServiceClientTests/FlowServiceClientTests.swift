import AsyncHTTPClient
import Foundation
import InletEmulator
import NIOCore
import ReplayCommon
import Synchronization
import Testing

@testable import FlowServiceClient

@Suite("FlowServiceClient against the emulator")
struct FlowServiceClientTests {
    static let schema = Array(
        """
        {"title": "Pendo events", "type": "object", "properties": {"_extconndev": {"type": "object", "properties": {
          "accountid": {"type": "string"}, "uniqueid": {"type": "string", "minLength": 1}, "name1": {"type": "string"},
          "timestamp1": {"type": "string"}, "visitorid": {"type": "string"}}, "required": ["uniqueid"]}}}
        """.utf8
    )
    static let mapping = Array(
        """
        {"outputSchema": {"schemaRef": {"id": "replaced", "contentType": "application/vnd.adobe.xed-full+json;version=1"}},
         "mappings": [{"destinationXdmPath": "_extconndev.accountid", "sourceAttribute": "accountId", "identity": false, "version": 0},
                      {"destinationXdmPath": "_extconndev.uniqueid", "sourceAttribute": "uniqueId", "identity": false, "version": 0}]}
        """.utf8
    )

    static func emulator(_ configure: (inout EmulatorConfiguration) -> Void = { _ in }) async throws -> (
        InletEmulator, Int
    ) {
        var configuration = EmulatorConfiguration(port: 0, commitWindow: 0.0005, idSeed: 7)
        configure(&configuration)
        let emulator = try InletEmulator(configuration: configuration)
        return (emulator, try await emulator.start())
    }

    static func client(
        port: Int,
        token: String = "token",
        retry: RetryPolicy = .init(
            maxRetries: 4, baseDelay: 0.05, maxDelay: 1, retryableStatuses: RetryPolicy.flowServiceStatuses),
        retries: RetryLog? = nil,
        sleep: @escaping @Sendable (Double) async throws -> Void = {
            try await Task.sleep(for: .milliseconds(Int64($0 * 1000)))
        }
    ) -> FlowServiceClient {
        FlowServiceClient(
            configuration: .init(
                baseURL: "http://127.0.0.1:\(port)/",
                credentials: .init(accessToken: token, apiKey: "key-1234", orgId: "ORG@AdobeOrg", sandboxName: "prod"),
                retry: retry
            ),
            onRetry: { attempt, reason, _ in retries?.add("\(attempt):\(reason)") },
            sleep: sleep
        )
    }

    /// The emulator's fault clock, moved by the client's back-off instead of real waiting: each
    /// request arrives at an exact time.
    final class ManualUptime: Sendable {
        private let seconds = Mutex(0.0)
        func read() -> Double { self.seconds.withLock { $0 } }
        func advance(by seconds: Double) { self.seconds.withLock { $0 += seconds } }
    }

    final class RetryLog: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [String] = []
        func add(_ entry: String) { self.lock.withLock { self.entries.append(entry) } }
        var all: [String] { self.lock.withLock { self.entries } }
    }

    @Test("the whole chain: schema, dataset, connections, mapping set, flow, inlet URL, runs, PATCH, DELETE")
    func chain() async throws {
        let (emulator, port) = try await Self.emulator()
        defer { Task { await emulator.stop() } }
        let client = Self.client(port: port)
        let schemaId = try await client.createSchema(Self.schema)
        #expect(schemaId.hasPrefix("https://ns.adobe.com/extconndev/schemas/"))
        let datasetId = try await client.createDataset(name: "Pendo", schemaId: schemaId)
        #expect(datasetId.count == 24)
        let source = try await client.createSourceConnection(name: "Streaming Source Connection for Pendo")
        let target = try await client.createTargetConnection(name: "t", schemaId: schemaId, datasetId: datasetId)
        let mappingId = try await client.createMappingSet(Self.mapping, schemaId: schemaId)
        #expect(mappingId.count == 32)
        let flow = try await client.createFlow(
            name: "Pendo flow", sourceConnectionId: source.id, targetConnectionId: target.id, mappingId: mappingId)
        let details = try await client.flow(id: flow.id)
        #expect(details.etag == flow.etag)
        #expect(details.state == "enabled")
        #expect(details.inletUrl.hasPrefix("http://127.0.0.1:\(port)/collection/"))

        #expect(try await client.runs(flowId: flow.id).isEmpty)
        var request = HTTPClientRequest(url: details.inletUrl + "?x-adobe-flow-id=\(flow.id)")
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: #"{"uniqueId": "u1", "accountId": "a1"}"#))
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(30))
        #expect(response.status.code == 200)
        let runs = try await client.runs(flowId: flow.id)
        #expect(runs.first?.inputRecordCount == 1)
        #expect(runs.first?.outputRecordCount == 1)
        #expect(runs.first?.status == "success")

        let renamed = try await client.updateFlow(
            id: flow.id, etag: flow.etag, operations: [.replace("/name", with: "Renamed")])
        #expect(renamed.etag != flow.etag)
        #expect(try await client.flow(id: flow.id).name == "Renamed")

        // 412 on the stale etag, with the problem quoted and the hint.
        do {
            _ = try await client.updateFlow(
                id: flow.id, etag: flow.etag, operations: [.replace("/name", with: "Again")])
            Issue.record("a stale etag must fail")
        } catch let error as FlowServiceError {
            #expect(error.status == 412)
            #expect(error.description.contains("etag is stale"))
            #expect(error.description.contains("Precondition Failed"))
        }

        try await client.deleteFlow(id: flow.id)
        try await client.deleteTargetConnection(id: target.id)
        try await client.deleteSourceConnection(id: source.id)
        do {
            _ = try await client.flow(id: flow.id)
            Issue.record("a deleted flow must be 404")
        } catch let error as FlowServiceError {
            #expect(error.status == 404)
        }
    }

    @Test("401 with the wrong token quotes the problem and never the token")
    func unauthorized() async throws {
        let (emulator, port) = try await Self.emulator { $0.requiredToken = "the-right-token" }
        defer { Task { await emulator.stop() } }
        let client = Self.client(port: port, token: "secret-wrong-token")
        do {
            _ = try await client.createSourceConnection(name: "x")
            Issue.record("expected 401")
        } catch let error as FlowServiceError {
            #expect(error.status == 401)
            #expect(error.description.contains("Oauth token is not valid"))
            #expect(!error.description.contains("secret-wrong-token"))
            #expect(!error.description.contains("key-1234"))
        }
        #expect(!String(describing: client.configuration.credentials).contains("secret-wrong-token"))
    }

    @Test("429 is retried until it succeeds (Retry-After honoured); 503 likewise; retries are bounded")
    func retries() async throws {
        let uptime = ManualUptime()
        let (emulator, port) = try await Self.emulator {
            $0.faults.scope = .api
            $0.faults.rateLimit = 2
            $0.faults.retryAfterSeconds = 1
            $0.uptime = uptime.read
        }
        defer { Task { await emulator.stop() } }
        let log = RetryLog()
        let waits = RetryLog()
        let client = Self.client(port: port, retries: log) { seconds in
            waits.add("\(seconds)")
            uptime.advance(by: seconds)
        }
        for index in 0..<5 {
            _ = try await client.createSourceConnection(name: "s\(index)")
        }
        // A burst of 2 at 0 s; the third waits the 1 s Retry-After (2 tokens back); the fifth likewise.
        #expect(log.all == ["1:429", "1:429"])
        #expect(waits.all == ["1.0", "1.0"])
        #expect(uptime.read() == 2)
        #expect(try emulator.store.recordCount() == 0)

        let (failing, failingPort) = try await Self.emulator {
            $0.faults.scope = .api
            $0.faults.errorRates = [503: 1.0]
        }
        defer { Task { await failing.stop() } }
        let failLog = RetryLog()
        let bounded = Self.client(
            port: failingPort,
            retry: .init(
                maxRetries: 2, baseDelay: 0.01, maxDelay: 0.05, retryableStatuses: RetryPolicy.flowServiceStatuses),
            retries: failLog)
        do {
            _ = try await bounded.runs(flowId: "x")
            Issue.record("expected 503")
        } catch let error as FlowServiceError {
            #expect(error.status == 503)
        }
        #expect(failLog.all == ["1:503", "2:503"])
    }

    @Test(
        "the emulator's per-key count is asked once: a failed or timed-out count is not retried, since a retry would start a second scan"
    )
    func keyCountsAreNotRetried() async throws {
        let (emulator, port) = try await Self.emulator {
            $0.faults.scope = .all
            $0.faults.errorRates = [503: 1.0]
        }
        defer { Task { await emulator.stop() } }
        let log = RetryLog()
        let client = Self.client(port: port, retries: log)
        do {
            _ = try await client.emulatorKeyCounts(flowId: "f", keyPath: "uniqueId")
            Issue.record("expected 503")
        } catch let error as FlowServiceError {
            #expect(error.status == 503)
        }
        #expect(log.all.isEmpty)
        _ = try? await client.runs(flowId: "f")
        #expect(log.all.count == 4, "other calls keep their retries: \(log.all)")
    }

    @Test("credentials come from PENDO_REPLAY_* first, then the file, and say which are missing")
    func credentials() throws {
        let environment = ["PENDO_REPLAY_ACCESS_TOKEN": "tok-env", "PENDO_REPLAY_API_KEY": "key-env"]
        let file = NSTemporaryDirectory() + "creds-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Data(#"{"accessToken": "tok-file", "orgId": "ORG@AdobeOrg", "sandboxName": "dev"}"#.utf8).write(
            to: URL(fileURLWithPath: file))
        let loaded = try FlowServiceCredentials.load(environment: environment, configFile: file)
        #expect(loaded.accessToken == "tok-env")
        #expect(loaded.orgId == "ORG@AdobeOrg")
        #expect(loaded.sandboxName == "dev")
        #expect(!loaded.description.contains("tok-env") && !loaded.description.contains("key-env"))
        #expect(
            loaded.redaction.scrub("Bearer tok-env rejected, key key-env")
                == "Bearer <redacted> rejected, key <redacted>")
        // The one Redaction (ReplayCommon): a JSON-escaped or percent-encoded echo of a secret goes too.
        let slashed = FlowServiceCredentials(accessToken: "tok/2+x", apiKey: "k", orgId: "o", sandboxName: "s")
        #expect(
            slashed.redaction.scrub(#"{"echo": "tok\/2+x", "q": "tok%2F2%2Bx"}"#)
                == #"{"echo": "<redacted>", "q": "<redacted>"}"#)
        #expect(throws: FlowServiceError.self) { try FlowServiceCredentials.load(environment: environment) }
    }
}
