import Testing

@testable import DataPrep

@Suite struct FieldPathTests {
    @Test(arguments: [
        ("customerInfo.name", [FieldPath.Component.key("customerInfo"), .key("name")]),
        ("customerInfo.emails[0].email", [.key("customerInfo"), .key("emails"), .index(0), .key("email")]),
        ("customerInfo.emails[*].name", [.key("customerInfo"), .key("emails"), .wildcard, .key("name")]),
        ("${First Name}", [.key("First Name")]),
        ("a.${1st}.b", [.key("a"), .key("1st"), .key("b")]),
        ("address.street\\.name", [.key("address"), .key("street.name")]),
        ("m[1][2]", [.key("m"), .index(1), .index(2)]),
        ("_extconndev.timestamp1", [.key("_extconndev"), .key("timestamp1")]),
        ("${new}", [.key("new")]),
    ])
    func parses(text: String, components: [FieldPath.Component]) throws {
        #expect(try FieldPath(parsing: text).components == components)
    }

    @Test(arguments: [
        ("", 1), ("a..b", 3), (".a", 1), ("a.", 2), ("a[", 2), ("a[x]", 3), ("a[-1]", 3), ("${a", 1), ("a\\", 2),
        ("a]b", 2), ("a[0]b", 5),
    ])
    func refuses(text: String, column: Int) {
        do {
            _ = try FieldPath(parsing: text)
            Issue.record("\(text) parsed")
        } catch {
            #expect(error.column == column, "\(text): \(error)")
        }
    }

    @Test func reads() throws {
        let input = TestSupport.json(#"{"a":{"b":[{"c":1},{"d":2},{"c":3}]},"x.y":5,"s p":"v"}"#)
        #expect(try FieldPath(parsing: "a.b[0].c").value(in: input) == .int(1))
        #expect(try FieldPath(parsing: "a.b[5].c").value(in: input) == nil)
        #expect(try FieldPath(parsing: "a.b[*].c").value(in: input) == .array([.int(1), .null, .int(3)]))
        #expect(try FieldPath(parsing: "x\\.y").value(in: input) == .int(5))
        #expect(try FieldPath(parsing: "${s p}").value(in: input) == .string("v"))
        #expect(try FieldPath(parsing: "a.b.c").value(in: input) == nil)
        #expect(try FieldPath(parsing: "a.zz").value(in: input) == nil)
        #expect(try FieldPath(parsing: "a").value(in: input) == TestSupport.json(#"{"b":[{"c":1},{"d":2},{"c":3}]}"#))
    }

    @Test func writesNestedIndexedAndElementWise() throws {
        var record: JSONValue = .object(JSONObject())
        try FieldPath(parsing: "a.b.c").write(.int(1), into: &record)
        try FieldPath(parsing: "a.b.d").write(.int(2), into: &record)
        try FieldPath(parsing: "list[2].x").write(.string("third"), into: &record)
        try FieldPath(parsing: "pi[*].names").write(.array([.string("n1"), .null, .string("n3")]), into: &record)
        try FieldPath(parsing: "pi[*].mail").write(.array([.string("m1"), .string("m2")]), into: &record)
        try FieldPath(parsing: "street\\.name").write(.bool(true), into: &record)
        #expect(
            record.jsonText
                == #"{"a":{"b":{"c":1,"d":2}},"list":[null,null,{"x":"third"}],"pi":[{"names":"n1","mail":"m1"},{"mail":"m2"},{"names":"n3"}],"street.name":true}"#
        )
    }

    @Test func writingIntoAScalarIsAConflict() throws {
        var record: JSONValue = .object(JSONObject())
        try FieldPath(parsing: "a").write(.string("x"), into: &record)
        #expect(throws: PathConflict.self) { try FieldPath(parsing: "a.b").write(.int(1), into: &record) }
        #expect(throws: PathConflict.self) { try FieldPath(parsing: "a[0]").write(.int(1), into: &record) }
    }

    @Test func describesAndPoints() throws {
        let path = try FieldPath(parsing: "a.${First Name}.street\\.name[0][*]")
        #expect(path.description == "a.${First Name}.street\\.name[0][*]")
        #expect(try FieldPath(parsing: path.description) == path)
        #expect(try FieldPath(parsing: "_extconndev.uniqueid").pointer == "#/_extconndev/uniqueid")
    }

    @Test func pointerEscapesTildeAndSlashAsRFC6901Does() {
        let path = FieldPath(components: [.key("a~b/c"), .index(0), .wildcard, .key("~/é"), .key("")])
        #expect(path.pointer == "#/a~0b~1c/0/*/~0~1é/")
        #expect(FieldPath(components: []).pointer == "#")
    }

    /// A key is written bare when it is made of letters, `_`, `$` and (after the first) digits, all
    /// ASCII: the test byte by byte agrees with Unicode's alphabetic property on every key of one or
    /// two characters from the first 600 scalars.
    @Test func bareKeysAreASCIILettersDigitsUnderscoreAndDollar() {
        func expected(_ key: String) -> String {
            let plain =
                key.unicodeScalars.enumerated().allSatisfy { offset, scalar in
                    scalar == "_" || scalar == "$" || (scalar.properties.isAlphabetic && scalar.isASCII)
                        || (offset > 0 && ("0"..."9").contains(scalar))
                } && !key.isEmpty && !key.hasPrefix("${")
            if plain { return key }
            if !key.contains(".") && !key.contains("}") { return "${\(key)}" }
            return key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ".", with: "\\.")
                .replacingOccurrences(of: "[", with: "\\[")
        }
        let scalars = (0..<600).compactMap(Unicode.Scalar.init).map { String(Character($0)) }
        var bare = 0
        for first in scalars {
            for key in [first, "a" + first, first + "1"] {
                #expect(FieldPath.quoted(key) == expected(key), "\(key.unicodeScalars.map(\.value))")
                if FieldPath.quoted(key) == key { bare += 1 }
            }
        }
        #expect(bare > 100)
        #expect(FieldPath.quoted("é") == "${é}" && FieldPath.quoted("9a") == "${9a}")
        #expect(FieldPath.quoted("a9_$Z") == "a9_$Z")
    }
}
