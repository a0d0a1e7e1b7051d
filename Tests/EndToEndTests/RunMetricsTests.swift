import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `run --metrics-port`: Prometheus text on `/metrics` while the run runs.
@Suite("run metrics", .serialized)
struct RunMetricsTests {
    /// A port free on loopback now (bound to 0 and closed).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0
            }
        }
        guard bound else { throw CLIProcess.Failure("cannot bind a loopback socket") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @Test func metricsAnswerDuringARunAndFollowIt() async throws {
        let bench = try await FaultBench.start([])
        defer { Task { await bench.finish() } }
        let port = try Self.freePort()
        let out = bench.folder + "/run"
        // Up to 60 s, so that the scrapes find the run however late a busy machine starts it; the
        // test stops it with SIGINT once a scrape has shown a finished second.
        let launched = try CLIProcess.launch([
            "run", "--flow", bench.flowFile, "--corpus", "corpora/pendo-seed", "--quiet", "--out", out,
            "--rate", "200", "--duration", "60s", "--loop", "--concurrency", "8", "--max-in-flight", "400",
            "--metrics-port", "\(port)", "--shard", "1/2", "--run-id", "metrics-1",
        ])
        defer { launched.kill9() }
        // Scrape until a finished second shows in the latency histogram, while the run runs.
        var scraped: Metrics?
        let deadline = ContinuousClock.now + .seconds(60)
        while scraped == nil, !launched.exit.isSet, ContinuousClock.now < deadline {
            if let (data, response) = try? await URLSession.shared.data(
                from: URL(string: "http://127.0.0.1:\(port)/metrics")!),
                (response as? HTTPURLResponse)?.statusCode == 200
            {
                let metrics = Metrics(text: String(decoding: data, as: UTF8.self))
                if metrics.value("pendo_replay_latency_seconds_count{shard=\"1\"}") > 0 { scraped = metrics }
            }
            if scraped == nil { try await Task.sleep(for: .milliseconds(100)) }
        }
        let ended = launched.exit.isSet ? String(decoding: await launched.stderr.value, as: UTF8.self) : "still running"
        let metrics = try #require(scraped, "no scrape showed a finished second; run: \(ended)")
        kill(launched.pid, SIGINT)
        let sent = metrics.value("pendo_replay_requests_total{shard=\"1\",outcome=\"sent\"}")
        let accepted = metrics.value("pendo_replay_events_total{shard=\"1\",outcome=\"accepted\"}")
        #expect(sent > 0, "\(metrics.text)")
        #expect(accepted > 0 && accepted <= sent)
        #expect(metrics.text.contains("pendo_replay_requests_in_flight{shard=\"1\"}"))
        #expect(metrics.text.contains("pendo_replay_schedule_lag_p99_seconds{shard=\"1\"}"))
        #expect(metrics.text.contains("pendo_replay_latency_seconds_bucket{shard=\"1\",le=\"0.001\"}"))
        #expect(await launched.exited(within: 60) == 0)
        // The report counts at least what the scrape saw, and the stop was the signal's.
        let report = try CLIProcess.report(in: out)
        let final = try #require((report["requests"] as? [String: Any])?["sent"] as? Int)
        #expect(final >= sent)
        #expect(report["stopReason"] as? String == "interrupted")
        #expect((report["shard"] as? [String: Any])?["index"] as? Int == 1)
        // The listener is gone with the run.
        #expect((try? await URLSession.shared.data(from: URL(string: "http://127.0.0.1:\(port)/metrics")!)) == nil)
    }

    @Test func aPortOutOfRangeIsAUsageError() async throws {
        let result = try await CLIProcess.run(
            [
                "run", "--inlet", "http://127.0.0.1:9/collection/abc", "--flow-id", "f",
                "--corpus", "corpora/pendo-seed", "--metrics-port", "70000",
            ], timeout: 60)
        #expect(result.status == 2)
        #expect(result.stderr.contains("--metrics-port 70000: a TCP port, 1 to 65535"))
    }
}
