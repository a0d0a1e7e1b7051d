import Foundation
import Testing

@testable import DataPrep

@Suite struct FunctionLibraryTests {
    @Test func namesCoverTheReferenceAndEvaluatorWords() {
        for name in [
            "concat", "substr", "sha256", "crc32", "get_url_query_str", "dformat", "make_date_time",
            "zone_date_to_zone",
            "str_to_object", "map_get_values", "to_map", "upsert_array_replace", "decode", "to_bigint",
            "json_to_object",
            "uuid", "guid", "ua_device_class", "iif", "contains_key", "is_set", "nullify", "equals", "equalsIgnoreCase",
            "get",
        ] {
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
        #expect(throws: FunctionError.self) {
            try FunctionLibrary.call("iif", [.bool(true), .int(1), .int(2)], context: &context)
        }
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

@Suite struct FunctionLibraryConcurrencyTests {
    /// The caches (regular expressions, date patterns, zones) are shared between threads; many
    /// workers hitting them at once must all get the right answers.
    @Test func sharedCachesUnderConcurrentUse() {
        let failures = FailureCounter()
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            var context = FunctionContext(now: { DateTimeValue(epochMilliseconds: 0) }, seed: UInt64(worker))
            for round in 0..<200 {
                let pattern = "^(\\d+)-\(round % 300)$"  // more patterns than the cache holds
                do {
                    let matched = try FunctionLibrary.call(
                        "matches_regex", [.string("\(worker)-\(round % 300)"), .string(pattern)], context: &context)
                    let zoned = try FunctionLibrary.call(
                        "zone_date_to_zone",
                        [.string("2019-10-23T11:24:35Z"), .string(round % 2 == 0 ? "Europe/Paris" : "Asia/Tokyo")],
                        context: &context)
                    let text = try FunctionLibrary.call("format", [zoned, .string("HH:mm")], context: &context)
                    if matched != .bool(true) || text != .string(round % 2 == 0 ? "13:24" : "20:24") { failures.add() }
                } catch {
                    failures.add()
                }
            }
        }
        #expect(failures.value == 0)
    }
}

final class FailureCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0  // guarded by `lock`

    func add() {
        self.lock.lock()
        self.count += 1
        self.lock.unlock()
    }

    var value: Int {
        self.lock.lock()
        defer { self.lock.unlock() }
        return self.count
    }
}
