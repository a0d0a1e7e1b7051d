import ReplayCommon
import Testing

@testable import DataPrep

/// Every record `map` writes is JSON, whatever the event holds: seeded random events of awkward
/// texts and numbers (`.5`, `5.`, `1.e3`, `007.5`, digits of other scripts, emoji, broken
/// escapes) through a mapping set of the functions that make numbers and texts, each record
/// serialized as `map` writes it and read back by the strict JSON parser.
@Suite struct MapOutputJSONTests {
    static let texts = [
        ".5", "-.5", "5.", "1.e3", "1e3", "007.5", "-007", "+42", " 42", "٤٢", "４２", "1.5f", "0x1p3", "2d", "NaN",
        "Infinity",
        "1e400", "1e-400", "123456789012345678901234567890", "0.000", "9223372036854775808", "-0", "", " ", "ΟΔΟΣ",
        "Straße",
        "😀👍🏽", "e\u{301}", "%E2%82", "%ED%A0%80", "a\"b\\c", "\u{1}\u{1F}", "line\nbreak", "2019-10-23T11:24:35Z", "İ",
    ]

    static let mapping = """
        {"outputSchema": {"schemaRef": {"id": "x", "contentType": "application/vnd.adobe.xed-full+json;version=1"}},
         "mappings": [
           {"sourceType": "EXPRESSION", "source": "to_bigint(a)", "destination": "n.bigint"},
           {"sourceType": "EXPRESSION", "source": "to_decimal(a)", "destination": "n.decimal"},
           {"sourceType": "EXPRESSION", "source": "to_float(a)", "destination": "n.float"},
           {"sourceType": "EXPRESSION", "source": "to_integer(a)", "destination": "n.integer"},
           {"sourceType": "EXPRESSION", "source": "to_bigint(b)", "destination": "n.bigintOfNumber"},
           {"sourceType": "EXPRESSION", "source": "b * 2", "destination": "n.doubled"},
           {"sourceType": "EXPRESSION", "source": "007.50 + 0", "destination": "n.literal"},
           {"sourceType": "EXPRESSION", "source": "substr(a, 1, 2)", "destination": "s.substr"},
           {"sourceType": "EXPRESSION", "source": "left(a, 1)", "destination": "s.left"},
           {"sourceType": "EXPRESSION", "source": "lower(a)", "destination": "s.lower"},
           {"sourceType": "EXPRESSION", "source": "upper(a)", "destination": "s.upper"},
           {"sourceType": "EXPRESSION", "source": "get_url_decoded(a)", "destination": "s.decoded"},
           {"sourceType": "EXPRESSION", "source": "explode(a, \\"\\\\\\\\w\\")", "destination": "s.parts"},
           {"sourceType": "EXPRESSION", "source": "extract_regex(a, \\"(\\\\\\\\d+)\\")", "destination": "s.digits"},
           {"sourceType": "EXPRESSION", "source": "json_to_object(a)", "destination": "s.json"},
           {"sourceType": "EXPRESSION", "source": "dformat(b, \\"uuuu-MM-dd'T'HH:mm:ss.SSSXXX G\\")", "destination": "d.formatted"},
           {"sourceType": "EXPRESSION", "source": "date(a)", "destination": "d.date"},
           {"sourceType": "ATTRIBUTE", "source": "a", "destination": "raw.a"},
           {"sourceType": "ATTRIBUTE", "source": "b", "destination": "raw.b"}
         ]}
        """

    static let numbers: [JSONValue] = [
        .int(0), .int(-1), .int(Int64.max), .int(Int64.min), .number(JSONNumber(text: "1e300")),
        .number(JSONNumber(text: "-0.5")),
        .number(JSONNumber(text: "123456789012345678901234567890")), .int(253_402_300_800_000),
        .int(-62_135_596_800_001),
    ]

    @Test func everyRecordIsJSON() throws {
        let mapper = try TestSupport.mapper(Self.mapping)
        var random = SeededRandom(seed: 16)
        var mapped = 0
        for _ in 0..<1500 {
            let a =
                Self.texts[Int(random.next() % UInt64(Self.texts.count))]
                + (random.next() % 3 == 0 ? Self.texts[Int(random.next() % UInt64(Self.texts.count))] : "")
            let b = Self.numbers[Int(random.next() % UInt64(Self.numbers.count))]
            let event = JSONValue.object(JSONObject(["a": .string(a), "b": b])).serialized()
            guard case .mapped(let record, _) = mapper.map(event) else {
                Issue.record("rejected \(String(decoding: event, as: UTF8.self))")
                continue
            }
            // RFC 8259's grammar, which the event parser checks strictly (Foundation's parser would
            // also refuse valid numbers it cannot hold in a Double, such as 1e400).
            let line = record.serialized()
            #expect(
                (try? JSONValue.parse(line)) != nil,
                "not JSON: \(String(decoding: line, as: UTF8.self)) for event \(String(decoding: event, as: UTF8.self))"
            )
            mapped += 1
        }
        #expect(mapped == 1500)
    }

    @Test func bigintOfPointTextsIsANumber() throws {
        for (text, expected) in [
            (".5", "0.5"), ("-.5", "-0.5"), ("5.", "5"), ("1.e3", "1000"), ("007.50", "7.50"), ("٤٢", "42"),
            ("1e-400", "1e-400"), ("123456789012345678901234567890", "123456789012345678901234567890"),
        ] {
            var context = FunctionContext(now: TestSupport.fixedNow, seed: 1)
            let value = try FunctionLibrary.call("to_bigint", [.string(text)], context: &context)
            #expect(value.jsonText == expected, "to_bigint(\(text))")
        }
    }
}
