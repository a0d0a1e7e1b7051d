import DataPrep
import Testing

@testable import InletEmulator

@Suite("Batch documents read in one pass, bodies kept as byte ranges")
struct BatchDocumentTests {
    static func text(_ bytes: [UInt8], _ range: Range<Int>?) -> String {
        guard let range else { return "<none>" }
        return String(decoding: bytes[range], as: UTF8.self)
    }

    @Test("each body is sliced out as sent; headers are built; xdmEntity is noticed at the body's top level only")
    func rangesAndHeaders() throws {
        let text = #"""
            { "other": [1, {"x": "y"}], "messages" : [
              {"header": {"flowId": "f1"}, "body": {"uniqueId": "a\"b\u00e9", "n": -1.5e3, "nested": {"xdmEntity": 1}}},
              {"body":  {"xdmEntity": {"_id": "x"}} , "header": {}},
              "not an object",
              {"header": {"flowId": "f3"}},
              {"header": {}, "body": [1, 2]}
            ] }
            """#
        let bytes = Array(text.utf8)
        let document = try BatchDocument.parse(bytes)
        let messages = try #require(document.messages)
        #expect(messages.count == 5)
        #expect(
            Self.text(bytes, messages[0].body)
                == #"{"uniqueId": "a\"b\u00e9", "n": -1.5e3, "nested": {"xdmEntity": 1}}"#)
        #expect(messages[0].header?["flowId"]?.stringValue == "f1")
        #expect(messages[0].bodyIsObject && !messages[0].bodyHasXDMEntity)
        #expect(Self.text(bytes, messages[1].body) == #"{"xdmEntity": {"_id": "x"}}"#)
        #expect(messages[1].bodyHasXDMEntity)
        #expect(!messages[2].isObject)
        #expect(messages[3].body == nil)
        #expect(messages[4].body != nil && !messages[4].bodyIsObject)
        // What the slices hold is exactly what the full parser reads.
        let whole = try JSONValue.parse(bytes)
        let first = try JSONValue.parse(Array(bytes[messages[0].body!]))
        #expect(whole["messages"]?.arrayValue?[0]["body"] == first)
    }

    @Test("no messages array: nil, not an error")
    func noMessages() throws {
        #expect(try BatchDocument.parse(Array(#"{"messages": {}}"#.utf8)).messages == nil)
        #expect(try BatchDocument.parse(Array("[1]".utf8)).messages == nil)
        #expect(try BatchDocument.parse(Array(#"{"messages": []}"#.utf8)).messages?.isEmpty == true)
    }

    @Test(
        "invalid JSON anywhere, skipped bodies included, is refused as the full parser refuses it",
        arguments: [
            #"{"messages": [{"header": {}, "body": {"a": tru}}]}"#,
            #"{"messages": [{"header": {}, "body": {"a": "x\q"}}]}"#,
            #"{"messages": [{"header": {}, "body": {"a": "\ud800"}}]}"#,
            #"{"messages": [{"header": {}, "body": {"a": 01}}]}"#,
            #"{"messages": [{"header": {}, "body": {"a": 1,}}]}"#,
            #"{"messages": [{"header": {}, "body": {"a": 1}]}"#,
            #"{"messages": [{"header": {}, "body": {"a": 1}}]} x"#,
            #"{"messages": [{"header": {}, "body": {"a": "unterminated}}]}"#,
            "{\"messages\": [{\"header\": {}, \"body\": {\"a\": \"tab\there\"}}]}",
            String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
        ])
    func refusesInvalidJSON(text: String) {
        let bytes = Array(text.utf8)
        #expect(throws: JSONParseError.self) { _ = try BatchDocument.parse(bytes) }
        #expect(throws: JSONParseError.self) { _ = try JSONValue.parse(bytes) }
    }
}
