import ReplayCommon

/// The configuration of a run as recorded in its report: every setting, secrets redacted
/// by ``Redaction`` (a token shows as `"<redacted>"`, and so does every header value but those of a few
/// harmless names such as `Content-Type`).
public struct RunConfigurationRecord: Codable, Sendable, Equatable {
    /// The inlet URL requests go to, redacted (``Redaction/url(_:)``).
    public var inlet: String
    /// The corpus paths read.
    public var corpus: [String]
    /// `raw` or `xdm`.
    public var payload: String
    /// Messages per request (1: one-message endpoint; more: `/collection/batch/`).
    public var batch: Int
    /// Connections opened (and, in a closed loop, requests in flight).
    public var concurrency: Int
    /// `closed`, `constant`, `stages` or `replay`.
    public var loadModel: String
    /// Requests per second (`constant`).
    public var rate: Double?
    /// The stages as given (`stages`), e.g. `30s:100,2m:2000,30s:0`.
    public var stages: String?
    /// Replay speed-up (`replay`).
    public var replaySpeed: Double?
    /// Cap on idle gaps in replay, seconds.
    public var maxGapSeconds: Double?
    /// Cap on requests in flight (open loop).
    public var maxInFlight: Int
    /// What happens at the cap: `queue` or `drop`.
    public var atCap: String
    /// Run length bound in seconds, if any.
    public var durationSeconds: Double?
    /// Request count bound, if any.
    public var requests: Int?
    /// Whether the corpus repeats.
    public var loop: Bool
    /// Retries per request on 429, 503 and connection errors.
    public var retries: Int
    /// Connect timeout, seconds.
    public var connectTimeoutSeconds: Double
    /// Request timeout, seconds.
    public var requestTimeoutSeconds: Double
    /// Whether `?syncValidation=true` was added.
    public var syncValidation: Bool
    /// Whether TLS certificate verification was skipped.
    public var insecure: Bool
    /// The flow id sent as `x-adobe-flow-id`, if any (not a secret).
    public var flowId: String?
    /// Extra headers, name to value; values redacted unless the name is harmless.
    public var headers: [String: String]
    /// `"<redacted>"` when a token was used, else nil.
    public var token: String?
    /// Event loops (threads) used for sockets.
    public var eventLoops: Int

    public init(
        inlet: String, corpus: [String], payload: String, batch: Int, concurrency: Int, loadModel: String,
        rate: Double? = nil, stages: String? = nil, replaySpeed: Double? = nil, maxGapSeconds: Double? = nil,
        maxInFlight: Int, atCap: String, durationSeconds: Double? = nil, requests: Int? = nil, loop: Bool,
        retries: Int, connectTimeoutSeconds: Double, requestTimeoutSeconds: Double, syncValidation: Bool,
        insecure: Bool, flowId: String? = nil, headers: [String: String] = [:], token: String? = nil, eventLoops: Int
    ) {
        self.inlet = inlet
        self.corpus = corpus
        self.payload = payload
        self.batch = batch
        self.concurrency = concurrency
        self.loadModel = loadModel
        self.rate = rate
        self.stages = stages
        self.replaySpeed = replaySpeed
        self.maxGapSeconds = maxGapSeconds
        self.maxInFlight = maxInFlight
        self.atCap = atCap
        self.durationSeconds = durationSeconds
        self.requests = requests
        self.loop = loop
        self.retries = retries
        self.connectTimeoutSeconds = connectTimeoutSeconds
        self.requestTimeoutSeconds = requestTimeoutSeconds
        self.syncValidation = syncValidation
        self.insecure = insecure
        self.flowId = flowId
        self.headers = headers
        self.token = token
        self.eventLoops = eventLoops
    }
}
