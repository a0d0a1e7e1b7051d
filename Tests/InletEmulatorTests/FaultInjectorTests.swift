import Testing

@testable import InletEmulator

@Suite("Fault rules without sockets")
struct FaultInjectorTests {
    @Test("no faults: no delay, no fault")
    func quiet() {
        var injector = FaultInjector(configuration: .init())
        #expect(injector.decide(now: 1) == .init(delay: 0, fault: nil))
    }

    @Test("a stall holds requests that arrive in the window until it ends")
    func stall() {
        var injector = FaultInjector(configuration: .init(stall: .init(start: 10, duration: 5)))
        #expect(injector.decide(now: 9.9).delay == 0)
        #expect(abs(injector.decide(now: 10).delay - 5) < 1e-9)
        #expect(abs(injector.decide(now: 13.5).delay - 1.5) < 1e-9)
        #expect(injector.decide(now: 15).delay == 0)
    }

    @Test("fixed latency, and a distribution whose p50 and p99 match what was asked")
    func latency() {
        var fixed = FaultInjector(configuration: .init(latency: .fixed(0.05)))
        #expect(fixed.decide(now: 0).delay == 0.05)
        var spread = FaultInjector(configuration: .init(latency: .distribution(p50: 0.02, p99: 0.2), seed: 7))
        let draws = (0..<20_000).map { _ in spread.decide(now: 0).delay }.sorted()
        let p50 = draws[draws.count / 2]
        let p99 = draws[draws.count * 99 / 100]
        #expect(abs(p50 - 0.02) / 0.02 < 0.05, "p50 \(p50)")
        #expect(abs(p99 - 0.2) / 0.2 < 0.1, "p99 \(p99)")
    }

    @Test("error rates per status come out at their fractions, reproducibly from the seed")
    func errorRates() {
        let configuration = FaultConfiguration(errorRates: [500: 0.1, 503: 0.2], seed: 11)
        var injector = FaultInjector(configuration: configuration)
        var counts: [Int: Int] = [:]
        let total = 20_000
        var first: [FaultInjector.Fault?] = []
        for index in 0..<total {
            let decision = injector.decide(now: 0)
            if index < 50 { first.append(decision.fault) }
            if case .status(let status) = decision.fault { counts[status, default: 0] += 1 }
        }
        #expect(abs(Double(counts[500] ?? 0) / Double(total) - 0.1) < 0.01)
        // 503 is drawn only when 500 was not: 0.9 * 0.2.
        #expect(abs(Double(counts[503] ?? 0) / Double(total) - 0.18) < 0.01)
        var again = FaultInjector(configuration: configuration)
        #expect((0..<50).map { _ in again.decide(now: 0).fault } == first)
    }

    @Test("the rate limit admits a second's burst, then refills at the rate, with Retry-After")
    func rateLimit() {
        var injector = FaultInjector(configuration: .init(rateLimit: 10, retryAfterSeconds: 2))
        let admitted = (0..<15).filter { _ in injector.decide(now: 1.0).fault == nil }.count
        #expect(admitted == 10)
        #expect(
            injector.decide(now: 1.0).fault
                == .tooManyRequests(retryAfter: 2, reason: "more than 10 requests per second"))
        #expect(injector.decide(now: 1.1).fault == nil, "one token back after 0.1 s")
        #expect(injector.decide(now: 1.1).fault != nil)
    }

    @Test("guardrails: 1,000 requests/s, 10,000 messages/s, 60 sync-validation requests/min")
    func guardrails() {
        var injector = FaultInjector(configuration: .init(guardrails: true))
        let requests = (0..<1_001).filter { _ in injector.guardrail(now: 0.5, messages: 1, syncValidation: false) == nil
        }.count
        #expect(requests == 1_000)
        #expect(injector.guardrail(now: 1.5, messages: 1, syncValidation: false) == nil, "a new second")

        var messages = FaultInjector(configuration: .init(guardrails: true))
        let batches = (0..<101).filter { _ in messages.guardrail(now: 3.2, messages: 100, syncValidation: false) == nil
        }.count
        #expect(batches == 100)

        var sync = FaultInjector(configuration: .init(guardrails: true))
        let syncAdmitted = (0..<61).filter { index in
            sync.guardrail(now: Double(index) * 0.5, messages: 1, syncValidation: true) == nil
        }.count
        #expect(syncAdmitted == 60)
        #expect(sync.guardrail(now: 61, messages: 1, syncValidation: true) == nil, "a new minute")

        var off = FaultInjector(configuration: .init())
        #expect((0..<2_000).allSatisfy { _ in off.guardrail(now: 0, messages: 100, syncValidation: true) == nil })
    }
}
