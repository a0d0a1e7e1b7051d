import ReplayCommon
import Testing

@testable import DataPrep

@Suite struct ExpressionTests {
    static let input = #"""
        {"a": 7, "b": 2, "big": 9223372036854775807, "s": "Text", "n": null, "f": 2.5, "flag": true,
        "obj": {"k": "v", "list": [10, 20, 30]}, "First Name": "Ada", "x.y": "dotted", "new": "reserved", "timestamp": 1701234567,
        "items": [{"p": 1}, {"p": 2}]}
        """#

    @Test(arguments: [
        // literals and paths
        ("\"text\"", #""text""#), ("'single'", #""single""#), ("42", "42"), ("-3", "-3"), ("2.50", "2.50"),
        ("true", "true"),
        ("null", "null"), ("a", "7"), ("obj.k", #""v""#), ("obj.list[1]", "20"), ("items[*].p", "[1,2]"),
        ("${First Name}", #""Ada""#), ("x\\.y", #""dotted""#), ("${new}", #""reserved""#), ("timestamp", "1701234567"),
        ("missing.path", "null"), ("[1, 'two', null]", #"[1,"two",null]"#),
        ("{\"k\": 1, other: 'x'}", #"{"k":1,"other":"x"}"#),
        // arithmetic
        ("a + b", "9"), ("a - b", "5"), ("a * b", "14"), ("a / b", "3"), ("a % b", "1"), ("a div b", "3"),
        ("a mod b", "1"),
        ("f * 2", "5.0"), ("a + f", "9.5"), ("big + 1", "9.223372036854776e+18"), ("-a", "-7"), ("(a + b) * 2", "18"),
        ("a + b * 2", "11"), ("s + '!'", #""Text!""#), ("'n=' + a", #""n=7""#), ("a + n", "null"), ("n * 2", "null"),
        // comparison and logic
        ("a == 7", "true"), ("a eq 7", "true"), ("a != 7", "false"), ("a ne 7", "false"), ("a > b", "true"),
        ("a gt b", "true"),
        ("a < b", "false"), ("a lt b", "false"), ("a >= 7", "true"), ("a ge 8", "false"), ("a <= 7", "true"),
        ("a le 6", "false"),
        ("n == null", "true"), ("missing == null", "true"), ("n < 3", "false"), ("a == 7.0", "true"),
        ("'7' == a", "true"),
        ("flag && a > 1", "true"), ("flag and false", "false"), ("false || a == 7", "true"),
        ("false or false", "false"),
        ("!flag", "false"), ("not flag", "false"), ("!n", "true"), ("a > 1 ? 'big' : 'small'", #""big""#),
        // methods
        ("\"string1\".equals(\"STRING1\")", "false"), ("\"string1\".equalsIgnoreCase(\"STRING1\")", "true"),
        ("s.equals('Text')", "true"), ("n.equals('x')", "null"), ("obj.get('k')", #""v""#),
        ("obj.get(\"nope\")", "null"),
        ("obj.list.get(2)", "30"),
        // functions handled by the evaluator
        ("iif(\"s\".equalsIgnoreCase(\"S\"), \"True\", \"False\")", #""True""#),
        ("iif(a > 100, 1 / 0, 'lazy')", #""lazy""#),
        ("contains_key(obj.k)", "true"), ("contains_key(obj.zz)", "false"), ("contains_key('obj.list')", "true"),
        ("is_set(n)", "false"), ("nullify()", "null"), ("empty(n)", "true"), ("empty(s)", "false"),
        ("size(obj.list)", "3"),
        // library calls
        ("concat('Hi, ', 'there', '!')", #""Hi, there!""#), ("lower(s)", #""text""#),
        ("upper(concat(s, 'x'))", #""TEXTX""#),
        ("to_integer('12') + 1", "13"),
    ])
    func evaluates(expression: String, expected: String) throws {
        let result = try TestSupport.evaluate(expression, input: Self.input)
        #expect(result.jsonText == expected, "\(expression)")
    }

    @Test(arguments: [
        ("a +", 4, "unexpected end"), ("concat('a' 'b')", 12, "expected ','"), ("a = 1", 3, "'=='"),
        ("(a + b", 7, "')'"),
        ("'open", 1, "unterminated"), ("new + 1", 1, "reserved"), ("a & b", 3, "'&&'"),
        ("nosuch(1)", 1, "unknown function"),
        ("s.length()", 3, "unknown method"), ("a b", 3, "after a complete expression"), ("1abc", 1, "digit"),
        ("concat(", 8, "unexpected end"), ("a ? 1", 6, "':'"), ("#", 1, "unexpected character"), ("${x", 1, "'}'"),
        ("or", 1, "operator"), ("a.", 3, "expected a name"), ("concat('a').b", 13, "get("),
    ])
    func syntaxErrorsSayWhere(expression: String, column: Int, fragment: String) {
        do {
            _ = try ExpressionParser.parse(expression)
            Issue.record("\(expression) parsed")
        } catch {
            #expect(error.column == column, "\(expression): \(error)")
            #expect(error.message.contains(fragment), "\(expression): \(error)")
            #expect(error.expression == expression)
        }
    }

    @Test func evaluationErrorsAreErrorsNotCrashes() {
        #expect(throws: EvaluationError.self) { try TestSupport.evaluate("a / 0", input: Self.input) }
        #expect(throws: EvaluationError.self) { try TestSupport.evaluate("s * 2", input: Self.input) }
        #expect(throws: EvaluationError.self) { try TestSupport.evaluate("to_integer('x')", input: Self.input) }
        #expect(throws: EvaluationError.self) { try TestSupport.evaluate("iif(true, 1)", input: Self.input) }
    }

    @Test func injectedClockAndSeedAreUsed() throws {
        #expect(try TestSupport.evaluate("timestamp()") == .int(1_700_000_000_000))
        #expect(try TestSupport.evaluate("uuid()") == TestSupport.evaluate("uuid()"))
    }

    @Test func tooLongIsRefused() {
        let long = "concat(" + String(repeating: "'a', ", count: 1000) + "'a')"
        #expect(throws: ExpressionSyntaxError.self) { try ExpressionParser.parse(long) }
    }

    @Test func collectsInputPaths() throws {
        let expression = try ExpressionParser.parse("iif(contains_key('p.q'), lower(a.b), items[*].c)")
        #expect(expression.inputPaths.map(\.description).sorted() == ["a.b", "items[*].c", "p.q"])
    }

    /// Property: no string of expression-ish characters crashes or hangs the parser.
    @Test func fuzzedExpressionsNeverCrash() {
        var random = SeededRandom(seed: 9)
        let pieces = [
            "a", ".", "(", ")", "[", "]", "*", "0", "'", "\"", "+", "-", "!", "==", "&&", "${", "}", "\\", "iif",
            "concat",
            ",", " ", "?", ":", "{", "x", "1.5", "or", "new", "get", "equals", "é", "🎉", "\n",
        ]
        for _ in 0..<20_000 {
            var text = ""
            for _ in 0..<Int(random.next() % 20) { text += pieces[Int(random.next() % UInt64(pieces.count))] }
            if let parsed = try? ExpressionParser.parse(text) {
                var context = FunctionContext(now: TestSupport.fixedNow, seed: 1)
                _ = try? ExpressionEvaluator().evaluate(parsed, input: TestSupport.json(Self.input), context: &context)
            }
        }
        let nested = String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        #expect(throws: ExpressionSyntaxError.self) { try ExpressionParser.parse(nested) }
        let negations = String(repeating: "!", count: 4000) + "true"
        #expect(throws: ExpressionSyntaxError.self) { try ExpressionParser.parse(negations) }
    }
}
