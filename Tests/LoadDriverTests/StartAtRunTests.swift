import Foundation
import Reports
import Testing

@testable import LoadDriver

/// `--start-at`: a run waits for its start instant on the injected clock, then connects and sends; a
/// stop during the wait ends it without waiting for the instant.
@Suite struct StartAtRunTests {
    @Test func aRunSendsNothingBeforeItsStartInstant() async throws {
        let server = try TestServer { _, _ in TestAnswer() }
        defer { server.shutdown() }
        let clock = ManualClock()
        var config = LoadConfig(inlet: server.url, concurrency: 2, eventLoops: 1)
        // The wait is the 30 days less the wall-clock moments until the run reads it (under a day
        // however busy the machine; a full suite on 2 cores can make it over a minute), set on the
        // manual clock wherever it stands then.
        config.startAt = Date().addingTimeInterval(30 * 86_400)
        let run = try LoadRun(config: config, feed: feed(makeEvents(5)), toolVersion: "test", clock: clock)
        let task = Task { try await run.run() }
        try await Task.sleep(for: .milliseconds(200))
        clock.set(nanos: 29 * 86_400 * 1_000_000_000)
        try await Task.sleep(for: .milliseconds(300))
        #expect(server.requestCount == 0)
        clock.set(nanos: 60 * 86_400 * 1_000_000_000)  // past the instant wherever the wait was set
        let report = try await task.value
        #expect(report.stopReason == .completed)
        #expect(report.events.sent == 5 && server.requestCount == 5)
    }

    @Test func aStopDuringTheWaitEndsTheRunUnsent() async throws {
        let server = try TestServer { _, _ in TestAnswer() }
        defer { server.shutdown() }
        var config = LoadConfig(inlet: server.url, concurrency: 1, model: .constant(rate: 1), eventLoops: 1)
        config.startAt = Date().addingTimeInterval(3_600)
        let run = try LoadRun(config: config, feed: feed(makeEvents(5)), toolVersion: "test", clock: ManualClock())
        let task = Task { try await run.run() }
        try await Task.sleep(for: .milliseconds(100))
        run.stop()
        let report = try await task.value
        #expect(report.stopReason == .interrupted)
        // Started and stopped at once on the clock that never moved: send 0 is due at the start.
        #expect(report.events.sent <= 1 && report.events.addsUp)
    }
}
