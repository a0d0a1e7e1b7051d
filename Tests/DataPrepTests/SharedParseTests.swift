import Foundation
import Testing

@testable import DataPrep

/// Two mapping sets reading one parse of each event (`SharedParse`, what `diff` does) give, event
/// by event, exactly the outcomes each set gives parsing on its own.
@Suite struct SharedParseTests {
    static let now = DateTimeValue(epochMilliseconds: 1_767_571_200_000)

    static func mapper(_ mappingJSON: String, schema: String? = nil) throws -> Mapper {
        let set = try MappingSet.load(json: Array(mappingJSON.utf8), source: "m.json")
        let xdm = try schema.map { try XDMSchema.load(json: Array($0.utf8), source: "s.json") }
        return try Mapper(mappingSet: set, schema: xdm, options: MapperOptions(now: { Self.now }))
    }

    static func bundle(_ name: String, edit: (String) -> String = { $0 }) throws -> Mapper {
        let folder = RecordPlanTests.repositoryRoot.appendingPathComponent("corpora/\(name)")
        let mapping = edit(try String(contentsOf: folder.appendingPathComponent("mapping.json"), encoding: .utf8))
        let schema = try String(contentsOf: folder.appendingPathComponent("schema.json"), encoding: .utf8)
        return try Self.mapper(mapping, schema: schema)
    }

    /// Every event mapped both ways: one shared parse (the values of the mappings both sets have
    /// handed from the first to the second, and without any handed over), and each mapper alone.
    static func expectSameOutcomes(
        _ first: Mapper, _ second: Mapper, _ events: [[UInt8]], sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        try Self.expectSameOutcomes(
            first, second, events, handOff: ValueHandOff(first: first, second: second), sourceLocation: sourceLocation)
        try Self.expectSameOutcomes(first, second, events, handOff: .none, sourceLocation: sourceLocation)
    }

    static func expectSameOutcomes(
        _ first: Mapper, _ second: Mapper, _ events: [[UInt8]], handOff: ValueHandOff,
        sourceLocation: SourceLocation
    ) throws {
        let shared = try #require(SharedParse(first, second), sourceLocation: sourceLocation)
        var states = (first.makeState(), second.makeState(), first.makeState(), second.makeState())
        var cutStates = (first.makeState(), second.makeState())
        var sources: [JSONValue?] = []
        var handOff = handOff
        var cutHandOff = handOff
        for (index, event) in events.enumerated() {
            let together = shared.map(
                event, first: first, state: &states.0, second: second, state: &states.1, sources: &sources,
                handOff: &handOff)
            let alone = (first.map(event, state: &states.2), second.map(event, state: &states.3))
            #expect(together.first == alone.0, "event \(index), first set", sourceLocation: sourceLocation)
            #expect(together.second == alone.1, "event \(index), second set", sourceLocation: sourceLocation)
            #expect(
                states.0.observations == states.2.observations && states.1.observations == states.3.observations,
                "event \(index): observations", sourceLocation: sourceLocation)
            // Records cut to their `_id` where the other set does not store the event.
            let cut = shared.map(
                event, first: first, state: &cutStates.0, second: second, state: &cutStates.1, sources: &sources,
                handOff: &cutHandOff, wholeRecords: false)
            #expect(
                cut.first == Self.cut(alone.0, unless: alone.1) && cut.second == Self.cut(alone.1, unless: alone.0),
                "event \(index), records cut", sourceLocation: sourceLocation)
        }
    }

    /// `outcome` with its record cut to its `_id` member, unless `other` stores the event too.
    static func cut(_ outcome: MapOutcome, unless other: MapOutcome) -> MapOutcome {
        guard case .mapped(.object(let record), let warnings) = outcome, case .rejected = other else { return outcome }
        let kept = record.entries.filter { $0.key == "_id" }
        return .mapped(record: .object(JSONObject(kept)), warnings: warnings)
    }

    @Test func theBundlesAndTheirChangedCopiesMapAsEachAlone() throws {
        let events = MappingDiffPropertyTests.corpus(seed: 19, count: 300)
        let seed = try Self.bundle("pendo-seed")
        let xdm = try Self.bundle("pendo-xdm")
        // The changes of bench/diff.sh: a source read from another path, and a changed expression.
        let seedChanged = try Self.bundle("pendo-seed") {
            $0.replacingOccurrences(
                of: #""sourceAttribute": "properties.guideProperties.name""#,
                with: #""sourceAttribute": "properties.guideId""#)
        }
        let xdmChanged = try Self.bundle("pendo-xdm") {
            $0.replacingOccurrences(of: "dformat(timestamp * 1000,", with: "dformat(timestamp * 1000 + 1000,")
        }
        #expect(seed.selection != seedChanged.selection)
        // All the mappings but the changed one are handed over.
        #expect(ValueHandOff(first: seed, second: seedChanged).borrowing == seed.mappingSet.mappings.count - 1)
        #expect(ValueHandOff(first: xdm, second: xdmChanged).borrowing == xdm.mappingSet.mappings.count - 1)
        #expect(ValueHandOff(first: seed, second: xdm).borrowing == 0)
        try Self.expectSameOutcomes(seed, seedChanged, events)
        try Self.expectSameOutcomes(xdm, xdmChanged, events)
        // Sets reading quite different paths.
        try Self.expectSameOutcomes(seed, xdm, events)
        try Self.expectSameOutcomes(xdm, seed, events)
    }

    @Test func pathsReadWholeByOneSetAndInPartsByTheOtherGiveEachItsValues() throws {
        let parts = try Self.mapper(
            """
            {"mappings": [
              {"sourceType": "ATTRIBUTE", "source": "a.b", "destination": "x.b"},
              {"sourceType": "EXPRESSION", "source": "upper(a.c)", "destination": "x.c"},
              {"sourceType": "ATTRIBUTE", "source": "list[*].id", "destination": "x.ids[*]"},
              {"sourceType": "ATTRIBUTE", "source": "m[0]", "destination": "x.first"}]}
            """)
        let whole = try Self.mapper(
            """
            {"mappings": [
              {"sourceType": "ATTRIBUTE", "source": "a", "destination": "y.a"},
              {"sourceType": "EXPRESSION", "source": "size_of(m)", "destination": "y.n"},
              {"sourceType": "ATTRIBUTE", "source": "list[*].name", "destination": "y.names[*]"}]}
            """)
        let events = [
            #"{"a": {"b": 1, "c": "x", "d": [1, 2]}, "list": [{"id": 1, "name": "p"}, {"name": "q"}], "m": [3, 4]}"#,
            #"{"a": {"c": "y", "b": {"deep": true}, "b": 2}, "list": [], "m": []}"#,
            #"{"a": 5, "list": {"id": 1}, "m": "text"}"#,
            #"{"z": 1}"#,
            #"{"a": {"b": "\u00e9"}, "list": [{"id": "\n"}]}"#,
        ].map { Array($0.utf8) }
        try Self.expectSameOutcomes(parts, whole, events)
        try Self.expectSameOutcomes(whole, parts, events)
    }

    @Test func aFlawOnlyOneSetReadsRejectsTheEventForThatSetOnly() throws {
        // The parser checks a skipped string's UTF-8 less closely than one it builds (its escapes
        // alike): "a" is built for the first set only, so only the first rejects the event.
        let first = try Self.mapper(#"{"mappings": [{"sourceType": "ATTRIBUTE", "source": "a", "destination": "x"}]}"#)
        let second = try Self.mapper(#"{"mappings": [{"sourceType": "ATTRIBUTE", "source": "b", "destination": "y"}]}"#)
        let event = Array(#"{"a": "bad "#.utf8) + [0xFF] + Array(#"", "b": "fine"}"#.utf8)
        guard case .rejected(let rejection) = first.map(event) else {
            Issue.record("the first set stores an event with invalid UTF-8 in what it reads")
            return
        }
        #expect(rejection.rule == .invalidJSON)
        guard case .mapped = second.map(event) else {
            Issue.record("the second set rejects an event whose flaw it does not read")
            return
        }
        try Self.expectSameOutcomes(
            first, second, [event, Array(#"{"a": "ok", "b": "fine"}"#.utf8), Array("{\"a\": ".utf8)])
    }

    @Test func aSpreadUnderAValueTheOtherSetReadsWholeCannotShare() throws {
        var spread = PathSelection()
        spread.insertSpreadSource(prefix: ["p", "steps"], suffix: ["id"], slot: 0)
        var whole = PathSelection()
        whole.insert(["p"])
        #expect(spread.merged(with: whole, slotOffset: 1) == nil)
        #expect(whole.merged(with: spread, slotOffset: 1) == nil)
        var sibling = PathSelection()
        sibling.insert(["p", "name"])
        let merged = try #require(spread.merged(with: sibling, slotOffset: 1))
        #expect(merged.nodes.contains { $0.collects == [0] })
        // A source of the other set under the spread's array is numbered after the first set's.
        var source = PathSelection()
        source.insertSource(["p", "title"], slot: 0)
        let both = try #require(spread.merged(with: source, slotOffset: 1))
        #expect(both.nodes.flatMap(\.slots).sorted() == [0, 1])
    }

    @Test func theDifferSharesTheParseOfTheBenchPairs() throws {
        let xdm = try Self.bundle("pendo-xdm")
        let changed = try Self.bundle("pendo-xdm") {
            $0.replacingOccurrences(of: "dformat(timestamp * 1000,", with: "dformat(timestamp * 1000 + 1000,")
        }
        #expect(MappingDiffer(old: xdm, new: changed, options: DiffOptions(), now: Self.now, seed: 1).sharesParse)
    }
}
