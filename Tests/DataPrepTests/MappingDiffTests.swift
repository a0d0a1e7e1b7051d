import Testing

@testable import DataPrep

/// Crafted pairs of mapping sets with the exact statistics `MappingDiff` must give.
@Suite struct MappingDiffTests {
    static let now = DateTimeValue(epochMilliseconds: 1_700_000_000_000)

    static let schema = """
        {"type": "object", "properties": {"_id": {"type": "string"},
         "_t": {"type": "object", "properties": {
           "name": {"type": "string"}, "renamed": {"type": "string"}, "kind": {"type": "string"}, "label": {"type": "string"},
           "count": {"type": "integer"}, "extra": {"type": "string"}, "token": {"type": "string"}, "token2": {"type": "string"}}}}}
        """
    /// `schema` with `_t.kind` limited to a and b.
    static let tightSchema = schema.replacingOccurrences(
        of: #""kind": {"type": "string"}"#, with: #""kind": {"type": "string", "enum": ["a", "b"]}"#)

    static func mappingSet(_ mappings: [(String, String, String)]) -> String {
        let items = mappings.map { type, source, destination in
            #"{"sourceType": "\#(type)", "source": "\#(source.replacingOccurrences(of: "\"", with: "\\\""))", "destination": "\#(destination)"}"#
        }
        return #"{"mappings": ["# + items.joined(separator: ", ") + "]}"
    }

    static let base: [(String, String, String)] = [
        ("ATTRIBUTE", "id", "_id"), ("ATTRIBUTE", "name", "_t.name"), ("ATTRIBUTE", "kind", "_t.kind"),
        ("EXPRESSION", "upper(name)", "_t.label"), ("ATTRIBUTE", "n", "_t.count"),
    ]

    static let events = [
        #"{"id": "e1", "name": "alpha", "kind": "a", "n": 1}"#,
        #"{"id": "e2", "name": "42", "kind": "b", "n": 2}"#,
        #"{"id": "e3", "name": "gamma", "kind": "c", "n": 3}"#,
        #"{"id": "e3", "name": "delta", "kind": "a"}"#,
        #"{"name": "eps", "kind": "c", "n": 5}"#,
        #"{"id": "e6", "name": "zeta", "kind": "b", "n": "x"}"#,
    ]

    static func mapper(_ mappings: [(String, String, String)], schema: String = Self.schema) throws -> Mapper {
        let set = try MappingSet.load(json: Array(Self.mappingSet(mappings).utf8), source: "test.json")
        return try Mapper(
            mappingSet: set, schema: XDMSchema.load(json: Array(schema.utf8), source: "schema.json"),
            options: MapperOptions(now: { Self.now }))
    }

    /// The diff the command computes: noise found over all events, then every event compared,
    /// split over `workers` diffs merged in the end.
    static func diff(
        _ old: Mapper, _ new: Mapper, events: [String] = Self.events, workers: Int = 1, noise: Bool = true,
        ignore: [FieldPath] = []
    ) -> MappingDiff {
        let bytes = events.map { Array($0.utf8) }
        var options = DiffOptions(samples: 2, ignore: ignore)
        if noise {
            options.nonDeterministic = MappingDiffer.nonDeterministicPaths(
                old: old, new: new, sample: bytes, now: Self.now, seed: 9)
        }
        var differs = (0..<workers).map { _ in
            MappingDiffer(old: old, new: new, options: options, now: Self.now, seed: 9)
        }
        for (index, event) in bytes.enumerated() {
            // Batches of two events, dealt round-robin, as the fan-out deals them.
            differs[(index / 2) % workers].compare(
                event, reference: DiffEventReference(ordinal: index, file: "c.jsonl", line: index + 1))
        }
        var total = differs[0].diff
        for other in differs.dropFirst() { total.merge(other.diff) }
        return total
    }

    static func counts(_ diff: MappingDiff, _ path: String) -> [Int] {
        guard let c = diff.fieldCounts[path] else { return [] }
        return [c.identical, c[.changed], c[.typeChanged], c[.added], c[.removed]]
    }

    static func transitions(_ diff: MappingDiff) -> [Int] { MappingDiff.Transition.allCases.map { diff[$0] } }

    @Test func aRenamedDestinationIsRemovedThereAndAddedHere() throws {
        var renamed = Self.base
        renamed[1] = ("ATTRIBUTE", "name", "_t.renamed")
        for workers in [1, 2, 3] {
            let d = Self.diff(try Self.mapper(Self.base), try Self.mapper(renamed), workers: workers)
            #expect(Self.transitions(d) == [0, 6, 0, 0, 0, 0])
            #expect(Self.counts(d, "_t.name") == [0, 0, 0, 0, 6])
            #expect(Self.counts(d, "_t.renamed") == [0, 0, 0, 6, 0])
            #expect(Self.counts(d, "_t.kind") == [6, 0, 0, 0, 0])
            #expect(Self.counts(d, "_t.label") == [6, 0, 0, 0, 0])
            // Event 4 has no n and event 6's "x" is dropped with a warning on both sides.
            #expect(Self.counts(d, "_t.count") == [4, 0, 0, 0, 0])
            #expect(Self.counts(d, "_id") == [5, 0, 0, 0, 0])
            #expect(Set(d.fieldCounts.keys) == ["_id", "_t.name", "_t.renamed", "_t.kind", "_t.label", "_t.count"])
            let removed = d.fieldCounts["_t.name"]!.samples[MappingDiff.Change.removed.index].samples
            #expect(removed.map(\.event.text) == ["c.jsonl:1", "c.jsonl:2"])
            #expect(removed.map(\.key) == ["e1", "e2"])
            #expect(removed.map(\.old) == [#""alpha""#, #""42""#])
            #expect(removed.map(\.new) == [nil, nil])
            #expect(d.old.warnings == 1 && d.new.warnings == 1)
            #expect(d.nonDeterministicCount == 0)
        }
    }

    @Test func aChangedFunctionChangesTheValuesItMakes() throws {
        var lowered = Self.base
        lowered[3] = ("EXPRESSION", "lower(name)", "_t.label")
        let d = Self.diff(try Self.mapper(Self.base), try Self.mapper(lowered), workers: 2)
        // upper("42") == lower("42"): that record is identical.
        #expect(Self.transitions(d) == [1, 5, 0, 0, 0, 0])
        #expect(Self.counts(d, "_t.label") == [1, 5, 0, 0, 0])
        let changed = d.fieldCounts["_t.label"]!.samples[MappingDiff.Change.changed.index].samples
        #expect(changed.map(\.event.line) == [1, 3])
        #expect(changed.map(\.old) == [#""ALPHA""#, #""GAMMA""#])
        #expect(changed.map(\.new) == [#""alpha""#, #""gamma""#])
        #expect(Self.counts(d, "_t.name") == [6, 0, 0, 0, 0])
    }

    @Test func anAddedFieldIsAddedInEveryRecordThatHasIt() throws {
        let added = Self.base + [("ATTRIBUTE", "kind", "_t.extra")]
        let d = Self.diff(try Self.mapper(Self.base), try Self.mapper(added))
        #expect(Self.transitions(d) == [0, 6, 0, 0, 0, 0])
        #expect(Self.counts(d, "_t.extra") == [0, 0, 0, 6, 0])
        #expect(d.fieldCounts.values.filter { $0.different > 0 }.count == 1)
    }

    @Test func aTypeChangeIsCountedOnceAtThePathWhereTheTypesPart() throws {
        // A string where an integer was, and an object where a string was.
        let changed: [(String, String, String)] = [
            ("ATTRIBUTE", "id", "_id"), ("EXPRESSION", "\"x\"", "_t.name.inner"), ("ATTRIBUTE", "kind", "_t.kind"),
            ("EXPRESSION", "upper(name)", "_t.label"), ("EXPRESSION", "\"n\"", "_t.count"),
        ]
        let d = Self.diff(try Self.mapper(Self.base, schema: "{}"), try Self.mapper(changed, schema: "{}"))
        #expect(Self.counts(d, "_t.name") == [0, 0, 6, 0, 0])
        #expect(d.fieldCounts["_t.name.inner"] == nil)
        // Events 1-3 and 5 had integers; event 6's "x" stays text (no schema): a changed value; event 4 had none.
        #expect(Self.counts(d, "_t.count") == [0, 1, 4, 1, 0])
        #expect(Self.transitions(d) == [0, 6, 0, 0, 0, 0])
    }

    @Test func aTightenedEnumRejectsEventsThatWereStored() throws {
        let d = Self.diff(try Self.mapper(Self.base), try Self.mapper(Self.base, schema: Self.tightSchema), workers: 2)
        #expect(Self.transitions(d) == [4, 0, 2, 0, 0, 0])
        #expect(d.old.rejected == 0 && d.new.rejected == 2)
        #expect(d.new.rejections.count == 1)
        let reason = try #require(d.new.rejections.values.first)
        #expect(reason.path == "_t.kind" && reason.count == 2 && reason.rule == "enum")
        #expect(reason.samples.samples.map(\.event.line) == [3, 5])
        let samples = d.transitionSamples[MappingDiff.Transition.mappedToRejected.index].samples
        #expect(samples.map(\.event.line) == [3, 5])
        #expect(samples[0].key == "e3")
        // Field counts cover the records both sets store.
        #expect(Self.counts(d, "_t.kind") == [4, 0, 0, 0, 0])
        // Loosening it back is the reverse transition.
        let back = Self.diff(try Self.mapper(Self.base, schema: Self.tightSchema), try Self.mapper(Self.base))
        #expect(Self.transitions(back) == [4, 0, 0, 2, 0, 0])
    }

    @Test func rejectionsByBothAreSplitBySameOrOtherReason() throws {
        let strict = Self.schema.replacingOccurrences(
            of: #""name": {"type": "string"}"#, with: #""name": {"type": "string", "maxLength": 4}"#)
        // Old rejects kind c (events 3, 5); new rejects long names (1, 3, 4, 6) and kind c.
        let both = strict.replacingOccurrences(
            of: #""kind": {"type": "string"}"#, with: #""kind": {"type": "string", "enum": ["a", "b"]}"#)
        let d = Self.diff(
            try Self.mapper(Self.base, schema: Self.tightSchema), try Self.mapper(Self.base, schema: both))
        // Names: alpha, 42, gamma, delta, eps, zeta. New rejects 1 and 4 (names), 3 (its name comes
        // before its kind in the record) and 5 (kind, as the old set does).
        #expect(d.new.rejected == 4 && d.old.rejected == 2)
        #expect(Self.transitions(d) == [2, 0, 2, 0, 1, 1])
        let other = d.transitionSamples[MappingDiff.Transition.bothRejectedOtherReason.index].samples
        #expect(other.map(\.event.line) == [3])
        #expect(d.new.rejections.values.map(\.path).sorted() == ["_t.kind", "_t.name"])
    }

    @Test func uuidFieldsAreFoundNonDeterministicAndLeftOut() throws {
        let old = Self.base + [("EXPRESSION", "uuid()", "_t.token")]
        // Two draws in the new set: its token gets another draw than the old set's.
        let new = Self.base + [("EXPRESSION", "uuid()", "_t.token2"), ("EXPRESSION", "uuid()", "_t.token")]
        let d = Self.diff(try Self.mapper(old), try Self.mapper(new), workers: 2)
        #expect(d.options.nonDeterministic.map(\.description) == ["_t.token", "_t.token2"])
        #expect(Self.transitions(d) == [6, 0, 0, 0, 0, 0])
        #expect(d.fieldCounts["_t.token"] == nil && d.fieldCounts["_t.token2"] == nil)
        // Without the probe the same pair differs in every record.
        let raw = Self.diff(try Self.mapper(old), try Self.mapper(new), noise: false)
        #expect(Self.transitions(raw) == [0, 6, 0, 0, 0, 0])
        #expect(Self.counts(raw, "_t.token2") == [0, 0, 0, 6, 0])
        #expect(Self.counts(raw, "_t.token") == [0, 6, 0, 0, 0])
        // --ignore leaves a path out by hand.
        let ignored = Self.diff(
            try Self.mapper(old), try Self.mapper(new), noise: false,
            ignore: [try FieldPath(parsing: "_t.token"), try FieldPath(parsing: "_t.token2")])
        #expect(Self.transitions(ignored) == [6, 0, 0, 0, 0, 0])
    }

    @Test func aMappingTheSameInBothSetsButConvertedToAnotherTypeIsEvaluatedAgain() throws {
        // `n -> _t.count` in both sets, but `_t.count` is text in the new schema.
        let textCount = Self.schema.replacingOccurrences(
            of: #""count": {"type": "integer"}"#, with: #""count": {"type": "string"}"#)
        let old = try Self.mapper(Self.base)
        let new = try Self.mapper(Self.base, schema: textCount)
        #expect(ValueHandOff(first: old, second: new).borrowers == [0, 1, 2, 3, -1])
        let d = Self.diff(old, new, workers: 2)
        // Events 1, 2, 3 and 5 have integers, which the new set stores as text; event 6's "x" is
        // dropped (with a warning) by the old set only; event 4 has no n.
        #expect(Self.counts(d, "_t.count") == [0, 0, 4, 1, 0])
        #expect(Self.transitions(d) == [1, 5, 0, 0, 0, 0])
        #expect(d.old.warnings == 1 && d.new.warnings == 0)
        #expect(Self.counts(d, "_t.name") == [6, 0, 0, 0, 0])
        // The same pair with the types the other way round.
        let back = Self.diff(new, old)
        #expect(Self.counts(back, "_t.count") == [0, 0, 4, 0, 1])
        #expect(back.old.warnings == 0 && back.new.warnings == 1)
    }

    @Test func uuidAndTimestampMappingsTheSameInBothSetsStayNonDeterministic() throws {
        let set =
            Self.base + [
                ("EXPRESSION", "uuid()", "_t.token"), ("EXPRESSION", "concat(\"t\", timestamp())", "_t.token2"),
            ]
        let old = try Self.mapper(set)
        let new = try Self.mapper(set)
        // Their values are never handed from one set to the other.
        #expect(ValueHandOff(first: old, second: new).borrowers == [0, 1, 2, 3, 4, -1, -1])
        let d = Self.diff(old, new, workers: 2)
        #expect(d.options.nonDeterministic.map(\.description) == ["_t.token", "_t.token2"])
        #expect(Self.transitions(d) == [6, 0, 0, 0, 0, 0])
        // A set that draws once more before its token: the new token is another draw, in every record.
        let more = try Self.mapper(Self.base + [("EXPRESSION", "uuid()", "_t.extra")] + set.suffix(2))
        let raw = Self.diff(old, more, noise: false)
        #expect(Self.counts(raw, "_t.token") == [0, 6, 0, 0, 0])
        #expect(Self.counts(raw, "_t.token2") == [6, 0, 0, 0, 0])
        #expect(Self.counts(raw, "_t.name") == [6, 0, 0, 0, 0])
    }

    @Test func theProbeFindsEveryNonDeterministicFunction() throws {
        let events = Self.events.map { Array($0.utf8) }
        for name in FunctionLibrary.nonDeterministicNames.sorted() {
            let mapper = try Self.mapper([("ATTRIBUTE", "id", "_id"), ("EXPRESSION", "\(name)()", "_t.token")])
            #expect(!mapper.mappingSet.mappings[1].isDeterministic)
            let found = NoiseProbe.nonDeterministicPaths(mapper: mapper, events: events, now: Self.now, seed: 9)
            #expect(found.map(\.description) == ["_t.token"], "\(name)()")
        }
        #expect(
            NoiseProbe.nonDeterministicPaths(mapper: try Self.mapper(Self.base), events: events, now: Self.now, seed: 9)
                .isEmpty)
    }

    @Test func nonDeterministicCallsAreFoundAnywhereInAnExpression() throws {
        let calls = [
            "iif(n > 1, upper(uuid()), \"x\")", "name.equals(now())", "[1, {\"a\": guid()}]", "-timestamp()",
            "(now())[0]",
        ]
        for text in calls { #expect(try ExpressionParser.parse(text).callsNonDeterministic, "\(text)") }
        let pure = ["sha256(visitorId)", "dformat(timestamp * 1000, \"yyyy\")", "iif(now > 1, \"uuid\", nowhere)"]
        for text in pure { #expect(try !ExpressionParser.parse(text).callsNonDeterministic, "\(text)") }
    }

    @Test func schemaNodesAreEqualWhenTheyConvertAlike() throws {
        let load = { (text: String) throws -> SchemaNode in
            try XDMSchema.load(json: Array(text.utf8), source: "s.json").root
        }
        #expect(try load(Self.schema) == load(Self.schema))
        #expect(try load(Self.schema) != load(Self.tightSchema))
        #expect(
            try load(Self.schema)
                != load(
                    Self.schema.replacingOccurrences(
                        of: #""count": {"type": "integer"}"#, with: #""count": {"type": "number"}"#)))
        #expect(
            try load(Self.schema)
                != load(
                    Self.schema.replacingOccurrences(
                        of: #""token2": {"type": "string"}"#, with: #""token3": {"type": "string"}"#)))
        #expect(
            try load(Self.schema)
                != load(
                    Self.schema.replacingOccurrences(
                        of: #""extra": {"type": "string"}"#, with: #""extra": {"type": "string", "pattern": "^a"}"#)))
    }

    @Test func emptyAndRepeatedIdsAreCountedPerSide() throws {
        var noId = Self.base
        noId[0] = ("ATTRIBUTE", "name", "_id")
        var d = Self.diff(try Self.mapper(Self.base), try Self.mapper(noId), workers: 2)
        #expect(d.old.emptyIds == 1 && d.new.emptyIds == 0)
        #expect(d.old.emptyIdSamples.samples.map(\.event.line) == [5])
        let oldRepeats = IdentityRun.repeats([d.takeIdentities(old: true).makeIterator()], samples: 3)
        let newRepeats = IdentityRun.repeats([d.takeIdentities(old: false).makeIterator()], samples: 3)
        #expect(oldRepeats.repeated == 1 && oldRepeats.repeatedIds == 1)
        #expect(oldRepeats.samples.map(\.later.line) == [4])
        #expect(oldRepeats.samples.map(\.first.line) == [3])
        #expect(newRepeats.repeated == 0)
    }

    @Test func repeatsAreCountedAcrossSortedRuns() {
        var run = IdentityRun()
        var runs: [[IdentityRun.Entry]] = []
        // Ids 0..<50, each seen at three positions, spread over runs of seven entries.
        for ordinal in 0..<150 {
            run.append("id-\(ordinal % 50)", event: DiffEventReference(ordinal: ordinal, file: "f", line: ordinal + 1))
            if run.count == 7 { runs.append(run.take()) }
        }
        runs.append(run.take())
        let repeats = IdentityRun.repeats(runs.map { $0.makeIterator() }, samples: 4)
        #expect(repeats.repeated == 100)
        #expect(repeats.repeatedIds == 50)
        #expect(repeats.samples.map(\.later.line) == [51, 52, 53, 54])
        #expect(repeats.samples.map(\.first.line) == [1, 2, 3, 4])
    }

    @Test func ignorePatternsMatchAnyIndex() {
        let pattern = [FieldPath.Component.key("a"), .wildcard, .key("b")]
        #expect(FieldTrie.matches(pattern: pattern, path: [.key("a"), .index(3), .key("b")]))
        #expect(!FieldTrie.matches(pattern: pattern, path: [.key("a"), .index(3), .key("c")]))
        #expect(!FieldTrie.matches(pattern: [.key("a"), .index(1)], path: [.key("a"), .index(3)]))
    }

    @Test func aPositionalHintThatMissesFindsTheKeysOwnNode() {
        var trie = FieldTrie(ignoring: [])
        let a = trie.child(FieldTrie.root, key: "a", position: 0)
        let b = trie.child(FieldTrie.root, key: "b", position: 1)
        // The other order: each position's hint names the other key.
        #expect(trie.child(FieldTrie.root, key: "b", position: 0) == b)
        #expect(trie.child(FieldTrie.root, key: "a", position: 1) == a)
        #expect(trie.child(FieldTrie.root, key: "a", position: 1) == a)
        #expect(trie.child(FieldTrie.root, key: "a") == a)
        // A position beyond those seen.
        let c = trie.child(FieldTrie.root, key: "c", position: 7)
        #expect(trie.child(FieldTrie.root, key: "c", position: 2) == c)
        #expect(trie.child(a, key: "a", position: 0) != a)
        #expect(trie.nodes.count == 5)
        #expect([a, b, c].map { trie.path(of: $0) } == ["a", "b", "c"])
    }

    @Test func equalRecordsCountEachLeafOnceAsIdentical() throws {
        let record: JSONValue = .object(
            JSONObject([
                "_id": .string("1"), "a": .object(JSONObject()), "skip": .object(JSONObject(["d": .int(1)])),
                "b": .array([.int(1), .array([]), .object(JSONObject(["c": .null, "e": .date(Self.now)]))]),
            ]))
        var other = record
        if case .object(var object) = other {
            object["b"] = .array([.int(2), .array([]), .object(JSONObject(["c": .null, "e": .date(Self.now)]))])
            other = .object(object)
        }
        var diff = MappingDiff(options: DiffOptions(samples: 1, ignore: [try FieldPath(parsing: "skip")]))
        let event = DiffEventReference(ordinal: 0, file: "f", line: 1)
        diff.record(
            old: .mapped(record: record, warnings: []), new: .mapped(record: record, warnings: []), event: event)
        diff.record(old: .mapped(record: record, warnings: []), new: .mapped(record: other, warnings: []), event: event)
        #expect(Self.transitions(diff) == [1, 1, 0, 0, 0, 0])
        #expect(Set(diff.fieldCounts.keys) == ["_id", "a", "b[0]", "b[1]", "b[2].c", "b[2].e"])
        for path in ["_id", "a", "b[1]", "b[2].c", "b[2].e"] {
            #expect(Self.counts(diff, path) == [2, 0, 0, 0, 0], "\(path)")
        }
        #expect(Self.counts(diff, "b[0]") == [1, 1, 0, 0, 0])
    }
}

extension MappingDiff {
    var nonDeterministicCount: Int { self.options.nonDeterministic.count }
}
