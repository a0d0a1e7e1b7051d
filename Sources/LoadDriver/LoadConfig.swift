import Foundation
import ReplayCommon
import Reports

/// Everything a load run needs, mapped from the command line by the CLI (or built by a program that
/// embeds the driver). Defaults are in the one `init`.
public struct LoadConfig: Sendable {
    /// The inlet URL: `http://` or `https://`, the one-message endpoint (`.../collection/{INLET_ID}`).
    /// With `batch > 1` requests go to `.../collection/batch/{INLET_ID}`.
    public var inlet: String
    /// Corpus paths, for the report only (the events come from `feed`).
    public var corpusPaths: [String]
    /// `raw` (the event's own bytes) or `xdm` (the mapper's XDM envelope); for the report.
    public var payloadName: String
    /// Messages per request; above 1 posts `{"messages":[...]}` to the batch endpoint and reads each
    /// message's outcome from the 207 answer.
    public var batch: Int
    /// Connections opened; in a closed loop also the requests in flight.
    public var concurrency: Int
    /// How requests are paced.
    public var model: LoadModel
    /// Open loop: most requests in flight at once (defaults to `concurrency`).
    public var maxInFlight: Int?
    /// Open loop: what to do with a send that finds the in-flight cap reached.
    public var atCap: CapPolicy
    /// Stop after this many seconds (nil: no time bound).
    public var duration: Double?
    /// Stop after this many requests (nil: no count bound).
    public var requests: Int?
    /// Repeat the corpus until another bound stops the run.
    public var loop: Bool
    /// Retries on 429, 503 and connection errors.
    public var retry: RetryPolicy
    /// Seconds to open a connection (and finish the TLS handshake).
    public var connectTimeout: Double
    /// Seconds to wait for an answer once a request is written.
    public var requestTimeout: Double
    /// Seconds to wait for answers in flight once the run is stopped.
    public var drainTimeout: Double
    /// Adds `?syncValidation=true`.
    public var syncValidation: Bool
    /// Skips TLS certificate verification (the CLI warns).
    public var insecure: Bool
    /// PEM file of the certificates to trust instead of the system's (a private CA, a self-signed
    /// test inlet); the inlet's name or IP address is still checked against its certificate.
    public var trustedCertificatesPath: String?
    /// PEM certificate (chain, leaf first) presented to an inlet that asks for one (mutual TLS).
    public var clientCertificatePath: String?
    /// The unencrypted PEM private key of `clientCertificatePath`.
    public var clientKeyPath: String?
    /// Sent as `x-adobe-flow-id` when known.
    public var flowId: String?
    /// Extra request headers, in order.
    public var headers: [(name: String, value: String)]
    /// Sent as `Authorization: Bearer {token}`; never recorded.
    public var token: String?
    /// Event loops (threads) for sockets; 0 means one per core.
    public var eventLoops: Int
    /// Look-ahead window, in events, that orders out-of-order timestamps in replay.
    public var reorderWindow: Int
    /// Requests prepared ahead of sending (the bounded read-ahead buffer).
    public var readAhead: Int
    /// Seed of the retry jitter.
    public var seed: UInt64
    /// Turns each event into the message sent (`XDMPayload` for `--payload xdm`); nil sends the
    /// event's own bytes (`RawPayload`). Takes precedence over `LoadRun`'s `mapper` argument.
    public var payloadMapper: (any PayloadMapper)?
    /// Where to write `outcomes.jsonl.gz`, one line per planned event (`run --outcomes`); nil writes none.
    public var outcomesPath: String?
    /// This process's shard of a sharded run (`--shard K/N`): it sends the single-process run's
    /// events and sends numbered `K mod N` at their intended times in the whole run's schedule, with
    /// its share of `concurrency`, `maxInFlight` and `requests` (`LoadConfig+Shard`); nil runs it all.
    public var shard: ShardPosition?
    /// The id shared by the shards of one run, recorded in the report (`--run-id`).
    public var runId: String?
    /// The wall-clock instant sending starts at, once connected (`--start-at`), so shards start
    /// together; nil starts at once.
    public var startAt: Date?

    public init(
        inlet: String,
        corpusPaths: [String] = [],
        payloadName: String = "raw",
        batch: Int = 1,
        concurrency: Int = 64,
        model: LoadModel = .closed,
        maxInFlight: Int? = nil,
        atCap: CapPolicy = .queue,
        duration: Double? = nil,
        requests: Int? = nil,
        loop: Bool = false,
        retry: RetryPolicy = RetryPolicy(),
        connectTimeout: Double = 5,
        requestTimeout: Double = 30,
        drainTimeout: Double = 5,
        syncValidation: Bool = false,
        insecure: Bool = false,
        trustedCertificatesPath: String? = nil,
        clientCertificatePath: String? = nil,
        clientKeyPath: String? = nil,
        flowId: String? = nil,
        headers: [(name: String, value: String)] = [],
        token: String? = nil,
        eventLoops: Int = 0,
        reorderWindow: Int = 1024,
        readAhead: Int = 8192,
        seed: UInt64 = 1,
        payloadMapper: (any PayloadMapper)? = nil,
        outcomesPath: String? = nil,
        shard: ShardPosition? = nil,
        runId: String? = nil,
        startAt: Date? = nil
    ) {
        self.inlet = inlet
        self.corpusPaths = corpusPaths
        self.payloadName = payloadName
        self.batch = batch
        self.concurrency = concurrency
        self.model = model
        self.maxInFlight = maxInFlight
        self.atCap = atCap
        self.duration = duration
        self.requests = requests
        self.loop = loop
        self.retry = retry
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.drainTimeout = drainTimeout
        self.syncValidation = syncValidation
        self.insecure = insecure
        self.trustedCertificatesPath = trustedCertificatesPath
        self.clientCertificatePath = clientCertificatePath
        self.clientKeyPath = clientKeyPath
        self.flowId = flowId
        self.headers = headers
        self.token = token
        self.eventLoops = eventLoops
        self.reorderWindow = reorderWindow
        self.readAhead = readAhead
        self.seed = seed
        self.payloadMapper = payloadMapper
        self.outcomesPath = outcomesPath
        self.shard = shard
        self.runId = runId
        self.startAt = startAt
    }
}

/// What an open-loop send does when the in-flight cap is reached.
public enum CapPolicy: String, Sendable {
    /// Wait for a free slot; the wait counts in the corrected latency.
    case queue
    /// Do not send; count the event as dropped (unsent).
    case drop
}

/// A configuration that cannot run, with the option at fault and what to do.
public enum LoadConfigError: Error, CustomStringConvertible, Equatable {
    case invalid(option: String, value: String, why: String)

    public var description: String {
        switch self {
        case .invalid(let option, let value, let why): return "\(option) \(value): \(why)"
        }
    }
}
