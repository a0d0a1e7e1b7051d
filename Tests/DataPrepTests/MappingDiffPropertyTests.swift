import Foundation
import PendoEvents
import ReplayCommon
import Testing

@testable import DataPrep

/// A mapping set compared with itself changes nothing, over random corpora (synthesized events,
/// some of them damaged so that both sets reject them), however the events are spread over
/// workers; and a diff split over workers and merged is the diff of one worker.
@Suite struct MappingDiffPropertyTests {
    static let now = DateTimeValue(epochMilliseconds: 1_767_571_200_000)

    /// `count` events from `seed`: synthesized, and one in four damaged (a member removed, a
    /// value replaced by another type, or the text cut short).
    static func corpus(seed: UInt64, count: Int) -> [[UInt8]] {
        var random = SeededRandom(seed: seed)
        var synthesizer = Synthesizer(options: SynthOptions(events: count, seed: seed))
        var events: [[UInt8]] = []
        var buffer: [UInt8] = []
        while synthesizer.next(appendingTo: &buffer) {
            var event = buffer
            buffer.removeAll(keepingCapacity: true)
            if random.next() % 4 == 0, case .object(var object)? = try? JSONValue.parse(event), !object.isEmpty {
                let key = object.entries[Int(random.next() % UInt64(object.count))].key
                switch random.next() % 3 {
                case 0: object[key] = nil
                case 1: object[key] = [.int(7), .string("x"), .bool(true), .null, .array([])][Int(random.next() % 5)]
                default: break
                }
                event = JSONValue.object(object).serialized()
                if random.next() % 5 == 0 { event = Array(event.prefix(Int(random.next() % UInt64(event.count)))) }
            }
            events.append(event)
        }
        return events
    }

    static func mapper(_ bundle: String) throws -> Mapper {
        let folder = RecordPlanTests.repositoryRoot.appendingPathComponent("corpora/\(bundle)")
        let set = try MappingSet.load(
            json: Array(try Data(contentsOf: folder.appendingPathComponent("mapping.json"))), source: "mapping.json")
        let schema = try XDMSchema.load(
            json: Array(try Data(contentsOf: folder.appendingPathComponent("schema.json"))), source: "schema.json")
        return try Mapper(mappingSet: set, schema: schema, options: MapperOptions(now: { Self.now }))
    }

    static func diff(_ old: Mapper, _ new: Mapper, _ events: [[UInt8]], workers: Int, seed: UInt64) -> MappingDiff {
        var options = DiffOptions(samples: 3)
        options.nonDeterministic = MappingDiffer.nonDeterministicPaths(
            old: old, new: new, sample: Array(events.prefix(50)), now: Self.now, seed: seed)
        var differs = (0..<workers).map { _ in
            MappingDiffer(old: old, new: new, options: options, now: Self.now, seed: seed)
        }
        var random = SeededRandom(seed: seed ^ 0x5555)
        for (index, event) in events.enumerated() {
            differs[Int(random.next() % UInt64(workers))].compare(
                event, reference: DiffEventReference(ordinal: index, file: "r", line: index + 1))
        }
        var total = differs[0].diff
        for other in differs.dropFirst() { total.merge(other.diff) }
        return total
    }

    @Test(arguments: [
        ("pendo-seed", UInt64(1)), ("pendo-xdm", 2), ("pendo-seed", 3), ("pendo-xdm", 4), ("pendo-xdm", 5),
    ])
    func aMappingSetComparedWithItselfChangesNothing(bundle: String, seed: UInt64) throws {
        let events = Self.corpus(seed: seed, count: 400)
        // Two loads of the same documents, as two files would give.
        let old = try Self.mapper(bundle)
        let new = try Self.mapper(bundle)
        let d = Self.diff(old, new, events, workers: 1 + Int(seed % 3), seed: seed)
        #expect(d.total == events.count)
        #expect(
            d[.changed] == 0 && d[.mappedToRejected] == 0 && d[.rejectedToMapped] == 0
                && d[.bothRejectedOtherReason] == 0)
        #expect(d[.identical] + d[.bothRejectedSameReason] == events.count)
        // The damage makes both reject some events, and most are stored.
        #expect(d[.bothRejectedSameReason] > 0)
        #expect(d[.identical] > events.count / 2)
        #expect(d.fieldCounts.values.allSatisfy { $0.different == 0 })
        #expect(d.fieldCounts.values.contains { $0.identical > 0 })
        #expect(
            d.old.rejected == d.new.rejected && d.old.warnings == d.new.warnings && d.old.emptyIds == d.new.emptyIds)
        #expect(d.options.nonDeterministic.isEmpty)
    }

    @Test func splittingOverWorkersGivesTheSameDiff() throws {
        let events = Self.corpus(seed: 11, count: 300)
        let old = try Self.mapper("pendo-seed")
        let new = try Self.mapper("pendo-xdm")
        let one = Self.diff(old, new, events, workers: 1, seed: 11)
        let three = Self.diff(old, new, events, workers: 3, seed: 11)
        #expect(one[.changed] > 0)
        #expect(MappingDiff.Transition.allCases.map { one[$0] } == MappingDiff.Transition.allCases.map { three[$0] })
        #expect(one.fieldCounts == three.fieldCounts)
        #expect(one.transitionSamples == three.transitionSamples)
        #expect(one.new.rejections == three.new.rejections)
    }
}
