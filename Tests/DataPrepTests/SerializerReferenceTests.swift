import Testing

@testable import DataPrep

/// `JSONValue.serialize(into:)` writes what a straightforward serializer writes (every string
/// byte by byte, every integer through a scratch buffer) for the pendo-xdm bundle's events and
/// records and for strings with every escape.
@Suite struct SerializerReferenceTests {
    /// The reference: each string byte looked at and escaped on its own, integers as the
    /// standard library's decimal text.
    static func reference(_ value: JSONValue, into output: inout [UInt8]) {
        switch value {
        case .null: output += Array("null".utf8)
        case .bool(let flag): output += Array((flag ? "true" : "false").utf8)
        case .int(let number): output += Array(String(number).utf8)
        case .number(let number): output += Array(number.text.utf8)
        case .string(let text): Self.reference(string: text, into: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.reference(element, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let object):
            output.append(UInt8(ascii: "{"))
            for (index, entry) in object.entries.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                Self.reference(string: entry.key, into: &output)
                output.append(UInt8(ascii: ":"))
                Self.reference(entry.value, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        case .date(let date):
            Self.reference(string: AdobeDateParsing.iso8601(date, dateOnly: false), into: &output)
        }
    }

    static func reference(string: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output += Array(#"\""#.utf8)
            case UInt8(ascii: "\\"): output += Array(#"\\"#.utf8)
            case 0x0A: output += Array(#"\n"#.utf8)
            case 0x0D: output += Array(#"\r"#.utf8)
            case 0x09: output += Array(#"\t"#.utf8)
            case 0x08: output += Array(#"\b"#.utf8)
            case 0x0C: output += Array(#"\f"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output += Array(#"\u00"#.utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 15)]]
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    static func expectSame(_ value: JSONValue, _ what: String) {
        var expected: [UInt8] = []
        Self.reference(value, into: &expected)
        let written = value.serialized()
        #expect(written == expected, "\(what): \(String(decoding: written, as: UTF8.self))")
    }

    @Test func everyEscape() {
        var text = ""
        for scalar in 0..<0x80 { text.unicodeScalars.append(Unicode.Scalar(UInt8(scalar))) }
        let strings = [
            "", "plain", text, "é ü 漢字 🎉", "\"quoted\"", "back\\slash", "\u{0}\u{1F}\u{7F}", "tail\n", "\t",
            "a\"b\\c\nd\re\tf\u{8}g\u{C}h\u{1}i",
        ]
        for string in strings {
            Self.expectSame(.string(string), "string \(string.debugDescription)")
            Self.expectSame(.obj((string, .string(string))), "key \(string.debugDescription)")
        }
        #expect(JSONValue.string("a\"\n\u{1}").jsonText == #""a\"\n\u0001""#)
    }

    @Test func pendoXDMEventsAndRecords() throws {
        let bundle = try RecordPlanTests.bundle("pendo-xdm")
        let mapper = try TestSupport.mapper(bundle.mapping, schema: bundle.schema)
        var records = 0
        // The bundle's own events and synthesized ones (each kind of Pendo event), a sample of each.
        let events = Array(bundle.events.prefix(200)) + Array(bundle.events.suffix(200))
        for (index, event) in events.enumerated() {
            if let value = try? JSONValue.parse(event) { Self.expectSame(value, "event \(index)") }
            if case .mapped(let record, _) = mapper.map(event) {
                Self.expectSame(record, "record of event \(index)")
                records += 1
            }
        }
        #expect(records > events.count / 2)
    }
}
