import Testing
@testable import LoadDriver

/// The open-loop scheduler driven by a mock clock: wake-ups at chosen elapsed times, items from an array.
@Suite struct SendPlannerTests {
    /// A source over integers 0..<count that can be told to lag (return `notYet`).
    final class Source {
        var nextValue = 0
        let count: Int
        var lagging = false
        init(count: Int) { self.count = count }
        func next() -> SendPlanner<Int>.Next {
            if self.lagging { return .notYet }
            guard self.nextValue < self.count else { return .end }
            defer { self.nextValue += 1 }
            return .item(self.nextValue)
        }
    }

    @Test func constantRateOnAMockClock() {
        var planner = SendPlanner<Int>(model: .constant(rate: 100), timestamp: { _ in nil })
        let source = Source(count: 1000)
        var all: [(item: Int, offset: Double)] = []
        // Wake-ups every 3.7 ms, jittery: the plan does not depend on when the wake-ups come.
        var clock = 0.0
        while clock <= 1.0 {
            all += planner.due(by: clock, next: source.next)
            clock += 0.0037
        }
        #expect(all.count == 100)  // sends 0...99 are due within the first second (send 100 is at 1.0 s)
        for (index, entry) in all.enumerated() {
            #expect(entry.item == index)
            #expect(abs(entry.offset - Double(index) / 100) < 1e-9)
        }
    }

    @Test func aLaggingSourceDelaysButKeepsIntendedTimes() {
        var planner = SendPlanner<Int>(model: .constant(rate: 10), timestamp: { _ in nil })
        let source = Source(count: 100)
        source.lagging = true
        #expect(planner.due(by: 0.55, next: source.next).isEmpty)
        source.lagging = false
        let late = planner.due(by: 0.55, next: source.next)
        // Six sends were due (0, 0.1, ..., 0.5); their intended offsets are the schedule's, not the wake-up's.
        #expect(late.map(\.offset) == [0, 0.1, 0.2, 0.3, 0.4, 0.5])
    }

    @Test func stagesEndThePlan() {
        var planner = SendPlanner<Int>(model: .stages([Stage(duration: 1, target: 20)]), timestamp: { _ in nil })
        let source = Source(count: 1000)
        let due = planner.due(by: 5, next: source.next)
        #expect(due.count == 10)  // area of a 0 -> 20 ramp over 1 s
        #expect(planner.finished)
    }

    @Test func endOfSourceEndsThePlan() {
        var planner = SendPlanner<Int>(model: .constant(rate: 1000), timestamp: { _ in nil })
        let source = Source(count: 3)
        #expect(planner.due(by: 10, next: source.next).count == 3)
        #expect(planner.finished)
    }

    @Test func limitCapsOneWakeUp() {
        var planner = SendPlanner<Int>(model: .constant(rate: 1000), timestamp: { _ in nil })
        let source = Source(count: 10_000)
        #expect(planner.due(by: 1, limit: 50, next: source.next).count == 50)
        #expect(planner.due(by: 1, next: source.next).count == 951)
    }

    @Test func replayUsesRecordedTimestamps() {
        // Items are timestamps in seconds; replay twice as fast with gaps capped at 4 s.
        let stamps: [Double] = [100, 101, 103, 120, 121]
        var planner = SendPlanner<Int>(model: .replay(speed: 2, maxGap: 4), timestamp: { stamps[$0] })
        let source = Source(count: stamps.count)
        #expect(planner.due(by: 0, next: source.next).map(\.item) == [0])
        #expect(planner.due(by: 0.6, next: source.next).map(\.item) == [1])          // at 0.5
        #expect(planner.due(by: 1.4, next: source.next).isEmpty)                      // item 2 at 1.5
        #expect(planner.due(by: 3.5, next: source.next).map(\.offset) == [1.5, 3.5])  // item 3: 17 s gap capped to 4 s
        #expect(planner.due(by: 100, next: source.next).map(\.offset) == [4])
        #expect(planner.due(by: 100, next: source.next).isEmpty)
        #expect(planner.finished)
    }
}
