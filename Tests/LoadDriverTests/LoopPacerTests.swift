import PendoEvents
import Testing

@testable import LoadDriver

/// Each loop's share of a rate schedule, without timers: striped sends, instants, the horizon.
@Suite struct LoopPacerTests {
    @Test func stripesAreDisjointAndTogetherTheWholeSchedule() throws {
        // Stages ramping 0 → 300/s over 2 s, then 300/s for 1 s: 300 + 300 = 600 sends.
        let base = StagedRate(stages: [Stage(duration: 2, target: 300), Stage(duration: 1, target: 300)])
        var merged: [Double] = []
        for offset in 0..<3 {
            let stripe = StripedSchedule(base: base, offset: offset, stride: 3)
            var index = 0
            while let at = stripe.intendedOffset(ofSend: index) {
                #expect(at == base.intendedOffset(ofSend: offset + 3 * index))
                merged.append(at)
                index += 1
            }
            #expect(stripe.sendsDue(by: 3) == index)
        }
        #expect(merged.count == 600 && base.sendsDue(by: 3) == 600)
        var all: [Double] = []
        var index = 0
        while let at = base.intendedOffset(ofSend: index) {
            all.append(at)
            index += 1
        }
        #expect(merged.sorted() == all)
    }

    @Test func sendsDueByCountsOnlyTheStripesOwn() {
        let stripe = StripedSchedule(base: ConstantRate(rate: 10), offset: 1, stride: 4)
        // Base sends 0...10 are due at 1 s; this stripe holds 1, 5 and 9.
        #expect(stripe.sendsDue(by: 1) == 3)
        #expect(stripe.sendsDue(by: 0) == 0)  // only base send 0
        #expect(stripe.sendsDue(by: -1) == 0)
    }

    @Test func aStripePastIntMaxEnds() {
        let stripe = StripedSchedule(base: ConstantRate(rate: 1), offset: 1, stride: 2)
        #expect(stripe.baseIndex(ofSend: Int.max / 2) == Int.max)
        #expect(stripe.baseIndex(ofSend: Int.max / 2 + 1) == nil)
        #expect(stripe.intendedOffset(ofSend: Int.max) == nil)
        #expect(stripe.baseIndex(ofSend: 3) == 7)
    }

    @Test func theSecondOfTwoLoopsPacesEveryOtherSendAtItsInstant() {
        // 1,024/s (exact in binary) from 1 s on the monotonic clock: loop 1 of 2 has sends 1, 3, 5, ...,
        // send k at k / 1,024 s, its nanoseconds rounded to the nearest (half away from zero).
        var pacer = LoopPacer(
            schedule: StripedSchedule(base: ConstantRate(rate: 1_024), offset: 1, stride: 2),
            startNanos: 1_000_000_000, duration: 2)
        #expect(pacer.next == 1_000_976_563)
        var taken: [UInt64] = []
        pacer.takeDue(by: 1_005_000_000) { taken.append($0) }
        #expect(taken == [1_000_976_563, 1_002_929_688, 1_004_882_813])
        #expect(pacer.next == 1_006_835_938 && pacer.issued == 3)
        // Up to the horizon: the last of this loop's sends is base send 2,047 at 1.9990234375 s.
        pacer.takeDue(by: 10_000_000_000) { taken.append($0) }
        #expect(taken.count == 1_024 && taken.last == 2_999_023_438)
        #expect(pacer.finished && !pacer.scheduleEnded)
    }

    @Test func stagesEndThePlan() {
        // A 0 → 20/s ramp over 1 s holds 10 sends; then the plan is over, whatever the duration.
        var pacer = LoopPacer(
            schedule: StagedRate(stages: [Stage(duration: 1, target: 20)]), startNanos: 0, duration: nil)
        var count = 0
        pacer.takeDue(by: 5_000_000_000) { _ in count += 1 }
        #expect(count == 10 && pacer.finished && pacer.scheduleEnded)
    }

    @Test func instantsPastTheLongestDurationEndThePlan() {
        // One send every 2^30 s (34 years): the fourth (102 years) is past `DurationText.maximumSeconds`.
        var pacer = LoopPacer(schedule: ConstantRate(rate: 0x1p-30), startNanos: 0, duration: nil)
        var taken: [UInt64] = []
        pacer.takeDue(by: .max) { taken.append($0) }
        #expect(taken == [0, 1_073_741_824_000_000_000, 2_147_483_648_000_000_000])
        #expect(pacer.finished && pacer.scheduleEnded)
    }
}
