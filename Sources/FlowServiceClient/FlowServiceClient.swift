import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The Flow Service chain of the seed as typed calls, against `https://platform.adobe.io` or the
/// emulator. Every call sends the four Platform headers, retries 429 and 5xx with back-off (and
/// `Retry-After`), and throws ``FlowServiceError`` quoting the service's problem document.
public final class FlowServiceClient: Sendable {
    /// Where and how to call.
    public struct Configuration: Sendable {
        /// Base URL without a trailing slash (`https://platform.adobe.io`, or the emulator's).
        public var baseURL: String
        /// The four header values.
        public var credentials: FlowServiceCredentials
        /// Retries of 429, 5xx and transport failures.
        public var retry: RetryPolicy
        /// Timeout of one attempt, in seconds.
        public var timeout: Double

        public init(
            baseURL: String = "https://platform.adobe.io",
            credentials: FlowServiceCredentials,
            retry: RetryPolicy = .init(),
            timeout: Double = 30
        ) {
            var base = baseURL
            while base.hasSuffix("/") { base.removeLast() }
            self.baseURL = base
            self.credentials = credentials
            self.retry = retry
            self.timeout = timeout
        }
    }

    /// The id and etag answered by a creation or a PATCH.
    public struct Created: Sendable, Equatable, Codable {
        public var id: String
        public var etag: String
    }

    /// What `GET /flows/{id}` says that provisioning needs.
    public struct Flow: Sendable, Equatable {
        public var id: String
        public var name: String
        public var etag: String
        public var state: String
        public var inletUrl: String
    }

    /// A run's record summary from `GET /runs`.
    public struct Run: Sendable, Equatable {
        public var id: String
        public var status: String
        public var inputRecordCount: Int
        public var outputRecordCount: Int
        public var failedRecordCount: Int
    }

    /// One JSON Patch operation.
    public struct PatchOperation: Sendable {
        public var op: String
        public var path: String
        public var value: (any Sendable)?

        public init(op: String, path: String, value: (any Sendable)? = nil) {
            self.op = op
            self.path = path
            self.value = value
        }

        /// `{"op": "replace", "path": path, "value": value}`.
        public static func replace(_ path: String, with value: any Sendable) -> PatchOperation {
            PatchOperation(op: "replace", path: path, value: value)
        }
    }

    public let configuration: Configuration
    private let http: HTTPClient
    /// Called before each retry with the attempt, the reason and the delay (progress display, tests).
    private let onRetry: @Sendable (Int, String, Double) -> Void
    /// Waits the back-off before a retry, in seconds: `Task.sleep`; tests move a manual clock instead.
    private let sleep: @Sendable (Double) async throws -> Void

    public init(
        configuration: Configuration,
        httpClient: HTTPClient = FlowServiceClient.httpClient,
        onRetry: @escaping @Sendable (Int, String, Double) -> Void = { _, _, _ in },
        sleep: @escaping @Sendable (Double) async throws -> Void = { try await Task.sleep(for: .milliseconds(Int64($0 * 1000))) }
    ) {
        self.configuration = configuration
        self.http = httpClient
        self.sleep = sleep
        self.onRetry = onRetry
    }

    /// The HTTP client calls go through unless one is given. Its pool does not retry a failed connect:
    /// AsyncHTTPClient's default retries one until the request's deadline (`timeout`, 30 s an attempt),
    /// so with it a Flow Service that is down holds every call for minutes, and a `run` whose inlet and
    /// Flow Service go away mid-run sits in its after-run reads instead of exiting. Here a refused
    /// connect fails the attempt at once, and `RetryPolicy`'s back-off decides whether another follows.
    public static let httpClient: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    // MARK: The chain

    /// `POST /data/foundation/schemaregistry/tenant/schemas`: the schema's `$id`.
    public func createSchema(_ schema: [UInt8]) async throws -> String {
        let answer = try await self.call("POST", "/data/foundation/schemaregistry/tenant/schemas", body: schema)
        guard let id = (answer as? [String: Any])?["$id"] as? String else {
            throw FlowServiceError.unexpectedAnswer(method: "POST", path: "/data/foundation/schemaregistry/tenant/schemas", message: "no $id")
        }
        return id
    }

    /// `POST /data/foundation/catalog/dataSets`: the dataset id (from `["@/dataSets/{id}"]`).
    public func createDataset(name: String, schemaId: String) async throws -> String {
        let path = "/data/foundation/catalog/dataSets"
        let body: [String: Any] = [
            "name": name,
            "schemaRef": ["id": schemaId, "contentType": "application/vnd.adobe.xed-full+json;version=1"],
        ]
        let answer = try await self.call("POST", path, json: body)
        guard let reference = (answer as? [String])?.first, reference.hasPrefix("@/dataSets/") else {
            throw FlowServiceError.unexpectedAnswer(method: "POST", path: path, message: "expected [\"@/dataSets/{id}\"]")
        }
        return String(reference.dropFirst("@/dataSets/".count))
    }

    /// `POST /sourceConnections` for Pendo (the seed's body).
    public func createSourceConnection(name: String, description: String? = nil) async throws -> Created {
        try await self.created(
            "/data/foundation/flowservice/sourceConnections",
            [
                "name": name,
                "providerId": "521eee4d-8cbe-4906-bb48-fb6bd4450033",
                "description": description ?? name,
                "connectionSpec": ["id": "6ff5654f-19d5-427d-bd3e-c0ebc802389a", "version": "1.0"],
                "data": ["format": "json"],
            ]
        )
    }

    /// `POST /targetConnections` to the data lake, naming the schema and the dataset.
    public func createTargetConnection(name: String, description: String? = nil, schemaId: String, datasetId: String) async throws -> Created {
        try await self.created(
            "/data/foundation/flowservice/targetConnections",
            [
                "name": name,
                "description": description ?? name,
                "connectionSpec": ["id": "c604ff05-7f1a-43c0-8e18-33bf874cb11c", "version": "1.0"],
                "data": ["format": "json", "schema": ["id": schemaId, "version": "application/vnd.adobe.xed-full+json;version=1"]],
                "params": ["dataSetId": datasetId],
            ]
        )
    }

    /// `POST /conversion/mappingSets` with a mapping-set document; its `outputSchema` is set to
    /// `schemaId` when given. Answers the mapping set id.
    public func createMappingSet(_ document: [UInt8], schemaId: String? = nil) async throws -> String {
        let path = "/data/foundation/conversion/mappingSets"
        guard var object = try? JSONSerialization.jsonObject(with: Data(document)) as? [String: Any] else {
            throw FlowServiceError.configuration("the mapping set is not a JSON object")
        }
        if let schemaId {
            object["outputSchema"] = ["schemaRef": ["id": schemaId, "contentType": "application/vnd.adobe.xed-full+json;version=1"]]
        }
        let answer = try await self.call("POST", path, json: object)
        guard let id = (answer as? [String: Any])?["id"] as? String else {
            throw FlowServiceError.unexpectedAnswer(method: "POST", path: path, message: "no id")
        }
        return id
    }

    /// `POST /flows` with the Pendo flow spec and a Mapping transformation.
    public func createFlow(name: String, description: String? = nil, sourceConnectionId: String, targetConnectionId: String, mappingId: String) async throws -> Created {
        try await self.created(
            "/data/foundation/flowservice/flows",
            [
                "name": name,
                "description": description ?? name,
                "flowSpec": ["id": "e77fde5a-22a8-11ed-861d-0242ac120002", "version": "1.0"],
                "sourceConnectionIds": [sourceConnectionId],
                "targetConnectionIds": [targetConnectionId],
                "transformations": [["name": "Mapping", "params": ["mappingId": mappingId, "mappingVersion": 0]]],
            ]
        )
    }

    /// `GET /flows/{id}`.
    public func flow(id: String) async throws -> Flow {
        let path = "/data/foundation/flowservice/flows/\(id)"
        let answer = try await self.call("GET", path)
        guard let item = ((answer as? [String: Any])?["items"] as? [[String: Any]])?.first,
            let inletUrl = (item["options"] as? [String: Any])?["inletUrl"] as? String
        else {
            throw FlowServiceError.unexpectedAnswer(method: "GET", path: path, message: "no items[0].options.inletUrl")
        }
        return Flow(
            id: item["id"] as? String ?? id,
            name: item["name"] as? String ?? "",
            etag: item["etag"] as? String ?? "",
            state: item["state"] as? String ?? "",
            inletUrl: inletUrl
        )
    }

    /// `GET /runs?property=flowId=={id}`.
    public func runs(flowId: String) async throws -> [Run] {
        let answer = try await self.call("GET", "/data/foundation/flowservice/runs?property=flowId==\(flowId)")
        let items = (answer as? [String: Any])?["items"] as? [[String: Any]] ?? []
        return items.map { item in
            let metrics = item["metrics"] as? [String: Any]
            let records = metrics?["recordSummary"] as? [String: Any]
            let status = metrics?["statusSummary"] as? [String: Any]
            return Run(
                id: item["id"] as? String ?? "",
                status: status?["status"] as? String ?? "",
                inputRecordCount: records?["inputRecordCount"] as? Int ?? 0,
                outputRecordCount: records?["outputRecordCount"] as? Int ?? 0,
                failedRecordCount: records?["failedRecordCount"] as? Int ?? 0
            )
        }
    }

    /// The pendo-replay emulator's records of a flow counted per key (`GET /emulator/flows/{id}/keys`),
    /// for `reconcile`; nil when the service is not the emulator (404: Adobe has no such endpoint).
    public func emulatorKeyCounts(flowId: String, keyPath: String) async throws -> (counts: [String: Int], withoutKey: Int)? {
        let path = "/emulator/flows/\(flowId)/keys?path=\(keyPath)"
        let answer: Any?
        do {
            // Counting scans every record of the flow (minutes for millions): one attempt with a long
            // timeout, since a retry after a timeout would start a second scan beside the first.
            answer = try await self.call("GET", path, timeout: max(self.configuration.timeout, Self.keyCountTimeout), retries: false)
        } catch let error as FlowServiceError where error.status == 404 {
            return nil
        }
        guard let object = answer as? [String: Any], let counts = object["counts"] as? [String: Int] else {
            throw FlowServiceError.unexpectedAnswer(method: "GET", path: path, message: "no counts object")
        }
        return (counts, object["withoutKey"] as? Int ?? 0)
    }

    /// `PATCH /flows/{id}` with `If-Match: etag`: the new etag (412 becomes a ``FlowServiceError``).
    public func updateFlow(id: String, etag: String, operations: [PatchOperation]) async throws -> Created {
        let path = "/data/foundation/flowservice/flows/\(id)"
        let body: [[String: Any]] = operations.map { operation in
            var entry: [String: Any] = ["op": operation.op, "path": operation.path]
            if let value = operation.value { entry["value"] = value }
            return entry
        }
        let answer = try await self.call("PATCH", path, json: body, extraHeaders: [("If-Match", etag)])
        guard let object = answer as? [String: Any], let newEtag = object["etag"] as? String else {
            throw FlowServiceError.unexpectedAnswer(method: "PATCH", path: path, message: "no etag")
        }
        return Created(id: object["id"] as? String ?? id, etag: newEtag)
    }

    /// `DELETE /flows/{id}`.
    public func deleteFlow(id: String) async throws {
        _ = try await self.call("DELETE", "/data/foundation/flowservice/flows/\(id)")
    }

    /// `DELETE /sourceConnections/{id}`.
    public func deleteSourceConnection(id: String) async throws {
        _ = try await self.call("DELETE", "/data/foundation/flowservice/sourceConnections/\(id)")
    }

    /// `DELETE /targetConnections/{id}`.
    public func deleteTargetConnection(id: String) async throws {
        _ = try await self.call("DELETE", "/data/foundation/flowservice/targetConnections/\(id)")
    }

    // MARK: Transport

    private func created(_ path: String, _ body: [String: Any]) async throws -> Created {
        let answer = try await self.call("POST", path, json: body)
        guard let object = answer as? [String: Any], let id = object["id"] as? String, let etag = object["etag"] as? String else {
            throw FlowServiceError.unexpectedAnswer(method: "POST", path: path, message: "expected {\"id\", \"etag\"}")
        }
        return Created(id: id, etag: etag)
    }

    private func call(_ method: String, _ path: String, json: Any, extraHeaders: [(String, String)] = []) async throws -> Any? {
        let data = try JSONSerialization.data(withJSONObject: json)
        return try await self.call(method, path, body: Array(data), extraHeaders: extraHeaders)
    }

    /// Seconds `emulatorKeyCounts` waits for the emulator's count.
    static let keyCountTimeout: Double = 900

    /// Sends one request with retries (unless `retries` is false); answers the parsed JSON body (nil
    /// when empty). `timeout` replaces the configuration's for this call.
    func call(_ method: String, _ path: String, body: [UInt8]? = nil, extraHeaders: [(String, String)] = [],
              timeout: Double? = nil, retries: Bool = true) async throws -> Any? {
        let credentials = self.configuration.credentials
        var request = HTTPClientRequest(url: self.configuration.baseURL + path)
        request.method = HTTPMethod(rawValue: method)
        request.headers.add(name: "Authorization", value: "Bearer \(credentials.accessToken)")
        request.headers.add(name: "x-api-key", value: credentials.apiKey)
        request.headers.add(name: "x-gw-ims-org-id", value: credentials.orgId)
        request.headers.add(name: "x-sandbox-name", value: credentials.sandboxName)
        request.headers.add(name: "Accept", value: "application/json")
        for (name, value) in extraHeaders { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        var retry = 0
        while true {
            let reason: String
            var retryAfter: Double?
            do {
                let response = try await self.http.execute(request, timeout: .milliseconds(Int64((timeout ?? self.configuration.timeout) * 1000)))
                let bytes = try await response.body.collect(upTo: 16 * 1_048_576)
                let status = Int(response.status.code)
                if (200..<300).contains(status) {
                    guard bytes.readableBytes > 0 else { return nil }
                    return try? JSONSerialization.jsonObject(with: Data(bytes.readableBytesView), options: [.fragmentsAllowed])
                }
                let problem = credentials.redact(String(decoding: bytes.readableBytesView, as: UTF8.self))
                guard RetryPolicy.isRetryable(status: status) else {
                    throw FlowServiceError.service(status: status, method: method, path: path, problem: problem)
                }
                retryAfter = response.headers.first(name: "Retry-After").flatMap(Double.init)
                reason = "\(status)"
                retry += 1
                guard retries, let delay = self.configuration.retry.delay(retry: retry, retryAfter: retryAfter, jitter: Double.random(in: 0..<1)) else {
                    throw FlowServiceError.service(status: status, method: method, path: path, problem: problem)
                }
                self.onRetry(retry, reason, delay)
                try await self.sleep(delay)
            } catch let error as FlowServiceError {
                throw error
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                retry += 1
                let message = credentials.redact(String(describing: error))
                guard retries, let delay = self.configuration.retry.delay(retry: retry, retryAfter: nil, jitter: Double.random(in: 0..<1)) else {
                    throw FlowServiceError.transport(method: method, path: path, message: message)
                }
                self.onRetry(retry, message, delay)
                try await self.sleep(delay)
            }
        }
    }
}
