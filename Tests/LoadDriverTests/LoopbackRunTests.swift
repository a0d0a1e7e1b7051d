import Foundation
import NIOCore
import ReplayCommon
import Reports
import Testing

@testable import LoadDriver

/// Whole runs against a real NIO server on 127.0.0.1:0: accounting, faults, retries, stalls, stops.
@Suite(.serialized) struct LoopbackRunTests {
    private func expectAddsUp(_ r: RunReport, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(r.events.addsUp, "events do not add up: \(r.events)", sourceLocation: sourceLocation)
    }

    @Test func closedLoopSendsTheCorpusOnceWithDistinctBodies() async throws {
        let server = try TestServer { _, _ in TestAnswer() }
        defer { server.shutdown() }
        let config = LoadConfig(inlet: server.url, concurrency: 4, eventLoops: 2)
        let report = try await LoadRun(config: config, feed: feed(makeEvents(200)), toolVersion: "test").run()
        #expect(report.stopReason == .completed)
        #expect(report.events == EventCounts(planned: 200, sent: 200, accepted: 200, rejected: 0, failed: 0, unsent: 0))
        #expect(report.requests.byStatus == ["200": 200])
        #expect(server.requestCount == 200)
        #expect(Set(server.receivedBodies).count == 200)
        #expect(report.latency.corrected.count == 200)
        #expect(report.requests.bytesOut > 200 * 50)
        #expect(report.requests.bytesIn > 0)
        let merged = try HdrWireFormat.decode(base64: report.histograms.corrected)
        #expect(merged.totalCount == 200)
        #expect(report.intervals.reduce(0) { $0 + $1.requests } == 200)
    }

    @Test func runsSharingKeptConnectionsOpenThemOnce() async throws {
        let server = try TestServer { _, _ in TestAnswer() }
        defer { server.shutdown() }
        let config = LoadConfig(inlet: server.url, concurrency: 4, eventLoops: 2)
        let keep = KeptConnections(for: config)
        let first = try await LoadRun(config: config, feed: feed(makeEvents(40)), toolVersion: "test", keep: keep).run()
        #expect(first.events.accepted == 40)
        #expect(server.connectionCount == 4)
        #expect(keep.idleCount == 4)
        let second = try await LoadRun(config: config, feed: feed(makeEvents(40)), toolVersion: "test", keep: keep)
            .run()
        #expect(second.events.accepted == 40)
        expectAddsUp(second)
        // The second run answered on the first run's connections.
        #expect(server.connectionCount == 4)
        #expect(server.requestCount == 80)
        #expect(keep.idleCount == 4)
        // A kept connection the server closed meanwhile is replaced by a new one.
        let closed = try #require(keep.take(loop: 0, max: 1).first)
        try await closed.close()
        keep.put(closed, loop: 0)
        let third = try await LoadRun(config: config, feed: feed(makeEvents(40)), toolVersion: "test", keep: keep).run()
        #expect(third.events.accepted == 40)
        #expect(server.connectionCount == 5)
        #expect(keep.idleCount == 4)
        await keep.close()
        #expect(keep.idleCount == 0)
    }

    @Test func aConnectionStillOwedAnAnswerIsNotKept() async throws {
        // The 4th request's answer comes after the stop's drain deadline: its connection must close,
        // or the late answer would reach the next run's request on it.
        let server = try TestServer { n, _ in n == 3 ? TestAnswer(delay: .seconds(3)) : TestAnswer() }
        defer { server.shutdown() }
        let config = LoadConfig(
            inlet: server.url, concurrency: 2, duration: 0.5, loop: true, drainTimeout: 0.3, eventLoops: 1)
        let keep = KeptConnections(for: config)
        let first = try await LoadRun(config: config, feed: feed(makeEvents(4)), toolVersion: "test", keep: keep).run()
        #expect(first.events.unknown == 1 && first.events.addsUp)
        #expect(keep.idleCount == 1)
        let second = try await LoadRun(config: config, feed: feed(makeEvents(4)), toolVersion: "test", keep: keep).run()
        #expect(second.events.unknown == 0 && second.events.accepted == second.events.sent)
        #expect(server.connectionCount == 3)
        await keep.close()
    }

    @Test func requestsBoundAndLoop() async throws {
        let server = try TestServer { _, _ in TestAnswer() }
        defer { server.shutdown() }
        let config = LoadConfig(inlet: server.url, concurrency: 3, requests: 50, loop: true)
        let report = try await LoadRun(config: config, feed: feed(makeEvents(7)), toolVersion: "test").run()
        #expect(report.stopReason == .requests)
        #expect(report.requests.sent == 50)
        #expect(report.events.accepted == 50)
        expectAddsUp(report)
    }

    @Test func injectedFaultsStillAddUp() async throws {
        // Every 5th request 400, every 7th 500, every 11th a reset, every 13th a 503.
        let server = try TestServer { n, _ in
            if n % 11 == 10 { return TestAnswer(reset: true) }
            if n % 13 == 12 { return TestAnswer(status: 503, body: "busy") }
            if n % 7 == 6 { return TestAnswer(status: 500, body: "boom") }
            if n % 5 == 4 { return TestAnswer(status: 400, body: "bad") }
            return TestAnswer()
        }
        defer { server.shutdown() }
        let config = LoadConfig(inlet: server.url, concurrency: 4)
        let report = try await LoadRun(config: config, feed: feed(makeEvents(300)), toolVersion: "test").run()
        expectAddsUp(report)
        #expect(report.events.planned == 300)
        #expect(report.events.unsent == 0)
        #expect(report.events.rejected > 0 && report.events.failed > 0 && report.events.accepted > 0)
        // Resets come after the write: those events may be stored, so they are unknown, not failed.
        #expect(report.events.unknown == report.errors.first { $0.class == "reset" }?.count)
        let classes = Set(report.errors.map(\.class))
        #expect(classes.isSuperset(of: ["http-400", "http-500", "reset"]))
    }

    @Test func retriesHonourRetryAfterAndCountTheEventOnce() async throws {
        let server = try TestServer { n, _ in
            n < 2 ? TestAnswer(status: 429, body: "slow down", headers: [("Retry-After", "0")]) : TestAnswer()
        }
        defer { server.shutdown() }
        // The rule (Retry-After beats the 5 s back-off) is checked on a manual clock in EmbeddedTransportTests;
        // this is the wiring: the answers' header reaches the worker and the event counts once.
        let config = LoadConfig(
            inlet: server.url, concurrency: 1, retry: RetryPolicy(maxRetries: 3, baseDelay: 5, maxDelay: 5))
        let report = try await LoadRun(config: config, feed: feed(makeEvents(1)), toolVersion: "test").run()
        #expect(report.events == EventCounts(planned: 1, sent: 1, accepted: 1, rejected: 0, failed: 0, unsent: 0))
        #expect(report.requests.attempts == 3)
        #expect(report.requests.retries == 2)
        #expect(report.errors.first { $0.class == "http-429" }?.count == 2)
    }

    @Test func retriesSpentMeanFailed() async throws {
        let server = try TestServer { _, _ in TestAnswer(status: 503, body: "down") }
        defer { server.shutdown() }
        let config = LoadConfig(
            inlet: server.url, concurrency: 2, retry: RetryPolicy(maxRetries: 2, baseDelay: 0.01, maxDelay: 0.02))
        let report = try await LoadRun(config: config, feed: feed(makeEvents(5)), toolVersion: "test").run()
        #expect(report.events.failed == 5)
        #expect(report.requests.attempts == 15)
        expectAddsUp(report)
    }

    @Test func unreachableInletEndsQuicklyNamingTheAddress() async throws {
        // A port that was just free: bind, read it back, close.
        let probe = try TestServer { _, _ in TestAnswer() }
        let port = probe.port
        probe.shutdown()
        let config = LoadConfig(
            inlet: "http://127.0.0.1:\(port)/collection/abc", concurrency: 8, loop: true,
            retry: RetryPolicy(maxRetries: 5), connectTimeout: 3)
        // Refused at once, no retries of the connect: RunLifecycleTests checks that a failed first connect
        // fails the run; here the refusal is classified and named.
        await #expect {
            _ = try await LoadRun(config: config, feed: feed(makeEvents(10)), toolVersion: "test").run()
        } throws: { error in
            guard case LoadRunError.unreachable(let address, let cause) = error else { return false }
            return address.contains("127.0.0.1:\(port)") && cause.contains("connect")
        }
    }

    @Test func tlsFailureIsUnreachable() async throws {
        // The test server speaks plain HTTP, so the TLS handshake fails.
        let server = try TestServer { _, _ in TestAnswer() }
        defer { server.shutdown() }
        let config = LoadConfig(
            inlet: "https://127.0.0.1:\(server.port)/collection/abc", concurrency: 2, connectTimeout: 2)
        await #expect {
            _ = try await LoadRun(config: config, feed: feed(makeEvents(1)), toolVersion: "test").run()
        } throws: { error in
            guard case LoadRunError.unreachable(_, let cause) = error else { return false }
            return cause.contains("TLS")
        }
    }

    @Test func stopWritesThePartialReport() async throws {
        // Slow answers; stop after half a second: what was sent is accounted, the rest unsent.
        let server = try TestServer { _, _ in TestAnswer(delay: .milliseconds(100)) }
        defer { server.shutdown() }
        let config = LoadConfig(
            inlet: server.url, concurrency: 2, model: .constant(rate: 50), loop: true, drainTimeout: 2)
        let run = try LoadRun(config: config, feed: feed(makeEvents(1000)), toolVersion: "test")
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { run.stop() }
        let report = try await run.run()
        #expect(report.stopReason == .interrupted)
        #expect(report.events.sent > 0)
        #expect(report.events.accepted == report.events.sent)  // answers in flight were awaited
        #expect(report.events.planned < 1000)
        expectAddsUp(report)
    }

    @Test func dropAtTheCapCountsUnsent() async throws {
        let server = try TestServer { _, _ in TestAnswer(delay: .milliseconds(200)) }
        defer { server.shutdown() }
        let config = LoadConfig(
            inlet: server.url, concurrency: 1, model: .constant(rate: 100), atCap: .drop, duration: 1, loop: true)
        let report = try await LoadRun(config: config, feed: feed(makeEvents(50)), toolVersion: "test").run()
        #expect(report.schedule.dropped > 50)
        #expect(report.events.unsent >= report.schedule.dropped)
        expectAddsUp(report)
    }

    @Test func constantRateHitsItsTarget() async throws {
        let server = try TestServer { _, _ in TestAnswer() }
        defer { server.shutdown() }
        let config = LoadConfig(inlet: server.url, concurrency: 8, model: .constant(rate: 400), duration: 2, loop: true)
        let report = try await LoadRun(config: config, feed: feed(makeEvents(100)), toolVersion: "test").run()
        #expect(report.stopReason == .duration)
        // The rule (exactly the 800 sends intended before 2 s) is checked on a manual clock in
        // OpenLoopPacingTests; here the wiring: the horizon caps the plan on the real clock too (a pacer
        // starved past the stop on a loaded machine plans fewer, never more), and the accounting holds.
        #expect(report.events.planned <= 800 && report.requests.sent > 0, "planned \(report.events.planned)")
        #expect(report.schedule.lag.count == report.requests.sent)
        expectAddsUp(report)
    }

    @Test func coordinatedOmissionShowsInTheCorrectedLatencyOnly() async throws {
        // One answer stalls 1 s (request 50); everything else is immediate. Open loop at 200/s, 1 connection.
        // The rule (the sends due during the stall carry the wait in their corrected latency, not in their
        // service time) is checked exactly on a manual clock in OpenLoopPacingTests; this is the wiring,
        // with only what a busy machine cannot break: the stall is at least 1 s in both, and a request's
        // corrected latency is never below its service time, so no percentile of it is either.
        let server = try TestServer { n, _ in n == 50 ? TestAnswer(delay: .seconds(1)) : TestAnswer() }
        defer { server.shutdown() }
        let config = LoadConfig(inlet: server.url, concurrency: 1, model: .constant(rate: 200), duration: 3, loop: true)
        let report = try await LoadRun(config: config, feed: feed(makeEvents(100)), toolVersion: "test").run()
        let corrected = report.latency.corrected
        let uncorrected = report.latency.uncorrected
        #expect(corrected.count == uncorrected.count && corrected.count == report.requests.completed)
        #expect(corrected.max >= 1000 && uncorrected.max >= 1000)
        #expect(
            corrected.p50 >= uncorrected.p50 && corrected.p99 >= uncorrected.p99 && corrected.max >= uncorrected.max)
        expectAddsUp(report)
    }

    @Test func stagesRampAndEnd() async throws {
        let server = try TestServer { _, _ in TestAnswer() }
        defer { server.shutdown() }
        let config = LoadConfig(
            inlet: server.url, concurrency: 4, model: .stages(try StagesParser.parse("1s:200,500ms:0")), loop: true)
        let report = try await LoadRun(config: config, feed: feed(makeEvents(30)), toolVersion: "test").run()
        #expect(report.stopReason == .completed)
        // Area: 100 + 50 = 150 sends.
        #expect(report.requests.sent == 150)
        expectAddsUp(report)
    }

    @Test func replayKeepsRecordedTiming() async throws {
        let server = try TestServer { _, _ in TestAnswer() }
        defer { server.shutdown() }
        // 11 events 1 s apart, replayed 10x faster: about 1 s.
        var events = makeEvents(11)
        events.swapAt(3, 4)  // slightly out of order: the look-ahead window fixes it
        // One connection: the order the server sees is the order planned, whatever a busy machine delays
        // (with two, a loop stalled 100 ms lets the next event overtake on the other connection).
        let config = LoadConfig(inlet: server.url, concurrency: 1, model: .replay(speed: 10, maxGap: nil))
        let started = Date()
        let report = try await LoadRun(config: config, feed: feed(events), toolVersion: "test").run()
        // Never faster than the recorded timing allows (the schedule itself is ReplaySchedule's, tested exactly).
        #expect(Date().timeIntervalSince(started) >= 0.95)
        #expect(report.events.accepted == 11)
        let order = server.receivedBodies.compactMap { body -> Int? in
            guard let r = body.range(of: #""uniqueId":"e"#) else { return nil }
            return Int(body[r.upperBound...].prefix { $0.isNumber })
        }
        #expect(order == Array(0...10))
    }

    @Test func reportEncodesAndDecodes() async throws {
        let server = try TestServer { _, _ in TestAnswer() }
        defer { server.shutdown() }
        let config = LoadConfig(
            inlet: server.url, concurrency: 2,
            headers: [
                (name: "Authorization", value: "Bearer x"), (name: "X-Run", value: "7"),
                (name: "x-request-id", value: "run-7"),
            ],
            token: "top-secret")
        let report = try await LoadRun(config: config, feed: feed(makeEvents(20)), toolVersion: "9.9").run()
        let data = try JSONEncoder().encode(report)
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("top-secret"))
        #expect(!text.contains("Bearer x"))
        // Header values show only for names on Redaction's allow list.
        #expect(text.contains("\"X-Run\":\"<redacted>\""))
        #expect(text.contains("\"x-request-id\":\"run-7\""))
        let decoded = try JSONDecoder().decode(RunReport.self, from: data)
        #expect(decoded == report)
        #expect(decoded.tool.version == "9.9")
    }
}

/// A feed whose third read fails (as the corpus reader does for a bad line) and then goes on.
final class FlakyFeed: EventFeed {
    struct BadLine: Error, CustomStringConvertible {
        var description: String { "mem.jsonl:3: invalid JSON" }
    }
    private var events: [FeedEvent]
    private var reads = 0

    init(_ events: [FeedEvent]) {
        self.events = events
    }

    func next() throws -> FeedEvent? {
        self.reads += 1
        if self.reads == 3 { throw BadLine() }
        return self.events.isEmpty ? nil : self.events.removeFirst()
    }
}

@Suite struct UnreadableEventTests {
    @Test func aBadEventIsCountedAndSkipped() async throws {
        let server = try TestServer { _, _ in TestAnswer() }
        defer { server.shutdown() }
        let events = makeEvents(5)
        let report = try await LoadRun(
            config: LoadConfig(inlet: server.url, concurrency: 2),
            feed: { FlakyFeed(events) }, toolVersion: "test"
        ).run()
        #expect(report.events.accepted == 5)
        #expect(report.events.addsUp)
        #expect(report.errors.first { $0.class == "corpus" }?.sample.contains("mem.jsonl:3") == true)
    }
}

@Suite struct TransportLimitsTests {
    @Test func opensExactlyConcurrencyConnections() async throws {
        let server = try TestServer { _, _ in TestAnswer(delay: .milliseconds(20)) }
        defer { server.shutdown() }
        let report = try await LoadRun(
            config: LoadConfig(inlet: server.url, concurrency: 13, eventLoops: 2),
            feed: feed(makeEvents(100)), toolVersion: "test"
        ).run()
        #expect(server.connectionCount == 13)
        #expect(report.events.accepted == 100)
    }

    @Test func requestTimeoutFailsTheAttemptAndReconnects() async throws {
        // The first answer never comes in time (an hour); the rest are immediate, and 5 s leaves
        // them in time on a machine busy with a full suite (the timeout runs on the wall clock).
        let server = try TestServer { n, _ in n == 0 ? TestAnswer(delay: .seconds(3_600)) : TestAnswer() }
        defer { server.shutdown() }
        let config = LoadConfig(inlet: server.url, concurrency: 1, requestTimeout: 5)
        let report = try await LoadRun(config: config, feed: feed(makeEvents(4)), toolVersion: "test").run()
        // The run did not wait for the late answer: it finished with that event unknown.
        #expect(report.events.unknown == 1 && report.events.failed == 0 && report.events.accepted == 3)
        #expect(report.errors.first { $0.class == "timeout" }?.count == 1)
        #expect(server.connectionCount == 2)  // the timed-out connection was replaced
        #expect(report.events.addsUp)
    }
}

@Suite struct QueueAtCapTests {
    @Test func queuedSendsWaitAndTheWaitCountsInCorrectedLatency() async throws {
        // 1 connection, answers take 100 ms, 50 sends/s asked: the queue grows; corrected latency includes the wait.
        let server = try TestServer { _, _ in TestAnswer(delay: .milliseconds(100)) }
        defer { server.shutdown() }
        let config = LoadConfig(
            inlet: server.url, concurrency: 1, model: .constant(rate: 50), atCap: .queue, duration: 1, loop: true,
            drainTimeout: 1)
        let report = try await LoadRun(config: config, feed: feed(makeEvents(20)), toolVersion: "test").run()
        #expect(report.schedule.dropped == 0)
        #expect(report.schedule.queuedAtStop > 20)
        #expect(report.latency.corrected.max > 3 * report.latency.uncorrected.p50)
        #expect(report.events.addsUp)
    }
}

/// A whole run on a manual clock: the duration bound and the drain deadline are the clock's, so the
/// run ends exactly when the test moves it, however busy the machine is.
@Suite struct ManualClockRunTests {
    @Test func theDurationAndTheDrainDeadlineFollowTheInjectedClock() async throws {
        // Answers never come in time (an hour), so only the drain deadline can end the run. The
        // request timeout runs on the event loop's own clock, the wall's, so it is an hour too: a
        // busy machine can stretch the test's real moments past the default 30 s.
        let server = try TestServer { _, _ in TestAnswer(delay: .seconds(3_600)) }
        defer { server.shutdown() }
        let clock = ManualClock()
        let config = LoadConfig(
            inlet: server.url, concurrency: 2, duration: 5, loop: true, requestTimeout: 3_600, drainTimeout: 1,
            eventLoops: 1)
        let run = try LoadRun(config: config, feed: feed(makeEvents(10)), toolVersion: "test", clock: clock)
        let task = Task { try await run.run() }
        // Wait (real time, bounded) until both connections carry a request.
        for _ in 0..<2_000 where run.progress().requestsSent < 2 { try await Task.sleep(for: .milliseconds(5)) }
        #expect(run.progress().requestsSent == 2)
        clock.set(nanos: 4_999_000_000)  // not yet
        clock.set(nanos: 5_000_000_000)  // the duration bound: sending stops, the drain begins
        for _ in 0..<200 { try await Task.sleep(for: .milliseconds(5)) }
        clock.set(nanos: 5_999_000_000)  // the answers are still out
        clock.set(nanos: 6_000_000_000)  // the drain deadline
        let report = try await task.value
        #expect(report.stopReason == .duration)
        // From the first send (0) to the end (6 s), on the clock.
        #expect(report.durationSeconds == 6, "\(report.errors)")
        #expect(report.events.sent == 2 && report.events.unknown == 2 && report.events.accepted == 0)
        #expect(report.errors.first { $0.class == "interrupted" }?.count == 2)
        #expect(report.events.addsUp)
    }
}
