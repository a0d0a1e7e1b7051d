import Testing

@testable import DataPrep

/// decode, min/max, conversions, json_to_object, uuid.
@Suite struct OtherFunctionTests {
    static let vectors: [Vector] = [
        Vector("decode", [s("x"), s("a"), i(1)], null),
        Vector("decode", [i(2), i(1), s("one"), n("2.0"), s("two")], s("two")),
        Vector("decode", [null, null, s("was null"), s("default")], s("was null")),
        Vector("decode", [s("A"), s("a"), i(1), s("def")], s("def")),
        Vector("min", [s("b"), s("a"), s("c")], s("a")),
        Vector("max", [s("b"), s("a"), s("c")], s("c")),
        Vector("min", [i(-3), n("-3.5"), i(2)], n("-3.5")),
        Vector("max", [i(9_007_199_254_740_993), i(9_007_199_254_740_992)], i(9_007_199_254_740_993)),
        Vector("min", [null, i(4), null, i(2)], i(2)),
        Vector("min", [null], null),
        Vector("max", [arr(i(3), i(7), i(5))], i(7)),
        Vector("max", [b(false), b(true)], b(true)),
        Vector("min", [s("Z"), s("a")], s("Z")),
        Vector("to_integer", [s("-2147483648")], i(-2_147_483_648)),
        // Integer.parseInt: digits of any script, no white space.
        Vector("to_integer", [s("٤٢")], i(42)),
        Vector("to_integer", [s("-４２")], i(-42)),
        Vector("to_integer", [s("+7")], i(7)),
        Vector("to_integer", [i(12)], i(12)),
        Vector("to_integer", [n("12.0")], i(12)),
        Vector("to_integer", [null], null),
        Vector("to_bigint", [s("123456789012345678901234567890")], n("123456789012345678901234567890")),
        Vector("to_bigint", [s("-42")], i(-42)),
        Vector("to_bigint", [s("+42")], i(42)),
        Vector("to_bigint", [n("1e3")], i(1000)),
        // new BigDecimal(text): a point needs digits on one side only, always written as JSON.
        Vector("to_bigint", [s(".5")], n("0.5")),
        Vector("to_bigint", [s("-.5")], n("-0.5")),
        Vector("to_bigint", [s("5.")], i(5)),
        Vector("to_bigint", [s("1.e3")], i(1000)),
        Vector("to_bigint", [s("1000000.34")], n("1000000.34")),
        Vector("to_bigint", [s("9223372036854775808")], n("9223372036854775808")),
        Vector("to_bigint", [s("-9223372036854775808")], i(Int64.min)),
        // Double.parseDouble: trimmed, suffixes and hexadecimal.
        Vector("to_decimal", [s(" 1.5f ")], n("1.5")),
        Vector("to_decimal", [s("2d")], n("2.0")),
        Vector("to_decimal", [s("0x1p3")], n("8.0")),
        Vector("to_float", [s("1.5F")], n("1.5")),
        Vector("to_bigint", [null], null),
        Vector("to_decimal", [s("1e3")], n("1000.0")),
        Vector("to_decimal", [s("-0.25")], n("-0.25")),
        Vector("to_decimal", [i(3)], n("3.0")),
        Vector("to_float", [s("0.1")], n("0.1")),
        Vector("to_float", [s("16777217")], n("16777216.0")),
        Vector("to_float", [null], null),
        Vector(
            "json_to_object", [s("[1, 2.5, \"x\", true, null, {\"k\": []}]")],
            arr(i(1), n("2.5"), s("x"), b(true), null, obj(("k", arr())))),
        Vector("json_to_object", [s("\"just text\"")], s("just text")),
        Vector("json_to_object", [s("{\"b\":1,\"a\":2}")], obj(("b", i(1)), ("a", i(2)))),
        Vector("json_to_object", [obj(("a", i(1)))], obj(("a", i(1)))),
        Vector("json_to_object", [null], null),
    ]

    @Test(arguments: OtherFunctionTests.vectors)
    func vector(_ vector: Vector) throws {
        #expect(try callArray(vector.name, vector.arguments) == vector.expected)
    }

    static let failures: [FailingVector] = [
        FailingVector("decode", [s("x")]),
        FailingVector("min", []),
        FailingVector("min", [i(1), s("a")]),
        FailingVector("max", [obj(), obj()]),
        FailingVector("to_integer", [s("12.5")]),
        FailingVector("to_integer", [s(" 42")]),
        FailingVector("to_bigint", [s(" 42")]),
        FailingVector("to_bigint", [s(".")]),
        FailingVector("to_bigint", [s("1e")]),
        FailingVector("to_decimal", [s("٤٢")]),
        FailingVector("to_decimal", [s("0x1")]),
        FailingVector("to_integer", [s("2147483648")]),
        FailingVector("to_integer", [s("abc")]),
        FailingVector("to_integer", [s("")]),
        FailingVector("to_integer", [b(true)]),
        FailingVector("to_bigint", [s("12abc")]),
        FailingVector("to_bigint", [s("0x1F")]),
        FailingVector("to_decimal", [s("NaN")]),
        FailingVector("to_decimal", [s("1e400")]),
        FailingVector("to_float", [s("1e50")]),
        FailingVector("to_decimal", [s("1,5")]),
        FailingVector("json_to_object", [s("{\"a\":")]),
        FailingVector("json_to_object", [s("{a: 1}")]),
        FailingVector("json_to_object", [i(1)]),
        FailingVector("uuid", [s("x")]),
    ]

    @Test(arguments: OtherFunctionTests.failures)
    func failure(_ vector: FailingVector) {
        #expect(throws: FunctionError.self) { try callArray(vector.name, vector.arguments) }
    }

    @Test func uuidsAreVersion4AndFollowTheSeed() throws {
        var first = FunctionContext(seed: 7)
        var second = FunctionContext(seed: 7)
        var other = FunctionContext(seed: 8)
        let a1 = try FunctionLibrary.call("uuid", [], context: &first)
        let a2 = try FunctionLibrary.call("guid", [], context: &first)
        #expect(a1 != a2)
        #expect(try FunctionLibrary.call("uuid", [], context: &second) == a1)
        #expect(try FunctionLibrary.call("uuid", [], context: &other) != a1)
        guard case .string(let text) = a1 else {
            Issue.record("uuid is no string")
            return
        }
        #expect(
            try call("matches_regex", s(text), s("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"))
                == b(true))
    }
}
