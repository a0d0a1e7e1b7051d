import DataPrep
import Foundation
import HTTPTypes
import Hummingbird
import Testing

@testable import InletEmulator

@Suite("The seed's Flow Service chain over HTTP")
struct SeedChainTests {
    @Test("every step answers in the seed's shape, field by field")
    func chainFieldByField() async throws {
        let harness = try await EmulatorHarness()
        defer { Task { await harness.stop() } }

        // Schema Registry: the schema comes back with its $id and meta:altId.
        let schema = try await harness.send(
            .post, "/data/foundation/schemaregistry/tenant/schemas", json: SeedBodies.schema)
        #expect(schema.status == 201)
        let schemaId = try #require(schema.json?["$id"]?.stringValue)
        #expect(schemaId.hasPrefix("https://ns.adobe.com/extconndev/schemas/"))
        #expect(isHex(String(schemaId.dropFirst("https://ns.adobe.com/extconndev/schemas/".count)), count: 48))
        #expect(
            schema.json?["meta:altId"]?.stringValue == "_extconndev.schemas." + schemaId.split(separator: "/").last!)
        #expect(schema.json?["title"]?.stringValue == "Pendo events")

        // Catalog: a JSON array of one "@/dataSets/{24 hex}".
        let dataset = try await harness.send(
            .post, "/data/foundation/catalog/dataSets", json: SeedBodies.dataset(schemaId: schemaId))
        #expect(dataset.status == 201)
        let datasetItems = try #require(dataset.json?.arrayValue)
        #expect(datasetItems.count == 1)
        let datasetRef = try #require(datasetItems[0].stringValue)
        #expect(datasetRef.hasPrefix("@/dataSets/"))
        let datasetId = String(datasetRef.dropFirst("@/dataSets/".count))
        #expect(isHex(datasetId, count: 24))
        let gotDataset = try await harness.send(.get, "/data/foundation/catalog/dataSets/\(datasetId)")
        #expect(gotDataset.json?[datasetId]?["schemaRef"]?["id"]?.stringValue == schemaId)

        // Source connection: {"id": UUID, "etag": "\"...\""}, exactly those two keys.
        let source = try await harness.send(
            .post, "/data/foundation/flowservice/sourceConnections", json: SeedBodies.sourceConnection)
        #expect(source.status == 201)
        #expect(source.json?.objectValue?.map(\.0) == ["id", "etag"])
        let sourceId = try #require(source.json?["id"]?.stringValue)
        #expect(isUUID(sourceId))
        #expect(isEtag(source.json?["etag"]?.stringValue))
        let gotSource = try await harness.send(.get, "/data/foundation/flowservice/sourceConnections/\(sourceId)")
        #expect(gotSource.status == 200)
        let sourceItem = try #require(gotSource.json?["items"]?[0])
        #expect(sourceItem["id"]?.stringValue == sourceId)
        #expect(sourceItem["name"]?.stringValue == "Streaming Source Connection for Pendo")
        #expect(sourceItem["providerId"]?.stringValue == "521eee4d-8cbe-4906-bb48-fb6bd4450033")
        #expect(sourceItem["connectionSpec"]?["id"]?.stringValue == "6ff5654f-19d5-427d-bd3e-c0ebc802389a")
        #expect(sourceItem["data"]?["format"]?.stringValue == "json")
        #expect(sourceItem["etag"] == source.json?["etag"])

        // Target connection.
        let target = try await harness.send(
            .post,
            "/data/foundation/flowservice/targetConnections",
            json: SeedBodies.targetConnection.replacingOccurrences(of: SeedBodies.seedSchemaId, with: schemaId)
                .replacingOccurrences(of: SeedBodies.seedDatasetId, with: datasetId)
        )
        #expect(target.status == 201)
        #expect(target.json?.objectValue?.map(\.0) == ["id", "etag"])
        let targetId = try #require(target.json?["id"]?.stringValue)
        #expect(isUUID(targetId))
        #expect(isEtag(target.json?["etag"]?.stringValue))
        let gotTarget = try await harness.send(.get, "/data/foundation/flowservice/targetConnections/\(targetId)")
        #expect(gotTarget.json?["items"]?[0]?["params"]?["dataSetId"]?.stringValue == datasetId)
        #expect(gotTarget.json?["items"]?[0]?["data"]?["schema"]?["id"]?.stringValue == schemaId)

        // Mapping set: id (32 hex), version 0, dates in epoch ms, createdBy/modifiedBy.
        let before = Int64(Date().timeIntervalSince1970 * 1000)
        let mapping = try await harness.send(
            .post,
            "/data/foundation/conversion/mappingSets",
            json: SeedBodies.mappingSet.replacingOccurrences(of: SeedBodies.seedMappingSchemaId, with: schemaId)
        )
        let after = Int64(Date().timeIntervalSince1970 * 1000)
        #expect(mapping.status == 200)
        #expect(
            mapping.json?.objectValue?.map(\.0) == [
                "id", "version", "createdDate", "modifiedDate", "createdBy", "modifiedBy",
            ])
        let mappingId = try #require(mapping.json?["id"]?.stringValue)
        #expect(isHex(mappingId, count: 32))
        #expect(mapping.json?["version"] == .int(0))
        let createdDate = try #require(mapping.json?["createdDate"]?.intValue)
        #expect(createdDate >= before && createdDate <= after)
        #expect(mapping.json?["modifiedDate"]?.intValue == createdDate)
        #expect(mapping.json?["createdBy"]?.stringValue?.isEmpty == false)
        #expect(mapping.json?["modifiedBy"]?.stringValue?.isEmpty == false)
        let gotMapping = try await harness.send(.get, "/data/foundation/conversion/mappingSets/\(mappingId)")
        #expect(gotMapping.json?["mappings"]?.arrayValue?.count == 5)
        #expect(gotMapping.json?["id"]?.stringValue == mappingId)

        // Flow.
        let flow = try await harness.send(
            .post,
            "/data/foundation/flowservice/flows",
            json: SeedBodies.flow.replacingOccurrences(of: SeedBodies.seedSourceId, with: sourceId)
                .replacingOccurrences(of: SeedBodies.seedTargetId, with: targetId)
                .replacingOccurrences(of: SeedBodies.seedMappingId, with: mappingId)
        )
        #expect(flow.status == 201)
        #expect(flow.json?.objectValue?.map(\.0) == ["id", "etag"])
        let flowId = try #require(flow.json?["id"]?.stringValue)
        let flowEtag = try #require(flow.json?["etag"]?.stringValue)
        #expect(isUUID(flowId))
        #expect(isEtag(flowEtag))

        // GET /flows/{id}: the seed's answer, field by field.
        let got = try await harness.send(.get, "/data/foundation/flowservice/flows/\(flowId)")
        #expect(got.status == 200)
        let items = try #require(got.json?["items"]?.arrayValue)
        #expect(items.count == 1)
        let item = items[0]
        #expect(item["id"]?.stringValue == flowId)
        let createdAt = try #require(item["createdAt"]?.intValue)
        #expect(createdAt >= before)
        #expect(item["updatedAt"]?.intValue == createdAt)
        #expect(item["createdBy"]?.stringValue?.hasSuffix("@AdobeID") == true)
        #expect(item["updatedBy"]?.stringValue?.hasSuffix("@AdobeID") == true)
        #expect(item["createdClient"]?.stringValue == "test-api-key")
        #expect(item["updatedClient"]?.stringValue == "test-api-key")
        #expect(isUUID(item["sandboxId"]?.stringValue))
        #expect(item["sandboxName"]?.stringValue == "prod")
        #expect(item["imsOrgId"]?.stringValue == "TESTORG@AdobeOrg")
        #expect(item["name"]?.stringValue == "Streaming Dataflow for Pendo")
        #expect(item["description"]?.stringValue == "Streaming Dataflow for Pendo")
        #expect(item["flowSpec"] == .obj(("id", "e77fde5a-22a8-11ed-861d-0242ac120002"), ("version", "1.0")))
        #expect(item["state"]?.stringValue == "enabled")
        #expect(item["version"]?.stringValue == flowEtag)
        #expect(item["etag"]?.stringValue == flowEtag)
        #expect(item["sourceConnectionIds"] == .array([.string(sourceId)]))
        #expect(item["targetConnectionIds"] == .array([.string(targetId)]))
        #expect(item["inheritedAttributes"]?["properties"]?["isSourceFlow"] == .bool(true))
        #expect(item["inheritedAttributes"]?["sourceConnections"]?[0]?["id"]?.stringValue == sourceId)
        #expect(
            item["inheritedAttributes"]?["sourceConnections"]?[0]?["connectionSpec"]
                == .obj(("id", "6ff5654f-19d5-427d-bd3e-c0ebc802389a"), ("version", "1.0"))
        )
        #expect(item["inheritedAttributes"]?["targetConnections"]?[0]?["id"]?.stringValue == targetId)
        #expect(
            item["inheritedAttributes"]?["targetConnections"]?[0]?["connectionSpec"]?["id"]?.stringValue
                == "c604ff05-7f1a-43c0-8e18-33bf874cb11c")
        let inletUrl = try #require(item["options"]?["inletUrl"]?.stringValue)
        #expect(inletUrl.hasPrefix("http://127.0.0.1:\(harness.port)/collection/"))
        #expect(isHex(String(inletUrl.split(separator: "/").last!), count: 64))
        #expect(item["transformations"]?[0]?["name"]?.stringValue == "Mapping")
        #expect(item["transformations"]?[0]?["params"]?["mappingId"]?.stringValue == mappingId)
        #expect(item["transformations"]?[0]?["params"]?["mappingVersion"] == .int(0))
        #expect(item["runs"]?.stringValue == "/runs?property=flowId==\(flowId)")
        #expect(isUUID(item["providerRefId"]?.stringValue))
        #expect(item["lastOperation"]?["operation"]?.stringValue == "enable")
        #expect(item["lastOperation"]?["started"]?.intValue != nil)
        #expect(item["lastOperation"]?["updated"]?.intValue != nil)
        #expect(isUUID(item["lastRunDetails"]?["id"]?.stringValue))
        #expect(item["lastRunDetails"]?["state"]?.stringValue != nil)
        #expect(item["lastRunDetails"]?["startedAtUTC"]?.intValue != nil)
        #expect(item["lastRunDetails"]?["completedAtUTC"]?.intValue != nil)
    }

    @Test("the inlet URL from GET /flows takes events, and /runs counts them as ingested")
    func runsMatchIngest() async throws {
        let harness = try await EmulatorHarness()
        defer { Task { await harness.stop() } }
        let chain = try await harness.provisionSeedChain()
        let noRuns = try await harness.send(.get, "/data/foundation/flowservice/runs?property=flowId==\(chain.flowId)")
        #expect(noRuns.json?["items"]?.arrayValue?.isEmpty == true)

        var sentBytes = 0
        for index in 0..<7 {
            let event = SeedBodies.pendoEvent(uniqueId: "u-\(index)")
            sentBytes += event.utf8.count
            let answer = try await harness.send(
                .post, chain.inletPath + "?x-adobe-flow-id=\(chain.flowId)",
                headers: [.contentType: "application/json"], json: event)
            #expect(answer.status == 200)
        }
        // Two that fail validation (uniqueid required, minLength 1): accepted, counted as failed.
        for event in [#"{"accountId":"a"}"#, #"{"uniqueId":"","accountId":"a"}"#] {
            sentBytes += event.utf8.count
            let answer = try await harness.send(
                .post, chain.inletPath,
                headers: [.contentType: "application/json", .init("x-adobe-flow-id")!: chain.flowId], json: event)
            #expect(answer.status == 200)
        }
        let runs = try await harness.send(.get, "/data/foundation/flowservice/runs?property=flowId==\(chain.flowId)")
        #expect(runs.status == 200)
        #expect(runs.json?["_links"] == .obj())
        let run = try #require(runs.json?["items"]?[0])
        #expect(run["flowId"]?.stringValue == chain.flowId)
        #expect(isUUID(run["id"]?.stringValue))
        #expect(run["etag"]?.stringValue?.hasPrefix("\"") == true)
        #expect(run["createdAt"]?.intValue != nil)
        #expect(run["updatedAt"]?.intValue != nil)
        #expect(run["metrics"]?["recordSummary"]?["inputRecordCount"] == .int(9))
        #expect(run["metrics"]?["recordSummary"]?["outputRecordCount"] == .int(7))
        #expect(run["metrics"]?["recordSummary"]?["failedRecordCount"] == .int(2))
        #expect(run["metrics"]?["sizeSummary"]?["inputBytes"] == .int(Int64(sentBytes)))
        #expect((run["metrics"]?["sizeSummary"]?["outputBytes"]?.intValue ?? 0) > 0)
        #expect(run["metrics"]?["statusSummary"]?["status"]?.stringValue == "partialSuccess")
        #expect(run["metrics"]?["statusSummary"]?["errors"]?[0]?["code"]?.stringValue == "INGEST-1212-400")
        #expect(run["metrics"]?["durationSummary"]?["startedAtUTC"]?.intValue != nil)
        #expect(run["activities"] == .array([]))

        // The dataset holds the mapped records.
        let records = try harness.emulator.store.records(datasetId: chain.datasetId, limit: 100)
        #expect(records.count == 9)
        let first = try JSONValue.parse(try #require(records[0].record))
        #expect(first["_extconndev"]?["uniqueid"]?.stringValue == "u-0")
        #expect(first["_extconndev"]?["name1"]?.stringValue == "Welcome guide")
        #expect(first["_extconndev"]?["timestamp1"]?.stringValue == "1676875325841")
        #expect(first["_extconndev"]?["visitorid"]?.stringValue == "visitor-1")
        #expect(records[7].outcome == "failed")

        let flowView = try await harness.send(.get, "/data/foundation/flowservice/flows/\(chain.flowId)")
        #expect(flowView.json?["items"]?[0]?["lastRunDetails"]?["state"]?.stringValue == "partialSuccess")
    }

    @Test("Platform requests without the token, API key or org get 401 or 400 problem documents")
    func headersRequired() async throws {
        let harness = try await EmulatorHarness { $0.requiredToken = "right-token" }
        defer { Task { await harness.stop() } }
        var headers = EmulatorHarness.platformHeaders
        headers[.authorization] = nil
        let missingToken = try await harness.send(
            .post, "/data/foundation/flowservice/sourceConnections", headers: headers, json: SeedBodies.sourceConnection
        )
        #expect(missingToken.status == 401)
        #expect(missingToken.headers[.contentType] == "application/problem+json")
        #expect(missingToken.json?["status"] == .int(401))
        #expect(missingToken.json?["title"]?.stringValue == "Unauthorized")

        var wrong = EmulatorHarness.platformHeaders
        wrong[.authorization] = "Bearer wrong"
        let wrongToken = try await harness.send(.get, "/data/foundation/flowservice/flows/x", headers: wrong)
        #expect(wrongToken.status == 401)

        for name in ["x-api-key", "x-gw-ims-org-id"] {
            var partial = EmulatorHarness.platformHeaders
            partial[.authorization] = "Bearer right-token"
            partial[HTTPField.Name(name)!] = nil
            let answer = try await harness.send(
                .post, "/data/foundation/flowservice/sourceConnections", headers: partial,
                json: SeedBodies.sourceConnection)
            #expect(answer.status == 400)
            #expect(answer.json?["detail"]?.stringValue?.contains(name) == true, "\(answer.text)")
        }
        // Without x-sandbox-name (or with an empty one) the request is in `prod`, as Adobe resolves it.
        for sandbox in [nil, ""] as [String?] {
            var noSandbox = EmulatorHarness.platformHeaders
            noSandbox[.authorization] = "Bearer right-token"
            noSandbox[HTTPField.Name("x-sandbox-name")!] = sandbox
            let created = try await harness.send(
                .post, "/data/foundation/flowservice/sourceConnections", headers: noSandbox,
                json: SeedBodies.sourceConnection)
            #expect(created.status == 201, "\(created.text)")
            let id = try #require(created.json?["id"]?.stringValue)
            let read = try await harness.send(
                .get, "/data/foundation/flowservice/sourceConnections/\(id)", headers: noSandbox)
            #expect(read.json?["items"]?[0]?["sandboxName"]?.stringValue == "prod")
        }
        var good = EmulatorHarness.platformHeaders
        good[.authorization] = "Bearer right-token"
        let ok = try await harness.send(
            .post, "/data/foundation/flowservice/sourceConnections", headers: good, json: SeedBodies.sourceConnection)
        #expect(ok.status == 201)
    }

    @Test("a target connection or mapping set naming an unknown schema or dataset is refused, saying which")
    func unknownReferences() async throws {
        let harness = try await EmulatorHarness()
        defer { Task { await harness.stop() } }
        let unknownSchema = try await harness.send(
            .post, "/data/foundation/flowservice/targetConnections", json: SeedBodies.targetConnection)
        #expect(unknownSchema.status == 400)
        #expect(unknownSchema.json?["detail"]?.stringValue?.contains(SeedBodies.seedSchemaId) == true)

        let schema = try await harness.send(
            .post, "/data/foundation/schemaregistry/tenant/schemas", json: SeedBodies.schema)
        let schemaId = try #require(schema.json?["$id"]?.stringValue)
        let unknownDataset = try await harness.send(
            .post,
            "/data/foundation/flowservice/targetConnections",
            json: SeedBodies.targetConnection.replacingOccurrences(of: SeedBodies.seedSchemaId, with: schemaId)
        )
        #expect(unknownDataset.status == 400)
        #expect(unknownDataset.json?["detail"]?.stringValue?.contains(SeedBodies.seedDatasetId) == true)

        let unknownMappingSchema = try await harness.send(
            .post, "/data/foundation/conversion/mappingSets", json: SeedBodies.mappingSet)
        #expect(unknownMappingSchema.status == 400)
        #expect(unknownMappingSchema.json?["detail"]?.stringValue?.contains(SeedBodies.seedMappingSchemaId) == true)

        let unknownFlowRefs = try await harness.send(.post, "/data/foundation/flowservice/flows", json: SeedBodies.flow)
        #expect(unknownFlowRefs.status == 400)
        #expect(unknownFlowRefs.json?["detail"]?.stringValue?.contains(SeedBodies.seedSourceId) == true)
    }

    @Test(
        "PATCH needs the current etag (412 on a stale one), changes the etag, and DELETE removes the flow and its inlet"
    )
    func patchAndDelete() async throws {
        let harness = try await EmulatorHarness()
        defer { Task { await harness.stop() } }
        let chain = try await harness.provisionSeedChain()
        let path = "/data/foundation/flowservice/flows/\(chain.flowId)"
        let patchBody = #"[{"op": "replace", "path": "/name", "value": "Renamed dataflow"}]"#

        let noEtag = try await harness.send(.patch, path, json: patchBody)
        #expect(noEtag.status == 400)

        var stale = EmulatorHarness.platformHeaders
        stale[.ifMatch] = "\"00000000-0000-0200-0000-000000000000\""
        let staleAnswer = try await harness.send(.patch, path, headers: stale, json: patchBody)
        #expect(staleAnswer.status == 412)
        #expect(staleAnswer.json?["status"] == .int(412))

        var current = EmulatorHarness.platformHeaders
        current[.ifMatch] = chain.flowEtag
        let patched = try await harness.send(.patch, path, headers: current, json: patchBody)
        #expect(patched.status == 200)
        #expect(patched.json?["id"]?.stringValue == chain.flowId)
        let newEtag = try #require(patched.json?["etag"]?.stringValue)
        #expect(isEtag(newEtag))
        #expect(newEtag != chain.flowEtag)

        let again = try await harness.send(.patch, path, headers: current, json: patchBody)
        #expect(again.status == 412, "the old etag is stale now")

        let got = try await harness.send(.get, path)
        #expect(got.json?["items"]?[0]?["name"]?.stringValue == "Renamed dataflow")
        #expect(got.json?["items"]?[0]?["etag"]?.stringValue == newEtag)
        #expect(
            (got.json?["items"]?[0]?["updatedAt"]?.intValue ?? 0)
                >= (got.json?["items"]?[0]?["createdAt"]?.intValue ?? 0))

        let deleted = try await harness.send(.delete, path)
        #expect(deleted.status == 204)
        let gone = try await harness.send(.get, path)
        #expect(gone.status == 404)
        let inlet = try await harness.send(
            .post, chain.inletPath + "?x-adobe-flow-id=\(chain.flowId)", headers: [.contentType: "application/json"],
            json: SeedBodies.pendoEvent(uniqueId: "x"))
        #expect(inlet.status == 404)

        let deletedSource = try await harness.send(
            .delete, "/data/foundation/flowservice/sourceConnections/\(chain.sourceId)")
        #expect(deletedSource.status == 204)
        let goneSource = try await harness.send(
            .get, "/data/foundation/flowservice/sourceConnections/\(chain.sourceId)")
        #expect(goneSource.status == 404)
    }

    @Test("mapping sets validate and preview")
    func validateAndPreview() async throws {
        let harness = try await EmulatorHarness()
        defer { Task { await harness.stop() } }
        let schema = try await harness.send(
            .post, "/data/foundation/schemaregistry/tenant/schemas", json: SeedBodies.schema)
        let schemaId = try #require(schema.json?["$id"]?.stringValue)
        let mappingSet = SeedBodies.mappingSet.replacingOccurrences(of: SeedBodies.seedMappingSchemaId, with: schemaId)
        let valid = try await harness.send(.post, "/data/foundation/conversion/mappingSets/validate", json: mappingSet)
        #expect(valid.status == 200)
        #expect(valid.json == .obj(("validationResponse", .array([.obj(("status", "SUCCESS"), ("errors", .null))]))))

        let preview = try await harness.send(
            .post,
            "/data/foundation/conversion/mappingSets/preview",
            json: "{\"data\": [\(SeedBodies.pendoEvent(uniqueId: "p1"))], \"mappingSet\": \(mappingSet)}"
        )
        #expect(preview.status == 200)
        #expect(preview.json?[0]?["data"]?["_extconndev"]?["uniqueid"]?.stringValue == "p1")
        #expect(preview.json?[0]?["errors"] == .null)
    }
}
