import Testing

@testable import LoadDriver

/// Replay's planner driven by a mock clock: wake-ups at chosen elapsed times, items from an array.
@Suite struct ReplayPlannerTests {
    /// A source over integers 0..<count that can be told to lag (return `notYet`).
    final class Source {
        var nextValue = 0
        let count: Int
        var lagging = false
        init(count: Int) { self.count = count }
        func next() -> ReplayPlanner<Int>.Next {
            if self.lagging { return .notYet }
            guard self.nextValue < self.count else { return .end }
            defer { self.nextValue += 1 }
            return .item(self.nextValue)
        }
    }

    /// Items `0..<count` recorded one every 0.1 s, replayed at speed 1.
    private func tenPerSecond() -> ReplayPlanner<Int> {
        ReplayPlanner<Int>(speed: 1, maxGap: nil, timestamp: { 1_000 + Double($0) / 10 })
    }

    @Test func wakeUpsAtAnyTimesPlanTheRecordedOffsets() {
        var planner = self.tenPerSecond()
        let source = Source(count: 1000)
        var all: [(item: Int, offset: Double)] = []
        // Wake-ups every 37 ms: the plan does not depend on when the wake-ups come.
        var clock = 0.0
        while clock <= 1.0 {
            all += planner.due(by: clock, next: source.next)
            clock += 0.037
        }
        #expect(all.map(\.item) == Array(0..<10))  // items 0...9 by 0.999 s (item 10 is at 1.0 s)
        for entry in all { #expect(abs(entry.offset - Double(entry.item) / 10) < 1e-9) }
    }

    @Test func aLaggingSourceDelaysButKeepsIntendedTimes() {
        var planner = self.tenPerSecond()
        let source = Source(count: 100)
        source.lagging = true
        #expect(planner.due(by: 0.55, next: source.next).isEmpty)
        source.lagging = false
        let late = planner.due(by: 0.55, next: source.next)
        // Six items were due (0, 0.1, ..., 0.5); their intended offsets are the recording's, not the wake-up's.
        #expect(late.map(\.item) == [0, 1, 2, 3, 4, 5])
        #expect(zip(late.map(\.offset), [0, 0.1, 0.2, 0.3, 0.4, 0.5]).allSatisfy { abs($0 - $1) < 1e-9 })
    }

    @Test func endOfSourceEndsThePlan() {
        var planner = self.tenPerSecond()
        let source = Source(count: 3)
        #expect(planner.due(by: 10, next: source.next).count == 3)
        #expect(planner.finished)
    }

    @Test func limitCapsOneWakeUp() {
        var planner = self.tenPerSecond()
        let source = Source(count: 1_001)
        #expect(planner.due(by: 200, limit: 50, next: source.next).count == 50)
        #expect(planner.due(by: 200, next: source.next).count == 951)  // items 50...1000
    }

    @Test func replayUsesRecordedTimestamps() {
        // Items are timestamps in seconds; replay twice as fast with gaps capped at 4 s.
        let stamps: [Double] = [100, 101, 103, 120, 121]
        var planner = ReplayPlanner<Int>(speed: 2, maxGap: 4, timestamp: { stamps[$0] })
        let source = Source(count: stamps.count)
        #expect(planner.due(by: 0, next: source.next).map(\.item) == [0])
        #expect(planner.due(by: 0.6, next: source.next).map(\.item) == [1])  // at 0.5
        #expect(planner.due(by: 1.4, next: source.next).isEmpty)  // item 2 at 1.5
        #expect(planner.due(by: 3.5, next: source.next).map(\.offset) == [1.5, 3.5])  // item 3: 17 s gap capped to 4 s
        #expect(planner.due(by: 100, next: source.next).map(\.offset) == [4])
        #expect(planner.due(by: 100, next: source.next).isEmpty)
        #expect(planner.finished)
    }
}
