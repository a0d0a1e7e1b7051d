import AsyncHTTPClient
import Foundation
import Hummingbird
import InletEmulator
import Logging
import NIOCore
import ReplayCommon
import Synchronization
import Testing

@testable import FlowServiceClient

/// The client's care with the real platform: creating calls sent once, ids checked before they go
/// into a URL, redirects kept within the base URL's origin, clear-text HTTP only on loopback.
@Suite("FlowServiceClient's safety rules")
struct FlowServiceClientSafetyTests {
    typealias Support = FlowServiceClientTests

    @Test(
        "a POST that creates is not retried after a 5xx or a transport failure, and says it may exist; reads are retried"
    )
    func createsAreSentOnce() async throws {
        let (emulator, port) = try await Support.emulator {
            $0.faults.scope = .api
            $0.faults.errorRates = [503: 1.0]
        }
        defer { Task { await emulator.stop() } }
        let log = Support.RetryLog()
        let client = Support.client(
            port: port,
            retry: .init(
                maxRetries: 3, baseDelay: 0.001, maxDelay: 0.002, retryableStatuses: RetryPolicy.flowServiceStatuses),
            retries: log)
        do {
            _ = try await client.createSourceConnection(name: "s")
            Issue.record("expected 503")
        } catch let error as FlowServiceError {
            #expect(error.status == 503)
            #expect(error.description.contains("not retried: the resource may have been created"))
        }
        #expect(log.all.isEmpty, "\(log.all)")
        do {
            _ = try await client.runs(flowId: "f")
            Issue.record("expected 503")
        } catch let error as FlowServiceError {
            #expect(error.status == 503)
        }
        #expect(log.all == ["1:503", "2:503", "3:503"])

        // Nothing listens on the port of a stopped emulator: one attempt for a creation.
        let (stopped, stoppedPort) = try await Support.emulator()
        await stopped.stop()
        let transportLog = Support.RetryLog()
        let down = Support.client(
            port: stoppedPort,
            retry: .init(
                maxRetries: 3, baseDelay: 0.001, maxDelay: 0.002, retryableStatuses: RetryPolicy.flowServiceStatuses),
            retries: transportLog)
        do {
            _ = try await down.createFlow(name: "f", sourceConnectionId: "a", targetConnectionId: "b", mappingId: "c")
            Issue.record("expected a transport failure")
        } catch let error as FlowServiceError {
            guard case .transport(let method, _, let message) = error else {
                Issue.record("expected .transport, got \(error)")
                return
            }
            #expect(method == "POST")
            #expect(message.contains("not retried"))
        }
        #expect(transportLog.all.isEmpty)
        _ = try? await down.runs(flowId: "f")
        #expect(transportLog.all.count == 3, "reads keep their retries: \(transportLog.all)")
    }

    @Test(
        "ids that would change a URL's meaning are refused before any request",
        arguments: [
            "", "..", ".", "a/b", "../flows", "x?y=1", "x#frag", "a%2Fb", "a b", "a&b",
            String(repeating: "a", count: 129),
        ])
    func idsAreChecked(id: String) async throws {
        // Port 1 on loopback: were a request sent, the error would be a transport failure, not configuration.
        let client = Support.client(port: 1, retry: .init(maxRetries: 0))
        for call in [
            { _ = try await client.flow(id: id) },
            { _ = try await client.runs(flowId: id) },
            { try await client.deleteFlow(id: id) },
            { try await client.deleteSourceConnection(id: id) },
            { try await client.deleteTargetConnection(id: id) },
            { _ = try await client.updateFlow(id: id, etag: "e", operations: []) },
            { _ = try await client.emulatorKeyCounts(flowId: id, keyPath: "uniqueId") },
        ] as [@Sendable () async throws -> Void] {
            do {
                try await call()
                Issue.record("'\(id)' must be refused")
            } catch let error as FlowServiceError {
                guard case .configuration(let message) = error else {
                    Issue.record("expected .configuration for '\(id)', got \(error)")
                    continue
                }
                #expect(message.contains("is not an id"))
            }
        }
    }

    @Test("ids as the platform and the emulator make them pass")
    func validIds() throws {
        for id in [
            "0c8a6a2b-1f2e-4d3c-9b8a-7f6e5d4c3b2a", "63dca52231a6031c07280614", "e77fde5a22a811ed861d0242ac120002",
            "_tenant.schemas.abc:1",
        ] {
            #expect(try FlowServiceClient.checkedId(id, what: "id") == id)
        }
        #expect(throws: FlowServiceError.self) { _ = try FlowServiceClient.checkedId("a/b", what: "flow id") }
    }

    @Test("http:// only to loopback; https anywhere; other schemes refused")
    func cleartextOnlyOnLoopback() async throws {
        for allowed in [
            "https://platform.adobe.io", "http://127.0.0.1:8080", "http://127.1.2.3", "http://localhost:9",
            "http://[::1]:8080", "HTTPS://Platform.Adobe.io/",
        ] {
            #expect(FlowServiceClient.baseURLProblem(allowed) == nil, "\(allowed)")
        }
        for refused in [
            "http://platform.adobe.io", "http://10.0.0.1:8080", "http://127.0.0.1.example.com", "http://128.0.0.1",
            "ftp://127.0.0.1", "platform.adobe.io", "http://",
        ] {
            #expect(FlowServiceClient.baseURLProblem(refused) != nil, "\(refused)")
        }
        // Refused before anything is sent: a configuration error, not a transport failure.
        let client = FlowServiceClient(configuration: .init(baseURL: "http://192.0.2.1:8080", credentials: .emulator))
        do {
            _ = try await client.flow(id: "f")
            Issue.record("http:// to a routable address must be refused")
        } catch let error as FlowServiceError {
            guard case .configuration(let message) = error else {
                Issue.record("expected .configuration, got \(error)")
                return
            }
            #expect(message.contains("http:// is refused except to a loopback address"))
        }
    }

    /// A loopback server whose routes redirect; it counts the requests it answers per path.
    final class RedirectServer: Sendable {
        let hits = Mutex<[String: Int]>([:])
        let port = Mutex(0)
        let task = Mutex<Task<Void, any Error>?>(nil)

        func count(_ path: String) -> Int { self.hits.withLock { $0[path] ?? 0 } }

        /// `redirects` maps a path to the `Location` it answers 307 with; other paths answer a flow.
        func start(redirects: [String: String]) async throws -> Int {
            let router = Router()
            router.get("**") { [self] request, _ -> Response in
                let path = request.uri.path
                self.hits.withLock { $0[path, default: 0] += 1 }
                if let location = redirects[path] {
                    return Response(status: .temporaryRedirect, headers: [.location: location])
                }
                let body =
                    #"{"items": [{"id": "f1", "name": "n", "etag": "\"e\"", "state": "enabled", "options": {"inletUrl": "http://127.0.0.1:1/collection/x"}}]}"#
                return Response(
                    status: .ok, headers: [.contentType: "application/json"],
                    body: .init(byteBuffer: ByteBuffer(string: body)))
            }
            let (stream, continuation) = AsyncStream.makeStream(of: Int.self)
            var logger = Logger(label: "redirect-server")
            logger.logLevel = .critical
            let application = Application(
                router: router,
                configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
                logger: logger
            )
            self.task.withLock { $0 = Task { try await application.runService(gracefulShutdownSignals: []) } }
            var iterator = stream.makeAsyncIterator()
            let port = await iterator.next() ?? 0
            self.port.withLock { $0 = port }
            return port
        }

        func stop() { self.task.withLock { $0?.cancel() } }
    }

    @Test(
        "a redirect within the base URL's origin is followed; one to another origin is not, and nothing is sent there")
    func redirects() async throws {
        let other = RedirectServer()
        let otherPort = try await other.start(redirects: [:])
        defer { other.stop() }
        let server = RedirectServer()
        let flows = "/data/foundation/flowservice/flows/"
        let port = try await server.start(redirects: [
            flows + "same": flows + "f1",
            flows + "away": "http://127.0.0.1:\(otherPort)\(flows)f1",
            flows + "loop": flows + "loop",
        ])
        defer { server.stop() }
        let client = Support.client(port: port, retry: .init(maxRetries: 0))

        let followed = try await client.flow(id: "same")
        #expect(followed.id == "f1" && followed.inletUrl == "http://127.0.0.1:1/collection/x")
        #expect(server.count(flows + "f1") == 1)

        do {
            _ = try await client.flow(id: "away")
            Issue.record("a redirect to another origin must not be followed")
        } catch let error as FlowServiceError {
            guard case .unexpectedAnswer(_, _, let message) = error else {
                Issue.record("expected .unexpectedAnswer, got \(error)")
                return
            }
            #expect(message.contains("307 redirect to http://127.0.0.1:\(otherPort), not followed"))
        }
        #expect(other.count(flows + "f1") == 0, "the other origin received the request (and the credentials)")

        do {
            _ = try await client.flow(id: "loop")
            Issue.record("a redirect loop must end")
        } catch let error as FlowServiceError {
            #expect(error.description.contains("more than \(FlowServiceClient.maxRedirects) redirects"))
        }
        #expect(server.count(flows + "loop") == FlowServiceClient.maxRedirects + 1)
    }

    @Test("answers are typed: a missing field names the call and the field")
    func typedAnswers() throws {
        let client = FlowServiceClient(configuration: .init(baseURL: "http://127.0.0.1:1", credentials: .emulator))
        let flows = try client.decode(
            FlowServiceAnswer.Flows.self, Array(#"{"items": [{"id": "f", "options": {"inletUrl": "u"}}]}"#.utf8), "GET",
            "/flows/f")
        #expect(flows.items.first?.options.inletUrl == "u" && flows.items.first?.etag == nil)
        do {
            _ = try client.decode(
                FlowServiceAnswer.Flows.self, Array(#"{"items": [{"id": "f", "options": {}}]}"#.utf8), "GET", "/flows/f"
            )
            Issue.record("no inletUrl must fail")
        } catch let error as FlowServiceError {
            #expect(
                error.description == "GET /flows/f answered something unexpected: no items[0].options.inletUrl",
                "\(error)")
        }
        #expect(throws: FlowServiceError.self) {
            _ = try client.decode(FlowServiceAnswer.Schema.self, nil, "POST", "/schemas")
        }
        #expect(throws: FlowServiceError.self) {
            _ = try client.decode(FlowServiceAnswer.Schema.self, Array("not json".utf8), "POST", "/schemas")
        }
        let body = try FlowServiceClient.encode(
            FlowServiceRequest.Dataset(name: "d", schemaRef: .init(id: "s", contentType: FlowServiceClient.xedFull)))
        let decoded = try JSONSerialization.jsonObject(with: Data(body)) as? NSDictionary
        #expect(
            decoded == [
                "name": "d", "schemaRef": ["id": "s", "contentType": "application/vnd.adobe.xed-full+json;version=1"],
            ] as NSDictionary)
    }
}

extension FlowServiceClientSafetyTests {
    @Test("a schema $id goes into a DELETE as one percent-encoded path segment; control characters are refused")
    func schemaIdsAreOneSegment() throws {
        #expect(
            try FlowServiceClient.schemaPathSegment("https://ns.adobe.com/tenant/schemas/0a1b?x=../y")
                == "https%3A%2F%2Fns.adobe.com%2Ftenant%2Fschemas%2F0a1b%3Fx%3D..%2Fy")
        #expect(throws: FlowServiceError.self) {
            try FlowServiceClient.schemaPathSegment("https://ns.adobe.com/a\r\nHost: evil")
        }
        #expect(throws: FlowServiceError.self) { try FlowServiceClient.schemaPathSegment("") }
    }
}
