import Foundation
import ReplayCommon
import Testing

@testable import DataPrep

/// The shortcuts `check` and `map` take on the way to a verdict give exactly what the general way
/// gives: source values checked raw from the event's bytes (`RawSource`, `RawCheck`), converted
/// values of calculated fields remembered by their one variable argument (`ResultMemo`), pure
/// calls remembered by that argument alone (`CallMemo`), and `a[*].b` sources collected by the
/// parser without building the elements (`PathSelection.insertSpreadSource`).
@Suite struct CheckShortcutTests {
    /// The fast mapper (every shortcut) and the general one (none of them).
    static func pair(_ mappingSet: String, schema: String?) throws -> (plan: Mapper, inTurn: Mapper) {
        let set = try MappingSet.load(json: Array(mappingSet.utf8), source: "test-mapping.json")
        let loaded = try schema.map { try XDMSchema.load(json: Array($0.utf8), source: "test-schema.json") }
        let fast = try Mapper(
            mappingSet: set, schema: loaded, options: MapperOptions(now: TestSupport.fixedNow, seed: 1))
        let general = try Mapper(
            mappingSet: set, schema: loaded,
            options: MapperOptions(
                now: TestSupport.fixedNow, seed: 1, recordPlan: false, compileExpressions: false, rawValues: false,
                rememberResults: false))
        return (fast, general)
    }

    /// Random mapping sets onto random field types (constrained strings, enums with a value equal
    /// to ASCII text only under Unicode equivalence, patterns, integer widths and bounds,
    /// date-times), over events whose values repeat (so remembered values are hit) and include
    /// escapes, other Unicode, big integers, fractions and containers, and broken events (cut
    /// short, or a control character, a stray backslash, invalid UTF-8 or a bad digit where a
    /// value starts). Both mappers see the same events in the same order, each keeping its own
    /// state, and agree on every one, error messages and positions included.
    @Test func randomSchemasAgree() throws {
        var random = SeededRandom(seed: 29_112_026)
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        let fields = [
            #"{"type": "string"}"#,
            #"{"type": "string", "minLength": 2, "maxLength": 4}"#,
            #"{"type": "string", "enum": ["s", "\u212A", "é", "abcd"]}"#,
            #"{"type": "string", "enum": ["s", 5]}"#,
            #"{"type": "string", "pattern": "^[0-9a-f]{4,64}$"}"#,
            #"{"type": "string", "pattern": "^(ab|cd)+$"}"#,
            #"{"type": "integer", "meta:xdmType": "int", "minimum": 0, "maximum": 10}"#,
            #"{"type": "integer", "meta:xdmType": "byte"}"#,
            #"{"type": "integer", "meta:xdmType": "long", "minimum": 0.5}"#,
            #"{"type": "integer", "meta:xdmType": "long", "enum": [5, 300]}"#,
            #"{"type": "number"}"#,
            #"{"type": "number", "maximum": 100}"#,
            #"{"type": "boolean"}"#,
            #"{"type": "string", "format": "date-time"}"#,
            #"{"type": "string", "format": "date"}"#,
            #"{}"#,
        ]
        let values = [
            #""s""#, #""K""#, #""\u212A""#, #""é""#, #""e\u0301""#, #""abcd""#, #""ab""#, #""0123abcd""#, #""abab""#,
            "5", "-3", "300", "0", "12345678901234567890", "-9223372036854775808", "1.5", "1e2", "true", "null",
            #""2026-01-05T12:34:56.000Z""#, #""2026-01-05T12:34:56.120Z""#, #""2026-01-05""#, #""x\ny""#, #""a\"b""#,
            "1767571209000", #"{"a": 1}"#, "[1, 2]", #""  7 ""#, #""yes""#,
        ]
        // Attributes and calculated fields share some keys (a path read both ways is not left
        // raw) and not others.
        let keys = ["a", "b", "c", "p", "q", "x"]
        let attributeKeys = ["a", "b", "p", "q"]
        let expressionKeys = ["a", "c", "x"]
        var raw = 0
        var remembered = 0
        var spread = 0
        for round in 0..<150 {
            let count = 2 + Int(random.next() % 6)
            var properties: [String] = []
            var mappings: [String] = []
            for index in 0..<count {
                let destination = "d\(index)"
                let field = pick(fields)
                if random.next() % 4 == 0 {
                    // An array of the field (a spread source, or a whole array).
                    properties.append(#""\#(destination)": {"type": "array", "items": \#(field)}"#)
                    let source = pick(["l[*].\(pick(keys))", "l[*]", "l"])
                    mappings.append(
                        #"{"sourceType": "ATTRIBUTE", "source": "\#(source)", "destination": "\#(destination)"}"#)
                    continue
                }
                properties.append(#""\#(destination)": \#(field)"#)
                let identity = random.next() % 8 == 0 ? #", "identity": true, "namespaceCode": "N""# : ""
                if random.next() % 2 == 0 {
                    let key = pick(expressionKeys)
                    let expression = pick([
                        #"sha256(\#(key))"#, #"dformat(\#(key), "yyyy-MM-dd'T'HH:mm:ss.SSSX")"#,
                        #"dformat(\#(key) * 1000, "yyyy-MM-dd'T'HH:mm:ss.SSSX")"#,
                        #"decode(\#(key), "s", "S!", 5, "five", "\u212A", "kelvin", "other")"#, #"lower(\#(key))"#,
                        #"to_integer(\#(key))"#,
                        #"md5(concat(\#(key), \#(pick(keys))))"#, #"crc32(\#(key))"#,
                    ]).replacingOccurrences(of: "\"", with: "\\\"")
                    mappings.append(
                        #"{"sourceType": "EXPRESSION", "source": "\#(expression)", "destination": "\#(destination)"\#(identity)}"#
                    )
                } else {
                    let key = pick(attributeKeys)
                    let source = random.next() % 3 == 0 ? "\(key).\(pick(attributeKeys))" : key
                    mappings.append(
                        #"{"sourceType": "ATTRIBUTE", "source": "\#(source)", "destination": "\#(destination)"\#(identity)}"#
                    )
                }
            }
            properties.append(#""identityMap": {"type": "object", "meta:xdmType": "map"}"#)
            let required = random.next() % 3 == 0 ? #", "required": ["d0"]"# : ""
            let schema = #"{"type": "object", "properties": {\#(properties.joined(separator: ", "))}\#(required)}"#
            let set = #"{"allowNullValues": \#(round % 4 == 0), "mappings": [\#(mappings.joined(separator: ","))]}"#
            let pair = try Self.pair(set, schema: schema)
            if pair.plan.checksRaw { raw += 1 }
            if pair.plan.compiled.contains(where: \.remembersResults) { remembered += 1 }
            if pair.plan.selection.nodes.contains(where: { !$0.collects.isEmpty }) { spread += 1 }
            // A small pool per round, so that values repeat from event to event.
            let pool = (0..<6).map { _ in pick(values) }
            var events: [[UInt8]] = []
            for _ in 0..<40 {
                var members: [String] = []
                for key in keys where random.next() % 5 != 0 {
                    members.append(
                        random.next() % 4 == 0
                            ? #""\#(key)": {"a": \#(pick(pool)), "b": \#(pick(pool)), "c": \#(pick(pool))}"#
                            : #""\#(key)": \#(pick(pool))"#)
                }
                if random.next() % 3 != 0 {
                    let elements = (0..<Int(random.next() % 4)).map { _ in
                        pick([
                            #"{"a": \#(pick(pool)), "c": \#(pick(pool))}"#, #"{"b": \#(pick(pool)), "b": 1}"#, "null",
                            pick(pool),
                        ])
                    }
                    members.append(#""l": [\#(elements.joined(separator: ", "))]"#)
                }
                if random.next() % 6 == 0, let first = members.first { members.append(first) }
                members.shuffle(using: &random)
                var event = Array("{\(members.joined(separator: ", "))}".utf8)
                // Broken events too: the raw scan must fail exactly where (and as) the parser does.
                // The first byte of a string's or a number's content, where the raw scan reads.
                let starts = event.indices.dropLast().filter {
                    (event[$0] == UInt8(ascii: "\"") || event[$0] == UInt8(ascii: " "))
                        && event[$0 + 1] != UInt8(ascii: "\"")
                }.map { $0 + 1 }
                switch random.next() % 6 {
                case 0 where event.count > 2:
                    event = Array(event.prefix(1 + Int(random.next() % UInt64(event.count - 1))))
                case 1 where event.count > 2:
                    let position = 1 + Int(random.next() % UInt64(event.count - 2))
                    event[position] = pick([
                        0x00, 0x1F, UInt8(ascii: "\\"), UInt8(ascii: "\""), 0xFF, 0xC3, UInt8(ascii: "0"),
                        UInt8(ascii: "-"),
                    ])
                case 2 where !starts.isEmpty:
                    event[pick(starts)] = pick([
                        0x00, 0x0A, 0x1F, UInt8(ascii: "\\"), 0xFF, 0xC3, 0x80, UInt8(ascii: "0"), UInt8(ascii: "-"),
                        UInt8(ascii: "."),
                    ])
                default:
                    break
                }
                events.append(event)
            }
            RecordPlanTests.expectSameOutcomes(pair, events, "round \(round) \(set) \(schema)")
        }
        // Each shortcut was taken in a good share of the rounds.
        #expect(raw >= 60, "raw values in \(raw) of 150 rounds")
        #expect(remembered >= 50, "remembered results in \(remembered) of 150 rounds")
        #expect(spread >= 20, "spread sources in \(spread) of 150 rounds")
    }

    /// Remembered calls compare their arguments byte for byte: `"é"` and `"e\u{301}"` are equal
    /// Swift strings (canonical equivalence), but their digests differ.
    @Test func rememberedCallsTellCanonicallyEquivalentTextApart() throws {
        let set =
            #"{"mappings": [{"sourceType": "EXPRESSION", "source": "sha256(v)", "destination": "h"}, {"sourceType": "EXPRESSION", "source": "sha1(concat(v, w))", "destination": "g"}]}"#
        let schema =
            #"{"type": "object", "properties": {"h": {"type": "string", "pattern": "^[0-9a-f]{64}$"}, "g": {"type": "string"}}}"#
        let pair = try Self.pair(set, schema: schema)
        #expect(pair.plan.compiled[0].remembersResults)
        var state = pair.plan.makeState()
        var records: [JSONValue] = []
        for text in [#""\u00e9""#, #""e\u0301""#, #""\u00e9""#] {
            guard case .mapped(let record, _) = pair.plan.map(Array(#"{"v": \#(text), "w": "x"}"#.utf8), state: &state)
            else {
                Issue.record("not mapped")
                return
            }
            records.append(record)
        }
        guard case .object(let first) = records[0], case .object(let second) = records[1] else { return }
        #expect(first["h"] != second["h"])
        #expect(first["g"] != second["g"])
        #expect(records[0] == records[2])
        #expect(first["h"] == .string("4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c"))
    }

    /// A raw value that does not pass (here: too long) is built and reported as usual, and one
    /// that passes is observed with its JSON type.
    @Test func rawValuesThatFailGoTheGeneralWay() throws {
        let set = #"{"mappings": [{"source": "a", "destination": "s"}, {"source": "n", "destination": "i"}]}"#
        let schema =
            #"{"type": "object", "properties": {"s": {"type": "string", "maxLength": 3}, "i": {"type": "integer", "meta:xdmType": "byte"}}}"#
        let pair = try Self.pair(set, schema: schema)
        #expect(pair.plan.checksRaw)
        var state = pair.plan.makeState()
        #expect(pair.plan.check(Array(#"{"a": "abc", "n": 127}"#.utf8), state: &state) == .mapped(warnings: []))
        #expect(state.observations == [.present(kind: .string), .present(kind: .integer)])
        guard case .rejected(let rejection) = pair.plan.check(Array(#"{"a": "abcd", "n": 1}"#.utf8), state: &state)
        else {
            Issue.record("a 4-character string was not rejected")
            return
        }
        #expect(rejection.message.contains("maxLength"))
        guard case .rejected(let range) = pair.plan.check(Array(#"{"a": "ab", "n": 128}"#.utf8), state: &state) else {
            Issue.record("128 was not rejected for a byte")
            return
        }
        #expect(range.message.contains("128"))
    }
}

extension CheckShortcutTests {
    /// When `identityMap` has required fields, it is checked right after the member its
    /// identities are written under, before the members after it: the first violation is the same
    /// both ways.
    @Test func identityMapIsCheckedInRecordOrder() throws {
        let set =
            #"{"mappings": [{"source": "v", "destination": "a.id", "identity": true, "namespaceCode": "ECID"}, {"source": "w", "destination": "b.x"}]}"#
        let schema = #"""
            {"type": "object", "properties": {
              "a": {"type": "object", "properties": {"id": {"type": "string"}}},
              "b": {"type": "object", "properties": {"x": {"type": "string"}, "y": {"type": "string"}}, "required": ["y"]},
              "identityMap": {"type": "object", "meta:xdmType": "map", "additionalProperties": {"type": "array", "items": {
                "type": "object", "properties": {"id": {"type": "string"}, "primary": {"type": "boolean"}, "authenticatedState": {"type": "string"}},
                "required": ["authenticatedState"]}}}}}
            """#
        let pair = try Self.pair(set, schema: schema)
        #expect(pair.plan.requiredCheck?.identitySchema != nil)
        var state = pair.plan.makeState()
        let event = Array(#"{"v": "1", "w": "2"}"#.utf8)
        let verdict = pair.plan.check(event, state: &state)
        #expect(verdict == pair.inTurn.map(event).verdict)
        guard case .rejected(let rejection) = verdict else {
            Issue.record("not rejected")
            return
        }
        #expect(rejection.message.contains("authenticatedState"), "\(rejection.message)")
    }
}
