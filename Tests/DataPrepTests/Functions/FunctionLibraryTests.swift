import Testing
@testable import DataPrep

@Suite struct FunctionLibraryTests {
    @Test func namesCoverTheReferenceAndEvaluatorWords() {
        for name in ["concat", "substr", "sha256", "crc32", "get_url_query_str", "dformat", "make_date_time", "zone_date_to_zone",
                     "str_to_object", "map_get_values", "to_map", "upsert_array_replace", "decode", "to_bigint", "json_to_object",
                     "uuid", "guid", "ua_device_class", "iif", "contains_key", "is_set", "nullify", "equals", "equalsIgnoreCase", "get"] {
            #expect(FunctionLibrary.isKnown(name), "\(name)")
            #expect(FunctionLibrary.names.contains(name), "\(name)")
        }
        #expect(!FunctionLibrary.isKnown("fpid_to_ecid"))
        #expect(!FunctionLibrary.isKnown("length"))
        #expect(!FunctionLibrary.isKnown("CONCAT"))
    }

    @Test func everyLibraryNameIsDispatched() {
        // A name listed but not dispatched would answer "Unknown function".
        for name in FunctionLibrary.libraryNames {
            var context = fixedContext()
            do {
                _ = try FunctionLibrary.call(name, [], context: &context)
            } catch {
                #expect(!error.message.hasPrefix("Unknown function"), "\(name)")
            }
        }
    }

    @Test func evaluatorFunctionsAndUnknownNamesThrow() {
        var context = fixedContext()
        #expect(throws: FunctionError.self) { try FunctionLibrary.call("iif", [.bool(true), .int(1), .int(2)], context: &context) }
        do {
            _ = try FunctionLibrary.call("no_such_function", [], context: &context)
            Issue.record("expected an error")
        } catch {
            #expect(error.function == "no_such_function")
            #expect(error.message == "Unknown function no_such_function")
        }
    }

    @Test func coercionsOfArguments() {
        #expect(JSONValue.string(" 12 ").asInt64 == 12)
        #expect(JSONValue.number(JSONNumber(text: "3.0")).asInt64 == 3)
        #expect(JSONValue.number(JSONNumber(text: "3.5")).asInt64 == nil)
        #expect(JSONValue.string("1e2").asDouble == 100)
        #expect(JSONValue.string("inf").asDouble == nil)
        #expect(JSONValue.bool(true).asString == "true")
        #expect(JSONValue.array([]).asString == nil)
        #expect(JSONValue.date(DateTimeValue(epochMilliseconds: 0)).asString == "1970-01-01T00:00:00Z")
    }
}
