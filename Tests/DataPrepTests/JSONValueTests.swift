import ReplayCommon
import Testing

@testable import DataPrep

@Suite struct JSONValueTests {
    @Test func integersStayExact() throws {
        let value = try JSONValue.parse(
            Array(
                #"{"a": 5123456789012345, "b": 9223372036854775807, "c": -9223372036854775808, "d": 9007199254740993}"#
                    .utf8))
        guard case .object(let object) = value else {
            Issue.record("not an object")
            return
        }
        #expect(object["a"] == .int(5_123_456_789_012_345))
        #expect(object["b"] == .int(Int64.max))
        #expect(object["c"] == .int(Int64.min))
        #expect(object["d"] == .int(9_007_199_254_740_993))
        #expect(
            value.jsonText
                == #"{"a":5123456789012345,"b":9223372036854775807,"c":-9223372036854775808,"d":9007199254740993}"#)
    }

    /// The serializer writes integers digit by digit without a scratch buffer; its text is the
    /// standard library's decimal text for every power of ten and its neighbours, both ends of
    /// `Int64`, and 100,000 seeded values of every magnitude, alone and inside a document.
    @Test func integerTextIsTheDecimalText() {
        var values: [Int64] = [0, 1, -1, 9, -9, Int64.max, Int64.min, Int64.max - 1, Int64.min + 1]
        var power: Int64 = 1
        for _ in 0..<18 {
            power *= 10
            values += [power - 1, power, power + 1, -(power - 1), -power, -(power + 1)]
        }
        var random = SeededRandom(seed: 13)
        for _ in 0..<100_000 {
            let bits = Int.random(in: 0...63, using: &random)
            values.append(Int64(truncatingIfNeeded: random.next() >> UInt64(bits)))
        }
        for value in values {
            #expect(JSONValue.int(value).serialized() == Array(String(value).utf8), "\(value)")
        }
        let document = JSONValue.array(values.prefix(200).map { .int($0) } + [.bool(true), .bool(false), .null])
        let expected = "[" + values.prefix(200).map { String($0) }.joined(separator: ",") + ",true,false,null]"
        #expect(document.jsonText == expected)
    }

    @Test func bigAndDecimalNumbersKeepTheirText() throws {
        let text = #"[123456789012345678901234567890,20.5,1e3,-0.000001,1000000.34]"#
        let value = try JSONValue.parse(Array(text.utf8))
        #expect(value.jsonText == text)
        guard case .array(let elements) = value else { return }
        #expect(elements[0] == .number(JSONNumber(text: "123456789012345678901234567890")))
    }

    @Test func unicodeSurvives() throws {
        let text = "{\"k\":\"日本語 🎉 é \\\" \\\\ \\n \\u00e9 \\ud83d\\ude00 \\u0001\"}"
        let value = try JSONValue.parse(Array(text.utf8))
        guard case .object(let object) = value, case .string(let s)? = object["k"] else {
            Issue.record("no string")
            return
        }
        #expect(s == "日本語 🎉 é \" \\ \n é 😀 \u{01}")
        let again = try JSONValue.parse(value.serialized())
        #expect(again == value)
        #expect(value.jsonText == "{\"k\":\"日本語 🎉 é \\\" \\\\ \\n é 😀 \\u0001\"}")
    }

    @Test func keyOrderIsKept() throws {
        let text = #"{"z":1,"a":2,"m":{"y":true,"b":null}}"#
        #expect(try JSONValue.parse(Array(text.utf8)).jsonText == text)
    }

    @Test(arguments: [
        ("{", 1, 2), ("{\"a\" 1}", 1, 6), ("[1,]", 1, 4), ("{\"a\":tru}", 1, 6), ("\"abc", 1, 1),
        ("{}\n x", 2, 2), ("[01]", 1, 3), ("\"\\ud800\"", 1, 8), ("{\"a\":1,}", 1, 8), ("1.", 1, 1), ("-", 1, 1),
    ])
    func errorsSayWhere(text: String, line: Int, column: Int) {
        do {
            _ = try JSONValue.parse(Array(text.utf8))
            Issue.record("\(text) parsed")
        } catch {
            #expect(error.line == line, "\(text): \(error)")
            #expect(error.column == column, "\(text): \(error)")
        }
    }

    @Test func invalidUTF8IsRefused() {
        #expect(throws: JSONParseError.self) { try JSONValue.parse([0x22, 0xFF, 0xFE, 0x22]) }
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(Array(deep.utf8)) }
    }

    @Test func selectiveParsingKeepsOnlySelectedPaths() throws {
        var selection = PathSelection()
        selection.insert(["properties", "guideProperties", "name"])
        selection.insert(["uniqueId"])
        selection.insert(["app"])
        let value = try JSONValue.parse(Array(TestSupport.guideEvent.utf8), selecting: selection)
        #expect(
            value.jsonText
                == #"{"app":{"id":-271828,"name":"acme-web","platform":"web"},"properties":{"guideProperties":{"name":"Onboarding tour — 日本語 🎉 \"quoted\""}},"uniqueId":"0b9f3c8e7a6d5c4b3a291807f6e5d4c3b2a19080"}"#
        )
    }

    @Test func selectiveParsingStillRefusesBrokenSkippedParts() {
        var selection = PathSelection()
        selection.insert(["a"])
        #expect(throws: JSONParseError.self) {
            try JSONValue.parse(Array(#"{"a":1,"b":[1,2}"#.utf8), selecting: selection)
        }
        #expect(throws: JSONParseError.self) {
            try JSONValue.parse(Array(#"{"a":1,"b":"x"#.utf8), selecting: selection)
        }
    }

    @Test("a skipped string's escapes are checked as a built one's: same error, same place")
    func skippedEscapesAreChecked() throws {
        var selection = PathSelection()
        selection.insert(["a"])
        for text in [
            #"{"a":1,"b":"x\q"}"#, #"{"a":1,"b":"\ud800"}"#, #"{"a":1,"b":"\udc00x"}"#, #"{"a":1,"b":"\u12G4"}"#,
        ] {
            let bytes = Array(text.utf8)
            var skipped: JSONParseError?
            var built: JSONParseError?
            do { _ = try JSONValue.parse(bytes, selecting: selection) } catch { skipped = error }
            do { _ = try JSONValue.parse(bytes) } catch { built = error }
            #expect(skipped != nil && skipped == built, "\(text)")
        }
        // Valid escapes in skipped members still pass.
        let value = try JSONValue.parse(
            Array(#"{"a":1,"b":"\"\\\/\b\f\n\r\t\u00e9\ud83c\udf89"}"#.utf8), selecting: selection)
        #expect(value == .object(JSONObject(["a": .int(1)])))
    }

    @Test("JSONScanner visits members and elements, checks what it skips, and refuses trailing text")
    func scanner() throws {
        let bytes = Array(#" {"k": [1, {"x": "y"}], "s": "t\u00e9", "n": null} "#.utf8)
        let seen = try JSONValue.scan(bytes) { scanner throws(JSONParseError) -> [String] in
            var keys: [String] = []
            try scanner.forEachMember { scanner, key throws(JSONParseError) in
                keys.append(key)
                if key == "k" {
                    var count = 0
                    try scanner.forEachElement { scanner throws(JSONParseError) in
                        count += 1
                        try scanner.skipValue()
                    }
                    keys.append("\(count)")
                } else if key == "s" {
                    keys.append(try scanner.parseValue().stringValue ?? "?")
                } else {
                    try scanner.skipValue()
                }
            }
            return keys
        }
        #expect(seen == ["k", "2", "s", "té", "n"])
        #expect(throws: JSONParseError.self) {
            try JSONValue.scan(Array(#"{"a": 1} x"#.utf8)) { scanner throws(JSONParseError) in try scanner.skipValue() }
        }
        #expect(throws: JSONParseError.self) {
            try JSONValue.scan(Array(#"[1]"#.utf8)) { scanner throws(JSONParseError) in
                try scanner.forEachMember { scanner, _ throws(JSONParseError) in try scanner.skipValue() }
            }
        }
    }

    @Test("documents built by hand: members set, replaced and removed in order; literals; typed views")
    func access() {
        var document: JSONValue = .obj(("a", 1), ("b", "x"), ("c", [true, 2]))
        document["b"] = "y"
        document["d"] = .null
        document["a"] = nil
        #expect(document.jsonText == #"{"b":"y","c":[true,2],"d":null}"#)
        #expect(document["c"]?[1]?.intValue == 2 && document["c"]?[2] == nil && document["c"]?[0]?.boolValue == true)
        #expect(document["b"]?.stringValue == "y" && document["b"]?.intValue == nil)
        #expect(document.objectValue?.map(\.key) == ["b", "c", "d"])
        #expect(JSONValue.object(pairs: [("k", 1), ("k", 2), ("j", 3)]).jsonText == #"{"k":2,"j":3}"#)
        var scalar: JSONValue = 5
        scalar["x"] = 1
        #expect(scalar == .int(5))
    }

    @Test func selectionMatchesEscapedKeys() throws {
        var selection = PathSelection()
        selection.insert(["a b"])
        let value = try JSONValue.parse(Array(#"{"a\u0020b":1,"c":2}"#.utf8), selecting: selection)
        #expect(value.jsonText == #"{"a b":1}"#)
    }

    /// Property: random byte strings never crash the parser, and what parses re-serializes to
    /// something that parses to the same value.
    @Test func randomInputNeverCrashes() {
        var random = SeededRandom(seed: 42)
        let alphabet = Array("{}[]\":,.-+eE0123456789truefalsn \\u\n\t abé🎉".utf8)
        for _ in 0..<20_000 {
            let length = Int(random.next() % 40)
            var bytes: [UInt8] = []
            for _ in 0..<length { bytes.append(alphabet[Int(random.next() % UInt64(alphabet.count))]) }
            if let value = try? JSONValue.parse(bytes) {
                #expect((try? JSONValue.parse(value.serialized())) == value)
            }
        }
    }
}
