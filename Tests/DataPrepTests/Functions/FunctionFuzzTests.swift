import ReplayCommon
import Testing

@testable import DataPrep

/// Bad input is never a crash: every function, called with random argument lists drawn from
/// awkward values, either answers or throws `FunctionError` (a trap would stop the test run).
@Suite struct FunctionFuzzTests {
    static let pool: [JSONValue] = [
        .null, .bool(true), .bool(false), .int(0), .int(-1), .int(1), .int(7), .int(Int64.max), .int(Int64.min),
        .int(1_571_829_875_000), .number(JSONNumber(text: "2.5")), .number(JSONNumber(text: "-1e308")),
        .number(JSONNumber(text: "123456789012345678901234567890")), .string(""), .string(" "), .string("a,b,,c"),
        .string("héllo wörld 🌍"), .string("2019-10-23T11:24:35Z"), .string("yyyy-MM-dd"), .string("UTF-16"),
        .string("https://u@h.example.com:8080/p/a?x=1&y#f"), .string("%"), .string("(["), .string("\\"),
        .string("Europe/Paris"), .string("12"), .string("mm"), .string("retain"), .string("{\"a\":[1,{}]}"),
        .string("Mozilla/5.0 (iPhone; CPU iPhone OS 5_1_1 like Mac OS X) Version/5.1 Safari/7534.48.3"),
        .array([]), .array([.int(1), .null, .string("x")]),
        .array([.object(JSONObject([.init(key: "id", value: .int(1))]))]),
        .object(JSONObject()), .object(JSONObject([.init(key: "k", value: .string("v"))])),
        .date(DateTimeValue(epochMilliseconds: 0)),
        .date(DateTimeValue(epochMilliseconds: -1, zoneIdentifier: "America/Los_Angeles")),
    ]

    @Test func everyFunctionSurvivesRandomArguments() {
        var random = SeededRandom(seed: 2024)
        var answered = 0
        for name in FunctionLibrary.libraryNames.sorted() {
            for _ in 0..<150 {
                let count = Int(random.next() % 9)
                let arguments = (0..<count).map { _ in Self.pool[Int(random.next() % UInt64(Self.pool.count))] }
                var context = FunctionContext(now: { DateTimeValue(epochMilliseconds: 0) }, seed: random.next())
                do {
                    _ = try FunctionLibrary.call(name, arguments, context: &context)
                    answered += 1
                } catch {
                    #expect(error.function == name)
                    #expect(!error.message.isEmpty)
                }
            }
        }
        #expect(answered > 1000)
    }
}
