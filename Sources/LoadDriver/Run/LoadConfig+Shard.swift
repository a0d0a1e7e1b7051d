import Foundation
import Reports

/// A shard's part of the run (`--shard K/N`): the rule is `StripedSchedule`'s one level up. Send or
/// event `g` of the single-process run is shard `g mod N`'s, and each shard's loops stripe its part
/// again, so a shard of a rate run paces `StripedSchedule(StripedSchedule(base, K, N), loop, loops)`.
extension LoadConfig {
    /// The schedule this process paces under a rate model: the model's, striped to the shard's sends
    /// when sharded (each keeps its intended time in the whole run's schedule); nil for a closed loop
    /// and replay.
    public var rateSchedule: (any RateSchedule)? {
        guard let schedule = self.model.rateSchedule else { return nil }
        guard let shard = self.shard, shard.count > 1 else { return schedule }
        return StripedSchedule(base: schedule, offset: shard.index, stride: shard.count)
    }

    /// The configuration this shard runs with: its share of the connections, of the in-flight cap and
    /// of `--requests` (sends `0..<requests` striped like the rest), split as evenly as possible (64
    /// connections over 3 shards: 22, 21, 21). Unsharded, the configuration itself. Throws when a
    /// share is zero: such a shard could not send its part.
    public func shardLocal() throws(LoadConfigError) -> LoadConfig {
        guard let shard = self.shard else { return self }
        var local = self
        local.concurrency = shard.share(of: self.concurrency)
        guard local.concurrency > 0 else {
            throw LoadConfigError.invalid(
                option: "--concurrency", value: "\(self.concurrency)",
                why: "gives shard \(shard) no connection: give at least one per shard (\(shard.count))")
        }
        if let cap = self.maxInFlight {
            local.maxInFlight = shard.share(of: cap)
            guard local.maxInFlight! > 0 else {
                throw LoadConfigError.invalid(
                    option: "--max-in-flight", value: "\(cap)",
                    why: "gives shard \(shard) no request in flight: give at least one per shard (\(shard.count))")
            }
        }
        if let requests = self.requests {
            local.requests = shard.share(of: requests)
            guard local.requests! > 0 else {
                throw LoadConfigError.invalid(
                    option: "--requests", value: "\(requests)",
                    why: "gives shard \(shard) no request: give at least one per shard (\(shard.count))")
            }
        }
        return local
    }

    /// Seconds from `now` to `startAt` (0 when it has passed or none is set): how long a connected run
    /// waits before its first send.
    public func startDelay(now: Date) -> Double {
        guard let startAt = self.startAt else { return 0 }
        return max(0, startAt.timeIntervalSince(now))
    }
}
