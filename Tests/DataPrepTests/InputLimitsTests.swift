import Foundation
import Testing

@testable import DataPrep

/// Inputs shaped to exhaust the stack, memory or time (deep or far-indexing paths, operator
/// chains, long pattern-letter runs, backtracking schema patterns) end in a clear error.
@Suite struct InputLimitsTests {
    @Test func deepPathsAreRefusedPastTheLimit() throws {
        let atLimit = Array(repeating: "a", count: FieldPath.maximumComponents).joined(separator: ".")
        #expect(try FieldPath(parsing: atLimit).components.count == FieldPath.maximumComponents)
        let deep = Array(repeating: "a", count: 100_000).joined(separator: ".")
        let error = try #require(throws: PathError.self) { try FieldPath(parsing: deep) }
        #expect(error.message == "a path has at most 100 parts (names and indexes); this one has more")
        let indexes = "a" + String(repeating: "[0]", count: FieldPath.maximumComponents)
        #expect(throws: PathError.self) { try FieldPath(parsing: indexes) }
    }

    @Test(arguments: ["a[100001]", "a[9223372036854775807].b", "a[99999999999999999999]"])
    func farIndexesAreRefused(path: String) throws {
        let error = try #require(throws: PathError.self) { try FieldPath(parsing: path) }
        #expect(error.column == 3)
        #expect(error.message.hasPrefix("array index") || error.message.hasPrefix("an array index"), "\(error)")
    }

    @Test func theLargestIndexIsWritten() throws {
        var record = JSONValue.null
        try FieldPath(parsing: "a[100000]").write(.int(1), into: &record)
        guard case .object(let object) = record, case .array(let elements)? = object["a"] else {
            Issue.record("\(record)")
            return
        }
        #expect(elements.count == 100_001)
        #expect(elements.last == .int(1))
    }

    /// A mapping whose destination indexes far into an array is refused when the set loads, naming
    /// the mapping, instead of trapping on `index + 1` or allocating the array.
    @Test func mappingSetsWithFarDestinationsAreRefused() throws {
        let text =
            #"{"mappings": [{"sourceType": "ATTRIBUTE", "source": "visitorId", "destination": "_t.ids[9223372036854775807]"}]}"#
        let error = try #require(throws: MappingSetError.self) {
            try MappingSet.load(json: Array(text.utf8), source: "far.json")
        }
        #expect(error.mappingIndex == 0)
        #expect(error.description.contains("far.json"))
    }

    @Test func longOperatorChainsAreRefusedAtTheDepthLimit() throws {
        let within = Array(repeating: "1", count: 150).joined(separator: " + ")
        #expect(try TestSupport.evaluate(within) == .int(150))
        // Within the 4096-character limit, a chain reaches about 2000 operators.
        for op in ["+", "*", "&&", "||", "==", "<"] {
            let chain = Array(repeating: "1", count: 1300).joined(separator: op)
            let error = try #require(throws: ExpressionSyntaxError.self) { try ExpressionParser.parse(chain) }
            #expect(error.message.hasPrefix("expression nested deeper than 200 levels"), "\(op): \(error)")
        }
    }

    /// Evaluating the deepest accepted expressions on a thread with the stack our mapping threads
    /// are given does not overflow it (in this debug build, one level takes a few KiB).
    @Test func theDeepestExpressionEvaluatesOnASmallStack() async throws {
        let chain = Array(repeating: "1", count: 190).joined(separator: " + ")
        let nested = String(repeating: "(", count: 90) + "1" + String(repeating: ")", count: 90)
        let results = await withCheckedContinuation { (continuation: CheckedContinuation<[JSONValue?], Never>) in
            let thread = Thread {
                let values = [chain, nested].map { text in try? TestSupport.evaluate(text) }
                continuation.resume(returning: values)
            }
            thread.stackSize = Mapper.threadStackSize
            thread.start()
        }
        #expect(results == [.int(190), .int(1)])
    }

    @Test func longPatternLetterRunsAreRefused() throws {
        #expect(throws: Never.self) { try JavaDateTimePattern(String(repeating: "y", count: 19)) }
        for letter in ["y", "S", "d", "M", "E", "a"] {
            let error = try #require(throws: FunctionError.self) {
                try JavaDateTimePattern(String(repeating: letter, count: 100_000))
            }
            #expect(error.message.contains("too many pattern letters '\(letter)' (100000; at most 19)"), "\(error)")
        }
    }

    /// A schema pattern that backtracks exponentially fails the record with a clear error within
    /// the regex time limit, instead of stalling the mapper.
    @Test func backtrackingSchemaPatternsFailTheRecord() throws {
        let schema =
            #"{"type": "object", "properties": {"_t": {"type": "object", "properties": {"name": {"type": "string", "pattern": "^(a+)+$"}}}}}"#
        let mapping = #"{"mappings": [{"sourceType": "ATTRIBUTE", "source": "name", "destination": "_t.name"}]}"#
        let mapper = try TestSupport.mapper(mapping, schema: schema)
        let event = #"{"name": ""# + String(repeating: "a", count: 64) + #"!"}"#
        guard case .rejected(let rejection) = mapper.map(Array(event.utf8)) else {
            Issue.record("mapped")
            return
        }
        #expect(rejection.rule == .pattern)
        #expect(rejection.message.contains("pattern ^(a+)+$: the regular expression"))
        #expect(rejection.message.contains("ran longer than 250 ms"))
        // A pattern that matches quickly still matches.
        guard case .mapped = mapper.map(Array(#"{"name": "aaaa"}"#.utf8)) else {
            Issue.record("rejected")
            return
        }
    }
}
