import ArgumentParser
import Foundation
import InletEmulator
import PendoEvents

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the local emulator of the Flow Service API and the streaming inlet.",
        discussion: """
            Example:
              pendo-replay serve --host 127.0.0.1 --port 8080 --data /tmp/pendo-data
              pendo-replay serve --port 0 --latency p50=5ms,p99=80ms --error-rate 503=0.01 --rate-limit 2000 --retry-after 1
              pendo-replay serve --port 0 --tls-cert cert.pem --tls-key key.pem --close-mid-answer 0.01 --idle-timeout 30s

            Prints one JSON line on stdout once listening: {"event":"listening","url":...,"port":...,"database":...}.
            Stops on SIGINT or SIGTERM after answering and committing what is in flight (for at most
            --shutdown-timeout) and says so on stderr; a second signal quits at once (exit 130), as
            run and validate do. See docs/EMULATOR.md.
            """
    )

    @Option(help: "Address to bind.")
    var host: String = "127.0.0.1"

    @Option(help: "Port to bind (0 picks a free one; read it from the first stdout line).")
    var port: Int = 8080

    @Option(help: "Folder of the SQLite database (emulator.sqlite); a temporary one when absent.")
    var data: String?

    @Option(help: "SQLite synchronous mode: normal (survives a killed process) or full (also survives power loss).")
    var synchronous: String = "normal"

    @Option(
        help:
            "Group commit: how long the writer waits for more records after the first, in milliseconds (0: none; records that arrive during a commit go in the next)."
    )
    var commitWindowMs: Double = 0

    @Option(help: "Group commit: commit at once when this many records wait.")
    var commitMaxBatch: Int = 512

    @Option(
        help:
            "Milliseconds between checkpoints of the SQLite log, run beside the writer after commits (0: the writer checkpoints itself every 1,000 pages, SQLite's default)."
    )
    var checkpointIntervalMs: Double = 10

    @Option(
        help:
            "Require this bearer token on Platform API requests (any token is accepted otherwise), on authenticated inlets, and on /emulator/* and /metrics."
    )
    var requireToken: String?

    @Option(
        help:
            "Read the --require-token value from this file (kept out of the process list, which other users can read).")
    var requireTokenFile: String?

    @Flag(help: "Every inlet requires a token (401 without one, 403 with a wrong one under --require-token).")
    var inletAuth: Bool = false

    @Option(help: "Tenant id in schema ids.")
    var tenant: String = "extconndev"

    @Option(help: "Base URL written into flows' options.inletUrl (default: the Host the client used).")
    var publicUrl: String?

    @Option(help: "Largest inlet request body in bytes (413 above).")
    var maxRequestBytes: Int = 1_048_576

    @Option(help: "Most messages in one batch request (400 above).")
    var maxBatchMessages: Int = 10_000

    @Option(help: "Added latency: a duration (50ms) or a distribution p50=20ms,p99=200ms.")
    var latency: String?

    @Option(
        help: "Error rate per status, STATUS=FRACTION (repeatable), e.g. --error-rate 500=0.01 --error-rate 503=0.02.")
    var errorRate: [String] = []

    @Option(help: "Requests per second above which the emulator answers 429.")
    var rateLimit: Double?

    @Option(
        help:
            "A known capacity: serve at most this many requests/s through a bounded queue (latency grows as it fills, 503 when full)."
    )
    var capacity: Double?

    @Option(help: "Requests that may wait for --capacity at once (default: one second's worth).")
    var capacityQueue: Int?

    @Option(help: "Retry-After seconds sent with 429 answers (none by default, as Adobe).")
    var retryAfter: Int?

    @Option(help: "Fraction of requests whose connection is reset (TCP RST) instead of answered.")
    var resetRate: Double = 0

    @Option(
        help:
            "Fraction of answers cut after half their body, the connection then closed (the request was handled: the client cannot know)."
    )
    var closeMidAnswer: Double = 0

    @Option(help: "Write answer bodies at this many bytes per second (the head at once).")
    var trickle: Int?

    @Option(
        help:
            "Close the connection right after every Nth answer (counted over all connections), with no Connection: close header."
    )
    var closeEvery: Int?

    @Option(help: "Serve HTTPS with this PEM certificate chain (leaf first); needs --tls-key.")
    var tlsCert: String?

    @Option(help: "The PEM private key of --tls-cert.")
    var tlsKey: String?

    @Option(help: "Close client connections idle for this long (no request being read or answered), e.g. 30s.")
    var idleTimeout: String?

    @Option(
        help:
            "After SIGINT/SIGTERM, how long in-flight requests may take before they are cancelled; a second signal cancels at once."
    )
    var shutdownTimeout: String = "10s"

    @Option(
        help: "Stall window: no answers for DURATION from START after start-up, written START+DURATION (e.g. 10s+5s).")
    var stall: String?

    @Flag(
        help:
            "Enforce Adobe's published streaming guardrails (1,000 requests/s, 10,000 messages/s, 60 sync-validation requests/min) with 429."
    )
    var guardrails: Bool = false

    @Option(help: "Which requests faults apply to: inlet, api or all.")
    var faultScope: String = "inlet"

    @Option(help: "Seed of fault draws.")
    var faultSeed: UInt64 = 0x5eed

    func run() async throws {
        let configuration: EmulatorConfiguration
        do {
            configuration = try self.makeConfiguration()
        } catch let error as ValidationError {
            StandardError.write("pendo-replay serve: \(error.message)\n")
            throw ExitCode(2)
        }
        let emulator: InletEmulator
        do {
            emulator = try InletEmulator(configuration: configuration)
        } catch let error as EmulatorStartError {
            StandardError.write("pendo-replay serve: \(error.message)\n")
            throw ExitCode(2)
        } catch {
            StandardError.write("pendo-replay serve: cannot open the database: \(error)\n")
            throw ExitCode(1)
        }
        let host = configuration.host
        if let warning = Self.exposureWarning(host: host, requiredToken: configuration.requiredToken) {
            StandardError.write("pendo-replay serve: \(warning)\n")
        }
        let scheme = configuration.scheme
        let database = emulator.databasePath
        let signals = SignalStopper(
            notice:
                "pendo-replay serve: stopping: answering the requests in flight (for at most --shutdown-timeout \(self.shutdownTimeout)) and committing them (Ctrl-C again to quit at once)",
            quitting: { emulator.removeTemporaryDatabase() },
            { emulator.shutDown() }
        )
        defer { signals.cancel() }
        let stop: EmulatorStop
        do {
            stop = try await emulator.run { port in
                let line =
                    "{\"event\":\"listening\",\"url\":\"\(scheme)://\(host):\(port)\",\"port\":\(port),\"database\":\"\(database)\"}\n"
                FileHandle.standardOutput.write(Data(line.utf8))
                StandardError.write(
                    "pendo-replay serve: listening on \(scheme)://\(host):\(port) (database \(database))\n")
            }
        } catch {
            let message = Self.busyPortMessage(error, host: host, port: self.port) ?? "\(error)"
            StandardError.write("pendo-replay serve: \(message)\n")
            throw ExitCode(1)
        }
        StandardError.write(
            "pendo-replay serve: \(Self.stoppedMessage(stop, database: database, shutdownTimeout: self.shutdownTimeout))\n"
        )
    }

    /// What serve says when it has stopped: whether every request in flight was answered, and what
    /// the database holds and where it is.
    static func stoppedMessage(_ stop: EmulatorStop, database: String, shutdownTimeout: String) -> String {
        let count = stop.cancelledRequests
        let answers =
            count > 0
            ? "\(count) request\(count == 1 ? " was" : "s were") still in flight after --shutdown-timeout \(shutdownTimeout) and cancelled unanswered"
            : "every request in flight was answered"
        let records = stop.records.map { "\($0) record\($0 == 1 ? "" : "s")" } ?? "an unreadable count of records"
        let kept = stop.databaseRemoved ? "in the temporary database, now removed" : "in \(database)"
        return "stopped: \(answers); \(records) \(kept)"
    }

    /// A warning when the emulator listens beyond loopback with no `--require-token`: then anyone
    /// who reaches the port can create flows, post records and read every stored record back.
    static func exposureWarning(host: String, requiredToken: String?) -> String? {
        guard requiredToken == nil else { return nil }
        let lower = host.lowercased()
        if lower == "localhost" || lower == "::1" || lower == "[::1]" || lower.hasPrefix("127.") { return nil }
        return
            "warning: listening on \(host), beyond loopback, with no --require-token: anyone who reaches this port can "
            + "read and write every dataset (give --require-token TOKEN, or --host 127.0.0.1)"
    }

    func makeConfiguration() throws -> EmulatorConfiguration {
        var requiredToken = self.requireToken
        if let file = self.requireTokenFile {
            guard self.requireToken == nil else {
                throw ValidationError("give --require-token or --require-token-file, not both")
            }
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw ValidationError("--require-token-file \(file): cannot read the file")
            }
            let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !token.isEmpty, !token.contains(where: { $0 == "\r" || $0 == "\n" }) else {
                throw ValidationError("--require-token-file \(file): give one line holding the token")
            }
            requiredToken = token
        }
        guard self.maxBatchMessages >= 1 else {
            throw ValidationError("--max-batch-messages must be at least 1, not \(self.maxBatchMessages)")
        }
        guard ["normal", "full"].contains(self.synchronous.lowercased()) else {
            throw ValidationError("--synchronous must be normal or full, not \(self.synchronous)")
        }
        guard (0...65_535).contains(self.port) else {
            throw ValidationError("--port takes a TCP port from 0 (any free one) to 65535, not \(self.port)")
        }
        guard self.commitWindowMs.isFinite, (0...10_000).contains(self.commitWindowMs) else {
            throw ValidationError("--commit-window-ms takes milliseconds from 0 to 10000, not \(self.commitWindowMs)")
        }
        guard self.checkpointIntervalMs.isFinite, (0...10_000).contains(self.checkpointIntervalMs) else {
            throw ValidationError(
                "--checkpoint-interval-ms takes milliseconds from 0 to 10000, not \(self.checkpointIntervalMs)")
        }
        guard self.commitMaxBatch >= 1 else {
            throw ValidationError("--commit-max-batch takes a count of records above 0, not \(self.commitMaxBatch)")
        }
        guard self.maxRequestBytes >= 1 else {
            throw ValidationError("--max-request-bytes takes a size in bytes above 0, not \(self.maxRequestBytes)")
        }
        if let retryAfter = self.retryAfter, !(0...86_400).contains(retryAfter) {
            throw ValidationError("--retry-after takes whole seconds from 0 to 86400, not \(retryAfter)")
        }
        guard let scope = FaultConfiguration.Scope(rawValue: self.faultScope) else {
            throw ValidationError("--fault-scope must be inlet, api or all, not \(self.faultScope)")
        }
        var faults = FaultConfiguration(scope: scope, seed: self.faultSeed)
        if let latency = self.latency {
            faults.latency = try Self.parseLatency(latency)
        }
        for entry in self.errorRate {
            let parts = entry.split(separator: "=")
            guard parts.count == 2, let status = Int(parts[0]), (400...599).contains(status),
                let rate = Double(parts[1]), (0...1).contains(rate)
            else {
                throw ValidationError(
                    "--error-rate takes STATUS=FRACTION with a 4xx/5xx status and a fraction in 0...1, e.g. 503=0.02, not \(entry)"
                )
            }
            faults.errorRates[status] = rate
        }
        if let rateLimit = self.rateLimit {
            guard rateLimit > 0, rateLimit.isFinite else {
                throw ValidationError("--rate-limit takes requests per second above 0, not \(rateLimit)")
            }
            faults.rateLimit = rateLimit
        }
        if let capacity = self.capacity {
            guard capacity.isFinite, capacity > 0, capacity <= 10_000_000 else {
                throw ValidationError("--capacity takes requests per second above 0 (up to 10000000), not \(capacity)")
            }
            faults.capacity = capacity
        }
        if let depth = self.capacityQueue {
            guard self.capacity != nil else { throw ValidationError("--capacity-queue needs --capacity") }
            guard depth > 0 else {
                throw ValidationError("--capacity-queue takes a count of requests above 0, not \(depth)")
            }
            faults.capacityQueue = depth
        }
        faults.retryAfterSeconds = self.retryAfter
        guard (0...1).contains(self.resetRate) else { throw ValidationError("--reset-rate is a fraction in 0...1") }
        faults.resetRate = self.resetRate
        guard (0...1).contains(self.closeMidAnswer) else {
            throw ValidationError("--close-mid-answer is a fraction in 0...1, not \(self.closeMidAnswer)")
        }
        faults.closeMidAnswerRate = self.closeMidAnswer
        if let trickle = self.trickle {
            guard trickle > 0 else { throw ValidationError("--trickle takes bytes per second above 0, not \(trickle)") }
            faults.trickleBytesPerSecond = trickle
        }
        if let closeEvery = self.closeEvery {
            guard closeEvery > 0 else {
                throw ValidationError("--close-every takes a count of answers above 0, not \(closeEvery)")
            }
            faults.closeEvery = closeEvery
        }
        var tls: TLSFiles?
        switch (self.tlsCert, self.tlsKey) {
        case (nil, nil): tls = nil
        case (let cert?, let key?): tls = TLSFiles(certificatePath: cert, privateKeyPath: key)
        default:
            throw ValidationError(
                "--tls-cert and --tls-key go together: give both PEM files, or neither for plain HTTP")
        }
        var idleTimeout: Double?
        if let text = self.idleTimeout {
            guard let seconds = Self.duration(text), seconds > 0 else {
                throw ValidationError("--idle-timeout takes a duration above 0 (30s, 500ms), not \(text)")
            }
            idleTimeout = seconds
        }
        guard let shutdownTimeout = Self.duration(self.shutdownTimeout) else {
            throw ValidationError("--shutdown-timeout takes a duration (10s, 500ms, 0), not \(self.shutdownTimeout)")
        }
        if let stall = self.stall {
            let parts = stall.split(separator: "+")
            guard parts.count == 2, let start = Self.duration(String(parts[0])),
                let duration = Self.duration(String(parts[1]))
            else {
                throw ValidationError("--stall takes START+DURATION, e.g. 10s+5s, not \(stall)")
            }
            faults.stall = .init(start: start, duration: duration)
        }
        faults.guardrails = self.guardrails
        return EmulatorConfiguration(
            host: self.host,
            port: self.port,
            dataDirectory: self.data,
            synchronousFull: self.synchronous.lowercased() == "full",
            commitWindow: self.commitWindowMs / 1000,
            commitMaxBatch: self.commitMaxBatch,
            checkpointInterval: self.checkpointIntervalMs > 0 ? self.checkpointIntervalMs / 1000 : nil,
            requiredToken: requiredToken,
            inletAuthenticationRequired: self.inletAuth,
            tenant: self.tenant,
            publicBaseURL: self.publicUrl,
            maxRequestBytes: self.maxRequestBytes,
            maxBatchMessages: self.maxBatchMessages,
            faults: faults,
            tls: tls,
            idleTimeout: idleTimeout,
            shutdownTimeout: shutdownTimeout
        )
    }

    /// Seconds, in the one duration grammar (`DurationText`: a bare number is seconds), or nil.
    static func duration(_ text: String) -> Double? {
        try? DurationText.seconds(text)
    }

    static func parseLatency(_ text: String) throws -> FaultConfiguration.Latency {
        if text.contains("=") {
            var p50: Double?
            var p99: Double?
            for part in text.split(separator: ",") {
                let pair = part.split(separator: "=")
                guard pair.count == 2, let value = Self.duration(String(pair[1])) else {
                    throw ValidationError("--latency distribution is p50=DURATION,p99=DURATION, not \(text)")
                }
                if pair[0] == "p50" { p50 = value } else if pair[0] == "p99" { p99 = value }
            }
            guard let p50, let p99, p99 >= p50 else {
                throw ValidationError("--latency needs p50 and p99 with p99 >= p50, e.g. p50=20ms,p99=200ms")
            }
            return .distribution(p50: p50, p99: p99)
        }
        guard let fixed = Self.duration(text) else {
            throw ValidationError("--latency takes a duration (50ms, 1s) or p50=...,p99=..., not \(text)")
        }
        return .fixed(fixed)
    }
}
