import Foundation
import Hummingbird
import Testing

@testable import InletEmulator

@Suite("The streaming inlet's answers")
struct InletStatusTests {
    static let json: HTTPFields = [.contentType: "application/json"]

    @Test("200 with the answer's fields; ?syncValidation=true answers pass; the record is stored")
    func accepted() async throws {
        let harness = try await EmulatorHarness()
        defer { Task { await harness.stop() } }
        let chain = try await harness.provisionSeedChain()
        let before = Int64(Date().timeIntervalSince1970 * 1000)
        let answer = try await harness.send(
            .post, chain.inletPath + "?x-adobe-flow-id=\(chain.flowId)", headers: Self.json,
            json: SeedBodies.pendoEvent(uniqueId: "a1"))
        #expect(answer.status == 200)
        #expect(answer.json?.objectValue?.map(\.0) == ["inletId", "xactionId", "receivedTimeMs", "syncValidation"])
        #expect(answer.json?["inletId"]?.stringValue == chain.inletId)
        let xactionId = try #require(answer.json?["xactionId"]?.stringValue)
        let parts = xactionId.split(separator: ":")
        #expect(parts.count == 3 && parts.allSatisfy { Int64($0) != nil })
        let received = try #require(answer.json?["receivedTimeMs"]?.intValue)
        #expect(received >= before)
        #expect(String(parts[0]) == String(received))
        #expect(answer.json?["syncValidation"] == .obj(("skipped", true)))

        let sync = try await harness.send(
            .post, chain.inletPath + "?syncValidation=true",
            headers: [.contentType: "application/json", .init("x-adobe-flow-id")!: chain.flowId],
            json: SeedBodies.pendoEvent(uniqueId: "a2"))
        #expect(sync.status == 200)
        #expect(sync.json?["syncValidation"] == .obj(("status", "pass")))

        let stored = try harness.emulator.store.outcomes(xactionIds: [
            xactionId, sync.json?["xactionId"]?.stringValue ?? "",
        ])
        #expect(stored.count == 2)
        #expect(stored.values.allSatisfy { $0 == "stored" })
    }

    @Test("400 with _streamingValidation causes on a sync-validation failure; the message is not stored")
    func syncValidationFailure() async throws {
        let harness = try await EmulatorHarness()
        defer { Task { await harness.stop() } }
        let chain = try await harness.provisionSeedChain()
        let answer = try await harness.send(
            .post,
            chain.inletPath + "?syncValidation=true&x-adobe-flow-id=\(chain.flowId)",
            headers: Self.json,
            json: #"{"accountId": "a", "uniqueId": ""}"#
        )
        #expect(answer.status == 400)
        #expect(
            answer.json?["type"]?.stringValue == "http://ns.adobe.com/adobecloud/problem/data-collection-service/inlet")
        #expect(answer.json?["status"] == .int(400))
        #expect(answer.json?["title"]?.stringValue == "Invalid XDM Message Format")
        #expect(answer.json?["report"]?["message"]?.stringValue?.hasSuffix("Message is invalid") == true)
        let validation = try #require(answer.json?["report"]?["cause"]?["_streamingValidation"]?[0])
        #expect(validation["schemaLocation"]?.stringValue == "#")
        #expect(validation["pointerToViolation"]?.stringValue == "#")
        #expect(validation["message"]?.stringValue == "1 schema violations found")
        let cause = try #require(validation["causingExceptions"]?[0])
        #expect(cause["schemaLocation"]?.stringValue == "#/properties/_extconndev/properties/uniqueid")
        #expect(cause["pointerToViolation"]?.stringValue == "#/_extconndev/uniqueid")
        #expect(cause["keyword"]?.stringValue == "minLength")
        #expect(cause["causingExceptions"] == .array([]))
        #expect(try harness.emulator.store.recordCount() == 0)
    }

    @Test("400 for unparseable JSON and for a mapped flow without its flow id")
    func badRequests() async throws {
        let harness = try await EmulatorHarness()
        defer { Task { await harness.stop() } }
        let chain = try await harness.provisionSeedChain()
        let broken = try await harness.send(
            .post, chain.inletPath + "?x-adobe-flow-id=\(chain.flowId)", headers: Self.json, json: "{\"uniqueId\": ")
        #expect(broken.status == 400)
        #expect(broken.json?["status"] == .int(400))
        let noFlow = try await harness.send(
            .post, chain.inletPath, headers: Self.json, json: SeedBodies.pendoEvent(uniqueId: "x"))
        #expect(noFlow.status == 400)
        #expect(noFlow.json?["report"]?["message"]?.stringValue?.contains("x-adobe-flow-id") == true)
        #expect(try harness.emulator.store.recordCount() == 0)
    }

    @Test("207 for a batch, one entry per message in order; failures read from the body")
    func batch() async throws {
        let harness = try await EmulatorHarness()
        defer { Task { await harness.stop() } }
        let chain = try await harness.provisionSeedChain()
        let header = "{\"flowId\": \"\(chain.flowId)\"}"
        let body = """
            {"messages": [
              {"header": \(header), "body": \(SeedBodies.pendoEvent(uniqueId: "b0"))},
              {"body": {"uniqueId": "no header"}},
              {"header": \(header), "body": \(SeedBodies.pendoEvent(uniqueId: "b2"))},
              {"header": \(header), "body": {"accountId": "missing uniqueId"}}
            ]}
            """
        let answer = try await harness.send(.post, "/collection/batch/\(chain.inletId)", headers: Self.json, json: body)
        #expect(answer.status == 207)
        #expect(answer.json?["inletId"]?.stringValue == chain.inletId)
        let batchId = try #require(answer.json?["batchId"]?.stringValue)
        #expect(batchId.split(separator: ":").count == 3)
        #expect(answer.json?["receivedTimeMs"]?.intValue != nil)
        let responses = try #require(answer.json?["responses"]?.arrayValue)
        #expect(responses.count == 4)
        #expect(responses[0] == .obj(("xactionId", .string("\(batchId):0"))))
        #expect(responses[1]["statusCode"] == .int(400))
        #expect(responses[1]["message"]?.stringValue?.contains("unknown xdm format") == true)
        #expect(responses[2] == .obj(("xactionId", .string("\(batchId):2"))))
        // Without sync validation an invalid record is accepted and counted as failed, as Adobe does.
        #expect(responses[3] == .obj(("xactionId", .string("\(batchId):3"))))
        let outcomes = try harness.emulator.store.outcomes(xactionIds: ["\(batchId):0", "\(batchId):2", "\(batchId):3"])
        #expect(outcomes == ["\(batchId):0": "stored", "\(batchId):2": "stored", "\(batchId):3": "failed"])
    }

    @Test("401 and 403 on an authenticated inlet; unauthenticated inlets ignore tokens")
    func authentication() async throws {
        let harness = try await EmulatorHarness {
            $0.inletAuthenticationRequired = true
            $0.requiredToken = "inlet-token"
        }
        defer { Task { await harness.stop() } }
        var platform = EmulatorHarness.platformHeaders
        platform[.authorization] = "Bearer inlet-token"
        let chain = try await provision(harness, headers: platform)
        let path = chain.inletPath + "?x-adobe-flow-id=\(chain.flowId)"
        let missing = try await harness.send(
            .post, path, headers: Self.json, json: SeedBodies.pendoEvent(uniqueId: "x"))
        #expect(missing.status == 401)
        #expect(
            missing.json?["type"]?.stringValue
                == "https://ns.adobe.com/adobecloud/problem/data-collection-service-authorization")
        #expect(missing.json?["status"]?.stringValue == "401")
        #expect(missing.json?["title"]?.stringValue == "Authorization")
        #expect(missing.json?["report"]?["message"]?.stringValue?.hasSuffix("Ims service token is empty") == true)

        let wrong = try await harness.send(
            .post, path, headers: [.contentType: "application/json", .authorization: "Bearer nope"],
            json: SeedBodies.pendoEvent(uniqueId: "x"))
        #expect(wrong.status == 403)
        #expect(wrong.json?["status"]?.stringValue == "403")

        let bare = try await harness.send(
            .post, path, headers: [.contentType: "application/json", .authorization: "inlet-token"],
            json: SeedBodies.pendoEvent(uniqueId: "x"))
        #expect(bare.status == 200, "Adobe also accepts the bare token")
    }

    @Test("413 over 1 MB, 404 for an unknown inlet")
    func sizeAndUnknown() async throws {
        let harness = try await EmulatorHarness()
        defer { Task { await harness.stop() } }
        let chain = try await harness.provisionSeedChain()
        let padding = String(repeating: "x", count: 1_048_577)
        let big = try await harness.send(
            .post, chain.inletPath + "?x-adobe-flow-id=\(chain.flowId)", headers: Self.json,
            json: "{\"uniqueId\":\"\(padding)\"}")
        #expect(big.status == 413)
        #expect(big.json?["status"] == .int(413))
        let unknown = try await harness.send(
            .post, "/collection/" + String(repeating: "ab", count: 32), headers: Self.json,
            json: SeedBodies.pendoEvent(uniqueId: "x"))
        #expect(unknown.status == 404)
        #expect(unknown.json?["status"] == .int(404))
        #expect(try harness.emulator.store.recordCount() == 0)
    }

    @Test("a flow without a mapping takes XDM messages and checks their envelope")
    func xdmFlow() async throws {
        let harness = try await EmulatorHarness()
        defer { Task { await harness.stop() } }
        let chain = try await harness.provisionSeedChain()
        let flowBody = """
            {"name": "XDM flow", "flowSpec": {"id": "e77fde5a-22a8-11ed-861d-0242ac120002", "version": "1.0"},
             "sourceConnectionIds": ["\(chain.sourceId)"], "targetConnectionIds": ["\(chain.targetId)"]}
            """
        let flow = try await harness.send(.post, "/data/foundation/flowservice/flows", json: flowBody)
        let flowId = try #require(flow.json?["id"]?.stringValue)
        let got = try await harness.send(.get, "/data/foundation/flowservice/flows/\(flowId)")
        let inletUrl = try #require(got.json?["items"]?[0]?["options"]?["inletUrl"]?.stringValue)
        let path = String(inletUrl[inletUrl.range(of: "/collection/")!.lowerBound...])
        let message = """
            {"header": {"schemaRef": {"id": "\(chain.schemaId)", "contentType": "application/vnd.adobe.xed-full+json;version=1"},
                        "flowId": "\(flowId)", "datasetId": "\(chain.datasetId)"},
             "body": {"xdmMeta": {"schemaRef": {"id": "\(chain.schemaId)"}},
                      "xdmEntity": {"_extconndev": {"uniqueid": "xdm-1", "accountid": "a"}}}}
            """
        let ok = try await harness.send(.post, path + "?syncValidation=true", headers: Self.json, json: message)
        #expect(ok.status == 200, "\(ok.text)")
        let raw = try await harness.send(.post, path, headers: Self.json, json: SeedBodies.pendoEvent(uniqueId: "raw"))
        #expect(raw.status == 400)
        #expect(raw.json?["report"]?["message"]?.stringValue?.contains("unknown xdm format") == true)
    }

    func provision(_ harness: EmulatorHarness, headers: HTTPFields) async throws -> SeedChain {
        // Same chain as provisionSeedChain, with custom Platform headers.
        let schema = try await harness.send(
            .post, "/data/foundation/schemaregistry/tenant/schemas", headers: headers, json: SeedBodies.schema)
        let schemaId = try #require(schema.json?["$id"]?.stringValue)
        let dataset = try await harness.send(
            .post, "/data/foundation/catalog/dataSets", headers: headers, json: SeedBodies.dataset(schemaId: schemaId))
        let datasetId = String(try #require(dataset.json?[0]?.stringValue).dropFirst("@/dataSets/".count))
        let source = try await harness.send(
            .post, "/data/foundation/flowservice/sourceConnections", headers: headers, json: SeedBodies.sourceConnection
        )
        let sourceId = try #require(source.json?["id"]?.stringValue)
        let target = try await harness.send(
            .post,
            "/data/foundation/flowservice/targetConnections",
            headers: headers,
            json: SeedBodies.targetConnection.replacingOccurrences(of: SeedBodies.seedSchemaId, with: schemaId)
                .replacingOccurrences(of: SeedBodies.seedDatasetId, with: datasetId)
        )
        let targetId = try #require(target.json?["id"]?.stringValue)
        let mapping = try await harness.send(
            .post,
            "/data/foundation/conversion/mappingSets",
            headers: headers,
            json: SeedBodies.mappingSet.replacingOccurrences(of: SeedBodies.seedMappingSchemaId, with: schemaId)
        )
        let mappingId = try #require(mapping.json?["id"]?.stringValue)
        let flow = try await harness.send(
            .post,
            "/data/foundation/flowservice/flows",
            headers: headers,
            json: SeedBodies.flow.replacingOccurrences(of: SeedBodies.seedSourceId, with: sourceId)
                .replacingOccurrences(of: SeedBodies.seedTargetId, with: targetId)
                .replacingOccurrences(of: SeedBodies.seedMappingId, with: mappingId)
        )
        let flowId = try #require(flow.json?["id"]?.stringValue)
        let got = try await harness.send(.get, "/data/foundation/flowservice/flows/\(flowId)", headers: headers)
        let inletUrl = try #require(got.json?["items"]?[0]?["options"]?["inletUrl"]?.stringValue)
        return SeedChain(
            schemaId: schemaId, datasetId: datasetId, sourceId: sourceId, targetId: targetId, mappingId: mappingId,
            flowId: flowId, flowEtag: "", inletUrl: inletUrl)
    }
}
