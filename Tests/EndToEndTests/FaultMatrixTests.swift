import Foundation
import Testing

/// The fault matrix (docs/RELIABILITY.md): the built `pendo-replay run` against `pendo-replay serve`
/// with one fault each, on loopback. Each row asserts the identity, the error classes against what
/// the emulator says it injected (`emulator_faults_injected_total`, answers by status), and what
/// was stored against what was accepted: counts, never timings.
@Suite("fault matrix", .serialized)
struct FaultMatrixTests {
    @Test("reset before the answer: every reset is one reset outcome, nothing reset is stored")
    func resetBeforeTheAnswer() async throws {
        let bench = try await FaultBench.start(["--reset-rate", "0.25", "--fault-seed", "11"])
        defer { Task { await bench.finish() } }
        let (_, run) = try await bench.run(["--requests", "200", "--concurrency", "4"])
        let metrics = try await bench.metrics()
        let resets = metrics.faults("reset")
        #expect(run.identityHolds, "\(run.summary)")
        #expect(run.sent == 200)
        #expect(resets > 0)
        #expect(run.errors["reset"] == resets, "\(run.summary); resets injected \(resets)")
        #expect(run.unknown == resets, "a reset after the write leaves the outcome unknown")
        #expect(run.failed == 0)
        #expect(run.accepted == metrics.inletAnswers(200))
        #expect(metrics.stored == run.accepted, "a reset request is never handled")
        let reconciliation = try #require(run.reconciliation)
        #expect(reconciliation.clean, "\(reconciliation.text)")
        #expect(reconciliation.unknownNotStored == resets)
        #expect(reconciliation.storedAlthoughUnknown == 0)
    }

    @Test("close mid-answer: every cut answer is an outcome without an answer, and its record is stored")
    func closeMidAnswer() async throws {
        let bench = try await FaultBench.start(["--close-mid-answer", "0.25", "--fault-seed", "12"])
        defer { Task { await bench.finish() } }
        let (_, run) = try await bench.run(["--requests", "200", "--concurrency", "4"])
        let metrics = try await bench.metrics()
        let cuts = metrics.faults("cut")
        #expect(run.identityHolds, "\(run.summary)")
        #expect(cuts > 0)
        #expect(run.unknown == cuts, "\(run.summary); cuts injected \(cuts)")
        #expect(run.failed == 0)
        #expect(run.errors["reset"] == cuts, "\(run.summary)")
        // Besides the cut answers, only reconnects may fail: a failed reconnect is counted as a
        // `connect` error and tried again. It settles no message (the identity and `unknown == cuts`
        // hold whatever their number), and how many there are depends on the machine's load, not
        // on the rule this row checks. The summary carries each class's sample to explain them.
        #expect(Set(run.errors.keys).subtracting(["reset", "connect"]).isEmpty, "\(run.summary)")
        #expect(run.accepted == 200 - cuts)
        // The cut requests were handled before their answers were cut: stored, unacknowledged.
        #expect(metrics.stored == run.accepted + cuts)
        let reconciliation = try #require(run.reconciliation)
        #expect(reconciliation.clean, "\(reconciliation.text)")
        #expect(reconciliation.storedAlthoughUnknown == cuts)
        #expect(reconciliation.duplicates == 0, "no retries, so no duplicates")
    }

    @Test("500 and 503 bursts with retries: every attempt answered, 503s retried, 500s final")
    func serverErrorsWithRetries() async throws {
        let bench = try await FaultBench.start([
            "--error-rate", "500=0.05", "--error-rate", "503=0.3", "--fault-seed", "13",
        ])
        defer { Task { await bench.finish() } }
        let (_, run) = try await bench.run(["--requests", "200", "--concurrency", "4", "--retries", "3"])
        let metrics = try await bench.metrics()
        let answered = metrics.inletAnswers(200) + metrics.inletAnswers(500) + metrics.inletAnswers(503)
        #expect(run.identityHolds, "\(run.summary)")
        #expect(run.sent == 200)
        #expect(metrics.inletAnswers(503) > 0 && metrics.inletAnswers(500) > 0)
        #expect(run.attempts == answered, "every attempt got exactly one answer")
        #expect(run.retries == run.attempts - run.sent)
        #expect(run.accepted == metrics.inletAnswers(200))
        #expect(run.unknown == 0)
        #expect(run.accepted + run.failed + run.rejected == 200)
        #expect(run.errors["http-503"] == metrics.inletAnswers(503), "\(run.errors)")
        #expect(run.errors["http-500"] == metrics.inletAnswers(500), "\(run.errors)")
        #expect(metrics.stored == run.accepted)
        let reconciliation = try #require(run.reconciliation)
        #expect(reconciliation.clean, "\(reconciliation.text)")
    }

    @Test("429 with Retry-After longer than the drain timeout: retries still waiting are settled, the identity holds")
    func retryAfterPastTheDrain() async throws {
        let bench = try await FaultBench.start(["--rate-limit", "100", "--retry-after", "6"])
        defer { Task { await bench.finish() } }
        let (_, run) = try await bench.run([
            "--rate", "200", "--duration", "2s", "--loop", "--retries", "3", "--drain-timeout", "1s", "--concurrency",
            "16",
        ])
        let metrics = try await bench.metrics()
        #expect(run.identityHolds, "\(run.summary)")
        #expect(run.planned == 400)
        #expect(metrics.inletAnswers(429) > 0)
        #expect(run.errors["http-429"] == metrics.inletAnswers(429), "\(run.errors)")
        #expect(run.accepted == metrics.inletAnswers(200))
        #expect(run.unknown == 0, "every attempt was answered")
        #expect(
            run.failed + run.unsent == run.planned - run.accepted,
            "what was not accepted waited for a retry: \(run.summary)")
        #expect(metrics.stored == run.accepted)
        let reconciliation = try #require(run.reconciliation)
        #expect(reconciliation.clean, "\(reconciliation.text)")
    }

    @Test("trickled answers past --timeout: each a timeout without an answer, each record stored")
    func trickledPastTheTimeout() async throws {
        // An inlet answer is about 150 bytes: at 20 bytes/s it needs over 7 s, against a 1 s timeout.
        let bench = try await FaultBench.start(["--trickle", "20"])
        defer { Task { await bench.finish() } }
        let (_, run) = try await bench.run(["--requests", "8", "--concurrency", "2", "--timeout", "1s"])
        let metrics = try await bench.metrics()
        #expect(run.identityHolds, "\(run.summary)")
        #expect(run.sent == 8)
        #expect(run.accepted == 0)
        #expect(run.errors["timeout"] == 8, "\(run.errors)")
        #expect(run.unknown == 8)
        #expect(metrics.stored == 8, "handled and committed before the slow answer")
        let reconciliation = try #require(run.reconciliation)
        #expect(reconciliation.clean, "\(reconciliation.text)")
        #expect(reconciliation.storedAlthoughUnknown == 8)
    }

    @Test("every Nth connection closed after its answer: reconnects, and nothing unanswered is stored")
    func closeEveryNth() async throws {
        let bench = try await FaultBench.start(["--close-every", "5"])
        defer { Task { await bench.finish() } }
        let (_, run) = try await bench.run(["--requests", "200", "--concurrency", "4", "--retries", "2"])
        let metrics = try await bench.metrics()
        let answered = metrics.inletAnswers(200)
        #expect(run.identityHolds, "\(run.summary)")
        #expect(run.sent == 200)
        #expect(metrics.faults("close") == answered / 5, "one close per 5 answers")
        #expect(run.accepted == answered)
        // A request written on a connection the server closed is never read: lost, not stored.
        #expect(run.attempts >= answered, "\(run.summary)")
        let reconciliation = try #require(run.reconciliation)
        #expect(reconciliation.clean, "\(reconciliation.text)")
        #expect(reconciliation.storedAlthoughUnknown == 0, "a request on a closed connection is never read")
        #expect(metrics.stored == run.accepted)
    }

    @Test(
        "a 5 s stall in open loop: the schedule is kept (every planned send sent) and the corrected latency shows the stall"
    )
    func stallInOpenLoop() async throws {
        // The stall starts 12 s after serve starts; the run starts before that and lasts past its end.
        let listening = ContinuousClock.now
        let bench = try await FaultBench.start(["--stall", "12s+5s"])
        defer { Task { await bench.finish() } }
        let elapsed = ContinuousClock.now - listening
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        try #require(seconds < 10, "provisioning took \(seconds) s: the run would miss the stall")
        let duration = Int((12 + 5 + 3 - seconds).rounded(.up))
        let (_, run) = try await bench.run(
            ["--rate", "50", "--duration", "\(duration)s", "--loop", "--concurrency", "64", "--drain-timeout", "30s"],
            timeout: Double(duration) + 90
        )
        #expect(run.identityHolds, "\(run.summary)")
        #expect(run.planned == 50 * duration, "the pacer plans every send of the schedule")
        #expect(run.sent == run.planned, "nothing left unsent: \(run.summary)")
        #expect(run.accepted == run.sent)
        let latency = try #require(run.report["latency"] as? [String: Any])
        let corrected = try #require((latency["corrected"] as? [String: Any])?["max"] as? Double)
        // A send intended when the stall began is answered when it ends, 5 s later.
        #expect(corrected >= 4_500, "corrected max \(corrected) ms")
        let metrics = try await bench.metrics()
        #expect(metrics.stored == run.accepted)
        let reconciliation = try #require(run.reconciliation)
        #expect(reconciliation.clean, "\(reconciliation.text)")
    }

    @Test(
        "kill -9 of serve during batch ingest (--batch 50): every acknowledged message is stored after a restart",
        .timeLimit(.minutes(5)))
    func killNineDuringBatchIngest() async throws {
        try await Self.serveGoesDuringBatchIngest { await $0.kill9() }
    }

    @Test("SIGTERM of serve during batch ingest commits everything it acknowledged", .timeLimit(.minutes(5)))
    func sigtermDuringBatchIngest() async throws {
        try await Self.serveGoesDuringBatchIngest { await $0.stop() }
    }

    @Test(
        "serve killed for good mid-run: the run ends by itself, names the lost inlet, and its report adds up",
        .timeLimit(.minutes(3)))
    func serveGoneForGood() async throws {
        let bench = try await FaultBench.start([])
        defer { Task { await bench.finish() } }
        // 60 s asked; serve goes after 100 stored and never comes back. The run gives the inlet up after
        // its reconnects, and its after-run reads of the (gone) Flow Service fail at once.
        async let ran = bench.run(
            [
                "--rate", "100", "--duration", "60s", "--loop", "--concurrency", "4", "--retries", "2",
                "--connect-timeout", "1s",
            ], timeout: 90)
        try await Self.waitForStored(bench, atLeast: 100)
        await bench.serve.kill9()
        let (result, run) = try await ran
        #expect(result.status == 1)
        #expect(result.stderr.contains("lost the inlet"), "\(result.stderr)")
        #expect(result.stderr.contains("cannot read the flow's runs"), "\(result.stderr)")
        #expect(run.report["stopReason"] as? String == "unreachable")
        #expect(run.identityHolds, "\(run.summary)")
        #expect(run.accepted >= 100)
    }

    /// Batches stream in; once 500 records are stored `stop` ends serve, which starts again on the
    /// same port and data while the run goes on (it reconnects). Then every acknowledged message
    /// must be there, key by key.
    static func serveGoesDuringBatchIngest(_ stop: (ServeProcess) async -> Void) async throws {
        let bench = try await FaultBench.start([])
        defer { Task { await bench.finish() } }
        async let ran = bench.run(try Self.batchIngest(bench))
        try await Self.waitForStored(bench, atLeast: 500)
        await stop(bench.serve)
        try await bench.restart()
        let (_, run) = try await ran
        let stored = try await bench.storedRecords().count
        #expect(run.identityHolds, "\(run.summary)")
        #expect(run.accepted >= 500)
        #expect(stored >= run.accepted, "acknowledged \(run.accepted), stored after the restart \(stored)")
        #expect(stored <= run.sent, "stored \(stored) of \(run.sent) sent")
        // XDM messages: the key is where the seed's mapping writes uniqueId.
        let (status, reconciliation) = try await bench.reconcile(keyPath: "_extconndev.uniqueid")
        #expect(status == 0)
        #expect(reconciliation.clean, "\(reconciliation.text)")
        #expect(reconciliation.acceptedMissing == 0, "no acknowledged message lost, key by key")
    }

    /// A stream of 50-message batches: XDM messages (the batch endpoint takes envelopes), at 20
    /// requests/s for 20 s, long enough for serve to go in the middle.
    static func batchIngest(_ bench: FaultBench) throws -> [String] {
        let flow = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: bench.flowFile)))
                as? [String: Any])
        let schemaId = try #require(flow["schemaId"] as? String)
        return [
            "--batch", "50", "--payload", "xdm", "--schema-id", schemaId, "--rate", "20", "--duration", "20s", "--loop",
            "--concurrency", "8", "--connect-timeout", "1s", "--drain-timeout", "2s",
        ]
    }

    /// Polls `/metrics` until the emulator has committed `count` records (at most 60 s).
    static func waitForStored(_ bench: FaultBench, atLeast count: Int) async throws {
        for _ in 0..<1_200 {
            if let metrics = try? await bench.metrics(), metrics.stored >= count { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CLIProcess.Failure("serve did not store \(count) records within 60 s")
    }
}
