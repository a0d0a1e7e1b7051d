import Testing

@testable import DataPrep

/// Short builders for JSON values in test tables (no literal conformances on `JSONValue`, which
/// the module might add itself).
func s(_ text: String) -> JSONValue { .string(text) }
func i(_ value: Int64) -> JSONValue { .int(value) }
func n(_ text: String) -> JSONValue { .number(JSONNumber(text: text)) }
func b(_ value: Bool) -> JSONValue { .bool(value) }
let null = JSONValue.null
func arr(_ values: JSONValue...) -> JSONValue { .array(values) }
func obj(_ pairs: (String, JSONValue)...) -> JSONValue {
    .object(JSONObject(pairs.map { JSONObject.Entry(key: $0.0, value: $0.1) }))
}

/// 2021-10-26T10:10:24.571Z, the instant of Adobe's `now()` example (plus milliseconds).
let fixedInstant = DateTimeValue(epochMilliseconds: 1_635_243_024_571)

func fixedContext(seed: UInt64 = 42) -> FunctionContext {
    FunctionContext(now: { fixedInstant }, seed: seed)
}

/// Calls a function with a fixed clock and seed.
func call(_ name: String, _ arguments: JSONValue...) throws(FunctionError) -> JSONValue {
    var context = fixedContext()
    return try FunctionLibrary.call(name, arguments, context: &context)
}

func callArray(_ name: String, _ arguments: [JSONValue]) throws(FunctionError) -> JSONValue {
    var context = fixedContext()
    return try FunctionLibrary.call(name, arguments, context: &context)
}

/// The ISO 8601 text of a date result (nil when the result is no date).
func isoText(_ value: JSONValue) -> String? {
    guard case .date(let date) = value else { return nil }
    return AdobeDateParsing.iso8601(date, dateOnly: false)
}

/// One row of a table: a call and what it must give.
struct Vector: Sendable, CustomTestStringConvertible {
    var name: String
    var arguments: [JSONValue]
    var expected: JSONValue

    init(_ name: String, _ arguments: [JSONValue], _ expected: JSONValue) {
        self.name = name
        self.arguments = arguments
        self.expected = expected
    }

    var testDescription: String { "\(self.name)(\(self.arguments.map { "\($0)" }.joined(separator: ", ")))" }
}

/// One row that must throw.
struct FailingVector: Sendable, CustomTestStringConvertible {
    var name: String
    var arguments: [JSONValue]

    init(_ name: String, _ arguments: [JSONValue]) {
        self.name = name
        self.arguments = arguments
    }

    var testDescription: String { "\(self.name)(\(self.arguments.map { "\($0)" }.joined(separator: ", ")))" }
}
