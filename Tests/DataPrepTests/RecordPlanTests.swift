import Foundation
import PendoEvents
import ReplayCommon
import Testing

@testable import DataPrep

/// A record assembled in one pass by `RecordPlan` is the record that writing each value in turn
/// makes: same members in the same order, same warnings, same rejections, same observations.
@Suite struct RecordPlanTests {
    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// Two mappers over the same documents, one with the plan and one writing in turn.
    static func pair(_ mappingSet: String, schema: String? = nil) throws -> (plan: Mapper, inTurn: Mapper) {
        let set = try MappingSet.load(json: Array(mappingSet.utf8), source: "test-mapping.json")
        let loaded = try schema.map { try XDMSchema.load(json: Array($0.utf8), source: "test-schema.json") }
        let plan = try Mapper(
            mappingSet: set, schema: loaded, options: MapperOptions(now: TestSupport.fixedNow, seed: 1))
        // Writing in turn, and calculated fields evaluated from their syntax trees.
        let inTurn = try Mapper(
            mappingSet: set, schema: loaded,
            options: MapperOptions(now: TestSupport.fixedNow, seed: 1, recordPlan: false, compileExpressions: false))
        return (plan, inTurn)
    }

    /// Maps `events` both ways and expects the same outcomes and observations; returns how many
    /// were mapped (not rejected).
    @discardableResult
    static func expectSameOutcomes(_ pair: (plan: Mapper, inTurn: Mapper), _ events: [[UInt8]], _ label: String) -> Int
    {
        var planState = pair.plan.makeState()
        var inTurnState = pair.inTurn.makeState()
        var checkState = pair.plan.makeState()
        var mapped = 0
        for (line, event) in events.enumerated() {
            let viaPlan = pair.plan.map(event, state: &planState)
            let inTurn = pair.inTurn.map(event, state: &inTurnState)
            // Checking without a record gives the same verdict (required members found from the values).
            let checked = pair.plan.check(event, state: &checkState)
            #expect(viaPlan == inTurn, "\(label) event \(line + 1): \(String(decoding: event, as: UTF8.self))")
            #expect(
                checked == inTurn.verdict,
                "\(label) event \(line + 1) checked: \(String(decoding: event, as: UTF8.self))")
            #expect(planState.observations == inTurnState.observations, "\(label) event \(line + 1)")
            #expect(checkState.observations == inTurnState.observations, "\(label) event \(line + 1) checked")
            if case .mapped = viaPlan { mapped += 1 }
        }
        return mapped
    }

    static func bundle(_ name: String) throws -> (mapping: String, schema: String, events: [[UInt8]]) {
        let folder = Self.repositoryRoot.appendingPathComponent("corpora/\(name)")
        let mapping = try String(contentsOf: folder.appendingPathComponent("mapping.json"), encoding: .utf8)
        let schema = try String(contentsOf: folder.appendingPathComponent("schema.json"), encoding: .utf8)
        let reader = try CorpusReader(paths: [folder.appendingPathComponent("events.jsonl.gz").path])
        var events: [[UInt8]] = []
        while let event = try reader.next() { events.append(event.bytes) }
        // Synthesized events too: other seeds, other guides and poll answers.
        var synthesizer = Synthesizer(options: SynthOptions(events: 3_000, seed: 4242))
        var buffer: [UInt8] = []
        while synthesizer.next(appendingTo: &buffer) {
            events.append(buffer)
            buffer.removeAll(keepingCapacity: true)
        }
        return (mapping, schema, events)
    }

    @Test(arguments: ["pendo-seed", "pendo-xdm"])
    func bundlesTakeThePlanAndAgree(_ name: String) throws {
        let bundle = try Self.bundle(name)
        let pair = try Self.pair(bundle.mapping, schema: bundle.schema)
        #expect(pair.plan.plan != nil, "\(name)'s mapping set should be assembled in one pass")
        #expect(pair.inTurn.plan == nil)
        let mapped = Self.expectSameOutcomes(pair, bundle.events, name)
        #expect(mapped > bundle.events.count / 2, "most of \(name)'s events map")
    }

    static let spreadSet = """
        {"allowNullValues": false, "mappings": [
          {"sourceType": "ATTRIBUTE", "source": "id", "destination": "_id"},
          {"sourceType": "ATTRIBUTE", "source": "a", "destination": "t.first"},
          {"sourceType": "ATTRIBUTE", "source": "list[*].x", "destination": "t.items[*].x"},
          {"sourceType": "ATTRIBUTE", "source": "list[*].y", "destination": "t.items[*].deep.y"},
          {"sourceType": "ATTRIBUTE", "source": "other", "destination": "t.items[*].z"},
          {"sourceType": "ATTRIBUTE", "source": "obj", "destination": "t.object"},
          {"sourceType": "ATTRIBUTE", "source": "user", "destination": "t.user.id", "identity": true, "namespaceCode": "U", "primaryIdentity": true},
          {"sourceType": "ATTRIBUTE", "source": "email", "destination": "t.user.email", "identity": true, "namespaceCode": "E"},
          {"sourceType": "ATTRIBUTE", "source": "user2", "destination": "t.user.alt", "identity": true, "namespaceCode": "U"},
          {"sourceType": "STATIC", "source": "s", "destination": "u.s"},
          {"sourceType": "ATTRIBUTE", "source": "b", "destination": "last"}
        ]}
        """

    /// Events that leave out, null out and lengthen each part in turn, so that members appear
    /// in every combination the writes can produce.
    static let edgeEvents: [String] = [
        #"{}"#,
        #"{"id": "1"}"#,
        #"{"b": 2}"#,
        #"{"b": null, "a": null}"#,
        #"{"list": [{"x": 1}, {"y": 2}, {"x": null, "y": null}, {"x": 3, "y": 4}], "other": "o"}"#,
        #"{"list": [], "b": true}"#,
        #"{"list": [null, {"x": 1}]}"#,
        #"{"list": {"x": 5, "y": 6}}"#,
        #"{"other": [1, 2, 3]}"#,
        #"{"other": [null]}"#,
        #"{"obj": {"k": [1, {"m": null}]}, "a": "A"}"#,
        #"{"user2": "v2", "email": "e@x"}"#,
        #"{"user": "v1", "user2": "v2", "email": "e@x", "id": 7}"#,
        #"{"user": {"not": "scalar"}, "email": "e@x"}"#,
        #"{"user": null, "email": null, "user2": 12}"#,
        #"{"id": "9", "a": "A", "list": [{"x": "x0", "y": "y0"}], "other": "o", "obj": {}, "user": "u", "email": "e", "user2": "w", "b": 1}"#,
    ]

    @Test(arguments: [false, true])
    func spreadsNullsIdentitiesAndGapsAgree(_ allowNulls: Bool) throws {
        let set = Self.spreadSet.replacingOccurrences(
            of: "\"allowNullValues\": false", with: "\"allowNullValues\": \(allowNulls)")
        let pair = try Self.pair(set)
        #expect(pair.plan.plan != nil)
        let mapped = Self.expectSameOutcomes(
            pair, Self.edgeEvents.map { Array($0.utf8) }, "allowNullValues \(allowNulls)")
        #expect(mapped == Self.edgeEvents.count)
    }

    @Test func requiredMembersAndSchemaConversionsAgree() throws {
        let schema = """
            {"type": "object", "required": ["_id"], "properties": {
              "_id": {"type": "string"},
              "t": {"type": "object", "required": ["first"], "properties": {
                "first": {"type": "string", "maxLength": 3},
                "items": {"type": "array", "items": {"type": "object", "properties": {
                  "x": {"type": "integer"}, "z": {"type": "string"},
                  "deep": {"type": "object", "required": ["y"], "properties": {"y": {"type": "integer"}}}}}},
                "object": {"type": "object", "properties": {"k": {"type": "array", "items": {}}}},
                "user": {"type": "object", "properties": {"id": {"type": "string"}, "email": {"type": "string"}, "alt": {"type": "string"}}}}},
              "u": {"type": "object", "properties": {"s": {"type": "string"}}},
              "last": {"type": "string"},
              "identityMap": {"type": "object", "meta:xdmType": "map", "additionalProperties": {"type": "array", "items": {"type": "object",
                "properties": {"id": {"type": "string"}, "primary": {"type": "boolean"}}}}}}}
            """
        let pair = try Self.pair(Self.spreadSet, schema: schema)
        #expect(pair.plan.plan != nil)
        let extra = [
            #"{"id": "1", "a": "toolong"}"#, #"{"id": "1", "a": "ok", "list": [{"x": "NaN"}, {"x": "12"}]}"#,
            #"{"id": "1", "a": "ok", "list": [{"x": 1}]}"#, #"{"id": "1", "a": "ok", "list": [{"y": "7"}]}"#,
        ]
        let mapped = Self.expectSameOutcomes(pair, (Self.edgeEvents + extra).map { Array($0.utf8) }, "with a schema")
        #expect(mapped > 0 && mapped < Self.edgeEvents.count + extra.count, "some events map and some are rejected")
    }

    @Test(arguments: [
        ["a.b", "a"], ["a", "a.b"], ["a.b", "a.b"], ["a.x", "b.y", "a.z"], ["a[0].b", "c"], ["a[*].b[*].c", "d"],
        ["a[*]", "b"], ["a[*].b", "a.c"], ["a.c", "a[*].b"], ["a[*].x", "b", "a[*].y"],
    ])
    func destinationsThatMergeConflictOrInterleaveAreWrittenInTurn(_ destinations: [String]) throws {
        let mappings = destinations.enumerated().map { index, destination in
            #"{"sourceType": "ATTRIBUTE", "source": "v\#(index)", "destination": "\#(destination)"}"#
        }
        let set = #"{"mappings": [\#(mappings.joined(separator: ","))]}"#
        let pair = try Self.pair(set)
        #expect(pair.plan.plan == nil, "\(destinations) cannot be assembled in one pass")
    }

    @Test func identitiesUnderTwoMembersAreWrittenInTurn() throws {
        let set = """
            {"mappings": [
              {"sourceType": "ATTRIBUTE", "source": "u", "destination": "a.id", "identity": true, "namespaceCode": "U"},
              {"sourceType": "ATTRIBUTE", "source": "e", "destination": "b.id", "identity": true, "namespaceCode": "E"}]}
            """
        #expect(try Self.pair(set).plan.plan == nil)
    }

    /// Random mapping sets over a few keys, with spreads, identities and nulls, against random
    /// events: the two ways agree on every one (and the plan is taken often enough to matter).
    @Test func randomMappingSetsAgree() throws {
        var random = SeededRandom(seed: 20_261_129)
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        let keys = ["a", "b", "c"]
        let destinationKeys = ["a", "b", "c", "d", "e", "f"]
        var planned = 0
        for round in 0..<200 {
            var mappings: [String] = []
            for index in 0..<(2 + Int(random.next() % 6)) {
                var destination = (0...Int(random.next() % 3)).map { _ in pick(destinationKeys) }.joined(separator: ".")
                if random.next() % 4 == 0 { destination = pick(destinationKeys) + "[*]." + destination }
                let source =
                    random.next() % 3 == 0
                    ? pick([
                        "l[*].\(pick(keys))", "l[1].\(pick(keys))", "l[*]", "l", "l[*].\(pick(keys)).\(pick(keys))",
                    ])
                    : "\(pick(keys))\(random.next() % 2 == 0 ? "" : "." + pick(keys))"
                let identity = random.next() % 6 == 0 ? #", "identity": true, "namespaceCode": "N\#(index % 2)""# : ""
                if random.next() % 3 == 0 {
                    // A calculated field over the same paths (library functions, operators, the evaluator's own functions).
                    let (k, k2) = (pick(keys), pick(keys))
                    let expression = pick([
                        #"concat(\#(k), "-", \#(k2).a)"#, #"iif(\#(k) == 1, \#(k2), "no")"#, #"\#(k) + 1"#,
                        #"lower(\#(k).a)"#,
                        #"size_of(l)"#, #"coalesce(\#(k).b, \#(k2), "none")"#, #"to_integer(\#(k))"#,
                        #"contains_key("\#(k).a")"#,
                        #"first(l[*].a)"#, #"sha1(\#(k))"#, #"upper(\#(k)) == "S" && is_set(\#(k2))"#,
                        #"\#(k).a * 2 - \#(k2)"#,
                        #"decode(\#(k), "s", "was s", 1, "was 1", "other")"#, #"\#(k).equals("s") || empty(\#(k2))"#,
                    ])
                    let text = expression.replacingOccurrences(of: "\"", with: "\\\"")
                    mappings.append(
                        #"{"sourceType": "EXPRESSION", "source": "\#(text)", "destination": "\#(destination)"\#(identity)}"#
                    )
                    continue
                }
                mappings.append(
                    #"{"sourceType": "ATTRIBUTE", "source": "\#(source)", "destination": "\#(destination)"\#(identity)}"#
                )
            }
            let set = #"{"allowNullValues": \#(round % 3 == 0), "mappings": [\#(mappings.joined(separator: ","))]}"#
            let pair = try Self.pair(set)
            if pair.plan.plan != nil { planned += 1 }
            var events: [[UInt8]] = []
            for _ in 0..<20 {
                func scalar() -> String { pick(["1", "null", "\"s\"", "true", "[1, null, 2]", "{\"a\": 1}", "[]"]) }
                var members: [String] = []
                for key in keys where random.next() % 3 != 0 {
                    members.append(
                        random.next() % 2 == 0
                            ? "\"\(key)\": \(scalar())" : "\"\(key)\": {\"a\": \(scalar()), \"b\": \(scalar())}")
                }
                if random.next() % 2 == 0 {
                    let elements = (0..<Int(random.next() % 4)).map { _ in
                        pick([
                            "null", "{\"a\": \(scalar()), \"c\": \(scalar())}",
                            "{\"b\": {\"a\": \(scalar())}, \"z\": 1}", scalar(),
                        ])
                    }
                    members.append(
                        random.next() % 5 == 0 ? "\"l\": {\"a\": 1}" : "\"l\": [\(elements.joined(separator: ","))]")
                }
                // Names repeated: a path read takes the first member of a name, at every level.
                if random.next() % 4 == 0, let repeated = members.first {
                    members.append(
                        repeated.replacingOccurrences(
                            of: ": ", with: ": {\"a\": 2, \"b\": [1]}, \"_\": ", options: [], range: nil))
                    members.append(
                        String(repeated.prefix(while: { $0 != ":" })) + ": {\"a\": \"second\", \"c\": {\"a\": 3}}")
                }
                if random.next() % 5 == 0 {
                    members.append("\"b\": {\"a\": \"x\", \"a\": \"y\", \"b\": {\"c\": 1}, \"b\": {\"a\": 2}}")
                }
                events.append(Array("{\(members.joined(separator: ","))}".utf8))
            }
            Self.expectSameOutcomes(pair, events, "round \(round) \(set)")
            // Parsing only the selected parts (through [*] and [n] too) reads what the whole tree holds.
            let full = try Mapper(
                mappingSet: pair.plan.mappingSet, schema: nil,
                options: MapperOptions(
                    now: TestSupport.fixedNow, seed: 1, selectiveParsing: false, compileExpressions: false))
            Self.expectSameOutcomes((pair.plan, full), events, "round \(round) full parse \(set)")
        }
        #expect(planned >= 40, "the plan was taken in \(planned) of 200 random mapping sets")
    }
}
