import Testing

@testable import DataPrep

/// Composed schemas (the Schema Registry's `xed` form) resolve to the standard definitions and
/// validate records exactly as the same schema written out in full (`xed-full`).
@Suite struct XDMCompositionTests {
    /// The ExperienceEvent schema of Adobe's streaming collection (Check_Streaming_to_Profile).
    static let composedEvent = """
        {"type": "object", "title": "ExperienceEvent Schema", "meta:extensible": false, "meta:abstract": false,
         "definitions": {}, "meta:immutableTags": ["union"],
         "allOf": [{"$ref": "https://ns.adobe.com/xdm/context/experienceevent"},
                   {"$ref": "https://ns.adobe.com/xdm/context/experienceevent-marketing"},
                   {"$ref": "https://ns.adobe.com/xdm/context/identitymap"}]}
        """

    /// The same schema written out by hand from the XDM facts, as `xed-full` returns it.
    static let fullEvent = """
        {"type": "object", "title": "ExperienceEvent Schema", "required": ["_id", "timestamp"],
         "properties": {
           "identityMap": {"type": "object", "meta:xdmType": "map", "additionalProperties": {"type": "array", "items": {
              "type": "object", "properties": {
                "id": {"type": "string"},
                "authenticatedState": {"type": "string", "enum": ["ambiguous", "authenticated", "loggedOut"]},
                "primary": {"type": "boolean"}}}}},
           "_id": {"type": "string", "format": "uri-reference"},
           "timestamp": {"type": "string", "format": "date-time"},
           "eventType": {"type": "string"},
           "eventMergeId": {"type": "string"},
           "producedBy": {"type": "string"},
           "marketing": {"type": "object", "properties": {
              "trackingCode": {"type": "string"}, "campaignName": {"type": "string"}, "campaignGroup": {"type": "string"}}}}}
        """

    static let records = [
        #"{"identityMap": {"CRMID": [{"id": "17prorecords"}]}, "_id": "231", "timestamp": "2019-02-06T18:23:32Z", "marketing": {"trackingCode": "purple"}}"#,
        #"{"identityMap": {"ECID": [{"id": "1", "authenticatedState": "sometimes"}]}, "_id": "231", "timestamp": "2019-02-06T18:23:32Z"}"#,
        #"{"_id": 231, "timestamp": "yesterday"}"#,
        #"{"timestamp": "2019-02-06T18:23:32Z"}"#,
        #"{"_id": "1", "timestamp": "2019-02-06T18:23:32Z", "marketing": {"trackingCode": 7, "channel": "x"}, "extra": true}"#,
        #"{"_id": "1", "timestamp": "2019-02-06T18:23:32Z", "identityMap": {"Email": {"id": "a@b"}}}"#,
    ]

    @Test func composedSchemaResolvesToTheStandardFields() throws {
        let schema = try XDMSchema.load(json: Array(Self.composedEvent.utf8), source: "event.json")
        #expect(schema.root.required == ["_id", "timestamp"])
        #expect(
            Set(schema.root.properties.keys) == [
                "identityMap", "_id", "timestamp", "eventType", "eventMergeId", "producedBy", "marketing",
            ])
        guard case .found(let map) = schema.node(at: try FieldPath(parsing: "identityMap")) else {
            Issue.record("no identityMap")
            return
        }
        #expect(map.type == .map)
        guard case .found(let state) = schema.node(at: try FieldPath(parsing: "identityMap.ECID[0].authenticatedState"))
        else {
            Issue.record("no authenticatedState")
            return
        }
        #expect(state.enumValues == [.string("ambiguous"), .string("authenticated"), .string("loggedOut")])
        guard case .found(let time) = schema.node(at: try FieldPath(parsing: "timestamp")) else {
            Issue.record("no timestamp")
            return
        }
        #expect(time.type == .dateTime)
        guard case .found(let code) = schema.node(at: try FieldPath(parsing: "marketing.trackingCode")) else {
            Issue.record("no trackingCode")
            return
        }
        #expect(code.type == .string)
    }

    @Test func composedAndFullSchemasValidateRecordsAlike() throws {
        let composed = try XDMSchema.load(json: Array(Self.composedEvent.utf8), source: "composed")
        let full = try XDMSchema.load(json: Array(Self.fullEvent.utf8), source: "full")
        var invalid = 0
        for text in Self.records {
            let record = try JSONValue.parse(Array(text.utf8))
            let a = composed.validate(record, limit: 5)
            let b = full.validate(record, limit: 5)
            #expect(a == b, "\(text)")
            if !a.isEmpty { invalid += 1 }
        }
        // Only the first record is valid; the others break type, enum, required, extraneous-key rules.
        #expect(invalid == Self.records.count - 1)
    }

    @Test func profileSchemaHasTheRecordAndAuditFields() throws {
        let text =
            #"{"type": "object", "title": "P", "allOf": [{"$ref": "https://ns.adobe.com/xdm/context/profile"}, {"$ref": "https://ns.adobe.com/xdm/context/identitymap"}]}"#
        let schema = try XDMSchema.load(json: Array(text.utf8), source: "p")
        #expect(
            Set(schema.root.properties.keys) == [
                "identityMap", "_id", "personID", "repositoryCreatedBy", "repositoryLastModifiedBy",
                "createdByBatchID", "modifiedByBatchID", "repo:createDate", "repo:modifyDate",
            ])
        #expect(schema.root.required.isEmpty)
        let record = try JSONValue.parse(
            Array(#"{"identityMap": {"ECID": [{"id": "1"}], "EMAIL": [{"id": "a@b.c"}]}}"#.utf8))
        #expect(schema.validate(record).isEmpty)
    }

    @Test func tenantFieldsMergeWithTheClass() throws {
        let text = """
            {"type": "object", "title": "T", "$id": "https://ns.adobe.com/acme/schemas/1",
             "definitions": {"acme": {"properties": {"_acme": {"type": "object", "properties": {"uid": {"type": "string", "minLength": 1}}, "required": ["uid"]}}}},
             "allOf": [{"$ref": "https://ns.adobe.com/xdm/context/experienceevent"}, {"$ref": "#/definitions/acme"}]}
            """
        let schema = try XDMSchema.load(json: Array(text.utf8), source: "t")
        #expect(schema.id == "https://ns.adobe.com/acme/schemas/1")
        #expect(schema.root.properties["_acme"]?.required == ["uid"])
        let record = try JSONValue.parse(Array(#"{"_id": "1", "timestamp": "2026-12-05T00:00:00Z", "_acme": {}}"#.utf8))
        #expect(schema.validate(record).map(\.rule) == [.required])
    }

    @Test func cyclesAreNamed() {
        let text =
            ##"{"type": "object", "definitions": {"a": {"$ref": "#/definitions/b"}, "b": {"allOf": [{"$ref": "#/definitions/a"}]}}, "allOf": [{"$ref": "#/definitions/a"}]}"##
        do {
            _ = try XDMSchema.load(json: Array(text.utf8), source: "cycle.json")
            Issue.record("loaded")
        } catch {
            #expect(error.message == "cyclic $ref: #/definitions/a → #/definitions/b → #/definitions/a", "\(error)")
            #expect(error.source == "cycle.json")
        }
    }

    @Test func depthIsBounded() {
        // d0 → d1 → ... → d79, one property deeper each step: no cycle, but deeper than the bound.
        var definitions: [String] = []
        for level in 0..<80 {
            let child = level == 79 ? ##"{"type": "string"}"## : ##"{"$ref": "#/definitions/d\##(level + 1)"}"##
            definitions.append(#""d\#(level)": {"type": "object", "properties": {"x": \#(child)}}"#)
        }
        let text =
            ##"{"type": "object", "definitions": {\##(definitions.joined(separator: ","))}, "allOf": [{"$ref": "#/definitions/d0"}]}"##
        do {
            _ = try XDMSchema.load(json: Array(text.utf8), source: "deep")
            Issue.record("loaded")
        } catch {
            #expect(
                error.message.hasPrefix("schema nested deeper than \(XDMComposition.maximumDepth) levels"), "\(error)")
        }
    }

    @Test func fanOutIsBounded() {
        // Each level refers to the next twice: 2^30 nodes if expanded, refused at the node bound.
        var definitions: [String] = []
        for level in 0..<30 {
            let child = level == 29 ? ##"{"type": "string"}"## : ##"{"$ref": "#/definitions/d\##(level + 1)"}"##
            definitions.append(#""d\#(level)": {"type": "object", "properties": {"a": \#(child), "b": \#(child)}}"#)
        }
        let text =
            ##"{"type": "object", "definitions": {\##(definitions.joined(separator: ","))}, "allOf": [{"$ref": "#/definitions/d0"}]}"##
        do {
            _ = try XDMSchema.load(json: Array(text.utf8), source: "wide")
            Issue.record("loaded")
        } catch {
            #expect(
                error.message
                    == "the schema expands to more than \(XDMComposition.maximumNodes) nodes once its references are resolved",
                "\(error)")
        }
    }

    @Test func unknownReferencesAreNamed() {
        let text =
            #"{"type": "object", "allOf": [{"$ref": "https://ns.adobe.com/xdm/context/profile-person-details"}]}"#
        do {
            _ = try XDMSchema.load(json: Array(text.utf8), source: "s")
            Issue.record("loaded")
        } catch {
            #expect(error.pointer == "#/allOf/0")
            #expect(
                error.message.hasPrefix(
                    "unknown $ref https://ns.adobe.com/xdm/context/profile-person-details: the known definitions are "))
        }
    }

    @Test func metaExtendsListsWhatTheSchemaInherits() throws {
        let document = try JSONValue.parse(Array(Self.composedEvent.utf8))
        #expect(
            XDMComposition.directReferences(document) == [
                StandardXDM.experienceEvent, "https://ns.adobe.com/xdm/context/experienceevent-marketing",
                StandardXDM.identityMap,
            ])
        #expect(XDMComposition.schemaClass(document) == StandardXDM.experienceEvent)
        #expect(
            XDMComposition().extends(document) == [
                StandardXDM.timeSeries, StandardXDM.identityMap, StandardXDM.experienceEvent,
                "https://ns.adobe.com/xdm/context/experienceevent-marketing",
            ])
    }

    @Test func everyStandardDefinitionParsesAndResolves() throws {
        #expect(StandardXDM.documents.count == StandardXDM.list.count)
        for (id, document) in StandardXDM.documents {
            let resolved = try XDMComposition().resolve(document, source: id)
            #expect(!XDMComposition.isComposed(resolved), "\(id)")
        }
    }

    @Test func mapperTakesTheComposedSchemaAsTheFullOne() throws {
        let mapping = """
            {"mappings": [
              {"destinationXdmPath": "_id", "sourceAttribute": "uniqueId", "sourceType": "ATTRIBUTE"},
              {"destinationXdmPath": "timestamp", "sourceAttribute": "browserTime", "sourceType": "ATTRIBUTE"},
              {"destinationXdmPath": "eventType", "sourceAttribute": "type", "sourceType": "ATTRIBUTE"},
              {"destinationXdmPath": "marketing.trackingCode", "sourceAttribute": "properties.code", "sourceType": "ATTRIBUTE"}]}
            """
        let composed = try TestSupport.mapper(mapping, schema: Self.composedEvent)
        let full = try TestSupport.mapper(mapping, schema: Self.fullEvent)
        let events = [
            #"{"uniqueId": "u1", "browserTime": "2026-12-05T10:00:00Z", "type": "track", "properties": {"code": "c"}}"#,
            #"{"browserTime": "2026-12-05T10:00:00Z", "type": "track"}"#,
            #"{"uniqueId": "u2", "browserTime": "soon"}"#,
        ]
        for event in events {
            #expect(composed.map(Array(event.utf8)) == full.map(Array(event.utf8)), "\(event)")
        }
        guard case .rejected(let rejection) = composed.map(Array(events[1].utf8)) else {
            Issue.record("mapped")
            return
        }
        #expect(rejection.rule == .required)
        #expect(rejection.message == "#: required key [_id] not found")
    }
}
