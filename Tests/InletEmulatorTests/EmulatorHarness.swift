import DataPrep
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization
import Testing

@testable import InletEmulator

/// An emulator on 127.0.0.1:0 and a client talking to it over real loopback HTTP.
final class EmulatorHarness: Sendable {
    let emulator: InletEmulator
    let port: Int

    static let platformHeaders: HTTPFields = [
        .authorization: "Bearer test-token",
        .init("x-api-key")!: "test-api-key",
        .init("x-gw-ims-org-id")!: "TESTORG@AdobeOrg",
        .init("x-sandbox-name")!: "prod",
        .contentType: "application/json",
    ]

    init(_ configure: (inout EmulatorConfiguration) -> Void = { _ in }) async throws {
        var configuration = EmulatorConfiguration(port: 0, commitWindow: 0.0005, idSeed: 42)
        configure(&configuration)
        self.emulator = try InletEmulator(configuration: configuration)
        self.port = try await self.emulator.start()
    }

    /// A client of an emulator already serving on `port` (one the test runs itself).
    init(serving emulator: InletEmulator, port: Int) {
        self.emulator = emulator
        self.port = port
    }

    func stop() async {
        await self.emulator.stop()
    }

    struct Answer: Sendable {
        var status: Int
        var headers: HTTPFields
        var bytes: [UInt8]
        var json: JSONValue? { try? JSONValue.parse(self.bytes) }
        var text: String { String(decoding: self.bytes, as: UTF8.self) }
    }

    /// One request on its own connection.
    func send(
        _ method: HTTPRequest.Method, _ path: String, headers: HTTPFields = EmulatorHarness.platformHeaders,
        body: [UInt8]? = nil
    ) async throws -> Answer {
        let client = TestClient(host: "127.0.0.1", port: self.port, configuration: .init(timeout: .seconds(30)))
        client.connect()
        defer { Task { try? await client.shutdown() } }
        let response = try await client.execute(
            TestClient.Request(
                path, method: method, authority: "127.0.0.1:\(self.port)", headers: headers,
                body: body.map { ByteBuffer(bytes: $0) })
        )
        return Answer(
            status: Int(response.status.code),
            headers: response.headers,
            bytes: response.body.map { Array($0.readableBytesView) } ?? []
        )
    }

    func send(
        _ method: HTTPRequest.Method, _ path: String, headers: HTTPFields = EmulatorHarness.platformHeaders,
        json: String
    ) async throws -> Answer {
        try await self.send(method, path, headers: headers, body: Array(json.utf8))
    }

    /// The seed's chain, with the seed's own bodies (ids substituted); returns the ids created.
    /// `schema` and `mapping` default to the seed's; `mappingSchemaId` is the schema id written in
    /// `mapping`'s `outputSchema`, replaced by the id the emulator gives the schema.
    func provisionSeedChain(
        mapping: String = SeedBodies.mappingSet, schema schemaBody: String = SeedBodies.schema,
        mappingSchemaId: String = SeedBodies.seedMappingSchemaId
    ) async throws -> SeedChain {
        let schema = try await self.send(.post, "/data/foundation/schemaregistry/tenant/schemas", json: schemaBody)
        #expect(schema.status == 201, "schema: \(schema.text)")
        let schemaId = try #require(schema.json?["$id"]?.stringValue)
        let dataset = try await self.send(
            .post, "/data/foundation/catalog/dataSets", json: SeedBodies.dataset(schemaId: schemaId))
        #expect(dataset.status == 201, "dataset: \(dataset.text)")
        let datasetRef = try #require(dataset.json?[0]?.stringValue)
        let datasetId = String(datasetRef.dropFirst("@/dataSets/".count))
        let source = try await self.send(
            .post, "/data/foundation/flowservice/sourceConnections", json: SeedBodies.sourceConnection)
        #expect(source.status == 201, "source: \(source.text)")
        let sourceId = try #require(source.json?["id"]?.stringValue)
        let target = try await self.send(
            .post,
            "/data/foundation/flowservice/targetConnections",
            json: SeedBodies.targetConnection.replacingOccurrences(of: SeedBodies.seedSchemaId, with: schemaId)
                .replacingOccurrences(of: SeedBodies.seedDatasetId, with: datasetId)
        )
        #expect(target.status == 201, "target: \(target.text)")
        let targetId = try #require(target.json?["id"]?.stringValue)
        let mappingAnswer = try await self.send(
            .post,
            "/data/foundation/conversion/mappingSets",
            json: mapping.replacingOccurrences(of: mappingSchemaId, with: schemaId)
        )
        #expect(mappingAnswer.status == 200, "mapping: \(mappingAnswer.text)")
        let mappingId = try #require(mappingAnswer.json?["id"]?.stringValue)
        let flow = try await self.send(
            .post,
            "/data/foundation/flowservice/flows",
            json: SeedBodies.flow.replacingOccurrences(of: SeedBodies.seedSourceId, with: sourceId)
                .replacingOccurrences(of: SeedBodies.seedTargetId, with: targetId)
                .replacingOccurrences(of: SeedBodies.seedMappingId, with: mappingId)
        )
        #expect(flow.status == 201, "flow: \(flow.text)")
        let flowId = try #require(flow.json?["id"]?.stringValue)
        let got = try await self.send(.get, "/data/foundation/flowservice/flows/\(flowId)")
        let inletUrl = try #require(got.json?["items"]?[0]?["options"]?["inletUrl"]?.stringValue)
        return SeedChain(
            schemaId: schemaId,
            datasetId: datasetId,
            sourceId: sourceId,
            targetId: targetId,
            mappingId: mappingId,
            flowId: flowId,
            flowEtag: flow.json?["etag"]?.stringValue ?? "",
            inletUrl: inletUrl
        )
    }
}

struct SeedChain: Sendable {
    var schemaId: String
    var datasetId: String
    var sourceId: String
    var targetId: String
    var mappingId: String
    var flowId: String
    var flowEtag: String
    var inletUrl: String

    /// The inlet's path (`/collection/{inletId}`).
    var inletPath: String {
        String(self.inletUrl[self.inletUrl.range(of: "/collection/")!.lowerBound...])
    }

    var inletId: String { String(self.inletPath.dropFirst("/collection/".count)) }
}

/// Checks `text` is `count` lowercase hex characters.
func isHex(_ text: String?, count: Int) -> Bool {
    guard let text else { return false }
    return text.count == count && text.allSatisfy { "0123456789abcdef".contains($0) }
}

func isUUID(_ text: String?) -> Bool {
    guard let text else { return false }
    let parts = text.split(separator: "-", omittingEmptySubsequences: false).map(\.count)
    return parts == [8, 4, 4, 4, 12] && text.allSatisfy { "0123456789abcdef-".contains($0) }
}

func isEtag(_ text: String?) -> Bool {
    guard let text, text.hasPrefix("\""), text.hasSuffix("\""), text.count > 2 else { return false }
    return isUUID(String(text.dropFirst().dropLast()))
}

/// The emulator's fault clock moved by hand (`EmulatorConfiguration.uptime`), so a test of a
/// time rule says exactly when each request arrives.
final class ManualUptime: Sendable {
    private let seconds: Mutex<Double>

    init(_ seconds: Double = 0) { self.seconds = Mutex(seconds) }

    func read() -> Double { self.seconds.withLock { $0 } }

    func advance(by seconds: Double) { self.seconds.withLock { $0 += seconds } }
}
