import Testing

@testable import DataPrep

@Suite struct MapperTests {
    @Test func mapsTheSeedEventExactly() throws {
        let mapper = try TestSupport.mapper(TestSupport.seedMapping, schema: TestSupport.seedSchema)
        guard case .mapped(let record, let warnings) = mapper.map(Array(TestSupport.guideEvent.utf8)) else {
            Issue.record("rejected")
            return
        }
        #expect(warnings.isEmpty)
        #expect(
            record.jsonText
                == #"{"_extconndev":{"accountid":"acct-0042","uniqueid":"0b9f3c8e7a6d5c4b3a291807f6e5d4c3b2a19080","name1":"Onboarding tour — 日本語 🎉 \"quoted\"","timestamp1":1701234567,"visitorid":"visitor-7781"}}"#
        )
    }

    @Test func selectiveAndFullParsingAgree() throws {
        let set = try MappingSet.load(json: Array(TestSupport.seedMapping.utf8), source: "m")
        let schema = try XDMSchema.load(json: Array(TestSupport.seedSchema.utf8), source: "s")
        let fast = try Mapper(mappingSet: set, schema: schema)
        let slow = try Mapper(mappingSet: set, schema: schema, options: MapperOptions(selectiveParsing: false))
        for event in [
            TestSupport.guideEvent, #"{"uniqueId": ""}"#, #"{"accountId": 5, "timestamp": "12"}"#, "[1]", "{bad",
        ] {
            #expect(fast.map(Array(event.utf8)) == slow.map(Array(event.utf8)), "\(event)")
        }
    }

    @Test func missingRequiredFieldIsRejected() throws {
        let mapper = try TestSupport.mapper(TestSupport.seedMapping, schema: TestSupport.seedSchema)
        guard case .rejected(let rejection) = mapper.map(Array(#"{"accountId": "a", "timestamp": 1}"#.utf8)) else {
            Issue.record("mapped")
            return
        }
        #expect(rejection.rule == .required)
        #expect(rejection.path == "_extconndev.uniqueid")
        #expect(rejection.message == "#/_extconndev: required key [uniqueid] not found")
    }

    @Test func emptyUniqueIdIsRejectedLikeAdobe() throws {
        let mapper = try TestSupport.mapper(TestSupport.seedMapping, schema: TestSupport.seedSchema)
        guard case .rejected(let rejection) = mapper.map(Array(#"{"uniqueId": ""}"#.utf8)) else {
            Issue.record("mapped")
            return
        }
        #expect(rejection.rule == .minLength)
        #expect(rejection.message == "#/_extconndev/uniqueid: expected minLength: 1, actual: 0")
    }

    @Test func unconvertibleValueIsDroppedWithAWarning() throws {
        let mapper = try TestSupport.mapper(TestSupport.seedMapping, schema: TestSupport.seedSchema)
        guard
            case .mapped(let record, let warnings) = mapper.map(
                Array(#"{"uniqueId": "u", "timestamp": "yesterday"}"#.utf8))
        else {
            Issue.record("rejected")
            return
        }
        #expect(record.jsonText == #"{"_extconndev":{"uniqueid":"u"}}"#)
        #expect(warnings.count == 1)
        #expect(warnings[0].mappingIndex == 3)
        #expect(warnings[0].path == "_extconndev.timestamp1")
        #expect(warnings[0].description.contains("mapping #3 (timestamp -> _extconndev.timestamp1)"))
    }

    @Test func invalidEventsAreRejectedNotCrashed() throws {
        let mapper = try TestSupport.mapper(TestSupport.seedMapping, schema: TestSupport.seedSchema)
        guard case .rejected(let bad) = mapper.map(Array("{\"uniqueId\": \"x\"".utf8)) else {
            Issue.record("mapped")
            return
        }
        #expect(bad.rule == .invalidJSON)
        guard case .rejected(let notObject) = mapper.map(Array("[1,2]".utf8)) else {
            Issue.record("mapped")
            return
        }
        #expect(notObject.rule == .notAnObject)
    }

    @Test func withoutASchemaValuesPassAsTheyAre() throws {
        let mapper = try TestSupport.mapper(TestSupport.seedMapping)
        guard case .mapped(let record, _) = mapper.map(Array(#"{"uniqueId": 12, "timestamp": "x"}"#.utf8)) else {
            Issue.record("rejected")
            return
        }
        #expect(record.jsonText == #"{"_extconndev":{"uniqueid":12,"timestamp1":"x"}}"#)
    }

    @Test func newerDialectWithExpressionsStaticsIdentitiesAndWildcards() throws {
        let set = """
            {"mappings": [
              {"sourceType": "ATTRIBUTE", "source": "uniqueId", "destination": "_id"},
              {"sourceType": "EXPRESSION", "source": "iif(event.equals('guideDisplayed'), 'guide.displayed', 'nps.submitted')", "destination": "eventType"},
              {"sourceType": "STATIC", "source": "web", "destination": "attrs.origin"},
              {"sourceType": "ATTRIBUTE", "source": "visitorId", "destination": "attrs.visitor", "identity": true, "namespaceCode": "pendoVisitor", "primaryIdentity": true},
              {"sourceType": "ATTRIBUTE", "source": "properties.guideProperties.steps[*].id", "destination": "steps[*].id"},
              {"sourceType": "ATTRIBUTE", "source": "properties.guideProperties.steps[0].type", "destination": "tags[1]"},
              {"sourceType": "ATTRIBUTE", "source": "properties.guideId", "destination": "_tenant.guide.id"},
              {"sourceType": "EXPRESSION", "source": "lower(app.platform)", "destination": "code"},
              {"sourceType": "ATTRIBUTE", "source": "not.there", "destination": "_tenant.guide.name"}
            ]}
            """
        let mapper = try TestSupport.mapper(set, schema: TestSupport.xdmLikeSchema)
        var state = mapper.makeState()
        guard case .mapped(let record, let warnings) = mapper.map(Array(TestSupport.guideEvent.utf8), state: &state)
        else {
            Issue.record("rejected")
            return
        }
        #expect(warnings.isEmpty)
        #expect(
            record.jsonText
                == #"{"_id":"0b9f3c8e7a6d5c4b3a291807f6e5d4c3b2a19080","eventType":"guide.displayed","attrs":{"origin":"web","visitor":"visitor-7781"},"identityMap":{"pendoVisitor":[{"id":"visitor-7781","primary":true}]},"steps":[{"id":"Zx81pQ"},{"id":"Ab"}],"tags":[null,"building-block"],"_tenant":{"guide":{"id":"q3Vw"}},"code":"web"}"#
        )
        #expect(state.observations[7] == .present(kind: .string))
        #expect(state.observations[8] == .missing)
        #expect(state.observations[0] == .present(kind: .string))
    }

    @Test func allowNullValuesWritesNull() throws {
        let set = #"{"allowNullValues": true, "mappings": [{"sourceAttribute": "a", "destinationXdmPath": "x.a"}]}"#
        guard case .mapped(let record, _) = try TestSupport.mapper(set).map(Array("{}".utf8)) else {
            Issue.record("rejected")
            return
        }
        #expect(record.jsonText == #"{"x":{"a":null}}"#)
    }

    @Test func failingCalculatedFieldIsAWarning() throws {
        let set =
            #"{"mappings": [{"sourceType": "EXPRESSION", "source": "to_integer(uniqueId)", "destination": "rating"}, {"source": "uniqueId", "destination": "_id"}]}"#
        let mapper = try TestSupport.mapper(set, schema: TestSupport.xdmLikeSchema)
        guard case .mapped(let record, let warnings) = mapper.map(Array(#"{"uniqueId": "abc"}"#.utf8)) else {
            Issue.record("rejected")
            return
        }
        #expect(record.jsonText == #"{"_id":"abc"}"#)
        #expect(warnings.count == 1)
        #expect(warnings[0].message.contains("to_integer"))
    }

    @Test func identityWithoutNamespaceIsRefusedUpFront() throws {
        let set = #"{"mappings": [{"source": "a", "destination": "b", "identity": true}]}"#
        #expect(throws: MapperError.self) { try TestSupport.mapper(set) }
    }

    @Test func identityIntoASchemaWithoutIdentityMapIsRejected() throws {
        let set =
            #"{"mappings": [{"source": "uniqueId", "destination": "_extconndev.uniqueid", "identity": true, "namespaceCode": "X"}]}"#
        guard
            case .rejected(let rejection) = try TestSupport.mapper(set, schema: TestSupport.seedSchema).map(
                Array(#"{"uniqueId":"u"}"#.utf8))
        else {
            Issue.record("mapped")
            return
        }
        #expect(rejection.rule == .extraneousKey)
        #expect(rejection.message == "#: extraneous key [identityMap] is not permitted")
    }

    @Test func uuidAdvancesWithTheStateAndRepeatsWithTheSeed() throws {
        let set = #"{"mappings": [{"sourceType": "EXPRESSION", "source": "uuid()", "destination": "id"}]}"#
        let mapper = try TestSupport.mapper(set)
        var state = mapper.makeState()
        let first = mapper.map(Array("{}".utf8), state: &state)
        let second = mapper.map(Array("{}".utf8), state: &state)
        #expect(first != second)
        var again = mapper.makeState()
        #expect(mapper.map(Array("{}".utf8), state: &again) == first)
    }
}
