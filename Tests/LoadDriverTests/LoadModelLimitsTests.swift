import PendoEvents
import Testing

@testable import LoadDriver

/// Rates, speeds and stages of any size are refused where they are read, naming the flag, and the
/// largest accepted ones pace a run of the longest accepted length without overflow.
@Suite struct LoadModelLimitsTests {
    @Test(arguments: [
        ("30s:1e300", "--stages"), ("30s:10000001", "--stages"), ("30s:100,36500d:5", "--stages"),
    ])
    func stagesBeyondTheLimitsAreRefused(text: String, option: String) {
        #expect {
            try StagesParser.parse(text)
        } throws: { error in
            guard case .invalid(let named, _, _) = error as? LoadConfigError else { return false }
            return named == option
        }
    }

    @Test(arguments: [1e300, .infinity, -.infinity, .nan, -1, 0, 10_000_000.5])
    func ratesBeyondTheLimitsAreRefused(rate: Double) {
        #expect(throws: LoadConfigError.self) { try LoadModel.constant(rate: rate).check() }
    }

    @Test(arguments: [1e300, .infinity, .nan, -2, 0, 1_000_001])
    func replaySpeedsBeyondTheLimitsAreRefused(speed: Double) {
        #expect(throws: LoadConfigError.self) { try LoadModel.replay(speed: speed, maxGap: nil).check() }
    }

    @Test func theLimitsThemselvesAreAccepted() throws {
        try LoadModel.constant(rate: LoadModel.maximumRate).check()
        try LoadModel.replay(speed: LoadModel.maximumReplaySpeed, maxGap: DurationText.maximumSeconds).check()
        #expect(
            try StagesParser.parse("36500d:10000000") == [
                Stage(duration: DurationText.maximumSeconds, target: LoadModel.maximumRate)
            ])
    }

    @Test func theLargestRatesCountSendsOverTheLongestRunWithoutOverflow() {
        let seconds = DurationText.maximumSeconds
        #expect(ConstantRate(rate: LoadModel.maximumRate).sendsDue(by: seconds) == 31_536_000_000_000_001)
        let staged = StagedRate(stages: [Stage(duration: seconds, target: LoadModel.maximumRate)])
        // The ramp from 0 reaches half of rate × length: 1.5768e16 sends.
        #expect(staged.sendsDue(by: seconds) == 15_768_000_000_000_000)
    }

    @Test func secondsConvertToNanosecondsSaturating() {
        #expect(DurationText.nanoseconds(1.5) == 1_500_000_000)
        #expect(DurationText.nanoseconds(0) == 0)
        #expect(DurationText.nanoseconds(-3) == 0)
        #expect(DurationText.nanoseconds(.nan) == 0)
        #expect(DurationText.nanoseconds(.infinity) == 3_153_600_000_000_000_000)
        #expect(DurationText.nanoseconds(1e300) == 3_153_600_000_000_000_000)
        #expect(DurationText.duration(seconds: 2.25) == .milliseconds(2250))
    }
}
