import Dispatch
import Foundation
import PendoEvents
import Reports
import Testing

@testable import LoadDriver

/// `run --shard K/N`: a shard's part of the run for every load model, on the injected clocks the
/// driver already has (a loop's `LoopPacer` at chosen instants, replay's planner at chosen elapsed
/// times). The shards are disjoint, together the whole run, and every send keeps its time.
@Suite struct ShardStripingTests {
    static func config(
        _ model: LoadModel, shard: ShardPosition?, concurrency: Int = 64, requests: Int? = nil,
        maxInFlight: Int? = nil
    ) -> LoadConfig {
        LoadConfig(
            inlet: "http://127.0.0.1:1/collection/abc", concurrency: concurrency, model: model,
            maxInFlight: maxInFlight,
            requests: requests, shard: shard)
    }

    /// Every instant a process's loops pace, as the workers build their pacers: the process's schedule
    /// striped again over `loops`, from `startNanos` with `duration`.
    static func instants(_ config: LoadConfig, loops: Int, startNanos: UInt64, duration: Double) -> [[UInt64]] {
        (0..<loops).map { loop in
            var pacer = LoopPacer(
                schedule: StripedSchedule(base: config.rateSchedule!, offset: loop, stride: loops),
                startNanos: startNanos, duration: duration)
            var taken: [UInt64] = []
            pacer.takeDue(by: .max) { taken.append($0) }
            return taken
        }
    }

    @Test func aConstantRateShardSendsEveryNthSendAtItsTimeInTheWholeRun() throws {
        // 1,000/s for 2 s: 2,000 sends at g / 1,000 s. Three shards of two loops each.
        let start: UInt64 = 5_000_000_000
        let whole = Self.instants(
            Self.config(.constant(rate: 1_000), shard: nil), loops: 1, startNanos: start, duration: 2)[0]
        #expect(whole.count == 2_000)
        var union: [UInt64] = []
        for k in 0..<3 {
            let config = Self.config(.constant(rate: 1_000), shard: try ShardPosition(index: k, count: 3))
            let perLoop = Self.instants(config, loops: 2, startNanos: start, duration: 2)
            let mine = perLoop.flatMap { $0 }.sorted()
            // Shard K sends at t = (K + iN) / 1000: send g of the run, at its own instant.
            let expected = stride(from: k, to: 2_000, by: 3).map {
                start + UInt64(DurationText.nanoseconds(Double($0) / 1_000))
            }
            #expect(mine == expected)
            #expect(mine.count == [667, 667, 666][k])
            union += mine
        }
        #expect(union.count == whole.count)
        #expect(union.sorted() == whole)
        #expect(Set(union).count == union.count)  // disjoint: no instant twice (they are distinct in the whole run)
    }

    @Test func stagesAreSplitTheSameWay() throws {
        // Ramp 0 → 600/s over 2 s, hold 600/s for 1 s: 600 + 600 = 1,200 sends.
        let stages = LoadModel.stages([Stage(duration: 2, target: 600), Stage(duration: 1, target: 600)])
        let whole = Self.instants(Self.config(stages, shard: nil), loops: 1, startNanos: 0, duration: 10)[0]
        #expect(whole.count == 1_200)
        var union: [UInt64] = []
        for k in 0..<2 {
            let config = Self.config(stages, shard: try ShardPosition(index: k, count: 2))
            let mine = Self.instants(config, loops: 3, startNanos: 0, duration: 10).flatMap { $0 }.sorted()
            #expect(mine == whole.enumerated().filter { $0.offset % 2 == k }.map(\.element))
            union += mine
        }
        #expect(union.sorted() == whole)
    }

    @Test func aShardGetsItsShareOfConnectionsCapAndRequests() throws {
        let shares = try (0..<3).map { k in
            try Self.config(
                .closed, shard: try ShardPosition(index: k, count: 3), concurrency: 64, requests: 1_000,
                maxInFlight: 100
            ).shardLocal()
        }
        #expect(shares.map(\.concurrency) == [22, 21, 21])
        #expect(shares.map(\.requests) == [334, 333, 333])
        #expect(shares.map(\.maxInFlight) == [34, 33, 33])
        // Unsharded, the configuration is its own.
        let whole = try Self.config(.closed, shard: nil, concurrency: 64, requests: 1_000).shardLocal()
        #expect(whole.concurrency == 64 && whole.requests == 1_000)
        // A share of zero is refused, naming the flag.
        #expect(
            throws: LoadConfigError.invalid(
                option: "--concurrency", value: "2",
                why: "gives shard 2/3 no connection: give at least one per shard (3)")
        ) {
            try Self.config(.closed, shard: try ShardPosition(index: 2, count: 3), concurrency: 2).shardLocal()
        }
        #expect(
            throws: LoadConfigError.invalid(
                option: "--requests", value: "2", why: "gives shard 2/3 no request: give at least one per shard (3)")
        ) {
            try Self.config(.closed, shard: try ShardPosition(index: 2, count: 3), requests: 2).shardLocal()
        }
        // The run's rate schedule is striped only when sharded.
        #expect(Self.config(.constant(rate: 10), shard: nil).rateSchedule is ConstantRate)
        let striped =
            Self.config(.constant(rate: 10), shard: try ShardPosition(index: 1, count: 4)).rateSchedule
            as? StripedSchedule
        #expect(striped?.offset == 1 && striped?.stride == 4)
        #expect(Self.config(.closed, shard: try ShardPosition(index: 1, count: 4)).rateSchedule == nil)
    }

    /// Events recorded at uneven times, gaps of up to 9 s, one without a timestamp.
    static func recorded() -> [FeedEvent] {
        var t = 1_700_000_000.0
        return (0..<200).map { g in
            t += Double((g * 7919) % 13) * (g % 17 == 0 ? 0.7 : 0.013)
            return FeedEvent(
                bytes: Array("{\"g\":\(g)}".utf8), file: "c.jsonl", line: g + 1, timestamp: g == 50 ? nil : t)
        }
    }

    @Test func replayShardsSendTheirEventsAtTheWholeRunsRecordedOffsets() throws {
        let events = Self.recorded()
        // The single-process plan: every event's offset, gaps capped at 2 s, at speed 4.
        var single = ReplayPlanner<FeedEvent>(speed: 4, maxGap: 2, timestamp: { $0.timestamp })
        var index = 0
        let whole = single.due(by: .infinity) {
            guard index < events.count else { return .end }
            defer { index += 1 }
            return .item(events[index])
        }
        #expect(whole.count == 200)
        var union: [(line: Int, offset: Double)] = []
        for k in 0..<3 {
            var stripe = FeedStripe(
                shard: try ShardPosition(index: k, count: 3), replay: ReplaySchedule(speed: 4, maxGap: 2))
            let mine = events.compactMap { stripe.take($0) }
            #expect(stripe.seen == 200)
            #expect(mine.map(\.line) == stride(from: k + 1, through: 200, by: 3).map { $0 })
            // The shard's pacer reads the planned offsets, at wake-ups of its own (every 0.3 s here).
            var planner = ReplayPlanner<FeedEvent>(planned: { $0.timestamp })
            var position = 0
            var clock = 0.0
            var planned: [(item: FeedEvent, offset: Double)] = []
            while !planner.finished {
                planned += planner.due(by: clock) {
                    guard position < mine.count else { return .end }
                    defer { position += 1 }
                    return .item(mine[position])
                }
                clock += 0.3
            }
            union += planned.map { ($0.item.line, $0.offset) }
        }
        // Disjoint and complete, and each event's offset is exactly the one the single process plans.
        let byLine = Dictionary(uniqueKeysWithValues: whole.map { ($0.item.line, $0.offset) })
        #expect(union.count == 200 && Set(union.map(\.line)).count == 200)
        for entry in union { #expect(entry.offset == byLine[entry.line]) }
    }

    @Test func otherModelsKeepTheEventsAsReadAndUnreadableOnesAreCountedOnce() throws {
        let events = Self.recorded()
        var counted = 0
        var union: [Int] = []
        for k in 0..<4 {
            var stripe = FeedStripe(shard: try ShardPosition(index: k, count: 4), replay: nil)
            let mine = events.compactMap { stripe.take($0) }
            // Without replay an event goes as it was read, timestamp and all.
            for event in mine { #expect(event.timestamp == events[event.line - 1].timestamp) }
            union += mine.map(\.line)
            counted += (0..<10).filter { _ in stripe.takeUnreadable() }.count
        }
        #expect(union.sorted() == Array(1...200))
        #expect(counted == 10)
    }

    @Test func aStartTimeDelaysTheFirstSendByWhatRemains() {
        let now = Date(timeIntervalSince1970: 1_765_000_000)
        var config = Self.config(.closed, shard: nil)
        #expect(config.startDelay(now: now) == 0)
        config.startAt = now.addingTimeInterval(10)
        #expect(config.startDelay(now: now) == 10)
        #expect(config.startDelay(now: now.addingTimeInterval(12.5)) == 0)
    }
}

/// The feed pump of a shard that loops over its corpus: the events of the repeated corpus, numbered on
/// across passes, striped `g mod N`; re-sent from memory once the passes come round.
@Suite struct ShardFeedPumpTests {
    /// How often the corpus was opened (read from its start).
    final class Opened: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func add() { self.lock.withLock { self.value += 1 } }
        var count: Int { self.lock.withLock { self.value } }
    }

    /// The `uniqueId`s of the requests a pump over `events` gives shard `shard`, up to `limit`.
    static func pumped(_ events: [FeedEvent], shard: ShardPosition, limit: Int, opened: Opened) throws -> [String] {
        let buffer = RequestBuffer(capacity: 10_000)
        let encoder = RequestEncoder(
            address: try InletAddress(parsing: "http://127.0.0.1:1/collection/abc"), batch: 1,
            syncValidation: false, flowId: nil, headers: [], token: nil)
        let exited = DispatchSemaphore(value: 0)
        FeedPump(
            factory: {
                opened.add()
                return InMemoryFeed(events)
            }, mapper: RawPayload(), encoder: encoder, buffer: buffer, loop: true,
            requestLimit: limit, reorderWindow: nil, stripe: FeedStripe(shard: shard, replay: nil),
            onExit: { exited.signal() }
        ).start()
        #expect(exited.wait(timeout: .now() + 30) == .success)
        var ids: [String] = []
        while case .requests(let requests) = buffer.take(max: 1_000, wake: nil) {
            for request in requests {
                let text = String(decoding: request.bytes.readableBytesView, as: UTF8.self)
                ids.append(String(text[text.range(of: "\"e")!.lowerBound...].dropFirst().prefix { $0 != "\"" }))
            }
        }
        return ids
    }

    @Test func aLoopingShardSendsTheRepeatedCorpusStripedAcrossPasses() throws {
        // 5 events over 3 shards: the run's sends are e0 e1 e2 e3 e4 e0 e1 ..., send g to shard g mod 3.
        let events = (0..<5).map { FeedEvent(bytes: Array("{\"uniqueId\":\"e\($0)\"}".utf8), file: "c", line: $0 + 1) }
        let run = (0..<21).map { "e\($0 % 5)" }
        for k in 0..<3 {
            let opened = Opened()
            let mine = try Self.pumped(events, shard: try ShardPosition(index: k, count: 3), limit: 7, opened: opened)
            // Shard 1: sends 1, 4, 7, 10, 13 (three passes read), then 16, 19 from the cache.
            #expect(mine == stride(from: k, to: 21, by: 3).map { run[$0] })
            // 3 / gcd(5, 3) = 3 passes read; the fourth comes from memory.
            #expect(opened.count == 3)
        }
    }
}
