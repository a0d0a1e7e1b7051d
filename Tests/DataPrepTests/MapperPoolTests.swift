import Dispatch
import ReplayCommon
import Synchronization
import Testing

@testable import DataPrep

@Suite struct MapperPoolTests {
    static let mappingSet = #"""
        {"mappings": [
          {"sourceType": "EXPRESSION", "source": "uuid()", "destination": "id"},
          {"sourceType": "EXPRESSION", "source": "format(date(ts, \"yyyy-MM-dd HH:mm:ss\"), \"EEEE d MMMM yyyy\")", "destination": "day"},
          {"sourceType": "ATTRIBUTE", "source": "n", "destination": "n"}
        ]}
        """#

    static func event(_ index: Int) -> [UInt8] {
        Array(#"{"ts": "2026-12-0\#(index % 9 + 1) 10:00:00", "n": \#(index)}"#.utf8)
    }

    @Test("each event maps as a fresh state seeded with the sequence's next seed would map it")
    func sameOutcomesAsAFreshState() throws {
        let mapper = try TestSupport.mapper(Self.mappingSet)
        let pool = MapperPool(mapper: mapper, seeds: SeedSequence(base: 99))
        for index in 0..<50 {
            var fresh = mapper.makeState()
            fresh.context.random = SeededRandom(seed: 99, stream: UInt64(index + 1))
            let expected = mapper.map(Self.event(index), state: &fresh)
            #expect(pool.map(Self.event(index)) == expected, "event \(index)")
        }
        #expect(pool.idleCount == 1, "one caller at a time reuses one state")
    }

    @Test("an event given as a value maps as its bytes do, drawing the next stream as well")
    func valuesMapAsTheirBytes() throws {
        let mapper = try TestSupport.mapper(Self.mappingSet)
        let fromBytes = MapperPool(mapper: mapper, seeds: SeedSequence(base: 12))
        let fromValues = MapperPool(mapper: mapper, seeds: SeedSequence(base: 12))
        for index in 0..<20 {
            let value = try JSONValue.parse(Self.event(index))
            #expect(fromValues.map(value: value) == fromBytes.map(Self.event(index)), "event \(index)")
        }
        guard case .rejected(let rejection) = fromValues.map(value: .array([1])) else {
            Issue.record("a value that is no object must be rejected")
            return
        }
        #expect(rejection.rule == .notAnObject)
    }

    @Test("from several threads: every event its own uuid, at most one state per thread at once")
    func concurrentCallers() throws {
        let pool = MapperPool(mapper: try TestSupport.mapper(Self.mappingSet), seeds: SeedSequence(base: 5))
        let ids = Mutex<Set<String>>([])
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            for index in 0..<250 {
                guard case .mapped(let record, let warnings) = pool.map(Self.event(thread * 250 + index)),
                    warnings.isEmpty,
                    case .object(let object) = record, case .string(let id)? = object["id"]
                else { return }
                ids.withLock { _ = $0.insert(id) }
            }
        }
        #expect(ids.withLock { $0.count } == 1_000)
        #expect((1...4).contains(pool.idleCount))
    }
}
