import ArgumentParser
import Foundation
import LoadDriver
import Reports

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Fire a corpus at a streaming inlet with a load shape, and report what happened.",
        discussion: """
            Example:
              pendo-replay run --inlet http://127.0.0.1:8080/collection/INLET --corpus corpora/pendo-seed --rate 500 --duration 30s

            Load models: closed loop (default; --concurrency connections, next request on each answer),
            --rate R (constant), --stages 30s:100,2m:2000,30s:0 (linear ramps), --replay-speed X (recorded timing).
            Bounds: --duration, --requests, or the corpus once (default); --loop repeats the corpus.
            Writes DIR/report.json (default reports/<UTC timestamp>/) and prints a summary.
            Exit codes: 0 done, 1 failed (inlet unreachable, corpus unreadable), 2 usage.
            """
    )

    @Option(help: "Inlet URL (http:// or https://), the one-message endpoint .../collection/{INLET_ID}.")
    var inlet: String?

    @Option(help: "Flow Service URL to resolve the inlet from (not available yet in this version).")
    var flowService: String?

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

    @Flag(help: "Repeat the corpus until --duration or --requests stops the run.")
    var loop = false

    @Option(help: "raw (the event's bytes) or xdm (the mapped record in the XDM envelope).")
    var payload: String = "raw"

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

    func run() async throws {
        let config: LoadConfig
        let feed: EventFeedFactory
        do {
            (config, feed) = try self.makeConfig()
        } catch let error as ValidationError {
            throw error
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(2)
        }
        if config.insecure { StandardError.write("warning: --insecure: TLS certificates are not verified\n") }
        let outDir = self.out ?? RunOutput.defaultFolder()
        let code = await RunExecution.execute(config: config, feed: feed, outDir: outDir, live: !self.quiet && StandardError.isTerminal,
                                              printSummary: !self.quiet)
        if code != 0 { throw ExitCode(code) }
    }

    private func makeConfig() throws -> (LoadConfig, EventFeedFactory) {
        if self.flowService != nil {
            throw CLIError("--flow-service is not available yet in this version; give --inlet")
        }
        guard let inlet = self.inlet else { throw CLIError("--inlet URL is required") }
        guard !self.corpus.isEmpty else { throw CLIError("--corpus PATH is required") }
        guard self.payload == "raw" else {
            throw CLIError("--payload \(self.payload): only raw is available in this version (xdm arrives with the Data Prep mapper)")
        }
        let models = [self.rate != nil, self.stages != nil, self.replaySpeed != nil].filter { $0 }.count
        guard models <= 1 else { throw CLIError("give at most one of --rate, --stages, --replay-speed") }
        var model = LoadModel.closed
        if let rate = self.rate { model = .constant(rate: rate) }
        if let stages = self.stages { model = .stages(try StagesParser.parse(stages)) }
        if let speed = self.replaySpeed {
            model = .replay(speed: speed, maxGap: try self.maxGap.map { try Self.seconds($0, option: "--max-gap") })
        }
        guard let cap = CapPolicy(rawValue: self.atCap) else { throw CLIError("--at-cap \(self.atCap): queue or drop") }
        var headers: [(name: String, value: String)] = []
        for header in self.headers {
            guard let colon = header.firstIndex(of: ":") else { throw CLIError("--header \(header): expected 'Name: value'") }
            headers.append((String(header[..<colon]).trimmingCharacters(in: .whitespaces),
                            String(header[header.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
        }
        var token: String?
        if let tokenFile = self.tokenFile {
            guard let text = try? String(contentsOfFile: tokenFile, encoding: .utf8) else { throw CLIError("cannot read --token-file \(tokenFile)") }
            token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        } else if let env = ProcessInfo.processInfo.environment["PENDO_REPLAY_TOKEN"], !env.isEmpty {
            token = env
        }
        // Open once now so a bad path fails before any connection is made.
        _ = try CorpusFeed(paths: self.corpus)
        let config = LoadConfig(
            inlet: inlet, corpusPaths: self.corpus, payloadName: self.payload, batch: self.batch,
            concurrency: self.concurrency, model: model, maxInFlight: self.maxInFlight, atCap: cap,
            duration: try self.duration.map { try Self.seconds($0, option: "--duration") }, requests: self.requests,
            loop: self.loop, retry: RetryPolicy(maxRetries: self.retries),
            connectTimeout: try Self.seconds(self.connectTimeout, option: "--connect-timeout"),
            requestTimeout: try Self.seconds(self.timeout, option: "--timeout"),
            drainTimeout: try Self.seconds(self.drainTimeout, option: "--drain-timeout"),
            syncValidation: self.syncValidation, insecure: self.insecure, flowId: self.flowId, headers: headers,
            token: token, eventLoops: self.eventLoops)
        let replay: Bool = { if case .replay = model { return true } else { return false } }()
        return (config, CorpusFeed.factory(paths: self.corpus, timestamps: replay))
    }

    private static func seconds(_ text: String, option: String) throws -> Double {
        guard let value = DurationParser.seconds(text) else { throw CLIError("\(option) \(text): not a duration (e.g. 500ms, 30s, 2m)") }
        return value
    }
}
