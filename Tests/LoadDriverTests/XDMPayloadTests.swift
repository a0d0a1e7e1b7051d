import DataPrep
import Dispatch
import Testing

@testable import LoadDriver

@Suite("--payload xdm: Data Prep's record in the XDM envelope")
struct XDMPayloadTests {
    static let schemaId = "https://ns.adobe.com/acme/schemas/pendo-test"

    static let mapping = """
        {"outputSchema": {"schemaRef": {"id": "\(schemaId)", "contentType": "application/vnd.adobe.xed-full+json;version=1"}},
         "mappings": [
            {"sourceType": "ATTRIBUTE", "source": "uniqueId", "destination": "_id"},
            {"sourceType": "EXPRESSION", "source": "upper(accountId)", "destination": "_acme.account"},
            {"sourceType": "ATTRIBUTE", "source": "subscription.id", "destination": "_acme.subscription"},
            {"sourceType": "EXPRESSION", "source": "uuid()", "destination": "_acme.requestId"}
         ]}
        """

    static let schema = """
        {"$id": "https://ns.adobe.com/acme/schemas/from-schema", "type": "object", "required": ["_id"],
         "properties": {
            "_id": {"type": "string", "minLength": 1},
            "_acme": {"type": "object", "properties": {
                "account": {"type": "string"},
                "subscription": {"type": "integer", "meta:xdmType": "long"},
                "requestId": {"type": "string"}}}}}
        """

    static func payload(mapping: String = Self.mapping, flowId: String? = "flow-1", datasetId: String? = "ds-1") throws
        -> XDMPayload
    {
        try XDMPayload(
            mappingSetJSON: Array(mapping.utf8), mappingSource: "mapping.json", schemaJSON: Array(Self.schema.utf8),
            schemaSource: "schema.json", flowId: flowId, datasetId: datasetId, seed: 7)
    }

    static func event(_ text: String, line: Int = 1) -> FeedEvent {
        FeedEvent(bytes: Array(text.utf8), file: "events.jsonl", line: line)
    }

    static func message(_ result: PayloadResult) throws -> JSONValue {
        guard case .message(let bytes) = result else {
            Issue.record("expected a message, got \(result)")
            throw CancellationError()
        }
        return try JSONValue.parse(bytes)
    }

    @Test(
        "the envelope, field by field: header.schemaRef, flowId, datasetId, source; body.xdmMeta; body.xdmEntity is the mapped record"
    )
    func envelopeShape() throws {
        let payload = try Self.payload()
        let message = try Self.message(
            payload.message(for: Self.event(#"{"uniqueId": "u1", "accountId": "acme", "subscription": {"id": 5}}"#)))
        guard case .object(let root) = message else {
            Issue.record("not an object")
            return
        }
        #expect(root.keys == ["header", "body"])
        let schemaRef = JSONValue.object(
            JSONObject([
                "id": .string(Self.schemaId), "contentType": .string("application/vnd.adobe.xed-full+json;version=1"),
            ]))
        guard case .object(let header)? = root["header"], case .object(let body)? = root["body"] else {
            Issue.record("header and body must be objects")
            return
        }
        #expect(header.keys == ["schemaRef", "flowId", "datasetId", "source"])
        #expect(header["schemaRef"] == schemaRef)
        #expect(header["flowId"] == .string("flow-1"))
        #expect(header["datasetId"] == .string("ds-1"))
        #expect(header["source"] == .object(JSONObject(["name": .string("pendo-replay")])))
        #expect(body.keys == ["xdmMeta", "xdmEntity"])
        #expect(body["xdmMeta"] == .object(JSONObject(["schemaRef": schemaRef])))
        guard case .object(let entity)? = body["xdmEntity"], case .object(let acme)? = entity["_acme"] else {
            Issue.record("xdmEntity must hold the record")
            return
        }
        #expect(entity["_id"] == .string("u1"))
        #expect(acme["account"] == .string("ACME"))
        #expect(acme["subscription"] == .int(5))
        #expect(acme["requestId"]?.asString?.count == 36)
    }

    @Test("without a flow or dataset id the header leaves them out; the schema id falls back to the schema's $id")
    func optionalHeaderFields() throws {
        let noOutputSchema = Self.mapping.replacingOccurrences(
            of:
                #""outputSchema": {"schemaRef": {"id": "\#(Self.schemaId)", "contentType": "application/vnd.adobe.xed-full+json;version=1"}},"#,
            with: "")
        #expect(noOutputSchema != Self.mapping)
        let payload = try Self.payload(mapping: noOutputSchema, flowId: nil, datasetId: nil)
        #expect(payload.schemaId == "https://ns.adobe.com/acme/schemas/from-schema")
        let message = try Self.message(payload.message(for: Self.event(#"{"uniqueId": "u1"}"#)))
        guard case .object(let root) = message, case .object(let header)? = root["header"] else {
            Issue.record("no header")
            return
        }
        #expect(header.keys == ["schemaRef", "source"])
    }

    @Test("a record Data Prep rejects is refused with the rejection and where the event came from")
    func refusal() throws {
        let payload = try Self.payload()
        guard case .refused(let reason) = payload.message(for: Self.event(#"{"accountId": "acme"}"#, line: 42)) else {
            Issue.record("a record without its required _id must be refused")
            return
        }
        #expect(reason.hasPrefix("events.jsonl:42: INGEST-1212-400"))
        #expect(reason.contains("required key [_id] not found"))
        guard case .refused(let broken) = payload.message(for: Self.event("{not json", line: 3)) else {
            Issue.record("invalid JSON must be refused")
            return
        }
        #expect(broken.hasPrefix("events.jsonl:3: "))
    }

    @Test("64-bit integers go out exactly, not through a double")
    func exactIntegers() throws {
        let payload = try Self.payload()
        for value in [Int64.max, Int64.min, 7_745_326_588_194_004_738, 9_007_199_254_740_993] {
            let result = payload.message(for: Self.event(#"{"uniqueId": "u", "subscription": {"id": \#(value)}}"#))
            guard case .message(let bytes) = result else {
                Issue.record("refused: \(result)")
                continue
            }
            #expect(String(decoding: bytes, as: UTF8.self).contains(#""subscription":\#(value)"#))
            let message = try JSONValue.parse(bytes)
            guard case .object(let root) = message, case .object(let body)? = root["body"],
                case .object(let entity)? = body["xdmEntity"],
                case .object(let acme)? = entity["_acme"]
            else {
                Issue.record("no record")
                continue
            }
            #expect(acme["subscription"] == .int(value))
        }
    }

    @Test("uuid() differs from event to event, also when events are mapped on several threads at once")
    func distinctSeeds() throws {
        let payload = try Self.payload()
        nonisolated(unsafe) let results = UnsafeMutableBufferPointer<PayloadResult?>.allocate(capacity: 400)
        results.initialize(repeating: nil)
        defer { results.deallocate() }
        DispatchQueue.concurrentPerform(iterations: 4) { part in
            for index in (part * 100)..<((part + 1) * 100) {
                results[index] = payload.message(for: Self.event(#"{"uniqueId": "u\#(index)"}"#, line: index))
            }
        }
        var ids = Set<String>()
        for result in results {
            guard let result, case .object(let root) = try Self.message(result), case .object(let body)? = root["body"],
                case .object(let entity)? = body["xdmEntity"], case .object(let acme)? = entity["_acme"],
                let id = acme["requestId"]?.asString
            else {
                Issue.record("no requestId")
                continue
            }
            ids.insert(id)
        }
        #expect(ids.count == 400)
    }
}
