import NIOCore
import ReplayCommon
import Testing

@testable import LoadDriver

/// One event loop's rules with no socket, loop or clock: times are arguments, back-off jitter is off
/// (retries) or bounded and seeded (reconnects), so every count and delay is asserted exactly.
@Suite struct LoopStateMachineTests {
    private static let address = try! InletAddress(parsing: "http://127.0.0.1:9/collection/abc")

    private func machine(
        connections: Int = 1, cap: Int = 1, openLoop: Bool = false, atCap: CapPolicy = .queue,
        retries: Int = 0, baseDelay: Double = 0.1
    ) -> LoopStateMachine {
        let configuration = LoopStateMachine.Configuration(
            capPerWorker: cap, retry: RetryPolicy(maxRetries: retries, baseDelay: baseDelay, maxDelay: 10, jitter: 0),
            atCap: atCap,
            openLoop: openLoop, address: "127.0.0.1:9")
        return LoopStateMachine(configuration: configuration, connections: connections, seed: 42)
    }

    /// `count` one-event requests, `mem:1`, `mem:2`, ...
    private func requests(_ count: Int) -> [PreparedRequest] {
        let encoder = RequestEncoder(
            address: Self.address, batch: 1, syncValidation: false, flowId: nil, headers: [], token: nil)
        return makeEvents(count).enumerated().map { index, event in
            encoder.encode(
                messages: [event.bytes], allocator: ByteBufferAllocator(), file: "mem", line: index + 1, timestamp: nil)
        }
    }

    private func answer(_ status: Int, retryAfter: Double? = nil) -> ParsedResponse {
        ParsedResponse(
            status: status, body: status >= 400 ? Array("no".utf8) : nil, retryAfter: retryAfter, closes: false,
            bytes: 40)
    }

    /// The next send, which must be one.
    private func send(_ m: inout LoopStateMachine, at now: UInt64, sourceLocation: SourceLocation = #_sourceLocation)
        -> (Int, Pending)?
    {
        guard case .send(let slot, let pending) = m.nextSend(now: now) else {
            Issue.record("expected a send", sourceLocation: sourceLocation)
            return nil
        }
        return (slot, pending)
    }

    @Test func aClosedLoopReadsInChunksSendsOneAtATimePerConnectionAndDrainsOnTheLastAnswer() throws {
        var m = self.machine(connections: 2, cap: 2)
        m.endInitialPhase()
        m.connectionReady(slot: 0)
        m.connectionReady(slot: 1)
        m.start()
        let r1 = m.nextSend(now: 5)
        #expect(r1 == .needRequests(max: 32))
        let r2 = m.supply(.requests(self.requests(3)))
        #expect(r2)
        let (slotA, a) = try #require(self.send(&m, at: 5))
        let (slotB, b) = try #require(self.send(&m, at: 6))
        #expect(slotA == 1 && slotB == 0)  // the last connection freed goes first
        #expect(a.intended == 5 && a.sentAt == 5 && a.attempts == 1 && b.intended == 6)
        let r3 = m.nextSend(now: 7)
        #expect(r3 == .idle)  // both connections busy
        #expect(m.inFlight == 2)
        let r4 = m.answered(a, self.answer(200))
        #expect(r4 == .done(a, AttemptVerdict(accepted: 1), answered: true))
        m.connectionIdle(slot: slotA)
        let (_, c) = try #require(self.send(&m, at: 8))
        let r5 = m.answered(b, self.answer(400))
        #expect(r5.isDone)
        m.connectionIdle(slot: slotB)
        let r6 = m.nextSend(now: 9)
        #expect(r6 == .needRequests(max: 32))
        let r7 = m.supply(.finished)
        #expect(r7)
        let r8 = m.nextSend(now: 9)
        #expect(r8 == .idle)
        let r9 = m.checkDrained()
        #expect(!r9)  // c is in flight
        let r10 = m.answered(c, self.answer(200))
        #expect(r10.isDone)
        let r11 = m.checkDrained()
        #expect(r11)
        let r12 = m.checkDrained()
        #expect(!r12)  // once
        let t = m.tally
        #expect(t.planned == 3 && t.sent == 3 && t.accepted == 2 && t.rejected == 1 && t.requestsCompleted == 3)
        #expect(t.byStatus == [200: 2, 400: 1])
    }

    @Test func anEmptyBufferStopsAskingUntilWoken() {
        var m = self.machine()
        m.endInitialPhase()
        m.connectionReady(slot: 0)
        m.start()
        let r13 = m.nextSend(now: 0)
        #expect(r13 == .needRequests(max: 32))
        let r14 = m.supply(.empty)
        #expect(!r14)
        #expect(m.hungry)
        m.woken()
        #expect(!m.hungry)
    }

    @Test func retryableAnswersBackOffExponentiallyThenFail() throws {
        // 503, 503, 503 with two retries at 0.1 s doubling: retry after 0.1, after 0.2, then failed.
        var m = self.machine(retries: 2, baseDelay: 0.1)
        m.endInitialPhase()
        m.connectionReady(slot: 0)
        m.start()
        _ = m.nextSend(now: 0)
        let r15 = m.supply(.requests(self.requests(1)))
        #expect(r15)
        var (_, p) = try #require(self.send(&m, at: 0))
        let r16 = m.answered(p, self.answer(503))
        #expect(r16 == .retry(id: 0, after: 0.1))
        m.connectionIdle(slot: 0)
        let r17 = m.nextSend(now: 1)
        #expect(r17 == .needRequests(max: 32))  // the retry is not due yet; new work is asked for
        let r18 = m.supply(.finished)
        #expect(r18)
        let r19 = m.checkDrained()
        #expect(!r19)  // a retry waits
        let r20 = m.retryDue(id: 0)
        #expect(r20)
        (_, p) = try #require(self.send(&m, at: 100_000_000))
        #expect(p.attempts == 2 && p.sentAt == 100_000_000 && p.intended == 0)
        let r21 = m.answered(p, self.answer(503))
        #expect(r21 == .retry(id: 1, after: 0.2))
        m.connectionIdle(slot: 0)
        let r22 = m.retryDue(id: 1)
        #expect(r22)
        (_, p) = try #require(self.send(&m, at: 300_000_000))
        guard case .done(_, let outcome, answered: true) = m.answered(p, self.answer(503)) else {
            Issue.record("retries spent: the answer is final")
            return
        }
        #expect(outcome.failed == 1)
        let r23 = m.checkDrained()
        #expect(r23)
        let t = m.tally
        #expect(t.sent == 1 && t.failed == 1 && t.attempts == 3 && t.retries == 2 && t.retriedAfterUnknown == 0)
        #expect(t.errors[.http(503)]?.count == 3)
    }

    @Test func retryAfterBeatsTheBackOffAndAnUnansweredAttemptMakesTheOutcomeUnknown() throws {
        var m = self.machine(retries: 3, baseDelay: 5)
        m.endInitialPhase()
        m.connectionReady(slot: 0)
        m.start()
        _ = m.nextSend(now: 0)
        _ = m.supply(.requests(self.requests(1)))
        var (_, p) = try #require(self.send(&m, at: 0))
        // Reset after the write: retried after the 5 s back-off, a possible duplicate.
        let closed = m.connectionClosed(slot: 0, wasReady: true, inFlight: p, .reset, reason: "reset by peer")
        #expect(closed.settlement == .retry(id: 0, after: 5))
        guard case .reconnect = closed.then else {
            Issue.record("a ready connection that closes is reconnected")
            return
        }
        m.connectionReady(slot: 0)
        let r24 = m.retryDue(id: 0)
        #expect(r24)
        (_, p) = try #require(self.send(&m, at: 5_000_000_000))
        #expect(p.lastUnanswered && p.possiblyDelivered)
        let r25 = m.answered(p, self.answer(429, retryAfter: 0))
        #expect(r25 == .retry(id: 1, after: 0))
        m.connectionIdle(slot: 0)
        let r26 = m.retryDue(id: 1)
        #expect(r26)
        (_, p) = try #require(self.send(&m, at: 5_000_000_001))
        guard case .done(_, let outcome, answered: true) = m.answered(p, self.answer(400)) else {
            Issue.record("a 400 is final")
            return
        }
        // The first attempt may have been stored: short of acceptance, the outcome is unknown.
        #expect(outcome.unknown == 1 && outcome.rejected == 0)
        let t = m.tally
        #expect(t.unknown == 1 && t.rejected == 0 && t.retries == 2 && t.retriedAfterUnknown == 1)
        #expect(t.sent == t.accepted + t.rejected + t.failed + t.unknown)
    }

    @Test func reconnectsBackOffAndTheEighthFailureInARowWithNoConnectionUpLosesTheInlet() {
        var m = self.machine(connections: 2)
        // Before the run starts, a failure is the run's to count.
        let r27 = m.connectFailed(slot: 0, .connect, text: "refused")
        #expect(r27 == .reportInitial)
        m.endInitialPhase()
        var delays: [Double] = []
        for _ in 1...7 {
            guard case .reconnect(let delay) = m.connectFailed(slot: 0, .connect, text: "refused") else {
                Issue.record("seven failures reconnect")
                return
            }
            delays.append(delay)
        }
        // 50 ms doubling per failure, capped at 2 s, jittered to between half and all of it.
        for (index, delay) in delays.enumerated() {
            let base = min(2.0, 0.05 * Double(1 << (index + 1)))
            #expect(delay >= base / 2 && delay <= base, "failure \(index + 1): \(delay) s")
        }
        let r28 = m.connectFailed(slot: 0, .connect, text: "refused")
        #expect(r28 == .inletLost(cause: "127.0.0.1:9: refused (after 8 reconnect attempts)"))
        // Reported once: the other slot's failures go on reconnecting until the stop.
        for _ in 1...9 {
            guard case .reconnect = m.connectFailed(slot: 1, .connect, text: "refused") else {
                Issue.record("the loss is reported once")
                return
            }
        }
        #expect(m.tally.errors[.connect]?.count == 17)
        _ = m.stop()
        let r29 = m.connectFailed(slot: 1, .connect, text: "refused")
        #expect(r29 == LoopStateMachine.ConnectFailureAction.none)
        #expect(!m.reconnectDue())
    }

    @Test func theSameSeedGivesTheSameBackOff() {
        var a = self.machine()
        var b = self.machine()
        a.endInitialPhase()
        b.endInitialPhase()
        for _ in 1...5 {
            let x = a.connectFailed(slot: 0, .connect, text: "x")
            let y = b.connectFailed(slot: 0, .connect, text: "x")
            #expect(x == y)
        }
    }

    @Test func aConnectionUpElsewhereKeepsTheInletAndAReadyConnectionResetsTheCount() {
        var m = self.machine(connections: 2)
        m.endInitialPhase()
        m.connectionReady(slot: 1)
        for _ in 1...20 {
            guard case .reconnect = m.connectFailed(slot: 0, .connect, text: "refused") else {
                Issue.record("with a connection up, the inlet is not lost")
                return
            }
        }
        m.connectionReady(slot: 0)
        _ = m.connectionClosed(slot: 0, wasReady: true, inFlight: nil, .reset, reason: "closed")
        _ = m.connectionClosed(slot: 1, wasReady: true, inFlight: nil, .reset, reason: "closed")
        for _ in 1...7 {
            guard case .reconnect = m.connectFailed(slot: 0, .connect, text: "refused") else {
                Issue.record("the count starts again after a connection was ready")
                return
            }
        }
        guard case .inletLost = m.connectFailed(slot: 0, .connect, text: "refused") else {
            Issue.record("the eighth failure in a row loses the inlet")
            return
        }
    }

    @Test func aStopWhileConnectingSettlesTheSendsDueAndDrainsAtOnce() {
        // Open loop, no connection ever ready: four sends due queue; at the stop three take requests
        // (the buffer had three) and count unsent, the fourth carries no event; nothing is in flight.
        var m = self.machine(openLoop: true)
        m.endInitialPhase()
        m.start()
        // 1,000/s from 0: sends at 0, 1, 2 and 3 ms are due at 3 ms.
        m.startPacing(LoopPacer(schedule: ConstantRate(rate: 1_000), startNanos: 0, duration: nil))
        let r30 = m.pace(now: 3_000_000)
        #expect(r30 == 0)
        let r31 = m.nextSend(now: 10)
        #expect(r31 == .idle)
        let r32 = m.checkDrained()
        #expect(!r32)
        let stop = m.stop()
        #expect(stop.queuedSends == 4 && stop.unsent.isEmpty && stop.settled.isEmpty)
        m.settleQueued(Array(self.requests(3)), of: 4)
        let r33 = m.checkDrained()
        #expect(r33)
        let t = m.tally
        #expect(t.planned == 3 && t.unsent == 3 && t.sent == 0 && t.queuedAtStop == 4 && t.queuedWithoutEvent == 1)
        let r34 = m.pace(now: 10_000_000)
        #expect(r34 == 0 && m.nextDue == nil)  // after the stop nothing more falls due
        #expect(m.tally.queuedAtStop == 4)
    }

    @Test func aStopSettlesRetriesWaitingByTheirStateAndWaitsForAnswersInFlight() throws {
        // Two connections: one request gets a 503 and waits to retry, one was reset and waits, one is in flight.
        var m = self.machine(connections: 3, cap: 3, retries: 3, baseDelay: 1)
        m.endInitialPhase()
        for slot in 0..<3 { m.connectionReady(slot: slot) }
        m.start()
        _ = m.nextSend(now: 0)
        _ = m.supply(.requests(self.requests(3)))
        let (_, a) = try #require(self.send(&m, at: 0))
        let (slotB, b) = try #require(self.send(&m, at: 0))
        let (_, c) = try #require(self.send(&m, at: 0))
        let r35 = m.answered(a, self.answer(503))
        #expect(r35 == .retry(id: 0, after: 1))
        let r36 = m.connectionClosed(slot: slotB, wasReady: true, inFlight: b, .reset, reason: "reset")
        #expect(r36.settlement == .retry(id: 1, after: 1))
        let stop = m.stop()
        #expect(stop.cancelledRetries == [0, 1])
        #expect(stop.settled.count == 2)
        let r37 = m.checkDrained()
        #expect(!r37)  // c is still out
        let r38 = m.retryDue(id: 0)
        #expect(r38 == false)  // a cancelled retry's timer finds nothing
        _ = m.endedInFlight(c)
        let r39 = m.checkDrained()
        #expect(r39)
        let t = m.tally
        // a: answered 503, never stored: failed. b: written, no answer: unknown. c: never answered: unknown.
        #expect(t.failed == 1 && t.unknown == 2 && t.sent == 3 && t.planned == 3)
        #expect(t.errors[.interrupted]?.count == 3)
        #expect(t.sent == t.accepted + t.rejected + t.failed + t.unknown)
    }

    @Test func droppingAtTheCapCountsEachSendOnce() {
        var m = self.machine(openLoop: true, atCap: .drop)
        m.endInitialPhase()
        m.start()
        // No connection free: every send due is dropped, each with the request it takes.
        m.startPacing(LoopPacer(schedule: ConstantRate(rate: 1_000), startNanos: 0, duration: nil))
        let r40 = m.pace(now: 2_000_000)
        #expect(r40 == 3)
        for request in self.requests(3) { m.dropped(request) }
        let t = m.tally
        #expect(t.planned == 3 && t.dropped == 3 && t.unsent == 3 && t.sent == 0)
    }
}

extension LoopStateMachineTests {
    @Test func pacingWithAFreeConnectionDropsOnlyTheSendsBeyondIt() throws {
        // --at-cap drop, two connections, one busy: of three sends due at once, one takes the free
        // connection and two are dropped; the next send is due at 3 ms.
        var m = self.machine(connections: 2, cap: 2, openLoop: true, atCap: .drop)
        m.endInitialPhase()
        m.connectionReady(slot: 0)
        m.connectionReady(slot: 1)
        m.start()
        m.startPacing(LoopPacer(schedule: ConstantRate(rate: 1_000), startNanos: 0, duration: nil))
        let r41 = m.pace(now: 0)
        #expect(r41 == 0)
        _ = m.nextSend(now: 0)
        _ = m.supply(.requests(self.requests(1)))
        _ = try #require(self.send(&m, at: 0))
        let r42 = m.pace(now: 2_000_000)
        #expect(r42 == 1)
        #expect(m.nextDue == 3_000_000)
    }

    @Test func aRatePlanStopsAtTheDurationAndEndsTheLoopsWorkWhenTheFeedRunsOut() {
        // 1,000/s for 5 ms: sends at 0...4 ms, none at 5 ms; the plan's end is the loop's end of work.
        var m = self.machine(connections: 1, cap: 1, openLoop: true)
        m.endInitialPhase()
        m.start()
        m.startPacing(LoopPacer(schedule: ConstantRate(rate: 1_000), startNanos: 0, duration: 0.005))
        _ = m.pace(now: 4_000_000)
        #expect(m.nextDue == nil)
        let r45 = m.checkDrained()
        #expect(!r45)  // the duration's stop ends the run, with its own reason
        var n = self.machine(connections: 1, cap: 1, openLoop: true)
        n.endInitialPhase()
        n.connectionReady(slot: 0)
        n.start()
        n.startPacing(LoopPacer(schedule: ConstantRate(rate: 1_000), startNanos: 0, duration: nil))
        _ = n.pace(now: 0)
        let r43 = n.nextSend(now: 0)
        #expect(r43 == .needRequests(max: 1))
        _ = n.supply(.finished)
        #expect(n.nextDue == nil)
        let r44 = n.checkDrained()
        #expect(r44)
    }
}

extension LoopStateMachine.Settlement {
    var isDone: Bool {
        if case .done = self { return true }
        return false
    }
}
