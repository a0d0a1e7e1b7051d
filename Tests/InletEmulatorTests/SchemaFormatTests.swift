import DataPrep
import Testing

@testable import InletEmulator

@Suite("Schema Registry Accept formats")
struct SchemaFormatTests {
    @Test(arguments: [
        ("application/vnd.adobe.xed+json; version=1", false, true, true),
        ("application/vnd.adobe.xed+json;version=1", false, true, true),
        ("application/vnd.adobe.xed-full+json; version=1", true, true, true),
        ("application/vnd.adobe.xed-notext+json; version=1", false, false, false),
        ("application/vnd.adobe.xed-full-notext+json; version=1", true, false, false),
        ("application/vnd.adobe.xed-full-desc+json; version=1", true, false, true),
    ])
    func formatsAdobeLists(accept: String, full: Bool, titles: Bool, descriptions: Bool) throws {
        let format = try SchemaFormat.parse(accept).get()
        #expect(format.full == full && format.titles == titles && format.descriptions == descriptions)
    }

    @Test(arguments: [
        ("application/vnd.adobe.xed-id+json", "is not a format a schema lookup can give"),
        ("application/vnd.adobe.xed-full+json", "needs the schema's major version"),
        ("application/vnd.adobe.xed+json; version=2", "has no version 2"),
        ("text/html", "is not a format a schema lookup can give"),
    ])
    func othersAreRefused(accept: String, reason: String) {
        guard case .failure(let error) = SchemaFormat.parse(accept) else {
            Issue.record("accepted \(accept)")
            return
        }
        #expect(error.message.contains(reason), "\(error.message)")
    }

    @Test func noFormatMeansTheStoredOne() throws {
        for accept in [nil, "", "*/*", "application/json"] as [String?] {
            #expect(try SchemaFormat.parse(accept).get() == .stored)
        }
    }

    @Test func strippingKeepsPropertiesNamedTitle() throws {
        let schema = try JSONValue.parse(
            Array(
                #"{"title": "S", "description": "d", "properties": {"title": {"type": "string", "title": "T", "description": "x"}}}"#
                    .utf8))
        let notext = try SchemaFormat.parse("application/vnd.adobe.xed-notext+json; version=1").get()
        #expect(notext.strip(schema).serialized() == Array(#"{"properties":{"title":{"type":"string"}}}"#.utf8))
        let desc = try SchemaFormat.parse("application/vnd.adobe.xed-full-desc+json; version=1").get()
        #expect(
            desc.strip(schema).serialized()
                == Array(#"{"description":"d","properties":{"title":{"type":"string","description":"x"}}}"#.utf8))
    }
}
