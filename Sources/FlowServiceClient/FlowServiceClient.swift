import AsyncHTTPClient
import DataPrep
import Foundation
import NIOCore
import NIOHTTP1
import PendoEvents
import ReplayCommon

/// The Flow Service chain of the seed as typed calls, against `https://platform.adobe.io` or the
/// emulator. Every call sends the four Platform headers and throws ``FlowServiceError`` quoting the
/// service's problem document. Calls that read, change or delete retry 429 and 5xx with back-off
/// (and `Retry-After`); a `POST` that creates a resource retries only 429 (the service refused it
/// before doing anything), since after a 5xx or a lost answer it may exist already and a retry
/// would create a second one. Ids go into paths only when they look like ids; the base URL is
/// `https://`, or `http://` to a loopback address only; a redirect is followed only within the
/// base URL's origin (the credentials go with every request).
public final class FlowServiceClient: Sendable {
    /// Where and how to call.
    public struct Configuration: Sendable {
        /// Base URL without a trailing slash (`https://platform.adobe.io`, or the emulator's).
        public var baseURL: String
        /// The four header values.
        public var credentials: FlowServiceCredentials
        /// Retries of 429, 5xx and transport failures (never of a creating POST after a 5xx or a transport failure).
        public var retry: RetryPolicy
        /// Timeout of one attempt, in seconds.
        public var timeout: Double

        public init(
            baseURL: String = "https://platform.adobe.io",
            credentials: FlowServiceCredentials,
            retry: RetryPolicy = .flowService,
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
    public struct PatchOperation: Sendable, Equatable {
        public var op: String
        public var path: String
        public var value: JSONValue?

        public init(op: String, path: String, value: JSONValue? = nil) {
            self.op = op
            self.path = path
            self.value = value
        }

        /// `{"op": "replace", "path": path, "value": value}`.
        public static func replace(_ path: String, with value: JSONValue) -> PatchOperation {
            PatchOperation(op: "replace", path: path, value: value)
        }
    }

    public let configuration: Configuration
    private let http: HTTPClient
    /// Called before each retry with the attempt, the reason and the delay (progress display, tests).
    private let onRetry: @Sendable (Int, String, Double) -> Void
    /// Waits the back-off before a retry, in seconds: `Task.sleep`; tests move a manual clock instead.
    private let sleep: @Sendable (Double) async throws -> Void
    /// The back-off's jitter draw, uniform in 0..<1: the system's generator unless one is given.
    private let random: @Sendable () -> Double

    public init(
        configuration: Configuration,
        httpClient: HTTPClient = FlowServiceClient.httpClient,
        onRetry: @escaping @Sendable (Int, String, Double) -> Void = { _, _, _ in },
        sleep: @escaping @Sendable (Double) async throws -> Void = {
            try await Task.sleep(for: DurationText.duration(seconds: $0))
        },
        random: @escaping @Sendable () -> Double = { Double(SeededRandom.systemSeed() >> 11) * 0x1.0p-53 }
    ) {
        self.random = random
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
        // Redirects are the client's to judge (`call`): it follows one only within the base URL's origin.
        configuration.redirectConfiguration = .disallow
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()

    // MARK: The chain

    /// `POST /data/foundation/schemaregistry/tenant/schemas`: the schema's `$id`.
    public func createSchema(_ schema: [UInt8]) async throws -> String {
        let path = "/data/foundation/schemaregistry/tenant/schemas"
        let answer = try await self.call("POST", path, body: schema, creates: true)
        return try self.decode(FlowServiceAnswer.Schema.self, answer, "POST", path).id
    }

    /// `POST /data/foundation/catalog/dataSets`: the dataset id (from `["@/dataSets/{id}"]`).
    public func createDataset(name: String, schemaId: String) async throws -> String {
        let path = "/data/foundation/catalog/dataSets"
        let body = FlowServiceRequest.Dataset(name: name, schemaRef: .init(id: schemaId, contentType: Self.xedFull))
        let answer = try await self.call("POST", path, body: try Self.encode(body), creates: true)
        guard let reference = try self.decode([String].self, answer, "POST", path).first,
            reference.hasPrefix("@/dataSets/")
        else {
            throw FlowServiceError.unexpectedAnswer(
                method: "POST", path: path, message: "expected [\"@/dataSets/{id}\"]")
        }
        return String(reference.dropFirst("@/dataSets/".count))
    }

    /// `POST /sourceConnections` for Pendo (the seed's body).
    public func createSourceConnection(name: String, description: String? = nil) async throws -> Created {
        let body = FlowServiceRequest.SourceConnection(
            name: name, providerId: "521eee4d-8cbe-4906-bb48-fb6bd4450033", description: description ?? name,
            connectionSpec: .init(id: "6ff5654f-19d5-427d-bd3e-c0ebc802389a", version: "1.0"),
            data: .init(format: "json"))
        return try await self.created("/data/foundation/flowservice/sourceConnections", try Self.encode(body))
    }

    /// `POST /targetConnections` to the data lake, naming the schema and the dataset.
    public func createTargetConnection(name: String, description: String? = nil, schemaId: String, datasetId: String)
        async throws -> Created
    {
        let body = FlowServiceRequest.TargetConnection(
            name: name, description: description ?? name,
            connectionSpec: .init(id: "c604ff05-7f1a-43c0-8e18-33bf874cb11c", version: "1.0"),
            data: .init(format: "json", schema: .init(id: schemaId, version: Self.xedFull)),
            params: .init(dataSetId: datasetId))
        return try await self.created("/data/foundation/flowservice/targetConnections", try Self.encode(body))
    }

    /// `POST /conversion/mappingSets` with a mapping-set document; its `outputSchema` is set to
    /// `schemaId` when given. Answers the mapping set id.
    public func createMappingSet(_ document: [UInt8], schemaId: String? = nil) async throws -> String {
        let path = "/data/foundation/conversion/mappingSets"
        var object: JSONValue
        do {
            object = try JSONValue.parse(document)
        } catch {
            throw FlowServiceError.configuration("the mapping set is not JSON: \(error)")
        }
        guard case .object = object else {
            throw FlowServiceError.configuration("the mapping set is not a JSON object")
        }
        if let schemaId {
            object["outputSchema"] = .obj(
                ("schemaRef", .obj(("id", .string(schemaId)), ("contentType", .string(Self.xedFull)))))
        }
        let answer = try await self.call("POST", path, body: object.serialized(), creates: true)
        return try self.decode(FlowServiceAnswer.MappingSet.self, answer, "POST", path).id
    }

    /// `POST /flows` with the Pendo flow spec and a Mapping transformation.
    public func createFlow(
        name: String, description: String? = nil, sourceConnectionId: String, targetConnectionId: String,
        mappingId: String
    ) async throws -> Created {
        let body = FlowServiceRequest.Flow(
            name: name, description: description ?? name,
            flowSpec: .init(id: "e77fde5a-22a8-11ed-861d-0242ac120002", version: "1.0"),
            sourceConnectionIds: [sourceConnectionId], targetConnectionIds: [targetConnectionId],
            transformations: [.init(name: "Mapping", params: .init(mappingId: mappingId, mappingVersion: 0))])
        return try await self.created("/data/foundation/flowservice/flows", try Self.encode(body))
    }

    /// `GET /flows/{id}`.
    public func flow(id: String) async throws -> Flow {
        let path = "/data/foundation/flowservice/flows/\(try Self.checkedId(id, what: "flow id"))"
        let answer = try await self.call("GET", path)
        guard let item = try self.decode(FlowServiceAnswer.Flows.self, answer, "GET", path).items.first else {
            throw FlowServiceError.unexpectedAnswer(method: "GET", path: path, message: "no items[0].options.inletUrl")
        }
        return Flow(
            id: item.id ?? id, name: item.name ?? "", etag: item.etag ?? "", state: item.state ?? "",
            inletUrl: item.options.inletUrl)
    }

    /// The schema the flow's dataset holds, which an XDM message's `schemaRef` must name:
    /// `GET /flows/{id}`'s first target connection, then `GET /targetConnections/{id}`'s `data.schema.id`.
    public func targetSchemaId(flowId: String) async throws -> String {
        let flowPath = "/data/foundation/flowservice/flows/\(try Self.checkedId(flowId, what: "flow id"))"
        let flows = try self.decode(FlowServiceAnswer.Flows.self, try await self.call("GET", flowPath), "GET", flowPath)
        guard let targetId = flows.items.first?.targetConnectionIds?.first else {
            throw FlowServiceError.unexpectedAnswer(
                method: "GET", path: flowPath, message: "no items[0].targetConnectionIds[0]")
        }
        let path =
            "/data/foundation/flowservice/targetConnections/\(try Self.checkedId(targetId, what: "target connection id"))"
        guard
            let schema = try self.decode(
                FlowServiceAnswer.TargetConnections.self, try await self.call("GET", path), "GET", path
            )
            .items.first?.data.schema.id
        else {
            throw FlowServiceError.unexpectedAnswer(method: "GET", path: path, message: "no items[0].data.schema.id")
        }
        return schema
    }

    /// `GET /runs?property=flowId=={id}`.
    public func runs(flowId: String) async throws -> [Run] {
        let path = "/data/foundation/flowservice/runs?property=flowId==\(try Self.checkedId(flowId, what: "flow id"))"
        let answer = try await self.call("GET", path)
        let items = try self.decode(FlowServiceAnswer.Runs.self, answer, "GET", path).items ?? []
        return items.map { item in
            let records = item.metrics?.recordSummary
            return Run(
                id: item.id ?? "",
                status: item.metrics?.statusSummary?.status ?? "",
                inputRecordCount: records?.inputRecordCount ?? 0,
                outputRecordCount: records?.outputRecordCount ?? 0,
                failedRecordCount: records?.failedRecordCount ?? 0
            )
        }
    }

    /// The pendo-replay emulator's records of a flow counted per key (`GET /emulator/flows/{id}/keys`),
    /// for `reconcile`; nil when the service is not the emulator (404: Adobe has no such endpoint).
    public func emulatorKeyCounts(flowId: String, keyPath: String) async throws -> (
        counts: [String: Int], withoutKey: Int
    )? {
        guard !keyPath.isEmpty, keyPath.utf8.allSatisfy(Self.isIdByte) else {
            throw FlowServiceError.configuration(
                "key path '\(keyPath)': dot-separated field names only (letters, digits, _ . - :)")
        }
        let path = "/emulator/flows/\(try Self.checkedId(flowId, what: "flow id"))/keys?path=\(keyPath)"
        let answer: [UInt8]?
        do {
            // Counting scans every record of the flow (minutes for millions): one attempt with a long
            // timeout, since a retry after a timeout would start a second scan beside the first.
            answer = try await self.call(
                "GET", path, timeout: max(self.configuration.timeout, Self.keyCountTimeout), retries: false)
        } catch let error as FlowServiceError where error.status == 404 {
            return nil
        }
        let counts = try self.decode(FlowServiceAnswer.KeyCounts.self, answer, "GET", path)
        return (counts.counts, counts.withoutKey ?? 0)
    }

    /// `PATCH /flows/{id}` with `If-Match: etag`: the new etag (412 becomes a ``FlowServiceError``).
    public func updateFlow(id: String, etag: String, operations: [PatchOperation]) async throws -> Created {
        let path = "/data/foundation/flowservice/flows/\(try Self.checkedId(id, what: "flow id"))"
        let body = JSONValue.array(
            operations.map { operation in
                var entry = JSONValue.obj(("op", .string(operation.op)), ("path", .string(operation.path)))
                if let value = operation.value { entry["value"] = value }
                return entry
            })
        let answer = try await self.call("PATCH", path, body: body.serialized(), extraHeaders: [("If-Match", etag)])
        let patched = try self.decode(FlowServiceAnswer.Patched.self, answer, "PATCH", path)
        return Created(id: patched.id ?? id, etag: patched.etag)
    }

    /// `DELETE /flows/{id}`.
    public func deleteFlow(id: String) async throws {
        _ = try await self.call(
            "DELETE", "/data/foundation/flowservice/flows/\(try Self.checkedId(id, what: "flow id"))")
    }

    /// `DELETE /sourceConnections/{id}`.
    public func deleteSourceConnection(id: String) async throws {
        _ = try await self.call(
            "DELETE",
            "/data/foundation/flowservice/sourceConnections/\(try Self.checkedId(id, what: "source connection id"))")
    }

    /// `DELETE /targetConnections/{id}`.
    public func deleteTargetConnection(id: String) async throws {
        _ = try await self.call(
            "DELETE",
            "/data/foundation/flowservice/targetConnections/\(try Self.checkedId(id, what: "target connection id"))")
    }

    /// `DELETE /data/foundation/catalog/dataSets/{id}`.
    public func deleteDataset(id: String) async throws {
        _ = try await self.call(
            "DELETE", "/data/foundation/catalog/dataSets/\(try Self.checkedId(id, what: "dataset id"))")
    }

    /// `DELETE /data/foundation/schemaregistry/tenant/schemas/{id}`: the schema's `$id` (a URL), percent-encoded
    /// into one path segment.
    public func deleteSchema(id: String) async throws {
        _ = try await self.call(
            "DELETE", "/data/foundation/schemaregistry/tenant/schemas/\(try Self.schemaPathSegment(id))")
    }

    // MARK: Transport

    /// The schema content type every reference names.
    static let xedFull = "application/vnd.adobe.xed-full+json;version=1"

    private func created(_ path: String, _ body: [UInt8]) async throws -> Created {
        let answer = try await self.call("POST", path, body: body, creates: true)
        return try self.decode(Created.self, answer, "POST", path)
    }

    static func encode(_ body: some Encodable) throws -> [UInt8] {
        Array(try JSONEncoder().encode(body))
    }

    /// The answer read as `type`, or ``FlowServiceError/unexpectedAnswer`` naming the call and what is missing.
    func decode<Answer: Decodable>(_ type: Answer.Type, _ answer: [UInt8]?, _ method: String, _ path: String) throws
        -> Answer
    {
        guard let answer else {
            throw FlowServiceError.unexpectedAnswer(method: method, path: path, message: "an empty body")
        }
        do {
            return try JSONDecoder().decode(type, from: Data(answer))
        } catch let DecodingError.keyNotFound(key, context) {
            throw FlowServiceError.unexpectedAnswer(
                method: method, path: path, message: "no \(Self.place(context.codingPath + [key]))")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let at = Self.place(context.codingPath)
            throw FlowServiceError.unexpectedAnswer(
                method: method, path: path, message: "\(at.isEmpty ? "the body" : at) is not what the API documents")
        } catch {
            throw FlowServiceError.unexpectedAnswer(method: method, path: path, message: "the body is not JSON")
        }
    }

    /// `items[0].options.inletUrl` for a decoding path.
    static func place(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text
    }

    /// Bytes allowed in an id that goes into a path or a query: Flow Service ids are hex or UUIDs,
    /// dataset ids hex, schema ids URLs (never in a path here); nothing that changes a URL's meaning
    /// (`/`, `?`, `#`, `%`, `&`, spaces) gets through.
    static func isIdByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."), UInt8(ascii: ":"):
            return true
        default:
            return false
        }
    }

    /// `id` when it can go into a URL as it is (1 to 128 id bytes, not `.` or `..`); otherwise a
    /// configuration error that names it, since ids come from files and flags.
    static func checkedId(_ id: String, what: String) throws -> String {
        guard (1...128).contains(id.utf8.count), id.utf8.allSatisfy(Self.isIdByte), id != ".", id != ".." else {
            let shown = id.count > 80 ? String(id.prefix(80)) + "..." : id
            throw FlowServiceError.configuration(
                "\(what) '\(shown)' is not an id (letters, digits, - _ . : only, at most 128)")
        }
        return id
    }

    /// A schema `$id` (a URL) as one path segment: every byte but ASCII letters, digits and `-._~`
    /// percent-encoded, so that nothing in it can reach another path.
    static func schemaPathSegment(_ id: String) throws -> String {
        guard (1...512).contains(id.utf8.count), !id.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else {
            let shown = id.count > 80 ? String(id.prefix(80)) + "..." : id
            throw FlowServiceError.configuration(
                "schema id '\(shown)' is not a schema $id (at most 512 characters, no control characters)")
        }
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        for byte in id.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Why `baseURL` cannot be called, or nil: it must be `https://`, or `http://` to a loopback
    /// address (the credentials would cross the network in clear text otherwise).
    static func baseURLProblem(_ baseURL: String) -> String? {
        guard let url = URL(string: baseURL), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty
        else {
            return "--flow-service \(baseURL) is not a URL (e.g. https://platform.adobe.io or http://127.0.0.1:8080)"
        }
        switch scheme {
        case "https":
            return nil
        case "http":
            return Self.isLoopback(host)
                ? nil
                : "--flow-service \(baseURL): http:// is refused except to a loopback address (127.0.0.1, ::1, localhost), since every request carries the access token; use https://"
        default:
            return "--flow-service \(baseURL): the scheme must be https (or http to a loopback address)"
        }
    }

    static func isLoopback(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if bare.lowercased() == "localhost" || bare == "::1" { return true }
        let parts = bare.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }

    /// `scheme://host:port` of a URL, lower-cased, with the scheme's default port made explicit.
    static func origin(_ url: URL) -> String? {
        guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased() else { return nil }
        let port = url.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : -1)
        return "\(scheme)://\(host):\(port)"
    }

    /// Seconds `emulatorKeyCounts` waits for the emulator's count.
    static let keyCountTimeout: Double = 900

    /// Redirects followed within the base URL's origin before a call fails.
    static let maxRedirects = 5

    /// Sends one request; answers the body (nil when empty). `timeout` replaces the configuration's
    /// for this call. Retries follow `configuration.retry` unless `retries` is false; a call that
    /// `creates` a resource retries only 429.
    func call(
        _ method: String, _ path: String, body: [UInt8]? = nil, extraHeaders: [(String, String)] = [],
        timeout: Double? = nil, retries: Bool = true, creates: Bool = false
    ) async throws -> [UInt8]? {
        if let problem = Self.baseURLProblem(self.configuration.baseURL) {
            throw FlowServiceError.configuration(problem)
        }
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
        var redirects = 0
        while true {
            let reason: String
            var retryAfter: Double?
            do {
                let response = try await self.http.execute(
                    request, timeout: .nanoseconds(DurationText.nanoseconds(timeout ?? self.configuration.timeout)))
                let bytes = try await response.body.collect(upTo: 16 * 1_048_576)
                let status = Int(response.status.code)
                if (200..<300).contains(status) {
                    return bytes.readableBytes > 0 ? Array(bytes.readableBytesView) : nil
                }
                if (300..<400).contains(status) {
                    request.url = try self.redirectTarget(
                        status: status, location: response.headers.first(name: "Location"),
                        from: request.url, hops: &redirects, method: method, path: path)
                    continue
                }
                let problem = credentials.redaction.scrub(String(decoding: bytes.readableBytesView, as: UTF8.self))
                guard self.configuration.retry.isRetryable(status: status), !creates || status == 429 else {
                    throw FlowServiceError.service(
                        status: status, method: method, path: path,
                        problem: problem + (creates && status >= 500 ? Self.mayExist : ""))
                }
                retryAfter = response.headers.first(name: "Retry-After").flatMap(Double.init)
                reason = "\(status)"
                retry += 1
                guard retries,
                    let delay = self.configuration.retry.delay(
                        beforeRetry: retry, retryAfter: retryAfter, random: self.random())
                else {
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
                let message = credentials.redaction.scrub(String(describing: error))
                guard retries, !creates, self.configuration.retry.retriesConnectionFailures,
                    let delay = self.configuration.retry.delay(
                        beforeRetry: retry, retryAfter: nil, random: self.random())
                else {
                    throw FlowServiceError.transport(
                        method: method, path: path, message: message + (creates ? Self.mayExist : ""))
                }
                self.onRetry(retry, message, delay)
                try await self.sleep(delay)
            }
        }
    }

    /// Said when a creating `POST` failed after it may have reached the service.
    static let mayExist = " (not retried: the resource may have been created; list or delete it before trying again)"

    /// The URL a redirect answer points to, when it stays within the base URL's origin.
    private func redirectTarget(
        status: Int, location: String?, from current: String, hops: inout Int, method: String, path: String
    ) throws -> String {
        guard let location, let base = URL(string: current),
            let target = URL(string: location, relativeTo: base)?.absoluteURL
        else {
            throw FlowServiceError.unexpectedAnswer(
                method: method, path: path, message: "\(status) without a usable Location")
        }
        let home = URL(string: self.configuration.baseURL).flatMap(Self.origin)
        guard let origin = Self.origin(target), origin == home else {
            throw FlowServiceError.unexpectedAnswer(
                method: method, path: path,
                message:
                    "\(status) redirect to \(Self.origin(target) ?? "an unknown origin"), not followed: the request carries the credentials, which go to \(home ?? "the base URL") only"
            )
        }
        hops += 1
        guard hops <= Self.maxRedirects else {
            throw FlowServiceError.unexpectedAnswer(
                method: method, path: path, message: "more than \(Self.maxRedirects) redirects")
        }
        return target.absoluteString
    }
}
