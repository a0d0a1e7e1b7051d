import DataPrep

/// Data Prep expressions: any text through the parser, and what parses evaluated against a fixed
/// event on a fixed clock and seed (functions, regular expressions, dates and arithmetic included).
let event = try! JSONValue.parse(
    Array(
        """
        {"visitorId": "v-1", "accountId": "acme", "timestamp": 1700000000000, "count": 3, "ratio": -2.5,
         "url": "https://example.com/a/b?x=1&y=2#f", "tags": ["a", "b", null, 7], "empty": "",
         "properties": {"guideProperties": {"name": "Welcome", "stepIndex": 2}, "agent": "Mozilla/5.0"}}
        """.utf8))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExpression(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    guard let expression = try? ExpressionParser.parse(text) else { return 0 }
    var context = FunctionContext(now: { DateTimeValue(epochMilliseconds: 1_700_000_000_000) }, seed: 1)
    _ = try? ExpressionEvaluator().evaluate(expression, input: event, context: &context)
    return 0
}
