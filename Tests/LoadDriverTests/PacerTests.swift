import PendoEvents
import Testing

@testable import LoadDriver

@Suite struct PacerTests {
    @Test(arguments: [
        (rate: 10.0, index: 0, offset: 0.0),
        (rate: 10.0, index: 1, offset: 0.1),
        (rate: 10.0, index: 25, offset: 2.5),
        (rate: 5000.0, index: 5000, offset: 1.0),
        (rate: 0.5, index: 3, offset: 6.0),
    ])
    func constantRateOffsets(rate: Double, index: Int, offset: Double) {
        #expect(abs(ConstantRate(rate: rate).intendedOffset(ofSend: index)! - offset) < 1e-9)
    }

    @Test(arguments: [
        (rate: 10.0, elapsed: -1.0, due: 0),
        (rate: 10.0, elapsed: 0.0, due: 1),
        (rate: 10.0, elapsed: 0.05, due: 1),
        (rate: 10.0, elapsed: 0.1, due: 2),
        (rate: 100.0, elapsed: 10.0, due: 1001),
    ])
    func constantRateDue(rate: Double, elapsed: Double, due: Int) {
        #expect(ConstantRate(rate: rate).sendsDue(by: elapsed) == due)
    }

    @Test func stagesHoldRampAndEnd() {
        // 10 s at a steady 100/s (ramp from 0 over 0 is not allowed, so: ramp 0->100 in 10 s, hold 10 s, ramp down 10 s)
        let s = StagedRate(stages: [
            Stage(duration: 10, target: 100), Stage(duration: 10, target: 100), Stage(duration: 10, target: 0),
        ])
        // Area: 500 + 1000 + 500 = 2000 sends over 30 s.
        #expect(s.length == 30)
        #expect(s.intendedOffset(ofSend: 1999) != nil)
        #expect(s.intendedOffset(ofSend: 2000) == nil)
        #expect(s.sendsDue(by: 30) == 2000)
        #expect(s.sendsDue(by: 100) == 2000)
        // In the ramp, area(t) = 5 t^2: send 500 is at t = 10, send 125 at t = 5.
        #expect(abs(s.intendedOffset(ofSend: 125)! - 5) < 1e-9)
        #expect(abs(s.intendedOffset(ofSend: 500)! - 10) < 1e-9)
        // In the hold, one send each 10 ms.
        #expect(abs(s.intendedOffset(ofSend: 1000)! - 15) < 1e-9)
        #expect(abs(s.rate(at: 5) - 50) < 1e-9)
        #expect(abs(s.rate(at: 25) - 50) < 1e-9)
        // Offsets increase.
        var last = -1.0
        for i in stride(from: 0, to: 2000, by: 7) {
            let t = s.intendedOffset(ofSend: i)!
            #expect(t >= last)
            last = t
        }
    }

    @Test func stagesDueMatchesOffsets() {
        let s = StagedRate(stages: try! StagesParser.parse("2s:50,3s:50,1s:0"))
        for elapsed in stride(from: 0.0, through: 6.5, by: 0.25) {
            let due = s.sendsDue(by: elapsed)
            // Every send counted as due has an offset <= elapsed, and the next one does not.
            if due > 0 { #expect(s.intendedOffset(ofSend: due - 1)! <= elapsed + 1e-9) }
            if let next = s.intendedOffset(ofSend: due) { #expect(next > elapsed - 1e-9) }
        }
    }

    @Test func leadingIdleStageDelaysTheFirstSend() {
        let s = StagedRate(stages: [Stage(duration: 5, target: 0), Stage(duration: 1, target: 10)])
        #expect(s.intendedOffset(ofSend: 0)! >= 5)
        #expect(s.sendsDue(by: 4.9) == 0)
    }

    @Test(arguments: [
        (
            "30s:100,2m:2000,30s:0",
            [Stage(duration: 30, target: 100), Stage(duration: 120, target: 2000), Stage(duration: 30, target: 0)]
        ),
        ("500ms:1.5", [Stage(duration: 0.5, target: 1.5)]),
        ("1m30s:10", [Stage(duration: 90, target: 10)]),
    ])
    func stagesParse(text: String, expected: [Stage]) throws {
        #expect(try StagesParser.parse(text) == expected)
    }

    @Test(arguments: ["", "30s", "30s:", "x:1", "30s:-1", "0s:10", "30s:100,", "10q:5"])
    func stagesRejectBadInput(text: String) {
        #expect(throws: LoadConfigError.self) { try StagesParser.parse(text) }
    }

    @Test(arguments: [
        ("250ms", 0.25), ("30s", 30.0), ("2m", 120.0), ("1h", 3600.0), ("1m30s", 90.0), ("7", 7.0), ("1.5s", 1.5),
    ])
    func durations(text: String, seconds: Double) throws {
        #expect(try DurationText.seconds(text) == seconds)
    }

    @Test func replayRebasesDividesAndCapsGaps() {
        var r = ReplaySchedule(speed: 2, maxGap: 10)
        #expect(r.offset(forTimestamp: 1000) == 0)
        #expect(r.offset(forTimestamp: 1004) == 2)  // 4 s recorded, twice as fast
        #expect(r.offset(forTimestamp: 1104) == 7)  // a 100 s gap capped at 10 s: 14 / 2
        #expect(r.offset(forTimestamp: 1103) == 7)  // older than its predecessor: goes at once
        #expect(r.offset(forTimestamp: nil) == 7)  // no timestamp: with its predecessor
        #expect(r.offset(forTimestamp: 1106) == 8)  // gap measured from the latest timestamp seen
        var uncapped = ReplaySchedule(speed: 1, maxGap: nil)
        _ = uncapped.offset(forTimestamp: 0)
        #expect(uncapped.offset(forTimestamp: 500) == 500)
    }

    @Test func reorderWindowOrdersSlightlyLateEvents() {
        var w = ReorderWindow<Int>(capacity: 2)
        var out: [Int] = []
        for (item, ts) in [(1, 1.0), (3, 3.0), (2, 2.0), (4, 4.0), (6, 6.0), (5, 5.0)] {
            if let released = w.push(item, timestamp: ts) { out.append(released) }
        }
        out += w.drain()
        #expect(out == [1, 2, 3, 4, 5, 6])
    }

    @Test func reorderWindowKeepsArrivalOrderForTies() {
        var w = ReorderWindow<String>(capacity: 8)
        for (item, ts) in [("a", 1.0), ("b", 1.0), ("c", nil), ("d", 0.5)] as [(String, Double?)] {
            _ = w.push(item, timestamp: ts)
        }
        #expect(w.drain() == ["d", "a", "b", "c"])
    }
}
