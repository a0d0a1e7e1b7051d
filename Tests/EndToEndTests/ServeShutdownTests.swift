import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// How `serve` stops: a graceful shutdown that waits for in-flight requests, bounded by
/// `--shutdown-timeout`, cut short by a second signal; and the idle timeout of client connections.
@Suite("serve stopping and idle connections", .serialized)
struct ServeShutdownTests {
    /// A session whose requests outlive the held answers (they end when serve does).
    static let patient: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = 600
        return URLSession(configuration: configuration)
    }()

    /// Sends one inlet request that the stall holds, and waits until serve has it in flight.
    static func holdOneRequest(_ server: ServeProcess) async throws {
        let base = "http://127.0.0.1:\(server.port)"
        var request = URLRequest(url: URL(string: base + "/collection/" + String(repeating: "0", count: 64))!)
        request.httpMethod = "POST"
        request.httpBody = Data("{}".utf8)
        Task.detached { _ = try? await Self.patient.data(for: request) }
        for _ in 0..<600 {
            let (data, _) = try await URLSession.shared.data(from: URL(string: base + "/metrics")!)
            if String(decoding: data, as: UTF8.self).contains("emulator_http_requests_in_flight 1") { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CLIProcess.Failure("the held request never reached serve")
    }

    /// A log file for a serve's stderr and stdout, in a folder of its own.
    static func logFile() -> (folder: String, log: String) {
        let folder = CLIProcess.temporaryFolder()
        return (folder, (folder as NSString).appendingPathComponent("serve.log"))
    }

    @Test(
        "SIGTERM waits for a request in flight; a second SIGTERM ends serve at once (130), its temporary database removed",
        .timeLimit(.minutes(3)))
    func secondSignalEndsAtOnce() async throws {
        let (folder, log) = Self.logFile()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try await ServeProcess.start(
            arguments: ["--stall", "0s+600s", "--shutdown-timeout", "600s"], log: log)
        defer { server.terminate() }
        let database = try #require(server.database)
        try await Self.holdOneRequest(server)
        server.send(SIGTERM)
        // The graceful shutdown cannot end before the held answer (600 s away): serve must still run.
        #expect(await server.exited(within: 2) == nil, "serve ended with a request in flight and 600 s to answer it")
        server.send(SIGTERM)
        let status = await server.exited(within: 60)
        #expect(
            status == 130,
            "a second SIGTERM must end serve at once, with exit 130 as run and validate (got \(String(describing: status)))"
        )
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(
            text.contains(
                "pendo-replay serve: stopping: answering the requests in flight (for at most --shutdown-timeout 600s)"),
            "\(text)")
        #expect(!text.contains("stopped:"), "serve quit at once, it cannot have finished the shutdown: \(text)")
        #expect(
            !FileManager.default.fileExists(atPath: (database as NSString).deletingLastPathComponent),
            "the temporary folder of \(database) is still there")
    }

    @Test(
        "--shutdown-timeout bounds the graceful shutdown after one signal, and serve says the held request was cancelled",
        .timeLimit(.minutes(3)))
    func shutdownTimeoutBounds() async throws {
        let (folder, log) = Self.logFile()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try await ServeProcess.start(
            arguments: ["--stall", "0s+600s", "--shutdown-timeout", "1s"], log: log)
        defer { server.terminate() }
        try await Self.holdOneRequest(server)
        server.send(SIGINT)
        let status = await server.exited(within: 60)
        #expect(
            status == 0,
            "serve must end 1 s after the signal although a request waits 600 s (got \(String(describing: status)))")
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(
            text.contains(
                "pendo-replay serve: stopped: 1 request was still in flight after --shutdown-timeout 1s and cancelled unanswered; 0 records in the temporary database, now removed\n"
            ), "\(text)")
    }

    @Test(
        "one SIGINT with nothing in flight: serve stops (0) and says what its database holds and where",
        .timeLimit(.minutes(3)))
    func firstSignalStops() async throws {
        let (folder, log) = Self.logFile()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = (folder as NSString).appendingPathComponent("data")
        let server = try await ServeProcess.start(arguments: ["--data", data], log: log)
        defer { server.terminate() }
        server.send(SIGINT)
        let status = await server.exited(within: 60)
        #expect(status == 0, "exit \(String(describing: status))")
        let text = try String(contentsOfFile: log, encoding: .utf8)
        let database = (data as NSString).appendingPathComponent("emulator.sqlite")
        #expect(
            text.contains(
                "pendo-replay serve: stopped: every request in flight was answered; 0 records in \(database)\n"),
            "\(text)")
    }

    @Test("--idle-timeout closes a client connection that sends nothing; without it the connection stays")
    func idleTimeout() async throws {
        let server = try await ServeProcess.start(arguments: ["--idle-timeout", "300ms"])
        defer { server.terminate() }
        let closed = try await Self.connectionClosedByServer(port: server.port, within: 30)
        #expect(closed, "an idle connection must be closed by serve")
        let patient = try await ServeProcess.start(arguments: [])
        defer { patient.terminate() }
        let closedAnyway = try await Self.connectionClosedByServer(port: patient.port, within: 2)
        #expect(!closedAnyway, "without --idle-timeout an idle connection stays open")
    }

    /// Opens a TCP connection, sends nothing, and reads until the server closes it (true) or
    /// `seconds` pass (false).
    static func connectionClosedByServer(port: Int, within seconds: Double) async throws -> Bool {
        try await LoopbackSocket.exchange(port: port, timeout: Int(seconds)).closedByServer
    }
}
