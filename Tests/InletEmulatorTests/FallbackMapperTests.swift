import Testing

@testable import InletEmulator

@Suite("The fallback mapper and the JSON it reads")
struct FallbackMapperTests {
    let schema = Array(SeedBodies.schema.utf8)

    @Test("the seed's ATTRIBUTE mappings produce the nested record, numbers coerced to strings")
    func seedMapping() throws {
        let mapper = try FallbackMapper(mappingSetJSON: Array(SeedBodies.mappingSet.utf8), schemaJSON: self.schema)
        guard case .stored(let bytes, let warnings) = mapper.map(Array(SeedBodies.pendoEvent(uniqueId: "u").utf8)) else {
            Issue.record("expected a stored record")
            return
        }
        #expect(warnings.isEmpty)
        #expect(
            try JSON.parse(bytes)
                == .obj(
                    (
                        "_extconndev",
                        .obj(
                            ("accountid", "acct-1"), ("uniqueid", "u"), ("name1", "Welcome guide"), ("timestamp1", "1676875325841"),
                            ("visitorid", "visitor-1")
                        )
                    )
                )
        )
    }

    @Test("the newer dialect and STATIC mappings; EXPRESSION is refused when the mapper is built")
    func newerDialect() throws {
        let newer = #"{"mappings": [{"sourceType": "ATTRIBUTE", "source": "a.b[1]", "destination": "x.y"}, {"sourceType": "STATIC", "source": "pendo", "destination": "x.origin"}]}"#
        let mapper = try FallbackMapper(mappingSetJSON: Array(newer.utf8), schemaJSON: nil)
        #expect(mapper.map(Array(#"{"a": {"b": [1, 2]}}"#.utf8)) == .stored(record: Array(#"{"x":{"y":2,"origin":"pendo"}}"#.utf8), warnings: []))
        let expression = #"{"mappings": [{"sourceType": "EXPRESSION", "source": "lower(a)", "destination": "x"}]}"#
        #expect(throws: FallbackMapperError.self) { try FallbackMapper(mappingSetJSON: Array(expression.utf8), schemaJSON: nil) }
    }

    @Test("violations: required, type, extraneous key, at most five, with Adobe's wording")
    func violations() throws {
        let mapper = try FallbackMapper(mappingSetJSON: Array(#"{"mappings": [{"source": "v", "destination": "_extconndev.extra"}]}"#.utf8), schemaJSON: self.schema)
        guard case .failed(let failure) = mapper.map(Array(#"{"v": 1}"#.utf8)) else {
            Issue.record("expected a failure")
            return
        }
        #expect(failure.code == "INGEST-1212-400")
        #expect(failure.violations.map(\.keyword) == ["required", "additionalProperties"])
        #expect(failure.violations[0].message == "required key [uniqueid] not found")
        #expect(failure.violations[1].message == "extraneous key [extra] is not permitted")
        guard case .failed(let malformed) = mapper.map(Array("not json".utf8)) else {
            Issue.record("expected a failure")
            return
        }
        #expect(malformed.isMalformedInput)
    }

    @Test("JSON parses and serializes exactly: escapes, unicode, big and decimal numbers, key order")
    func json() throws {
        let text = #"{"b":"\u00e9\n\"q\"","a":[1,-2.50,12345678901234567890,true,null],"c":{}}"#
        let value = try JSON.parse(text)
        #expect(value["b"]?.stringValue == "é\n\"q\"")
        #expect(value["a"]?[1] == .number("-2.50"))
        #expect(value["a"]?[2] == .number("12345678901234567890"))
        #expect(value.objectValue?.map(\.0) == ["b", "a", "c"])
        #expect(try JSON.parse(value.serialized()) == value)
        for bad in ["{", "[1,]", "01", "\"\\x\"", "{\"a\" 1}", "nul", "1 2", String(repeating: "[", count: 600)] {
            #expect(throws: JSONParseError.self) { try JSON.parse(bad) }
        }
    }
}
