import Testing

@testable import InletEmulator

/// The connection faults' rules, without sockets: which request is reset, which answer is cut,
/// trickled or followed by a close.
@Suite("Wire fault decisions")
struct WireFaultsTests {
    static let inlet = "/collection/abc"
    static let api = "/data/foundation/flowservice/flows"

    @Test("rate 1 resets every inlet request, rate 0 none; the API is out of the inlet scope")
    func resetRates() {
        var always = WireFaults(configuration: FaultConfiguration(resetRate: 1))
        var never = WireFaults(configuration: FaultConfiguration(resetRate: 0))
        for _ in 0..<50 {
            let inlet = always.resetsRequest(path: Self.inlet)
            let api = always.resetsRequest(path: Self.api)
            let off = never.resetsRequest(path: Self.inlet)
            #expect(inlet && !api && !off)
        }
    }

    @Test("the same seed picks the same requests; out-of-scope requests take no draw")
    func resetsRepeat() {
        let configuration = FaultConfiguration(resetRate: 0.3, seed: 77)
        var plain = WireFaults(configuration: configuration)
        var interleaved = WireFaults(configuration: configuration)
        var first: [Bool] = []
        var second: [Bool] = []
        for index in 0..<400 {
            first.append(plain.resetsRequest(path: Self.inlet))
            if index % 3 == 0 { _ = interleaved.resetsRequest(path: Self.api) }
            second.append(interleaved.resetsRequest(path: Self.inlet))
        }
        #expect(first == second)
        let resets = first.filter { $0 }.count
        // 400 draws at 0.3: 120 expected, 9.2 standard deviations; a fixed seed makes this exact.
        #expect(resets > 80 && resets < 160, "\(resets)")
        var otherSeed = WireFaults(configuration: FaultConfiguration(resetRate: 0.3, seed: 78))
        var other: [Bool] = []
        for _ in 0..<400 { other.append(otherSeed.resetsRequest(path: Self.inlet)) }
        #expect(other != first)
    }

    @Test("turning another fault on does not change which requests are reset")
    func faultsDrawIndependently() {
        var resetsOnly = WireFaults(configuration: FaultConfiguration(resetRate: 0.2, seed: 5))
        var both = WireFaults(configuration: FaultConfiguration(resetRate: 0.2, closeMidAnswerRate: 0.5, seed: 5))
        for _ in 0..<300 {
            let expected = resetsOnly.resetsRequest(path: Self.inlet)
            let got = both.resetsRequest(path: Self.inlet)
            _ = both.planAnswer(path: Self.inlet, contentLength: 80)
            #expect(expected == got)
        }
    }

    @Test("a cut answer keeps half its body; with no known length, none of it")
    func cutHalfway() {
        var faults = WireFaults(configuration: FaultConfiguration(closeMidAnswerRate: 1))
        let cuts = [101, 2, nil].map { faults.planAnswer(path: Self.inlet, contentLength: $0).cutAfterBodyBytes }
        #expect(cuts == [50, 1, 0])
        let api = faults.planAnswer(path: Self.api, contentLength: 100)
        #expect(api == .untouched)
        var none = WireFaults(configuration: FaultConfiguration(closeMidAnswerRate: 0))
        let untouched = none.planAnswer(path: Self.inlet, contentLength: 100)
        #expect(untouched == .untouched)
    }

    @Test("--close-mid-answer 0.25 cuts about a quarter of the answers, the same ones for a seed")
    func cutFraction() {
        let configuration = FaultConfiguration(closeMidAnswerRate: 0.25, seed: 9)
        var first = WireFaults(configuration: configuration)
        var second = WireFaults(configuration: configuration)
        let a = (0..<4_000).map { _ in first.planAnswer(path: Self.inlet, contentLength: 10).cutAfterBodyBytes != nil }
        let b = (0..<4_000).map { _ in second.planAnswer(path: Self.inlet, contentLength: 10).cutAfterBodyBytes != nil }
        #expect(a == b)
        let cuts = a.filter { $0 }.count
        // 1,000 expected, 27.4 standard deviations: within 4 of them.
        #expect(cuts > 890 && cuts < 1_110, "\(cuts)")
    }

    @Test("--close-every 3 closes after answers 3, 6 and 9, counting answers in scope only")
    func closeEvery() {
        var faults = WireFaults(configuration: FaultConfiguration(closeEvery: 3))
        var closedAt: [Int] = []
        for index in 1...9 {
            _ = faults.planAnswer(path: Self.api, contentLength: 10)
            if faults.planAnswer(path: Self.inlet, contentLength: 10).closeAfter { closedAt.append(index) }
        }
        #expect(closedAt == [3, 6, 9])
        #expect(faults.answers == 9)
    }

    @Test("--trickle sets the rate on every answer in scope")
    func trickleEverywhere() {
        var faults = WireFaults(configuration: FaultConfiguration(trickleBytesPerSecond: 40))
        let inlet = faults.planAnswer(path: Self.inlet, contentLength: 10)
        let api = faults.planAnswer(path: Self.api, contentLength: 10)
        #expect(inlet.trickleBytesPerSecond == 40)
        #expect(api.trickleBytesPerSecond == nil)
    }

    @Test("trickle ticks every 100 ms keep the total at rate × time, rounded down")
    func trickleSchedule() {
        let fast = TrickleSchedule(bytesPerSecond: 1_000)
        #expect((0..<3).map { fast.allowance(tick: $0) } == [100, 100, 100])
        #expect(fast.lastTick(for: 250) == 2)
        #expect(fast.lastTick(for: 0) == nil)
        let uneven = TrickleSchedule(bytesPerSecond: 25)
        #expect((0..<4).map { uneven.allowance(tick: $0) } == [2, 3, 2, 3])
        #expect(uneven.total(throughTick: 9) == 25)
        let slow = TrickleSchedule(bytesPerSecond: 4)
        #expect((0..<5).map { slow.allowance(tick: $0) } == [0, 0, 1, 0, 1])
        #expect(slow.lastTick(for: 2) == 4)
        #expect(slow.total(throughTick: slow.lastTick(for: 3)!) == 3)
        #expect(TrickleSchedule(bytesPerSecond: .max).total(throughTick: 5) == .max)
    }
}

@Suite("Shutdown sequence")
struct ShutdownSequenceTests {
    @Test("the first signal shuts down gracefully, the second cancels, later ones do nothing")
    func sequence() {
        var sequence = ShutdownSequence()
        var actions: [ShutdownSequence.Action] = []
        for _ in 0..<4 { actions.append(sequence.signalled()) }
        #expect(actions == [.shutDownGracefully, .cancel, .nothing, .nothing])
    }
}
