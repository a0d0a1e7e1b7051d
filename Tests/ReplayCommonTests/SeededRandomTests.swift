import ReplayCommon
import Testing

@Suite struct SeededRandomTests {
    @Test("SplitMix64, which expands seeds, gives the reference implementation's first outputs")
    func splitMix() {
        var x: UInt64 = 0
        #expect(SeededRandom.splitMix(&x) == 0xE220_A839_7B1D_CDAF)
        #expect(SeededRandom.splitMix(&x) == 0x6E78_9E6A_A1B9_65F4)
    }

    @Test("the same seed and stream give the same sequence; other streams and seeds other ones")
    func streams() {
        var a = SeededRandom(seed: 7, stream: 3)
        var b = SeededRandom(seed: 7, stream: 3)
        #expect((0..<100).map { _ in a.next() } == (0..<100).map { _ in b.next() })
        var firsts = Set<UInt64>()
        for stream: UInt64 in 0..<10_000 {
            var random = SeededRandom(seed: 7, stream: stream)
            firsts.insert(random.next())
        }
        #expect(firsts.count == 10_000, "streams must not share their first draws")
        // Neighbouring streams are not shifted copies of one another.
        var s1 = SeededRandom(seed: 7, stream: 1)
        var s2 = SeededRandom(seed: 7, stream: 2)
        let first = (0..<64).map { _ in s1.next() }
        let second = Set((0..<64).map { _ in s2.next() })
        #expect(second.isDisjoint(with: first))
        var other = SeededRandom(seed: 8, stream: 3)
        var again = SeededRandom(seed: 7, stream: 3)
        #expect(other.next() != again.next())
    }

    @Test("units stay in [0, 1) and (0, 1], below(n) in 0..<n, with the expected means")
    func ranges() {
        var random = SeededRandom(seed: 3)
        let units = (0..<10_000).map { _ in random.unit() }
        #expect(units.allSatisfy { $0 >= 0 && $0 < 1 })
        #expect(abs(units.reduce(0, +) / 10_000 - 0.5) < 0.02)
        let open = (0..<10_000).map { _ in random.unitOpen() }
        #expect(open.allSatisfy { $0 > 0 && $0 <= 1 })
        let draws = (0..<10_000).map { _ in random.below(7) }
        #expect(draws.allSatisfy { (0..<7).contains($0) })
        #expect(Set(draws).count == 7)
        #expect(random.weighted([0, 0, 1]) == 2)
    }

    @Test("system seeds differ from call to call")
    func systemSeeds() {
        #expect(Set((0..<8).map { _ in SeededRandom.systemSeed() }).count == 8)
    }
}
