import Testing

@testable import DataPrep

@Suite struct StringFunctionTests {
    static let vectors: [Vector] = [
        // concat
        Vector("concat", [], s("")),
        Vector("concat", [s("a"), null, s("b")], s("ab")),
        Vector("concat", [s("n="), i(-5), s(" "), n("2.50"), s(" "), b(true)], s("n=-5 2.50 true")),
        Vector("concat", [s("héllo "), s("🌍")], s("héllo 🌍")),
        // explode
        Vector("explode", [s("a,b,,c,")], arr(s("a"), s("b"), s(""), s("c"), s(""))),
        Vector("explode", [s("a1b22c"), s("[0-9]+")], arr(s("a"), s("b"), s("c"))),
        Vector("explode", [s("a::b::c"), s("::")], arr(s("a"), s("b"), s("c"))),
        Vector("explode", [s("a.b"), s("\\.")], arr(s("a"), s("b"))),
        Vector("explode", [s("")], arr(s(""))),
        Vector("explode", [null], null),
        // instr
        Vector("instr", [s("adobe.com"), s("xyz")], i(-1)),
        Vector("instr", [s("banana"), s("an"), i(2)], i(3)),
        Vector("instr", [s("banana"), s("an"), i(0), i(2)], i(3)),
        Vector("instr", [s("banana"), s("a"), i(0), i(3)], i(5)),
        Vector("instr", [s("banana"), s("a"), i(0), i(4)], i(-1)),
        Vector("instr", [s("héllo wörld"), s("wö")], i(6)),
        Vector("instr", [null, s("a")], null),
        Vector("instr", [s("abc"), s("c"), i(Int64.max)], i(-1)),
        Vector("instr", [s("abc"), s(""), i(3)], i(3)),
        // replacestr
        Vector("replacestr", [s("aaa"), s("a"), s("bb")], s("bbbbbb")),
        Vector("replacestr", [s("a.b.c"), s("."), s("")], s("abc")),
        Vector("replacestr", [s("abc"), s(""), s("x")], s("abc")),
        Vector("replacestr", [s("abc"), s("b"), null], s("ac")),
        Vector("replacestr", [null, s("b"), s("x")], null),
        Vector("replacestr", [s("café café"), s("é"), s("e")], s("cafe cafe")),
        // substr
        Vector("substr", [s("abcdef"), i(2), i(4)], s("cdef")),
        Vector("substr", [s("abcdef"), i(6), i(0)], s("")),
        Vector("substr", [s("abcdef"), i(6)], s("")),
        Vector("substr", [s("abcdef"), i(3)], s("def")),
        // UTF-16 units, as Java's substring: an emoji is two, half of one is U+FFFD.
        Vector("substr", [s("😀x"), i(0), i(2)], s("😀")),
        Vector("substr", [s("😀x"), i(2), i(1)], s("x")),
        Vector("substr", [s("😀x"), i(1), i(2)], s("\u{FFFD}x")),
        Vector("substr", [s("h€llo"), s("1"), i(2)], s("€l")),
        Vector("substr", [null, i(1), i(2)], null),
        // case
        Vector("lower", [s("ÀÉÎ Straße")], s("àéî straße")),
        Vector("upper", [s("straße")], s("STRASSE")),
        Vector("upper", [null], null),
        Vector("lower", [i(12)], s("12")),
        // trim
        Vector("trim", [s("\t\n hello \r\n")], s("hello")),
        // Java's trim: up to U+0020 only, the no-break space and em space stay.
        Vector("trim", [s("\u{00A0}hi\u{2003}")], s("\u{00A0}hi\u{2003}")),
        Vector("trim", [s("\u{1F}\u{0B}hi\u{0}")], s("hi")),
        Vector("ltrim", [s(" \u{00A0}a ")], s("\u{00A0}a ")),
        // Java's final sigma; İ lower-cases to i and a combining dot above.
        Vector("lower", [s("ΟΔΟΣ")], s("οδος")),
        Vector("lower", [s("ΣΑΣ ΟΔΟΣ.")], s("σας οδος.")),
        Vector("lower", [s("AΣ1B A1Σ Σ")], s("aσ1b a1ς σ")),
        Vector("lower", [s("İ")], s("i\u{307}")),
        Vector("upper", [s("straße ﬁ")], s("STRASSE FI")),
        Vector("size_of", [s("😀é")], i(3)),
        Vector("size_of", [s("e\u{301}")], i(2)),
        Vector("left", [s("😀x"), i(1)], s("\u{FFFD}")),
        Vector("right", [s("x😀"), i(2)], s("😀")),
        Vector("lpad", [s("ab"), i(4), s("😀")], s("😀ab")),
        Vector("rpad", [s("ab"), i(3), s("😀")], s("ab\u{FFFD}")),
        Vector("instr", [s("😀abc"), s("b")], i(3)),
        Vector("instr", [s("abc"), s(""), i(9)], i(3)),
        Vector("trim", [s("   ")], s("")),
        Vector("ltrim", [s("  a b  ")], s("a b  ")),
        Vector("rtrim", [s("  a b  ")], s("  a b")),
        Vector("trim", [null], null),
        // split
        Vector("split", [s("a,b;;c"), s(",;")], arr(s("a"), s("b"), s("c"))),
        Vector("split", [s(",,a,,"), s(",")], arr(s("a"))),
        Vector("split", [s("a\\b"), s("\\")], arr(s("a"), s("b"))),
        Vector("split", [s("a  b\tc")], arr(s("a"), s("b"), s("c"))),
        Vector("split", [s(""), s(",")], arr()),
        Vector("split", [null, s(",")], null),
        // join
        Vector("join", [s("-"), arr(s("a"), i(1), null, b(false))], s("a-1--false")),
        Vector("join", [s(", "), s("a"), s("b"), s("c")], s("a, b, c")),
        Vector("join", [s(","), arr()], s("")),
        Vector("join", [s(","), null], null),
        // pads
        Vector("lpad", [s("bat"), i(3), s("yz")], s("bat")),
        Vector("lpad", [s("bat"), i(1), s("yz")], s("bat")),
        Vector("lpad", [s("bat"), i(5), null], s("  bat")),
        Vector("rpad", [s("bat"), i(5), s("")], s("bat  ")),
        Vector("lpad", [s("7"), i(3), s("0")], s("007")),
        Vector("rpad", [s("é"), i(3), s("ü")], s("éüü")),
        Vector("lpad", [null, i(3), s("x")], null),
        // left / right
        Vector("left", [s("abcde"), i(10)], s("abcde")),
        Vector("left", [s("abcde"), i(0)], s("")),
        Vector("left", [s("abcde"), i(-1)], s("")),
        Vector("right", [s("abcde"), i(10)], s("abcde")),
        Vector("right", [s("añb"), i(2)], s("ñb")),
        Vector("left", [null, i(2)], null),
    ]

    @Test(arguments: StringFunctionTests.vectors)
    func vector(_ vector: Vector) throws {
        #expect(try callArray(vector.name, vector.arguments) == vector.expected)
    }

    static let failures: [FailingVector] = [
        FailingVector("substr", [s("abc")]),
        FailingVector("substr", [s("abc"), s("x"), i(1)]),
        FailingVector("substr", [s("abc"), n("1.5"), i(1)]),
        // Java's substring: outside the text is an error.
        FailingVector("substr", [s("abcdef"), i(2), i(100)]),
        FailingVector("substr", [s("abcdef"), i(10), i(2)]),
        FailingVector("substr", [s("abcdef"), i(-2), i(2)]),
        FailingVector("substr", [s("abcdef"), i(1), i(-1)]),
        FailingVector("substr", [s("abcdef"), i(7)]),
        FailingVector("lower", []),
        FailingVector("lower", [s("a"), s("b")]),
        FailingVector("upper", [arr(s("a"))]),
        FailingVector("concat", [obj(("a", i(1)))]),
        FailingVector("instr", [s("abc"), s("b"), i(-1)]),
        FailingVector("instr", [s("abc"), s("b"), i(0), i(0)]),
        FailingVector("explode", [s("abc"), s("(")]),
        FailingVector("lpad", [s("abc"), null, s("x")]),
        FailingVector("left", [s("abc"), s("two")]),
        FailingVector("join", [s(",")]),
        FailingVector("join", [s(","), arr(arr(s("nested")))]),
        FailingVector("replacestr", [s("a"), s("b")]),
    ]

    @Test(arguments: StringFunctionTests.failures)
    func failure(_ vector: FailingVector) {
        #expect(throws: FunctionError.self) { try callArray(vector.name, vector.arguments) }
    }

    @Test func errorNamesFunctionAndCount() {
        do {
            _ = try call("substr", s("abc"))
            Issue.record("expected an error")
        } catch {
            #expect(error.function == "substr")
            #expect(error.message.contains("expects 2 to 3 arguments, got 1"))
            #expect(error.description.hasPrefix("substr: "))
        }
    }
}
