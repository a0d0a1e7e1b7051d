/// The faults the emulator injects, each off by default.
public struct FaultConfiguration: Sendable, Equatable {
    /// Added latency before each answer.
    public enum Latency: Sendable, Equatable {
        /// The same delay every time, in seconds.
        case fixed(Double)
        /// A log-normal delay with the given median and 99th percentile, in seconds.
        case distribution(p50: Double, p99: Double)
    }

    /// Which requests faults apply to.
    public enum Scope: String, Sendable, Equatable, CaseIterable {
        /// The streaming inlet (`/collection/...`) only: the default, the harness's target.
        case inlet
        /// The Flow Service, Schema Registry and Catalog APIs only.
        case api
        /// Every request except `GET /metrics`.
        case all
    }

    /// Delay added to every answer in scope (nil: none).
    public var latency: Latency?
    /// Probability (0...1) of answering with the given status (500, 503, ...) instead of handling
    /// the request; the draws are independent, in ascending status order.
    public var errorRates: [Int: Double]
    /// Requests per second above which the emulator answers 429 (token bucket, one second of burst).
    public var rateLimit: Double?
    /// A known capacity (`serve --capacity`): requests in scope are served at most this many per
    /// second through a queue of `capacityQueue` (`CapacityQueue`), 503 when it is full.
    public var capacity: Double?
    /// Requests that may wait for `capacity` at once (nil: one second's worth, `capacity` rounded up).
    public var capacityQueue: Int?
    /// `Retry-After` seconds sent with a 429 from `rateLimit` or the guardrails (nil: none, as Adobe).
    public var retryAfterSeconds: Int?
    /// Probability (0...1) that a request's connection is reset (TCP RST) instead of answered.
    public var resetRate: Double
    /// Probability (0...1) that an answer is cut: its head and the first half of its body are
    /// written, then the connection is closed (FIN). The request was handled (an inlet record is
    /// stored), so the client cannot know whether it was: the `unknown` outcome.
    public var closeMidAnswerRate: Double
    /// Answer bodies are written at this many bytes per second (nil: at once). The head goes out at
    /// once, so a client sees a slow answer, not a slow server.
    public var trickleBytesPerSecond: Int?
    /// The connection of every Nth answer in scope (counted over all connections) is closed (FIN)
    /// right after that answer, without a `Connection: close` header, as a proxy recycling
    /// connections does (nil: never). A request the client writes on it meanwhile is not handled.
    public var closeEvery: Int?
    /// No answers from `start` seconds after the server starts, for `duration` seconds: requests
    /// arriving in the window are held until it ends.
    public var stall: Stall?
    /// Enforce Adobe's published streaming guardrails (1,000 requests/s with a batch counted once,
    /// 10,000 messages/s, 60 requests/minute with sync validation), answering 429.
    public var guardrails: Bool
    /// Which requests the faults apply to.
    public var scope: Scope
    /// Seed of the random draws (latency, errors, resets), so a run can be repeated.
    public var seed: UInt64

    /// A stall window.
    public struct Stall: Sendable, Equatable {
        /// Seconds after start-up when the stall begins.
        public var start: Double
        /// How long it lasts, in seconds.
        public var duration: Double

        public init(start: Double, duration: Double) {
            self.start = start
            self.duration = duration
        }
    }

    public init(
        latency: Latency? = nil,
        errorRates: [Int: Double] = [:],
        rateLimit: Double? = nil,
        capacity: Double? = nil,
        capacityQueue: Int? = nil,
        retryAfterSeconds: Int? = nil,
        resetRate: Double = 0,
        closeMidAnswerRate: Double = 0,
        trickleBytesPerSecond: Int? = nil,
        closeEvery: Int? = nil,
        stall: Stall? = nil,
        guardrails: Bool = false,
        scope: Scope = .inlet,
        seed: UInt64 = 0x5eed
    ) {
        self.latency = latency
        self.errorRates = errorRates
        self.rateLimit = rateLimit
        self.capacity = capacity
        self.capacityQueue = capacityQueue
        self.retryAfterSeconds = retryAfterSeconds
        self.resetRate = resetRate
        self.closeMidAnswerRate = closeMidAnswerRate
        self.trickleBytesPerSecond = trickleBytesPerSecond
        self.closeEvery = closeEvery
        self.stall = stall
        self.guardrails = guardrails
        self.scope = scope
        self.seed = seed
    }

    /// Whether any fault is configured (the fault middleware is skipped otherwise).
    public var isActive: Bool {
        self.latency != nil || !self.errorRates.isEmpty || self.rateLimit != nil || self.capacity != nil
            || self.resetRate > 0
            || self.stall != nil || self.guardrails || self.affectsTheWire
    }

    /// Whether a fault acts on the connection itself (reset, cut, trickle, close), which needs a
    /// handler in each connection's pipeline.
    public var affectsTheWire: Bool {
        self.resetRate > 0 || self.closeMidAnswerRate > 0 || self.trickleBytesPerSecond != nil || self.closeEvery != nil
    }
}
