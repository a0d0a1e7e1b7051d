import Foundation
import ReplayCommon
import Testing

@testable import DataPrep

/// The shortcuts `MappingDiffer` takes give the diff of whole records mapped by each set alone:
/// records assembled once both outcomes are known, a record only one set stores cut to its
/// `_id`, and members of the new record that are the old record's own (`ValueHandOff`), which
/// the comparison counts equal without walking them.
@Suite struct DiffShortcutTests {
    static let now = MappingDiffTests.now

    static func mapper(_ mappings: [(String, String, String)], schema: String, allowNull: Bool? = nil) throws
        -> (fast: Mapper, general: Mapper)
    {
        let set = try MappingSet.load(json: Array(MappingDiffTests.mappingSet(mappings).utf8), source: "test.json")
        let xdm = try XDMSchema.load(json: Array(schema.utf8), source: "schema.json")
        let fast = try Mapper(
            mappingSet: set, schema: xdm, options: MapperOptions(now: { Self.now }, allowNullValues: allowNull))
        // Each record written value by value, calculated fields evaluated from their syntax trees.
        let general = try Mapper(
            mappingSet: set, schema: xdm,
            options: MapperOptions(
                now: { Self.now }, allowNullValues: allowNull, recordPlan: false, compileExpressions: false,
                rawValues: false, rememberResults: false))
        return (fast, general)
    }

    static func bundle(_ name: String, edit: (String) -> String = { $0 }) throws -> (fast: Mapper, general: Mapper) {
        let folder = RecordPlanTests.repositoryRoot.appendingPathComponent("corpora/\(name)")
        let mapping = edit(try String(contentsOf: folder.appendingPathComponent("mapping.json"), encoding: .utf8))
        let set = try MappingSet.load(json: Array(mapping.utf8), source: "mapping.json")
        let xdm = try XDMSchema.load(
            json: Array(try Data(contentsOf: folder.appendingPathComponent("schema.json"))), source: "schema.json")
        let fast = try Mapper(mappingSet: set, schema: xdm, options: MapperOptions(now: { Self.now }))
        let general = try Mapper(
            mappingSet: set, schema: xdm,
            options: MapperOptions(now: { Self.now }, recordPlan: false, compileExpressions: false, rawValues: false))
        return (fast, general)
    }

    /// The diff `MappingDiffer` gives with the fast mappers, and the diff of the general mappers'
    /// whole records, each set mapping each event alone with the same clock and per-event draws;
    /// expects them equal in every count and sample.
    static func expectSameDiff(
        _ old: (fast: Mapper, general: Mapper), _ new: (fast: Mapper, general: Mapper), _ events: [[UInt8]],
        sourceLocation: SourceLocation = #_sourceLocation
    ) -> MappingDiff {
        let seed: UInt64 = 9
        var options = DiffOptions(samples: 3)
        options.nonDeterministic = MappingDiffer.nonDeterministicPaths(
            old: old.fast, new: new.fast, sample: Array(events.prefix(40)), now: Self.now, seed: seed)
        var differ = MappingDiffer(old: old.fast, new: new.fast, options: options, now: Self.now, seed: seed)
        var reference = MappingDiff(options: options)
        var states = (old.general.makeState(), new.general.makeState())
        states.0.context = FunctionContext(now: { Self.now }, seed: seed)
        states.1.context = FunctionContext(now: { Self.now }, seed: seed)
        for (index, event) in events.enumerated() {
            let at = DiffEventReference(ordinal: index, file: "c.jsonl", line: index + 1)
            differ.compare(event, reference: at)
            let random = SeededRandom(seed: seed, stream: UInt64(index))
            states.0.context.random = random
            states.1.context.random = random
            reference.record(
                old: old.general.map(event, state: &states.0), new: new.general.map(event, state: &states.1), event: at)
        }
        var d = differ.diff
        let transitions = MappingDiff.Transition.allCases
        #expect(transitions.map { d[$0] } == transitions.map { reference[$0] }, sourceLocation: sourceLocation)
        #expect(d.transitionSamples == reference.transitionSamples, sourceLocation: sourceLocation)
        #expect(d.fieldCounts == reference.fieldCounts, sourceLocation: sourceLocation)
        for (mine, theirs) in [(d.old, reference.old), (d.new, reference.new)] {
            let counts: [Int] = [mine.mapped, mine.rejected, mine.warnings, mine.emptyIds]
            let expected: [Int] = [theirs.mapped, theirs.rejected, theirs.warnings, theirs.emptyIds]
            #expect(counts == expected, sourceLocation: sourceLocation)
            #expect(mine.rejections == theirs.rejections, sourceLocation: sourceLocation)
            #expect(mine.warningReasons == theirs.warningReasons, sourceLocation: sourceLocation)
            #expect(mine.emptyIdSamples == theirs.emptyIdSamples, sourceLocation: sourceLocation)
        }
        // The `_id`s of each side, which repeats are counted from.
        for side in [true, false] {
            #expect(
                d.takeIdentities(old: side) == reference.takeIdentities(old: side), sourceLocation: sourceLocation)
        }
        return differ.diff
    }

    /// The pairs of bench/diff.sh (every record changed, 40 % of the events rejected by the new set
    /// on pendo-xdm), and each bundle with itself, over random corpora with damaged events.
    @Test func theBenchPairsGiveTheDiffOfWholeRecords() throws {
        let events = MappingDiffPropertyTests.corpus(seed: 23, count: 400)
        let xdm = try Self.bundle("pendo-xdm")
        let xdmChanged = try Self.bundle("pendo-xdm") {
            $0.replacingOccurrences(of: "dformat(timestamp * 1000,", with: "dformat(timestamp * 1000 + 1000,")
                .replacingOccurrences(
                    of: #"\"guideDisplayed\", \"guide.displayed\""#, with: #"\"guideDisplayed\", \"guide.shown\""#)
        }
        let seed = try Self.bundle("pendo-seed")
        let seedChanged = try Self.bundle("pendo-seed") {
            $0.replacingOccurrences(
                of: #""sourceAttribute": "properties.guideProperties.name""#,
                with: #""sourceAttribute": "properties.guideId""#)
        }
        let d = Self.expectSameDiff(xdm, xdmChanged, events)
        #expect(d[.changed] > 0 && d[.mappedToRejected] > 0 && d[.bothRejectedSameReason] > 0)
        // Back the other way: records the old set does not store are cut to their `_id` too.
        let back = Self.expectSameDiff(xdmChanged, xdm, events)
        #expect(back[.rejectedToMapped] == d[.mappedToRejected])
        _ = Self.expectSameDiff(seed, seedChanged, events)
        _ = Self.expectSameDiff(xdm, try Self.bundle("pendo-xdm"), events)
        _ = Self.expectSameDiff(seed, xdm, events)
    }

    static let events = MappingDiffTests.events.map { Array($0.utf8) }

    /// `_t.count` the same mapping in both sets, but text in the new schema: `_t` is made again
    /// for the new record, and every integer count is a type change.
    @Test func aMemberWhoseValueConvertsOtherwiseInTheNewSchemaIsMadeAgain() throws {
        let textCount = MappingDiffTests.schema.replacingOccurrences(
            of: #""count": {"type": "integer"}"#, with: #""count": {"type": "string"}"#)
        let d = Self.expectSameDiff(
            try Self.mapper(MappingDiffTests.base, schema: MappingDiffTests.schema),
            try Self.mapper(MappingDiffTests.base, schema: textCount), Self.events)
        #expect(MappingDiffTests.counts(d, "_t.count") == [0, 0, 4, 1, 0])
        #expect(MappingDiffTests.counts(d, "_t.name") == [6, 0, 0, 0, 0])
    }

    /// A value one set drops with a warning (`n` is "x" in event 6, not an integer) is evaluated
    /// by the other set itself; events the new set rejects (kind c, out of its enum) keep their
    /// old records' `_id`s.
    @Test func droppedAndRejectedValuesGiveTheDiffOfWholeRecords() throws {
        let d = Self.expectSameDiff(
            try Self.mapper(MappingDiffTests.base, schema: MappingDiffTests.schema),
            try Self.mapper(MappingDiffTests.base, schema: MappingDiffTests.tightSchema), Self.events)
        #expect(MappingDiffTests.transitions(d) == [4, 0, 2, 0, 0, 0])
        #expect(d.old.warnings == 1 && d.new.warnings == 1)
        let samples = d.transitionSamples[MappingDiff.Transition.mappedToRejected.index].samples
        #expect(samples.map(\.key) == ["e3", nil])
    }

    /// The same mappings, but the new set keeps a missing value as null (`allowNullValues`): its
    /// `_t` is not the old one's where a value is missing (event 4 has no n, event 5 no id).
    @Test func aMissingValueOneSetKeepsAsNullIsAddedThere() throws {
        let d = Self.expectSameDiff(
            try Self.mapper(MappingDiffTests.base, schema: MappingDiffTests.schema),
            try Self.mapper(MappingDiffTests.base, schema: MappingDiffTests.schema, allowNull: true), Self.events)
        #expect(MappingDiffTests.counts(d, "_t.count") == [4, 0, 0, 1, 0])
        #expect(MappingDiffTests.counts(d, "_id") == [5, 0, 0, 1, 0])
        #expect(MappingDiffTests.transitions(d) == [4, 2, 0, 0, 0, 0])
        #expect(d.old.emptyIds == 1 && d.new.emptyIds == 1)
    }

    /// `uuid()` into `_t.token` in both sets: never handed over, so `_t` is made by each set; the
    /// probe still finds the token non-deterministic and the records are identical without it.
    @Test func aUUIDMappingInBothSetsKeepsItsMemberOutOfTheHandOff() throws {
        let set = MappingDiffTests.base + [("EXPRESSION", "uuid()", "_t.token")]
        let old = try Self.mapper(set, schema: MappingDiffTests.schema)
        let new = try Self.mapper(set, schema: MappingDiffTests.schema)
        let handOff = ValueHandOff(first: old.fast, second: new.fast)
        let plan = try #require(new.fast.plan)
        let t = try #require(plan.roots.first { $0.key == "_t" })
        #expect(handOff.memberTwins[t.id] == -1)
        let d = Self.expectSameDiff(old, new, Self.events)
        #expect(d.options.nonDeterministic.map(\.description) == ["_t.token"])
        #expect(MappingDiffTests.transitions(d) == [6, 0, 0, 0, 0, 0])
    }

    /// Where members are shared: on the pendo-xdm bench pair, the new record's `_extconndev` is the
    /// old record's (the same storage); with the account id converted otherwise in the new schema,
    /// `_extconndev` is made again, but its `app` member is still the old one's.
    @Test func membersMadeOfHandedValuesAreTheOldRecordsOwn() throws {
        let old = try Self.bundle("pendo-xdm").fast
        let changed = try Self.bundle("pendo-xdm") {
            $0.replacingOccurrences(of: "dformat(timestamp * 1000,", with: "dformat(timestamp * 1000 + 1000,")
        }.fast
        // The account id limited in length in the new schema: another schema node, so not handed over.
        let schemaURL = RecordPlanTests.repositoryRoot.appendingPathComponent("corpora/pendo-xdm/schema.json")
        let schema = try String(contentsOf: schemaURL, encoding: .utf8)
        let accountId = """
                    "account": {
                      "type": "object",
                      "meta:xdmType": "object",
                      "properties": {
                        "id": {
                          "type": "string",
            """
        let limited = schema.replacingOccurrences(
            of: accountId, with: accountId + "\n              \"maxLength\": 200,")
        #expect(limited != schema)
        let retyped = try Mapper(
            mappingSet: changed.mappingSet, schema: try XDMSchema.load(json: Array(limited.utf8), source: "s.json"),
            options: MapperOptions(now: { Self.now }))
        var compared = 0
        for event in MappingDiffPropertyTests.corpus(seed: 5, count: 60) {
            guard let (a, b) = Self.records(old, changed, event), let (c, d) = Self.records(old, retyped, event),
                (try? Self.member(a, "_extconndev", "account")) != nil,
                (try? Self.member(a, "_extconndev", "app")) != nil
            else { continue }
            compared += 1
            #expect(a != b)
            #expect(try Self.shares(a, b, "_extconndev"))
            #expect(try Self.shares(a, b, "_extconndev", "app"))
            #expect(c == a && d == b)
            #expect(try !Self.shares(c, d, "_extconndev"))
            #expect(try !Self.shares(c, d, "_extconndev", "account"))
            #expect(try Self.shares(c, d, "_extconndev", "app"))
        }
        #expect(compared > 20)
    }

    /// Both sets' records of one event through one shared parse, nil unless both store it.
    static func records(_ old: Mapper, _ new: Mapper, _ event: [UInt8]) -> (JSONValue, JSONValue)? {
        guard let shared = SharedParse(old, new) else { return nil }
        var states = (old.makeState(), new.makeState())
        var sources: [JSONValue?] = []
        var handOff = ValueHandOff(first: old, second: new)
        let outcomes = shared.map(
            event, first: old, state: &states.0, second: new, state: &states.1, sources: &sources,
            handOff: &handOff, wholeRecords: false)
        guard case .mapped(let a, _) = outcomes.first, case .mapped(let b, _) = outcomes.second else { return nil }
        return (a, b)
    }

    static func member(_ record: JSONValue, _ keys: String...) throws -> JSONObject {
        var value = record
        for key in keys {
            guard case .object(let object) = value, let next = object[key] else { throw MemberMissing() }
            value = next
        }
        guard case .object(let object) = value else { throw MemberMissing() }
        return object
    }

    struct MemberMissing: Error {}

    static func shares(_ a: JSONValue, _ b: JSONValue, _ keys: String...) throws -> Bool {
        var x = a
        var y = b
        for key in keys {
            guard case .object(let p) = x, case .object(let q) = y, let u = p[key], let v = q[key] else {
                throw MemberMissing()
            }
            x = u
            y = v
        }
        guard case .object(let p) = x, case .object(let q) = y else { throw MemberMissing() }
        return MappingDiff.sameStorage(p.entries, q.entries)
    }
}
