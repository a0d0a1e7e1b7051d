/// Where every planned event went. `planned = sent + unsent`, `sent = accepted + rejected + failed`.
public struct EventCounts: Codable, Sendable, Equatable {
    /// Events the schedule reached before the run stopped (taken from the corpus to be sent).
    public var planned: Int
    /// Events sent at least once.
    public var sent: Int
    /// Events the inlet accepted (200, or a 207 entry without an error status).
    public var accepted: Int
    /// Events the inlet refused: a 4xx answer (other than 429 once retries are spent) or a 207 entry with an error.
    public var rejected: Int
    /// Events known not to be stored: 5xx, or 429/503 with retries spent, and no earlier attempt that
    /// may have been stored.
    public var failed: Int
    /// Events whose request was written and no answer came (a timeout, a reset or a close after the
    /// write, or an answer still out when the run ended), and no later attempt settled it: the inlet
    /// may or may not have stored them.
    public var unknown: Int
    /// Events planned but never sent: the run stopped first, or the in-flight cap dropped them.
    public var unsent: Int

    public init(
        planned: Int = 0, sent: Int = 0, accepted: Int = 0, rejected: Int = 0, failed: Int = 0, unknown: Int = 0,
        unsent: Int = 0
    ) {
        self.planned = planned
        self.sent = sent
        self.accepted = accepted
        self.rejected = rejected
        self.failed = failed
        self.unknown = unknown
        self.unsent = unsent
    }

    /// Reports of schema 1 have no `unknown`: it reads as 0 (schema 1 counted those events as failed).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.planned = try container.decode(Int.self, forKey: .planned)
        self.sent = try container.decode(Int.self, forKey: .sent)
        self.accepted = try container.decode(Int.self, forKey: .accepted)
        self.rejected = try container.decode(Int.self, forKey: .rejected)
        self.failed = try container.decode(Int.self, forKey: .failed)
        self.unknown = try container.decodeIfPresent(Int.self, forKey: .unknown) ?? 0
        self.unsent = try container.decode(Int.self, forKey: .unsent)
    }

    /// Whether `planned = sent + unsent` holds.
    public var plannedAddsUp: Bool { self.planned == self.sent + self.unsent }

    /// Whether `sent = accepted + rejected + failed + unknown` holds.
    public var sentAddsUp: Bool { self.sent == self.accepted + self.rejected + self.failed + self.unknown }

    /// Whether the accounting invariants hold.
    public var addsUp: Bool { self.plannedAddsUp && self.sentAddsUp }
}

/// HTTP requests (a batch request counts once; attempts count separately).
public struct RequestCounts: Codable, Sendable, Equatable {
    /// Requests whose first attempt was sent.
    public var sent: Int
    /// Requests that reached a final outcome (an answer, or failure after retries).
    public var completed: Int
    /// Attempts, first sends and retries together.
    public var attempts: Int
    /// Retries (attempts after the first).
    public var retries: Int
    /// Retries sent after an attempt with no answer (each a possible duplicate at the inlet, which
    /// stores at least once).
    public var retriedAfterUnknown: Int
    /// Final answers by HTTP status code (as a string key, e.g. `"200"`, `"207"`); attempts that ended
    /// without an answer are not here (see `errors`).
    public var byStatus: [String: Int]
    /// Request bytes written (heads and bodies, all attempts).
    public var bytesOut: Int
    /// Response bytes read (heads and bodies).
    public var bytesIn: Int

    public init(
        sent: Int = 0, completed: Int = 0, attempts: Int = 0, retries: Int = 0, retriedAfterUnknown: Int = 0,
        byStatus: [String: Int] = [:], bytesOut: Int = 0, bytesIn: Int = 0
    ) {
        self.sent = sent
        self.completed = completed
        self.attempts = attempts
        self.retries = retries
        self.retriedAfterUnknown = retriedAfterUnknown
        self.byStatus = byStatus
        self.bytesOut = bytesOut
        self.bytesIn = bytesIn
    }

    /// Reports of schema 1 have no `retriedAfterUnknown`: it reads as 0.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.sent = try container.decode(Int.self, forKey: .sent)
        self.completed = try container.decode(Int.self, forKey: .completed)
        self.attempts = try container.decode(Int.self, forKey: .attempts)
        self.retries = try container.decode(Int.self, forKey: .retries)
        self.retriedAfterUnknown = try container.decodeIfPresent(Int.self, forKey: .retriedAfterUnknown) ?? 0
        self.byStatus = try container.decode([String: Int].self, forKey: .byStatus)
        self.bytesOut = try container.decode(Int.self, forKey: .bytesOut)
        self.bytesIn = try container.decode(Int.self, forKey: .bytesIn)
    }
}

/// Corrected and uncorrected latency of the same requests.
public struct LatencyPair: Codable, Sendable, Equatable {
    /// From the intended send time (open loop) to the final answer: what a user of the inlet would see,
    /// corrected for coordinated omission. Equal to `uncorrected` in a closed loop.
    public var corrected: LatencySummary
    /// Service time: from the actual send of the final attempt to its answer.
    public var uncorrected: LatencySummary

    public init(corrected: LatencySummary, uncorrected: LatencySummary) {
        self.corrected = corrected
        self.uncorrected = uncorrected
    }
}

/// Percentiles of a latency histogram, in milliseconds (microsecond resolution, 3 significant digits).
public struct LatencySummary: Codable, Sendable, Equatable {
    /// Values recorded.
    public var count: Int
    public var min: Double
    public var p50: Double
    public var p90: Double
    public var p99: Double
    public var p999: Double
    public var max: Double
    public var mean: Double

    public init(
        count: Int = 0, min: Double = 0, p50: Double = 0, p90: Double = 0, p99: Double = 0, p999: Double = 0,
        max: Double = 0, mean: Double = 0
    ) {
        self.count = count
        self.min = min
        self.p50 = p50
        self.p90 = p90
        self.p99 = p99
        self.p999 = p999
        self.max = max
        self.mean = mean
    }
}

/// Achieved rates.
public struct Throughput: Codable, Sendable, Equatable {
    /// Completed requests per second of `durationSeconds`.
    public var requestsPerSecond: Double
    /// Sent events per second of `durationSeconds`.
    public var eventsPerSecond: Double

    public init(requestsPerSecond: Double = 0, eventsPerSecond: Double = 0) {
        self.requestsPerSecond = requestsPerSecond
        self.eventsPerSecond = eventsPerSecond
    }
}

/// Open-loop schedule adherence.
public struct ScheduleSummary: Codable, Sendable, Equatable {
    /// Lag between the intended and the actual first send, in milliseconds (all zero in a closed loop).
    public var lag: LatencySummary
    /// Events dropped at the in-flight cap (`--at-cap drop`); they are counted in `events.unsent`.
    public var dropped: Int
    /// The rate the load model asked for, in requests per second over the run (0 for closed loop).
    public var targetRequestsPerSecond: Double
    /// Open loop at a rate: sends that were due but still queued behind the in-flight cap when the run
    /// stopped. Each is given its request from the read-ahead then, so its events count as planned and
    /// unsent; those for which no request had been read yet (the feed behind, or the corpus at its end)
    /// carry no event and are in `queuedWithoutEvent` instead.
    public var queuedAtStop: Int
    /// Of `queuedAtStop`, the sends no request was read for: no event is planned for them.
    public var queuedWithoutEvent: Int

    public init(
        lag: LatencySummary = .init(), dropped: Int = 0, targetRequestsPerSecond: Double = 0, queuedAtStop: Int = 0,
        queuedWithoutEvent: Int = 0
    ) {
        self.lag = lag
        self.dropped = dropped
        self.targetRequestsPerSecond = targetRequestsPerSecond
        self.queuedAtStop = queuedAtStop
        self.queuedWithoutEvent = queuedWithoutEvent
    }

    /// Reports of schema 1 have no `queuedWithoutEvent` (their `queuedAtStop` sends carried no event).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.lag = try container.decode(LatencySummary.self, forKey: .lag)
        self.dropped = try container.decode(Int.self, forKey: .dropped)
        self.targetRequestsPerSecond = try container.decode(Double.self, forKey: .targetRequestsPerSecond)
        self.queuedAtStop = try container.decode(Int.self, forKey: .queuedAtStop)
        self.queuedWithoutEvent =
            try container.decodeIfPresent(Int.self, forKey: .queuedWithoutEvent) ?? self.queuedAtStop
    }
}

/// One class of error.
public struct ErrorEntry: Codable, Sendable, Equatable {
    /// `connect`, `timeout`, `reset`, `tls`, `http-<code>` (e.g. `http-429`), `message-<code>` (a
    /// per-message failure inside a 207), or `protocol` (an answer that was not HTTP/1.1).
    public var `class`: String
    /// Occurrences (attempts for transport errors and statuses, messages for `message-*`).
    public var count: Int
    /// One example: the error text or the answer's body (cut to 512 bytes), with where it came from.
    public var sample: String

    public init(class: String, count: Int, sample: String) {
        self.class = `class`
        self.count = count
        self.sample = sample
    }
}

/// One second of the run.
public struct IntervalSample: Codable, Sendable, Equatable {
    /// Seconds since the start of the run at which this interval begins.
    public var second: Int
    /// Requests that completed in this second.
    public var requests: Int
    /// Events accepted in this second.
    public var accepted: Int
    /// Events rejected or failed in this second.
    public var errors: Int
    /// Corrected latency percentiles of requests completed in this second.
    public var latency: LatencySummary
    /// This second's corrected-latency histogram, encoded (an HdrHistogram interval-log entry).
    public var histogram: String

    public init(second: Int, requests: Int, accepted: Int, errors: Int, latency: LatencySummary, histogram: String) {
        self.second = second
        self.requests = requests
        self.accepted = accepted
        self.errors = errors
        self.latency = latency
        self.histogram = histogram
    }
}

/// The run's merged histograms, in HdrHistogram V2 compressed encoding, base64 (`HdrWireFormat`).
public struct EncodedHistograms: Codable, Sendable, Equatable {
    /// The unit of recorded values; always `microseconds`.
    public var unit: String
    /// Corrected latency.
    public var corrected: String
    /// Uncorrected latency (service time).
    public var uncorrected: String
    /// Schedule lag.
    public var scheduleLag: String

    public init(unit: String = "microseconds", corrected: String, uncorrected: String, scheduleLag: String) {
        self.unit = unit
        self.corrected = corrected
        self.uncorrected = uncorrected
        self.scheduleLag = scheduleLag
    }
}
