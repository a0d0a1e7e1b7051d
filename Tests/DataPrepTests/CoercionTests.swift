import Testing

@testable import DataPrep

/// The coercion table of data-prep.md, through a mapper writing one STATIC value into a typed field.
@Suite struct CoercionTests {
    enum Expected: Sendable, CustomStringConvertible {
        case stored(String)
        case dropped
        case rejected(SchemaViolation.Rule)
        var description: String {
            switch self {
            case .stored(let s): return "stored \(s)"
            case .dropped: return "dropped"
            case .rejected(let rule): return "rejected \(rule)"
            }
        }
    }

    static func outcome(_ field: String, _ valueJSON: String) throws -> MapOutcome {
        let mapping = #"{"mappings": [{"sourceType": "STATIC", "source": \#(valueJSON), "destination": "\#(field)"}]}"#
        return try TestSupport.mapper(mapping, schema: TestSupport.xdmLikeSchema).map(Array("{}".utf8))
    }

    @Test(arguments: [
        // to string
        ("_id", "1234", Expected.stored("\"1234\"")), ("_id", "12.50", .stored("\"12.50\"")),
        ("_id", "true", .stored("\"true\"")),
        ("_id", "\"x\"", .stored("\"x\"")), ("_id", "{\"a\":1}", .rejected(.type)), ("_id", "[1]", .rejected(.type)),
        // to integers
        ("rating", "\"7\"", .stored("7")), ("rating", "\" 7 \"", .stored("7")), ("rating", "7.0", .stored("7")),
        ("rating", "\"seven\"", .dropped),
        ("rating", "7.5", .dropped), ("rating", "true", .dropped), ("rating", "11", .rejected(.maximum)),
        ("rating", "-1", .rejected(.minimum)),
        ("small", "127", .stored("127")), ("small", "128", .rejected(.maximum)), ("small", "-129", .rejected(.minimum)),
        ("short", "40000", .rejected(.maximum)), ("short", "\"-32768\"", .stored("-32768")),
        // to double
        ("ratio", "\"2.5\"", .stored("2.5")), ("ratio", "3", .stored("3")), ("ratio", "\"abc\"", .dropped),
        ("ratio", "1e3", .stored("1e3")),
        // to boolean
        ("ok", "\"yes\"", .stored("true")), ("ok", "\"ON\"", .stored("true")), ("ok", "\"Y\"", .stored("true")),
        ("ok", "\"TRUE\"", .stored("true")),
        ("ok", "\"n\"", .stored("false")), ("ok", "\"off\"", .stored("false")), ("ok", "\"FALSE\"", .stored("false")),
        ("ok", "\"maybe\"", .dropped), ("ok", "1", .dropped), ("ok", "false", .stored("false")),
        // to dates
        ("timestamp", "\"2019-10-23T11:24:35.000Z\"", .stored("\"2019-10-23T11:24:35Z\"")),
        ("timestamp", "1571829875", .dropped),
        ("timestamp", "\"not a date\"", .dropped), ("day", "\"2019-10-23\"", .stored("\"2019-10-23\"")),
        // enum, pattern, lengths
        ("eventType", "\"guide.displayed\"", .stored("\"guide.displayed\"")),
        ("eventType", "\"other\"", .rejected(.enumeration)),
        ("code", "\"abc\"", .stored("\"abc\"")), ("code", "\"ab1\"", .rejected(.pattern)),
        ("code", "\"abcdef\"", .rejected(.maxLength)),
        // arrays, maps, objects
        ("tags", "[1, \"b\"]", .stored("[\"1\",\"b\"]")), ("tags", "\"x\"", .rejected(.type)),
        ("steps", "[{\"id\": 1, \"n\": \"2\"}]", .stored("[{\"id\":\"1\",\"n\":2}]")),
        ("steps", "[{\"zz\": 1}]", .rejected(.extraneousKey)),
        ("attrs", "{\"any\": 5, \"key\": \"v\"}", .stored("{\"any\":\"5\",\"key\":\"v\"}")),
        ("nope", "1", .rejected(.extraneousKey)),
        ("_tenant.guide", "{\"id\": \"g\", \"extra\": 1}", .rejected(.extraneousKey)),
    ])
    func coerces(field: String, value: String, expected: Expected) throws {
        let outcome = try Self.outcome(field, value)
        switch (outcome, expected) {
        case (.mapped(let record, let warnings), .stored(let text)):
            guard case .object(let object) = record else {
                Issue.record("not an object")
                return
            }
            let path = try FieldPath(parsing: field)
            #expect(path.value(in: .object(object))?.jsonText == text, "\(field) <- \(value)")
            #expect(warnings.isEmpty)
        case (.mapped(let record, let warnings), .dropped):
            #expect(record.jsonText == "{}", "\(field) <- \(value)")
            #expect(warnings.count == 1)
            #expect(warnings.first?.code == "MAPPER-3700-400")
            #expect(warnings.first?.path == field)
        case (.rejected(let rejection), .rejected(let rule)):
            #expect(rejection.rule == rule, "\(field) <- \(value): \(rejection)")
            #expect(rejection.code == "INGEST-1212-400")
        default:
            Issue.record("\(field) <- \(value): expected \(expected), got \(outcome)")
        }
    }

    @Test func integerTextBeyond64BitsIsARangeViolation() throws {
        guard case .rejected(let rejection) = try Self.outcome("rating", "\"99999999999999999999\"") else {
            Issue.record("not rejected")
            return
        }
        #expect(rejection.rule == .maximum)
    }
}
