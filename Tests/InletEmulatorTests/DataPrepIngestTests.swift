import DataPrep
import Foundation
import Hummingbird
import PendoEvents
import Testing

@testable import InletEmulator

/// The emulator's ingestion runs the Data Prep engine: calculated fields, Adobe's wording for
/// rejected records, the pendo-xdm bundle, and schema validation of XDM messages.
@Suite("Ingestion through the Data Prep engine")
struct DataPrepIngestTests {
    static let json: HTTPFields = [.contentType: "application/json"]

    static let expressionMapping = """
        {
            "outputSchema": {"schemaRef": {"id": "\(SeedBodies.seedMappingSchemaId)", "contentType": "application/vnd.adobe.xed-full+json;version=1"}},
            "mappings": [
                {"sourceType": "ATTRIBUTE", "source": "uniqueId", "destination": "_extconndev.uniqueid"},
                {"sourceType": "EXPRESSION", "source": "lower(accountId)", "destination": "_extconndev.accountid"},
                {"sourceType": "EXPRESSION", "source": "dformat(timestamp, \\"yyyy-MM-dd\\")", "destination": "_extconndev.timestamp1"},
                {"sourceType": "EXPRESSION", "source": "uuid()", "destination": "_extconndev.name1"}
            ]
        }
        """

    /// The stored items of a dataset, read through the emulator's inspection route.
    static func storedItems(_ harness: EmulatorHarness, datasetId: String, count: Int) async throws -> [JSONValue] {
        for _ in 0..<200 {
            let answer = try await harness.send(
                .get, "/emulator/datasets/\(datasetId)/records?limit=1000", headers: [:])
            let items = answer.json?["items"]?.arrayValue ?? []
            if items.count >= count { return items }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("fewer than \(count) records stored")
        return []
    }

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    @Test("an EXPRESSION mapping (lower, dformat, uuid) POSTed through the API is computed in the stored record")
    func expressionMapping() async throws {
        let harness = try await EmulatorHarness()
        defer { Task { await harness.stop() } }
        let chain = try await harness.provisionSeedChain(mapping: Self.expressionMapping)
        for id in ["e1", "e2"] {
            let answer = try await harness.send(
                .post, chain.inletPath + "?x-adobe-flow-id=\(chain.flowId)", headers: Self.json,
                json: SeedBodies.pendoEvent(uniqueId: id, accountId: "ACME-Corp"))
            #expect(answer.status == 200, "\(answer.text)")
        }
        let items = try await Self.storedItems(harness, datasetId: chain.datasetId, count: 2)
        try #require(items.count == 2)
        for (index, item) in items.enumerated() {
            #expect(item["outcome"]?.stringValue == "stored")
            let record = try #require(item["record"]?["_extconndev"])
            #expect(record["uniqueid"]?.stringValue == "e\(index + 1)")
            #expect(record["accountid"]?.stringValue == "acme-corp")
            // 1676875325841 ms is 2023-02-20 (UTC).
            #expect(record["timestamp1"]?.stringValue == "2023-02-20")
            #expect(isUUID(record["name1"]?.stringValue?.lowercased()))
        }
        // uuid() draws a distinct seed per event.
        #expect(items[0]["record"]?["_extconndev"]?["name1"] != items[1]["record"]?["_extconndev"]?["name1"])
    }

    @Test("a record missing its required uniqueId is counted failed with Adobe's code and wording")
    func missingRequiredField() async throws {
        let harness = try await EmulatorHarness()
        defer { Task { await harness.stop() } }
        let chain = try await harness.provisionSeedChain()
        let answer = try await harness.send(
            .post, chain.inletPath + "?x-adobe-flow-id=\(chain.flowId)", headers: Self.json,
            json: #"{"accountId": "a", "visitorId": "v"}"#)
        #expect(answer.status == 200)
        let items = try await Self.storedItems(harness, datasetId: chain.datasetId, count: 1)
        let item = try #require(items.first)
        #expect(item["outcome"]?.stringValue == "failed")
        #expect(item["errorCode"]?.stringValue == "INGEST-1212-400")
        #expect(item["errorMessage"]?.stringValue == "#/_extconndev: required key [uniqueid] not found")
        #expect(item["record"] == .null)

        let sync = try await harness.send(
            .post, chain.inletPath + "?syncValidation=true&x-adobe-flow-id=\(chain.flowId)", headers: Self.json,
            json: #"{"accountId": "a"}"#)
        #expect(sync.status == 400)
        let cause = try #require(sync.json?["report"]?["cause"]?["_streamingValidation"]?[0]?["causingExceptions"]?[0])
        #expect(cause["keyword"]?.stringValue == "required")
        #expect(cause["schemaLocation"]?.stringValue == "#/properties/_extconndev")
        #expect(cause["pointerToViolation"]?.stringValue == "#/_extconndev")
        #expect(cause["message"]?.stringValue == "required key [uniqueid] not found")
    }

    @Test("the pendo-xdm bundle (mapping.json, schema.json) ingests the first events of its corpus")
    func pendoXDMBundle() async throws {
        let bundle = Self.repositoryRoot.appendingPathComponent("corpora/pendo-xdm")
        let mapping = try String(contentsOf: bundle.appendingPathComponent("mapping.json"), encoding: .utf8)
        let schema = try String(contentsOf: bundle.appendingPathComponent("schema.json"), encoding: .utf8)
        let harness = try await EmulatorHarness()
        defer { Task { await harness.stop() } }
        let chain = try await harness.provisionSeedChain(
            mapping: mapping, schema: schema,
            mappingSchemaId: "https://ns.adobe.com/extconndev/schemas/pendo-experience-event")
        let reader = try CorpusReader(paths: [bundle.appendingPathComponent("events.jsonl.gz").path])
        var sent: [[UInt8]] = []
        while sent.count < 25, let event = try reader.next() {
            let answer = try await harness.send(
                .post, chain.inletPath + "?x-adobe-flow-id=\(chain.flowId)", headers: Self.json, body: event.bytes)
            #expect(answer.status == 200, "\(answer.text)")
            sent.append(event.bytes)
        }
        try #require(sent.count == 25)
        let items = try await Self.storedItems(harness, datasetId: chain.datasetId, count: sent.count)
        try #require(items.count == sent.count)
        for (item, raw) in zip(items, sent) {
            #expect(item["outcome"]?.stringValue == "stored", "\(item["errorMessage"]?.stringValue ?? "")")
            let event = try JSONValue.parse(raw)
            let record = try #require(item["record"])
            #expect(record["_id"] == event["uniqueId"])
            #expect(record["producedBy"]?.stringValue == "pendo-webhook")
            // A calculated field: epoch seconds turned into ISO 8601 by dformat (then the
            // date-time field's own ISO form).
            let seconds = try #require(event["timestamp"]?.intValue)
            #expect(
                record["timestamp"]?.stringValue
                    == ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(seconds))))
            // 64-bit subscription ids survive exactly.
            #expect(record["_extconndev"]?["subscription"]?["id"] == event["subscription"]?["id"])
            #expect(record["identityMap"]?["PendoVisitor"]?[0]?["id"] == event["visitorId"])
        }
    }

    @Test(
        "XDM messages are validated against the schema without conversion: type, extraneous keys, required, minLength")
    func xdmValidation() async throws {
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
        func message(_ entity: String) -> String {
            """
            {"header": {"schemaRef": {"id": "\(chain.schemaId)", "contentType": "application/vnd.adobe.xed-full+json;version=1"},
                        "flowId": "\(flowId)", "datasetId": "\(chain.datasetId)", "source": {"name": "pendo-replay"}},
             "body": {"xdmMeta": {"schemaRef": {"id": "\(chain.schemaId)"}}, "xdmEntity": \(entity)}}
            """
        }
        let valid = try await harness.send(
            .post, path + "?syncValidation=true", headers: Self.json,
            json: message(#"{"_extconndev": {"uniqueid": "x1", "accountid": "a"}}"#))
        #expect(valid.status == 200, "\(valid.text)")

        // A number where the schema wants a string is not converted for an XDM message.
        let wrongType = try await harness.send(
            .post, path + "?syncValidation=true", headers: Self.json,
            json: message(#"{"_extconndev": {"uniqueid": "x2", "accountid": 12, "extra": true}}"#))
        #expect(wrongType.status == 400)
        let validation = try #require(wrongType.json?["report"]?["cause"]?["_streamingValidation"]?[0])
        #expect(validation["message"]?.stringValue == "2 schema violations found")
        let causes = validation["causingExceptions"]?.arrayValue ?? []
        try #require(causes.count == 2)
        #expect(causes[0]["keyword"]?.stringValue == "type")
        #expect(causes[0]["pointerToViolation"]?.stringValue == "#/_extconndev/accountid")
        #expect(causes[0]["schemaLocation"]?.stringValue == "#/properties/_extconndev/properties/accountid")
        #expect(causes[0]["message"]?.stringValue == "expected type: String, found: Integer")
        #expect(causes[1]["keyword"]?.stringValue == "additionalProperties")
        #expect(causes[1]["pointerToViolation"]?.stringValue == "#/_extconndev")
        #expect(causes[1]["message"]?.stringValue == "extraneous key [extra] is not permitted")

        // Without sync validation the message is accepted and counted failed.
        let missing = try await harness.send(
            .post, path, headers: Self.json, json: message(#"{"_extconndev": {"accountid": "a"}}"#))
        #expect(missing.status == 200)
        let items = try await Self.storedItems(harness, datasetId: chain.datasetId, count: 2)
        try #require(items.count == 2)
        #expect(items[0]["outcome"]?.stringValue == "stored")
        #expect(items[0]["record"]?["_extconndev"]?["uniqueid"]?.stringValue == "x1")
        #expect(items[1]["outcome"]?.stringValue == "failed")
        #expect(items[1]["errorCode"]?.stringValue == "INGEST-1212-400")
        #expect(items[1]["errorMessage"]?.stringValue == "#/_extconndev: required key [uniqueid] not found")
    }
}
