import Reports

/// A shard's part of the feed (`--shard K/N`): of the events the single-process run would send, in the
/// order it would send them, event `g` is shard `g mod N`'s (the same rule as `StripedSchedule`'s, on
/// the events). Unreadable events are striped the same way among themselves, so each is counted by one
/// shard only. Under replay every event, this shard's or not, advances the one `ReplaySchedule` of the
/// whole run, so an event keeps its intended offset in the whole run (rebased to the run's first event,
/// its gaps capped as the whole run caps them), whichever shard sends it.
struct FeedStripe {
    let shard: ShardPosition
    /// The whole run's replay schedule; nil under the other models.
    private var replay: ReplaySchedule?
    /// Events seen so far (this shard's and the others').
    private(set) var seen = 0
    /// Unreadable events seen so far.
    private(set) var unreadableSeen = 0

    init(shard: ShardPosition, replay: ReplaySchedule?) {
        self.shard = shard
        self.replay = replay
    }

    /// The event when it is this shard's, else nil. Under replay its `timestamp` becomes its intended
    /// offset in the whole run, seconds (read back by `ReplayPlanner(planned:)`).
    mutating func take(_ event: FeedEvent) -> FeedEvent? {
        let g = self.seen
        self.seen += 1
        let offset = self.replay?.offset(forTimestamp: event.timestamp)
        guard self.shard.owns(g) else { return nil }
        guard let offset else { return event }
        var planned = event
        planned.timestamp = offset
        return planned
    }

    /// Whether the next unreadable event is this shard's to count.
    mutating func takeUnreadable() -> Bool {
        let g = self.unreadableSeen
        self.unreadableSeen += 1
        return self.shard.owns(g)
    }
}
