@testable import DataPrep

/// Helpers shared by the DataPrep tests.
enum TestSupport {
    static func json(_ text: String) -> JSONValue {
        do {
            return try JSONValue.parse(Array(text.utf8))
        } catch {
            fatalError("bad test JSON \(text): \(error)")
        }
    }

    static let fixedNow: @Sendable () -> DateTimeValue = { DateTimeValue(epochMilliseconds: 1_700_000_000_000) }

    static func evaluate(_ expression: String, input: String = "{}") throws -> JSONValue {
        let parsed = try ExpressionParser.parse(expression)
        var context = FunctionContext(now: Self.fixedNow, seed: 7)
        return try ExpressionEvaluator().evaluate(parsed, input: Self.json(input), context: &context)
    }

    static func mapper(_ mappingSet: String, schema: String? = nil) throws -> Mapper {
        let set = try MappingSet.load(json: Array(mappingSet.utf8), source: "test-mapping.json")
        let loaded = try schema.map { try XDMSchema.load(json: Array($0.utf8), source: "test-schema.json") }
        return try Mapper(mappingSet: set, schema: loaded, options: MapperOptions(now: Self.fixedNow, seed: 1))
    }

    /// The seed's mapping set (the body of POST /conversion/mappingSets in the seed document).
    static let seedMapping = """
        {"outputSchema": {"schemaRef": {"id": "https://ns.adobe.com/{TENANT_ID}/schemas/945546112b746524bfd9f1264b26c2b7d8e7f5b7fadb953a",
                                        "contentType": "application/vnd.adobe.xed-full+json;version=1"}},
         "mappings": [
          {"destinationXdmPath": "_extconndev.accountid", "sourceAttribute": "accountId", "identity": false, "version": 0},
          {"destinationXdmPath": "_extconndev.uniqueid", "sourceAttribute": "uniqueId", "identity": false, "version": 0},
          {"destinationXdmPath": "_extconndev.name1", "sourceAttribute": "properties.guideProperties.name", "identity": false, "version": 0},
          {"destinationXdmPath": "_extconndev.timestamp1", "sourceAttribute": "timestamp", "identity": false, "version": 0},
          {"destinationXdmPath": "_extconndev.visitorid", "sourceAttribute": "visitorId", "identity": false, "version": 0}
         ]}
        """

    static let seedSchema = """
        {"$id": "https://ns.adobe.com/extconndev/schemas/pendo", "type": "object", "meta:xdmType": "object",
         "properties": {"_extconndev": {"type": "object", "meta:xdmType": "object", "required": ["uniqueid"],
           "properties": {
            "accountid": {"type": "string", "meta:xdmType": "string"},
            "uniqueid": {"type": "string", "meta:xdmType": "string", "minLength": 1},
            "name1": {"type": "string", "meta:xdmType": "string"},
            "timestamp1": {"type": "integer", "meta:xdmType": "long"},
            "visitorid": {"type": "string", "meta:xdmType": "string"}}}}}
        """

    static let guideEvent = """
        {"app": {"id": -271828, "name": "acme-web", "platform": "web"}, "accountId": "acct-0042",
         "subscription": {"id": 5123456789012345, "name": "acme"}, "event": "guideDisplayed",
         "properties": {"guideId": "q3Vw", "guideProperties": {"id": "q3Vw", "name": "Onboarding tour — 日本語 🎉 \\"quoted\\"",
           "steps": [{"id": "Zx81pQ", "type": "building-block"}, {"id": "Ab", "type": ""}]}, "language": "en-US"},
         "timestamp": 1701234567, "visitorId": "visitor-7781", "uniqueId": "0b9f3c8e7a6d5c4b3a291807f6e5d4c3b2a19080"}
        """
}

extension TestSupport {
    static let xdmLikeSchema = """
        {"type": "object", "properties": {
          "_id": {"type": "string", "meta:xdmType": "string"},
          "timestamp": {"type": "string", "format": "date-time", "meta:xdmType": "date-time"},
          "day": {"type": "string", "format": "date", "meta:xdmType": "date"},
          "eventType": {"type": "string", "enum": ["guide.displayed", "nps.submitted"]},
          "code": {"type": "string", "pattern": "^[a-z]+$", "maxLength": 5},
          "rating": {"type": "integer", "meta:xdmType": "int", "minimum": 0, "maximum": 10},
          "small": {"type": "integer", "meta:xdmType": "byte"},
          "short": {"type": "integer", "meta:xdmType": "short"},
          "ratio": {"type": "number", "meta:xdmType": "double"},
          "ok": {"type": "boolean"},
          "tags": {"type": "array", "items": {"type": "string"}},
          "steps": {"type": "array", "items": {"type": "object", "properties": {"id": {"type": "string"}, "n": {"type": "integer"}}}},
          "attrs": {"type": "object", "meta:xdmType": "map", "additionalProperties": {"type": "string"}},
          "identityMap": {"type": "object", "meta:xdmType": "map", "additionalProperties": {"type": "array",
            "items": {"type": "object", "properties": {"id": {"type": "string"}, "primary": {"type": "boolean"}}}}},
          "_tenant": {"type": "object", "properties": {"guide": {"type": "object", "required": ["id"],
            "properties": {"id": {"type": "string", "minLength": 1}, "name": {"type": "string"}}}}}
        }}
        """
}
