import ArgumentParser
import Foundation
import LoadDriver
import PendoEvents
import ReplayCommon
import Reports

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Fire a corpus at a streaming inlet with a load shape, and report what happened.",
        discussion: """
            Examples:
              pendo-replay run --inlet http://127.0.0.1:8080/collection/INLET_ID \\
                --flow-id FLOW_ID --corpus corpora/pendo-seed --rate 500 --duration 30s
              pendo-replay run --flow flow.json --corpus corpora/pendo-seed \\
                --threshold 'p99<250ms' --threshold 'rejected==0'
              pendo-replay   # --emulator, corpora/pendo-seed, --rate 2000, 10s

            Target: --inlet URL (with --flow-id for raw events); or --flow FILE (from
            provision --save) or --flow-service URL --flow-id ID: the inlet resolved with
            GET /flows/{id}, the flow's /runs record summary put in the report; or, with
            none of these (or --emulator), the emulator started in-process, the seed's
            chain provisioned in it, and what it stored reconciled with the run's
            outcomes event by event (exit 1 on loss). --outcomes writes
            DIR/outcomes.jsonl.gz (one line per planned event; always with the
            emulator) for `reconcile`.

            Load models: closed loop (default; --concurrency connections, next request
            on each answer), --rate R (constant), --stages 30s:100,2m:2000,30s:0
            (linear ramps), --replay-speed X (recorded timing). Bounds: --duration,
            --requests, or the corpus once (default); --loop repeats the corpus.

            Writes DIR/report.json, summary.md, report.html, latency.hgrm,
            intervals.hlog, junit.xml (default reports/<UTC timestamp>/) and prints a
            summary. --threshold 'p99<250ms' (repeatable) is checked at the end;
            --abort-on-fail stops the run at the first failure (after --abort-grace
            for percentiles, rates and ratios).

            Exit codes: 0 done, 1 failed (inlet unreachable, no readable event in the
            corpus, no event accepted, reconciliation does not hold), 2 usage (an
            --inlet URL not of the shape .../collection/{INLET_ID} included), 99 a
            threshold failed (every file still written).
            """
    )

    @Option(help: "Inlet URL (http:// or https://), the one-message endpoint .../collection/{INLET_ID}.")
    var inlet: String?

    @Option(help: "Flow Service URL to resolve the inlet from, with --flow-id (GET /flows/{id}).")
    var flowService: String?

    @Option(help: "A flow file written by `provision --save`: its flow's inlet is resolved and used.")
    var flow: String?

    @Flag(help: "Start the emulator in-process and provision the seed's chain in it (the default with no target).")
    var emulator = false

    @Option(help: "JSON file with accessToken, apiKey, orgId, sandboxName for --flow-service (the environment wins).")
    var credentials: String?

    @Option(
        help:
            "Pass/fail rule checked at the end, e.g. 'p99<250ms', 'error_rate<1%', 'rejected==0'; repeatable (exit 99)."
    )
    var threshold: [String] = []

    @Flag(
        help:
            "Stop the run as soon as a --threshold fails (checked once a second); the stop reason is 'aborted (threshold ...)'."
    )
    var abortOnFail = false

    @Option(
        help:
            "--abort-on-fail: how long from the start a percentile, rate or ratio may fail before it stops the run (a count such as failed<2 stops it at once)."
    )
    var abortGrace: String = "10s"

    @Option(help: "Flow id, sent as the x-adobe-flow-id header.")
    var flowId: String?

    @Option(help: "Corpus file or folder (JSON Lines or JSON arrays, plain or gzip); repeatable.")
    var corpus: [String] = []

    @Option(help: "Connections (and requests in flight in a closed loop).")
    var concurrency: Int = 64

    @Option(help: "Open loop at a constant rate, requests per second.")
    var rate: Double?

    @Option(help: "Open loop through stages DURATION:RATE,..., e.g. 30s:100,2m:2000,30s:0.")
    var stages: String?

    @Option(help: "Open loop at the corpus's recorded timing, sped up by X.")
    var replaySpeed: Double?

    @Option(help: "Replay: longest idle gap kept, e.g. 5s.")
    var maxGap: String?

    @Option(help: "Open loop: most requests in flight (default: --concurrency).")
    var maxInFlight: Int?

    @Option(help: "Open loop: at the in-flight cap, queue (the wait counts in latency) or drop (counted).")
    var atCap: String = "queue"

    @Option(help: "Stop after this long, e.g. 30s, 2m.")
    var duration: String?

    @Option(help: "Stop after this many requests.")
    var requests: Int?

    @Flag(
        help:
            "Repeat the corpus until --duration or --requests stops the run (a corpus whose requests fit in 64 MiB is re-sent from memory)."
    )
    var loop = false

    @Option(help: "raw (the event's bytes) or xdm (the mapped record in the XDM envelope).")
    var payload: String = "raw"

    @Option(help: "--payload xdm: the Data Prep mapping set (default: the corpus bundle's mapping.json).")
    var mapping: String?

    @Option(help: "--payload xdm: the target XDM schema, xed-full (default: the corpus bundle's schema.json).")
    var schema: String?

    @Option(
        help:
            "--payload xdm: header.schemaRef.id (default: the mapping set's outputSchema.schemaRef.id, else the schema's $id)."
    )
    var schemaId: String?

    @Option(help: "Messages per request; above 1 posts to /collection/batch/ and reads the 207 answer.")
    var batch: Int = 1

    @Flag(help: "Add ?syncValidation=true.")
    var syncValidation = false

    @Option(name: .customLong("header"), help: "Extra header 'Name: value'; repeatable.")
    var headers: [String] = []

    @Option(help: "File holding a bearer token (else PENDO_REPLAY_TOKEN).")
    var tokenFile: String?

    @Flag(help: "Skip TLS certificate verification (warns).")
    var insecure = false

    @Option(
        help:
            "PEM file of the certificates to trust instead of the system's (a private CA; default: SSL_CERT_FILE when set); the inlet's name is still checked."
    )
    var caCert: String?

    @Option(help: "PEM client certificate presented to an inlet that asks for one (with --client-key).")
    var clientCert: String?

    @Option(help: "Unencrypted PEM private key of --client-cert.")
    var clientKey: String?

    @Option(help: "Retries on 429, 503 and connection errors.")
    var retries: Int = 0

    @Option(help: "Connect timeout, e.g. 5s.")
    var connectTimeout: String = "5s"

    @Option(help: "Request timeout, e.g. 30s.")
    var timeout: String = "30s"

    @Option(help: "After a stop, how long to wait for answers in flight.")
    var drainTimeout: String = "5s"

    @Option(help: "Event loops (threads) for sockets; 0 = one per core.")
    var eventLoops: Int = 0

    @Option(help: "Output folder (default reports/<UTC timestamp>/).")
    var out: String?

    @Flag(help: "No live line and no summary on stdout (the report is still written).")
    var quiet = false

    @Option(
        help:
            "This process's shard of a sharded run, K/N (0-based): it sends the events and sends numbered K mod N of the single-process run, at their times in the whole run's schedule."
    )
    var shard: String?

    @Option(help: "Shards in the run, this one's index read from JOB_COMPLETION_INDEX (a Kubernetes Indexed Job).")
    var shards: Int?

    @Option(
        help:
            "Id shared by the shards of one run, recorded in each report and checked by `report merge` (default: PENDO_REPLAY_RUN_ID)."
    )
    var runId: String?

    @Option(
        help:
            "Start sending at this wall-clock time, RFC 3339 (2026-12-05T21:00:00Z) or +DURATION from now (+10s), so shards start together."
    )
    var startAt: String?

    @Option(
        help:
            "Serve Prometheus metrics on this port while running (GET /metrics): requests and events by outcome, latency, in-flight, schedule lag."
    )
    var metricsPort: Int?

    @Option(help: "--metrics-port: the address to listen on (0.0.0.0 for a pod's scrape).")
    var metricsAddress: String = "127.0.0.1"

    @Flag(
        help:
            "Write outcomes.jsonl.gz beside the report: one line per planned event (key, source, outcome, attempts, last status), for `reconcile` (always on with the emulator)."
    )
    var outcomes = false

    func run() async throws {
        var finishing = RunFinishing(abortOnFail: self.abortOnFail)
        if let port = self.metricsPort {
            guard (1...65_535).contains(port) else {
                StandardError.write("error: --metrics-port \(port): a TCP port, 1 to 65535\n")
                throw ExitCode(2)
            }
            finishing.metricsServer = MetricsServer(host: self.metricsAddress, port: port)
        }
        do {
            finishing.abortGraceSeconds = try Self.seconds(self.abortGrace, option: "--abort-grace")
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(2)
        }
        do {
            finishing.thresholds = try ThresholdSet(parsing: self.threshold)
        } catch {
            StandardError.write("error: --threshold: \(error)\n")
            throw ExitCode(2)
        }
        // The flow and emulator targets resolve the inlet later; the rest of the settings are checked first.
        var command = self
        var bundle: String?
        var flowTarget: FlowTarget?
        let config: LoadConfig
        let feed: EventFeedFactory
        do {
            let choice = try self.chooseTarget()
            (command, bundle, flowTarget) = (choice.command, choice.bundle, choice.flowTarget)
            if choice.bundle != nil, self.shard != nil || self.shards != nil {
                throw CLIError(
                    "--shard: a shard sends its part of the run to a target all shards share: give --inlet, --flow or "
                        + "--flow-service (the in-process emulator would be each process's own)")
            }
        } catch let error as ValidationError {
            throw error
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(2)
        }
        if self.payload == "xdm", flowTarget?.client != nil {
            // The envelope's schemaRef is the flow's own; asked now, before anything is sent.
            do {
                try await flowTarget?.resolveSchemaId()
            } catch {
                StandardError.write("error: the schema of flow \(flowTarget?.flowId ?? ""): \(error)\n")
                throw ExitCode(1)
            }
        }
        do {
            if bundle != nil {
                if command.rate == nil && command.stages == nil && command.replaySpeed == nil {
                    command.rate = DefaultJob.defaultRate
                }
                if command.duration == nil && command.requests == nil { command.duration = DefaultJob.defaultDuration }
            }
            if bundle == nil { command.schemaId = try command.envelopeSchemaId(flowTarget: flowTarget) }
            (config, feed) = try command.makeConfig()
            try config.checkCombinations()
        } catch let error as ValidationError {
            throw error
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(2)
        }
        if let problem = try? CorpusProbe.problem(paths: command.corpus) {
            StandardError.write("error: \(problem)\n")
            throw ExitCode(1)
        }
        let code = try await command.execute(
            config: config, feed: feed, bundle: bundle, flowTarget: flowTarget, finishing: finishing)
        if code != 0 { throw ExitCode(code) }
    }

    /// Resolves the target (emulator, flow), runs, and returns the exit code.
    private func execute(
        config: LoadConfig, feed: @escaping EventFeedFactory, bundle: String?, flowTarget: FlowTarget?,
        finishing: RunFinishing
    ) async throws -> Int32 {
        var config = config
        var finishing = finishing
        var job: DefaultJob?
        let outDir: String
        do {
            outDir = try self.out ?? RunOutput.claimDefaultFolder()
        } catch {
            StandardError.write("error: \(error)\n")
            return 1
        }
        if self.outcomes || bundle != nil {
            do {
                try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
            } catch {
                StandardError.write("error: cannot create the output folder \(outDir): \(error)\n")
                return 1
            }
            config.outcomesPath = (outDir as NSString).appendingPathComponent(ReportFiles.outcomes)
        }
        let keyPath = OutcomesReconciliation.keyPath(
            payload: self.payload, mappingFile: self.mappingFileForKeys(bundle: bundle))
        do {
            if let bundle {
                let started = try await DefaultJob.start(bundle: bundle)
                job = started
                config.inlet = started.chain.inletUrl
                config.flowId = started.chain.flowId
                finishing.afterRun = started.afterRun(keyPath: keyPath)
                if !self.quiet { StandardError.write(started.banner + "\n") }
            } else if let flowTarget {
                config.inlet = try await flowTarget.resolveInlet()
                config.flowId = flowTarget.flowId
                finishing.afterRun = flowTarget.afterRun(
                    before: await flowTarget.platformSummaryNow(), keyPath: keyPath)
            }
        } catch {
            StandardError.write("error: \(error)\n")
            return 1
        }
        if config.insecure { StandardError.write("warning: --insecure: TLS certificates are not verified\n") }
        if let warning = Self.flowIdWarning(config) { StandardError.write(warning + "\n") }
        let code = await RunExecution.execute(
            config: config, feed: feed, outDir: outDir, live: !self.quiet && StandardError.isTerminal,
            printSummary: !self.quiet, finishing: finishing)
        await job?.stop()
        return code
    }

    /// Flags that only mean something beside another one, refused alone with the reason and the fix.
    func checkFlagCombinations() throws {
        if self.payload == "raw" {
            let xdmOnly = [("--mapping", self.mapping), ("--schema", self.schema), ("--schema-id", self.schemaId)]
                .filter { $0.1 != nil }.map(\.0)
            if !xdmOnly.isEmpty {
                throw CLIError(
                    "\(xdmOnly.joined(separator: ", ")) shape XDM messages, but --payload raw sends each event's own bytes: "
                        + "add --payload xdm, or drop \(xdmOnly.count == 1 ? "it" : "them")")
            }
        }
        if self.maxGap != nil, self.replaySpeed == nil {
            throw CLIError(
                "--max-gap applies to --replay-speed only (the recorded timing's idle gaps): add --replay-speed X, or drop --max-gap"
            )
        }
        if self.abortOnFail, self.threshold.isEmpty {
            throw CLIError(
                "--abort-on-fail stops the run when a --threshold fails, and none is given: add --threshold EXPR, or drop --abort-on-fail"
            )
        }
    }

    func makeConfig() throws -> (LoadConfig, EventFeedFactory) {
        guard let inlet = self.inlet else { throw CLIError("--inlet URL is required") }
        try self.checkFlagCombinations()
        try InletAddress.checkShape(inlet)
        guard !self.corpus.isEmpty else { throw CLIError("--corpus PATH is required") }
        let payloadMapper = try self.makePayloadMapper()
        let models = [self.rate != nil, self.stages != nil, self.replaySpeed != nil].filter { $0 }.count
        guard models <= 1 else { throw CLIError("give at most one of --rate, --stages, --replay-speed") }
        var model = LoadModel.closed
        if let rate = self.rate { model = .constant(rate: rate) }
        if let stages = self.stages { model = .stages(try StagesParser.parse(stages)) }
        if let speed = self.replaySpeed {
            model = .replay(speed: speed, maxGap: try self.maxGap.map { try Self.seconds($0, option: "--max-gap") })
        }
        try model.check()
        guard let cap = CapPolicy(rawValue: self.atCap) else { throw CLIError("--at-cap \(self.atCap): queue or drop") }
        var headers: [(name: String, value: String)] = []
        for header in self.headers {
            guard let colon = header.firstIndex(of: ":") else {
                throw CLIError("--header \(header): expected 'Name: value'")
            }
            headers.append(
                (
                    String(header[..<colon]).trimmingCharacters(in: .whitespaces),
                    String(header[header.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
                ))
        }
        var token: String?
        if let tokenFile = self.tokenFile {
            guard let text = try? String(contentsOfFile: tokenFile, encoding: .utf8) else {
                throw CLIError("cannot read --token-file \(tokenFile)")
            }
            token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        } else if let env = ProcessInfo.processInfo.environment["PENDO_REPLAY_TOKEN"], !env.isEmpty {
            token = env
        }
        // Open once now so a bad path fails before any connection is made.
        _ = try CorpusFeed(paths: self.corpus)
        // As curl and OpenSSL do: SSL_CERT_FILE names the trusted certificates when no flag does.
        let fromEnvironment =
            self.insecure ? nil : ProcessInfo.processInfo.environment["SSL_CERT_FILE"].flatMap { $0.isEmpty ? nil : $0 }
        let trusted = self.caCert ?? fromEnvironment
        if let trusted, !FileManager.default.isReadableFile(atPath: trusted) {
            let flag = self.caCert == nil ? "SSL_CERT_FILE" : "--ca-cert"
            throw CLIError("\(flag) \(trusted): no such readable file (a PEM file of certificates to trust)")
        }
        let base = LoadConfig(
            inlet: inlet, corpusPaths: self.corpus, payloadName: self.payload, batch: self.batch,
            concurrency: self.concurrency, model: model, maxInFlight: self.maxInFlight, atCap: cap,
            duration: try self.duration.map { try Self.seconds($0, option: "--duration") }, requests: self.requests,
            loop: self.loop, retry: RetryPolicy(maxRetries: self.retries),
            connectTimeout: try Self.seconds(self.connectTimeout, option: "--connect-timeout"),
            requestTimeout: try Self.seconds(self.timeout, option: "--timeout"),
            drainTimeout: try Self.seconds(self.drainTimeout, option: "--drain-timeout"),
            syncValidation: self.syncValidation, insecure: self.insecure, trustedCertificatesPath: trusted,
            clientCertificatePath: self.clientCert, clientKeyPath: self.clientKey,
            flowId: self.flowId, headers: headers,
            token: token, eventLoops: self.eventLoops, payloadMapper: payloadMapper)
        // Certificates and keys are read now, so a wrong file fails before the target is resolved.
        if base.trustedCertificatesPath != nil || base.clientCertificatePath != nil || base.clientKeyPath != nil {
            _ = try base.tlsConfiguration()
        }
        let sharding = try ShardFlags(shard: self.shard, shards: self.shards, runId: self.runId, startAt: self.startAt)
            .resolve(environment: ProcessInfo.processInfo.environment, now: Date())
        var config = base
        (config.shard, config.runId, config.startAt) = (sharding.shard, sharding.runId, sharding.startAt)
        _ = try config.shardLocal()
        let replay: Bool = { if case .replay = model { return true } else { return false } }()
        return (config, CorpusFeed.factory(paths: self.corpus, timestamps: replay))
    }

    /// A warning when raw events go to an inlet with no flow id (no `--flow-id`, no `x-adobe-flow-id`
    /// header or query parameter): an inlet whose dataflow maps raw data answers 400 to each of them.
    static func flowIdWarning(_ config: LoadConfig) -> String? {
        guard config.payloadName == "raw", config.flowId == nil else { return nil }
        if config.headers.contains(where: { $0.name.lowercased() == "x-adobe-flow-id" }) { return nil }
        if config.inlet.lowercased().contains("x-adobe-flow-id=") { return nil }
        return
            "warning: raw events go to the inlet with no flow id: a dataflow that maps raw data answers 400 to each; "
            + "add --flow-id ID (provision prints it), or give --flow FILE or --flow-service URL --flow-id ID"
    }

    static func seconds(_ text: String, option: String) throws -> Double {
        guard let value = try? DurationText.seconds(text) else {
            throw CLIError("\(option) \(text): not a duration (e.g. 500ms, 30s, 2m)")
        }
        return value
    }
}
