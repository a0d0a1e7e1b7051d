import Testing

@testable import DataPrep

@Suite struct MappingSetTests {
    @Test func loadsTheSeedsOlderDialect() throws {
        let set = try MappingSet.load(json: Array(TestSupport.seedMapping.utf8), source: "seed")
        #expect(set.mappings.count == 5)
        #expect(set.mappings.map(\.kind) == Array(repeating: .attribute, count: 5))
        #expect(set.mappings[2].source == "properties.guideProperties.name")
        #expect(set.mappings[2].destination == "_extconndev.name1")
        #expect(set.mappings[3].document["version"] == .int(0))
        #expect(
            set.schemaId == "https://ns.adobe.com/{TENANT_ID}/schemas/945546112b746524bfd9f1264b26c2b7d8e7f5b7fadb953a")
        #expect(set.allowNullValues == false)
    }

    @Test func loadsTheNewerDialectAndKeepsUnusedFields() throws {
        let text = """
            {"outputSchema": {"schemaRef": {"id": "x", "contentType": "application/vnd.adobe.xed-full+json;version=1"}},
             "status": "PUBLISHED", "strictMapping": false, "allowNullValues": true, "supportVersion": 2, "xdmVersion": "1.0",
             "mappings": [
              {"sourceType": "ATTRIBUTE", "source": "id", "destination": "_id", "name": "id", "description": "the id"},
              {"sourceType": "EXPRESSION", "source": "lower(email)", "destination": "person.email"},
              {"sourceType": "STATIC", "source": "pendo", "destination": "_tenant.origin"},
              {"sourceType": "text/x.schema-path", "source": "a.b", "sourceAttribute": "a.b", "destination": "c", "destinationXdmPath": "c",
               "identity": true, "primaryIdentity": true, "namespaceCode": "ECID", "identityGroup": "g"},
              {"sourceType": "STATIC", "source": 5, "destination": "five"}
             ]}
            """
        let set = try MappingSet.load(json: Array(text.utf8), source: "new")
        #expect(set.mappings.map(\.kind) == [.attribute, .expression, .staticValue, .attribute, .staticValue])
        #expect(set.mappings[0].name == "id")
        #expect(set.mappings[0].document["description"] == .string("the id"))
        #expect(set.mappings[1].sourceExpression != nil)
        #expect(set.mappings[2].staticValue == .string("pendo"))
        #expect(set.mappings[3].identity && set.mappings[3].primaryIdentity && set.mappings[3].namespaceCode == "ECID")
        #expect(set.mappings[4].staticValue == .int(5))
        #expect(set.allowNullValues)
        #expect(set.document["status"] == .string("PUBLISHED"))
        #expect(set.document["supportVersion"] == .int(2))
    }

    @Test(
        arguments: [
            (
                #"{"mappings": [{"sourceType": "EXPRESSION", "source": "concat(a,", "destination": "x"}]}"#, 0,
                "source", 10
            ),
            (
                #"{"mappings": [{"sourceType": "ATTRIBUTE", "source": "a", "destination": "x"}, {"sourceType": "CONSTANT", "source": "a", "destination": "x"}]}"#,
                1, "sourceType", nil
            ),
            (#"{"mappings": [{"sourceAttribute": "a..b", "destinationXdmPath": "x"}]}"#, 0, "sourceAttribute", 3),
            (#"{"mappings": [{"sourceAttribute": "a"}]}"#, 0, "destination", nil),
            (#"{"mappings": [{"source": "a", "destination": "x["}]}"#, 0, "destination", 2),
            (#"{"mappings": [{"sourceType": "WHAT", "source": "a", "destination": "x"}]}"#, 0, "sourceType", nil),
        ] as [(String, Int, String, Int?)])
    func errorsNameTheMappingFieldAndColumn(text: String, index: Int, field: String, column: Int?) {
        do {
            _ = try MappingSet.load(json: Array(text.utf8), source: "m.json")
            Issue.record("loaded")
        } catch {
            #expect(error.mappingIndex == index, "\(error)")
            #expect(error.field == field, "\(error)")
            #expect(error.column == column, "\(error)")
            #expect(error.description.hasPrefix("m.json: mappings[\(index)].\(field)"), "\(error)")
        }
    }

    @Test func invalidJSONGivesLineAndColumn() {
        do {
            _ = try MappingSet.load(json: Array("{\n  \"mappings\": [\n    {\"a\" 1}\n]}".utf8), source: "m.json")
            Issue.record("loaded")
        } catch {
            #expect(error.line == 3)
            #expect(error.column == 10)
            #expect(error.description.hasPrefix("m.json:3:10: "))
        }
    }

    @Test func documentWithoutMappingsIsRefused() {
        #expect(throws: MappingSetError.self) { try MappingSet.load(json: Array("[]".utf8), source: "m") }
        #expect(throws: MappingSetError.self) { try MappingSet.load(json: Array("{}".utf8), source: "m") }
    }
}
