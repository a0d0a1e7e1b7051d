/// One shard's own figures in a merged report (`report merge` of `run --shard K/N` reports): enough to
/// see a generator that fell behind (its lag), sent less, or saw slower answers than its peers.
public struct ShardSummary: Codable, Sendable, Equatable {
    /// The shard's position.
    public var shard: ShardPosition
    /// Its report's file, as given to `report merge`.
    public var source: String
    /// Its wall-clock start (RFC 3339).
    public var startedAt: String
    /// Seconds from its first send to its last answer.
    public var durationSeconds: Double
    /// Its event counts.
    public var events: EventCounts
    /// Requests it had answered.
    public var requestsCompleted: Int
    /// Its answered requests per second over its own duration.
    public var requestsPerSecond: Double
    /// Its p99 latency from the intended send time, milliseconds.
    public var correctedP99: Double
    /// Its p99 schedule lag, milliseconds.
    public var lagP99: Double
    /// Sends it dropped at its in-flight cap.
    public var dropped: Int
    /// Its errors, all classes.
    public var errors: Int

    public init(
        shard: ShardPosition, source: String, startedAt: String, durationSeconds: Double, events: EventCounts,
        requestsCompleted: Int, requestsPerSecond: Double, correctedP99: Double, lagP99: Double, dropped: Int,
        errors: Int
    ) {
        self.shard = shard
        self.source = source
        self.startedAt = startedAt
        self.durationSeconds = durationSeconds
        self.events = events
        self.requestsCompleted = requestsCompleted
        self.requestsPerSecond = requestsPerSecond
        self.correctedP99 = correctedP99
        self.lagP99 = lagP99
        self.dropped = dropped
        self.errors = errors
    }
}
