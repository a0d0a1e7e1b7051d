import Testing

@testable import Reports

@Suite struct LiveStatusTests {
    static func configuration(
        rate: Double? = nil, stages: String? = nil, duration: Double? = nil, requests: Int? = nil, loop: Bool = false
    ) -> RunConfigurationRecord {
        var configuration = Fixtures.configuration
        configuration.rate = rate
        configuration.stages = stages
        configuration.durationSeconds = duration
        configuration.requests = requests
        configuration.loop = loop
        return configuration
    }

    @Test("with --duration: the planned time, percent done and time left, and the target rate")
    func durationBound() {
        let status = LiveStatus(configuration: Self.configuration(rate: 500, duration: 30))
        #expect(
            status.line(elapsed: 12, sent: 6000, completed: 5990, errors: 3, rate: 498.6, p99Milliseconds: 3.2)
                == "12.0s of 30.0s (40%, 18.0s left)  sent 6000  499 req/s (target 500/s)  p99 3.20 ms  errors 3")
    }

    @Test("with --requests: sent of planned, and the time left at the current rate; no p99 before the first answer")
    func requestsBound() {
        let status = LiveStatus(configuration: Self.configuration(requests: 1000))
        #expect(
            status.line(elapsed: 0.5, sent: 64, completed: 0, errors: 0, rate: 0, p99Milliseconds: 0)
                == "0.5s  sent 64 of 1000 (6%)  0 req/s  p99 -  errors 0")
        #expect(
            status.line(elapsed: 3, sent: 600, completed: 590, errors: 0, rate: 200, p99Milliseconds: 1)
                == "3.0s  sent 600 of 1000 (60%, ~2.0s left)  200 req/s  p99 1.00 ms  errors 0")
    }

    @Test("stages: the stage and its ramping target; --loop without a bound runs until Ctrl-C")
    func stagesAndLoop() {
        let staged = LiveStatus(configuration: Self.configuration(stages: "10s:100,10s:300", duration: nil, loop: true))
        #expect(
            staged.line(elapsed: 15, sent: 1500, completed: 1500, errors: 0, rate: 200, p99Milliseconds: 2)
                == "15.0s  sent 1500  200 req/s (target 200/s, stage 2/2)  p99 2.00 ms  errors 0")
        let endless = LiveStatus(configuration: Self.configuration(rate: 100, loop: true))
        #expect(
            endless.line(elapsed: 2, sent: 200, completed: 200, errors: 0, rate: 100, p99Milliseconds: 2)
                == "2.0s  sent 200  100 req/s (target 100/s)  p99 2.00 ms  errors 0  runs until Ctrl-C")
        #expect(staged.target(at: 5)?.rate == 50)
        #expect(staged.target(at: 5)?.stage == "1/2")
        #expect(LiveStatus(configuration: Self.configuration()).target(at: 5) == nil)
    }
}
