import Foundation
import Hummingbird
import Testing

@testable import InletEmulator

/// The Platform API behaviours Adobe's clients rely on, one rule per test: sandbox and org
/// isolation, the If-Match forms, Schema Registry formats, composed schemas, XDM message headers,
/// problem documents on every error.
@Suite("Adobe's Platform API contract")
struct PlatformContractTests {
    static let composedEvent =
        #"{"title": "Events", "type": "object", "allOf": [{"$ref": "https://ns.adobe.com/xdm/context/experienceevent"}, {"$ref": "https://ns.adobe.com/xdm/context/identitymap"}]}"#

    static func headers(org: String = "TESTORG@AdobeOrg", sandbox: String? = "prod") -> HTTPFields {
        var headers = EmulatorHarness.platformHeaders
        headers[.init("x-gw-ims-org-id")!] = org
        headers[.init("x-sandbox-name")!] = sandbox
        return headers
    }

    @Test("a resource of one sandbox or org is invisible from another: 404 on look-up, unknown as a reference")
    func isolation() async throws {
        let harness = try await EmulatorHarness()
        defer { Task { await harness.stop() } }
        let chain = try await harness.provisionSeedChain()
        let dev = Self.headers(sandbox: "dev")
        let otherOrg = Self.headers(org: "OTHER@AdobeOrg")
        let lookups = [
            "/data/foundation/schemaregistry/tenant/schemas/\(chain.schemaId.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)",
            "/data/foundation/catalog/dataSets/\(chain.datasetId)",
            "/data/foundation/flowservice/sourceConnections/\(chain.sourceId)",
            "/data/foundation/flowservice/targetConnections/\(chain.targetId)",
            "/data/foundation/conversion/mappingSets/\(chain.mappingId)",
            "/data/foundation/flowservice/flows/\(chain.flowId)",
        ]
        for path in lookups {
            #expect(try await harness.send(.get, path).status == 200, "\(path)")
            for headers in [dev, otherOrg] {
                let hidden = try await harness.send(.get, path, headers: headers)
                #expect(hidden.status == 404, "\(path)")
                #expect(hidden.headers[.contentType] == "application/problem+json")
            }
        }
        #expect(
            try await harness.send(.delete, "/data/foundation/flowservice/flows/\(chain.flowId)", headers: dev).status
                == 404)
        let target = SeedBodies.targetConnection.replacingOccurrences(of: SeedBodies.seedSchemaId, with: chain.schemaId)
            .replacingOccurrences(of: SeedBodies.seedDatasetId, with: chain.datasetId)
        let foreign = try await harness.send(
            .post, "/data/foundation/flowservice/targetConnections", headers: dev, json: target)
        #expect(foreign.status == 400)
        #expect(foreign.json?["detail"]?.stringValue?.contains(chain.schemaId) == true, "\(foreign.text)")
        // A resource cannot be moved to another sandbox or org by PATCH.
        var patchHeaders = EmulatorHarness.platformHeaders
        patchHeaders[.ifMatch] = chain.flowEtag
        for field in ["sandboxName", "imsOrgId"] {
            let moved = try await harness.send(
                .patch, "/data/foundation/flowservice/flows/\(chain.flowId)", headers: patchHeaders,
                json: #"[{"op": "replace", "path": "/\#(field)", "value": "dev"}]"#)
            #expect(moved.status == 400, "\(field)")
            #expect(moved.json?["detail"]?.stringValue?.contains("read-only") == true)
        }
        // The same sandbox through the default: no header is prod.
        #expect(
            try await harness.send(
                .get, "/data/foundation/flowservice/flows/\(chain.flowId)", headers: Self.headers(sandbox: nil)
            ).status == 200)
    }

    @Test("PATCH takes the etag quoted, bare, weak or as ?if-match=; a stale one is 412")
    func ifMatchForms() async throws {
        let harness = try await EmulatorHarness()
        defer { Task { await harness.stop() } }
        let created = try await harness.send(
            .post, "/data/foundation/flowservice/sourceConnections", json: SeedBodies.sourceConnection)
        let id = try #require(created.json?["id"]?.stringValue)
        var etag = try #require(created.json?["etag"]?.stringValue)
        let path = "/data/foundation/flowservice/sourceConnections/\(id)"
        let patch = #"[{"op": "replace", "path": "/name", "value": "renamed"}]"#
        let bare = { (etag: String) in String(etag.dropFirst().dropLast()) }
        for form in ["header quoted", "header bare", "header weak", "query bare", "query quoted"] {
            var headers = EmulatorHarness.platformHeaders
            var target = path
            switch form {
            case "header quoted": headers[.ifMatch] = etag
            case "header bare": headers[.ifMatch] = bare(etag)
            case "header weak": headers[.ifMatch] = "W/" + etag
            case "query bare": target += "?if-match=\(bare(etag))"
            default: target += "?if-match=\(etag.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
            }
            let answer = try await harness.send(.patch, target, headers: headers, json: patch)
            #expect(answer.status == 200, "\(form): \(answer.text)")
            let next = try #require(answer.json?["etag"]?.stringValue)
            #expect(next != etag)
            // The etag just used is stale now.
            let stale = try await harness.send(.patch, target, headers: headers, json: patch)
            #expect(stale.status == 412, "\(form)")
            #expect(stale.headers[.contentType] == "application/problem+json")
            etag = next
        }
        let none = try await harness.send(.patch, path, json: patch)
        #expect(none.status == 400)
    }

    @Test("schema look-ups give the xed formats Adobe lists and 406 for any other")
    func schemaFormats() async throws {
        let harness = try await EmulatorHarness()
        defer { Task { await harness.stop() } }
        let created = try await harness.send(
            .post, "/data/foundation/schemaregistry/tenant/schemas", json: Self.composedEvent)
        #expect(created.status == 201)
        #expect(created.json?["meta:class"]?.stringValue == "https://ns.adobe.com/xdm/context/experienceevent")
        #expect(
            created.json?["refs"]
                == .array([
                    "https://ns.adobe.com/xdm/context/experienceevent", "https://ns.adobe.com/xdm/context/identitymap",
                ]))
        #expect(
            created.json?["meta:extends"]?.arrayValue?.compactMap(\.stringValue) == [
                "https://ns.adobe.com/xdm/data/time-series", "https://ns.adobe.com/xdm/context/identitymap",
                "https://ns.adobe.com/xdm/context/experienceevent",
            ])
        #expect(created.json?["meta:sandboxType"]?.stringValue == "production")
        #expect(created.json?["imsOrg"]?.stringValue == "TESTORG@AdobeOrg")
        let altId = try #require(created.json?["meta:altId"]?.stringValue)
        let path = "/data/foundation/schemaregistry/tenant/schemas/\(altId)"
        func get(_ accept: String) async throws -> EmulatorHarness.Answer {
            var headers = EmulatorHarness.platformHeaders
            headers[.accept] = accept
            return try await harness.send(.get, path, headers: headers)
        }
        let xed = try await get("application/vnd.adobe.xed+json; version=1")
        #expect(xed.status == 200)
        #expect(xed.json?["allOf"] != nil && xed.json?["properties"] == nil)
        let full = try await get("application/vnd.adobe.xed-full+json;version=1")
        #expect(full.status == 200)
        #expect(full.json?["allOf"] == nil)
        #expect(full.json?["properties"]?["timestamp"]?["format"]?.stringValue == "date-time")
        #expect(full.json?["required"] == .array(["_id", "timestamp"]))
        #expect(full.json?["title"]?.stringValue == "Events")
        let notext = try await get("application/vnd.adobe.xed-full-notext+json; version=1")
        #expect(notext.status == 200 && notext.json?["title"] == nil && notext.json?["properties"]?["timestamp"] != nil)
        for refused in [
            "application/vnd.adobe.xed-id+json", "application/vnd.adobe.xed-full+json",
            "application/vnd.adobe.xed-full+json; version=2", "text/html",
        ] {
            let answer = try await get(refused)
            #expect(answer.status == 406, "\(refused)")
            #expect(answer.headers[.contentType] == "application/problem+json")
        }
        let standard = try await harness.send(
            .get,
            "/data/foundation/schemaregistry/global/classes/\("https://ns.adobe.com/xdm/context/profile".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
        )
        #expect(standard.status == 200)
        #expect(standard.json?["$id"]?.stringValue == "https://ns.adobe.com/xdm/context/profile")
        let unknownRef = try await harness.send(
            .post, "/data/foundation/schemaregistry/tenant/schemas",
            json: #"{"title": "x", "allOf": [{"$ref": "https://ns.adobe.com/xdm/context/nope"}]}"#)
        #expect(unknownRef.status == 400)
        #expect(
            unknownRef.json?["detail"]?.stringValue?.contains("unknown $ref https://ns.adobe.com/xdm/context/nope")
                == true)
    }

    /// An XDM flow (no mapping set) on the composed schema, and a second dataset of the same schema.
    static func xdmFlow(_ harness: EmulatorHarness) async throws -> (
        inletPath: String, datasetId: String, otherDatasetId: String, schemaId: String
    ) {
        let schema = try await harness.send(
            .post, "/data/foundation/schemaregistry/tenant/schemas", json: Self.composedEvent)
        let schemaId = try #require(schema.json?["$id"]?.stringValue)
        var datasets: [String] = []
        for _ in 0..<2 {
            let dataset = try await harness.send(
                .post, "/data/foundation/catalog/dataSets", json: SeedBodies.dataset(schemaId: schemaId))
            #expect(
                dataset.headers[.location]
                    == "/data/foundation/catalog/dataSets/\(dataset.json?[0]?.stringValue?.dropFirst("@/dataSets/".count) ?? "")"
            )
            datasets.append(String(try #require(dataset.headers[.location]).split(separator: "/")[4]))
        }
        let source = try await harness.send(
            .post, "/data/foundation/flowservice/sourceConnections",
            json:
                #"{"name": "http", "connectionSpec": {"id": "bc7b00d6-623a-4dfc-9fdb-f1240aeadaeb", "version": "1.0"}}"#
        )
        let target = try await harness.send(
            .post, "/data/foundation/flowservice/targetConnections",
            json: SeedBodies.targetConnection.replacingOccurrences(of: SeedBodies.seedSchemaId, with: schemaId)
                .replacingOccurrences(of: SeedBodies.seedDatasetId, with: datasets[0])
        )
        let flow = try await harness.send(
            .post, "/data/foundation/flowservice/flows",
            json:
                #"{"name": "xdm", "flowSpec": {"id": "d8a6f005-7eaf-4153-983e-e8574508b877", "version": "1.0"}, "sourceConnectionIds": ["\#(source.json?["id"]?.stringValue ?? "")"], "targetConnectionIds": ["\#(target.json?["id"]?.stringValue ?? "")"]}"#
        )
        #expect(flow.status == 201, "\(flow.text)")
        #expect(flow.headers[.location] == "/data/foundation/flowservice/flows/\(flow.json?["id"]?.stringValue ?? "")")
        let got = try await harness.send(
            .get, "/data/foundation/flowservice/flows/\(flow.json?["id"]?.stringValue ?? "")")
        let inletUrl = try #require(got.json?["items"]?[0]?["options"]?["inletUrl"]?.stringValue)
        return (String(inletUrl[inletUrl.range(of: "/collection/")!.lowerBound...]), datasets[0], datasets[1], schemaId)
    }

    static func message(
        schemaId: String, datasetId: String? = nil, org: String? = nil,
        entity: String = #"{"_id": "1", "timestamp": "2026-12-05T10:00:00Z", "identityMap": {"ECID": [{"id": "9"}]}}"#
    ) -> String {
        var header =
            #""schemaRef": {"id": "\#(schemaId)", "contentType": "application/vnd.adobe.xed-full+json;version=1"}"#
        if let datasetId { header += #", "datasetId": "\#(datasetId)""# }
        if let org { header += #", "imsOrgId": "\#(org)""# }
        return #"{"header": {\#(header)}, "body": {"xdmEntity": \#(entity)}}"#
    }

    @Test("an XDM message lands in the dataset its header names; a header naming what is not there is refused")
    func xdmHeaders() async throws {
        let harness = try await EmulatorHarness()
        defer { Task { await harness.stop() } }
        let xdm = try await Self.xdmFlow(harness)
        let json: HTTPFields = [.contentType: "application/json"]
        let routed = try await harness.send(
            .post, xdm.inletPath + "?syncValidation=true", headers: json,
            json: Self.message(schemaId: xdm.schemaId, datasetId: xdm.otherDatasetId, org: "TESTORG@AdobeOrg"))
        #expect(routed.status == 200, "\(routed.text)")
        #expect(try harness.emulator.store.records(datasetId: xdm.otherDatasetId, limit: 10, after: 0).count == 1)
        #expect(try harness.emulator.store.records(datasetId: xdm.datasetId, limit: 10, after: 0).isEmpty)
        let refusals = [
            (Self.message(schemaId: xdm.schemaId, datasetId: "0123456789abcdef01234567"), "names no dataset"),
            (Self.message(schemaId: xdm.schemaId, org: "OTHER@AdobeOrg"), "is not the org"),
            (
                Self.message(schemaId: "https://ns.adobe.com/extconndev/schemas/other", datasetId: xdm.otherDatasetId),
                "is not the schema"
            ),
        ]
        for (body, reason) in refusals {
            let answer = try await harness.send(.post, xdm.inletPath, headers: json, json: body)
            #expect(answer.status == 400, "\(reason)")
            #expect(answer.json?["report"]?["message"]?.stringValue?.contains(reason) == true, "\(answer.text)")
        }
        let batch = try await harness.send(
            .post, "/collection/batch/" + xdm.inletPath.dropFirst("/collection/".count), headers: json,
            json:
                #"{"messages": [\#(Self.message(schemaId: xdm.schemaId, datasetId: xdm.otherDatasetId)), \#(refusals[0].0)]}"#
        )
        #expect(batch.status == 207)
        #expect(batch.json?["responses"]?[0]?["xactionId"] != nil)
        #expect(batch.json?["responses"]?[1]?["statusCode"] == .int(400))
        #expect(try harness.emulator.store.records(datasetId: xdm.otherDatasetId, limit: 10, after: 0).count == 2)
    }

    @Test("a composed schema validates XDM messages as the resolved one: a missing timestamp fails sync validation")
    func composedSchemaValidates() async throws {
        let harness = try await EmulatorHarness()
        defer { Task { await harness.stop() } }
        let xdm = try await Self.xdmFlow(harness)
        let json: HTTPFields = [.contentType: "application/json"]
        let invalid = try await harness.send(
            .post, xdm.inletPath + "?syncValidation=true", headers: json,
            json: Self.message(schemaId: xdm.schemaId, entity: #"{"_id": "1", "identityMap": {"ECID": [{"id": 9}]}}"#))
        #expect(invalid.status == 400)
        let causes =
            invalid.json?["report"]?["cause"]?["_streamingValidation"]?[0]?["causingExceptions"]?.arrayValue ?? []
        #expect(Set(causes.compactMap { $0["keyword"]?.stringValue }) == ["required", "type"], "\(invalid.text)")
        let valid = try await harness.send(
            .post, xdm.inletPath + "?syncValidation=true", headers: json, json: Self.message(schemaId: xdm.schemaId))
        #expect(valid.status == 200, "\(valid.text)")
    }

    @Test("every error is a problem document: unknown endpoints, specs and runs")
    func problemsEverywhere() async throws {
        let harness = try await EmulatorHarness()
        defer { Task { await harness.stop() } }
        let paths = [
            "/data/foundation/flowservice/connectionSpecs/00000000-0000-0000-0000-000000000000",
            "/data/foundation/flowservice/flowSpecs/00000000-0000-0000-0000-000000000000",
            "/data/foundation/flowservice/runs/00000000-0000-0000-0000-000000000000",
            "/data/foundation/flowservice/nothing-here",
            "/nothing/here",
        ]
        for path in paths {
            let answer = try await harness.send(.get, path)
            #expect(answer.status == 404, "\(path)")
            #expect(answer.headers[.contentType] == "application/problem+json", "\(path)")
            #expect(answer.json?["status"] == .int(404), "\(path): \(answer.text)")
            #expect(answer.json?["detail"]?.stringValue?.isEmpty == false, "\(path)")
        }
        let inlet = try await harness.send(
            .post, "/collection/a/b/c", headers: [.contentType: "application/json"], json: "{}")
        #expect(inlet.status == 404)
        #expect(inlet.json?["type"]?.stringValue == InletProblem.inletType)
        let badFilter = try await harness.send(.get, "/data/foundation/flowservice/flowSpecs?property=name")
        #expect(badFilter.status == 400)
        #expect(badFilter.headers[.contentType] == "application/problem+json")
        let filtered = try await harness.send(
            .get, "/data/foundation/flowservice/connectionSpecs?property=id==c604ff05-7f1a-43c0-8e18-33bf874cb11c")
        #expect(
            filtered.json?["items"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [
                "c604ff05-7f1a-43c0-8e18-33bf874cb11c"
            ])
        let unknownSpec = try await harness.send(
            .post, "/data/foundation/flowservice/sourceConnections",
            json: #"{"name": "x", "connectionSpec": {"id": "nope"}}"#)
        #expect(unknownSpec.status == 400)
        #expect(unknownSpec.json?["detail"]?.stringValue?.contains("Unknown connectionSpec.id nope") == true)
    }

    @Test("mapping sets: created with 200, looked up by version, expanded on request")
    func mappingSets() async throws {
        let harness = try await EmulatorHarness()
        defer { Task { await harness.stop() } }
        let chain = try await harness.provisionSeedChain()
        let path = "/data/foundation/conversion/mappingSets/\(chain.mappingId)"
        #expect(try await harness.send(.get, path + "?version=0").status == 200)
        let missing = try await harness.send(.get, path + "?version=3")
        #expect(missing.status == 404)
        #expect(missing.headers[.contentType] == "application/problem+json")
        let expanded = try await harness.send(.get, path + "?expandSchema=true")
        #expect(expanded.json?["outputSchema"]?["schema"]?["properties"]?["_extconndev"] != nil)
        let plain = try await harness.send(.get, path + "?expandSchema=false")
        #expect(plain.json?["outputSchema"]?["schema"] == nil)
    }
}
