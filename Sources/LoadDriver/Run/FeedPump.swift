import DataPrep
import Dispatch
import Foundation
import NIOCore
import PendoEvents

/// Reads, maps and encodes the next events ahead of sending, on a thread of its own, into the bounded
/// `RequestBuffer`. Mapping (the expensive part with `--payload xdm`) fans out with `concurrentPerform`;
/// raw events are forwarded as read. With `loop`, a corpus whose requests fit in `cacheLimit` bytes
/// is read once and its encoded requests are re-sent from memory (the buffers are shared, not copied).
final class FeedPump: @unchecked Sendable {
    private let factory: EventFeedFactory
    private let mapper: any PayloadMapper
    private let mapperIsRaw: Bool
    private let encoder: RequestEncoder
    private let buffer: RequestBuffer
    private let loop: Bool
    private let requestLimit: Int?
    private let reorderWindow: Int?
    /// Keep each event's `uniqueId` and source with its request (`--outcomes`).
    private let recordOrigins: Bool
    /// A shard's part of the events (`--shard K/N`); nil sends them all.
    private let stripe: FeedStripe?
    /// Called on the feed thread as its last act (the run waits for it before it ends).
    private let onExit: @Sendable () -> Void
    private let allocator = ByteBufferAllocator()
    /// Largest corpus (encoded request bytes) kept in memory to loop over. Past it every pass reads,
    /// checks and encodes the corpus again, on a core the event loops would otherwise have: 64 MiB
    /// holds about 80,000 Pendo events with their request heads, and keeps a run's memory well
    /// under 200 MB (docs/BENCHMARKS.md, "Memory over a long run").
    static let cacheLimit = 64 << 20

    init(
        factory: @escaping EventFeedFactory, mapper: any PayloadMapper, encoder: RequestEncoder, buffer: RequestBuffer,
        loop: Bool, requestLimit: Int?, reorderWindow: Int?, recordOrigins: Bool = false, stripe: FeedStripe? = nil,
        onExit: @escaping @Sendable () -> Void = {}
    ) {
        self.factory = factory
        self.mapper = mapper
        self.mapperIsRaw = mapper is RawPayload
        self.encoder = encoder
        self.buffer = buffer
        self.loop = loop
        self.requestLimit = requestLimit
        self.reorderWindow = reorderWindow
        self.recordOrigins = recordOrigins
        self.stripe = stripe
        self.onExit = onExit
    }

    /// Starts reading on a thread of its own: the pump blocks whenever the buffer is full, for the
    /// whole run, and a blocked Dispatch worker would be one fewer for Swift concurrency (on Linux
    /// the same pool), where an in-process emulator's handlers may be waiting to answer this run.
    func start() {
        let thread = Thread {
            self.pump()
            self.onExit()
        }
        thread.name = "pendo-replay-feed"
        thread.stackSize = Mapper.threadStackSize
        thread.start()
    }

    private func pump() {
        var produced = 0
        var cache: [PreparedRequest]? = self.loop ? [] : nil
        var cacheBytes = 0
        var pass = 0
        // Passes read before the cache holds every pass's events: a shard's events differ from pass
        // to pass until the corpus's event numbers come round to the same shard again.
        var readPasses = 1
        // The stripe runs on over every pass, as the single-process run's event numbers do.
        var stripe = self.stripe
        do {
            passes: while true {
                if pass >= readPasses, let cached = cache {
                    guard !cached.isEmpty else { break }
                    var index = 0
                    while index < cached.count {
                        var chunk = Array(cached[index..<min(index + 256, cached.count)])
                        if let limit = self.requestLimit, produced + chunk.count > limit {
                            chunk = Array(chunk.prefix(limit - produced))
                        }
                        guard self.buffer.push(chunk) else { break passes }
                        produced += chunk.count
                        if let limit = self.requestLimit, produced >= limit { break passes }
                        index += 256
                    }
                    pass += 1
                    continue
                }
                let feed = try self.factory()
                var window = self.reorderWindow.map { ReorderWindow<FeedEvent>(capacity: $0) }
                var pendingMessages: [(bytes: [UInt8], event: FeedEvent)] = []
                // Requests waiting to be encoded together into one buffer (sliced per request).
                var unencoded: [[(bytes: [UInt8], event: FeedEvent)]] = []
                var readAny = false
                func emit(_ events: [FeedEvent]) -> Bool {
                    for (event, result) in zip(events, self.map(events)) {
                        switch result {
                        case .refused(let why):
                            self.buffer.noteRefused("\(event.file):\(event.line): \(why)")
                        case .message(let bytes):
                            pendingMessages.append((bytes, event))
                            if pendingMessages.count == self.encoder.batch {
                                unencoded.append(pendingMessages)
                                pendingMessages.removeAll(keepingCapacity: true)
                            }
                        }
                    }
                    return flush(final: false)
                }
                func flush(final: Bool) -> Bool {
                    if final, !pendingMessages.isEmpty {
                        unencoded.append(pendingMessages)
                        pendingMessages.removeAll()
                    }
                    guard unencoded.count >= 256 || (final && !unencoded.isEmpty) else { return true }
                    var chunk = self.encode(unencoded)
                    unencoded.removeAll(keepingCapacity: true)
                    if let limit = self.requestLimit, produced + chunk.count > limit {
                        chunk = Array(chunk.prefix(limit - produced))
                    }
                    if cache != nil {
                        cacheBytes += chunk.reduce(0) { $0 + $1.bytes.readableBytes }
                        // Decided early, before much is held: the cache is dropped once over the limit.
                        if cacheBytes > Self.cacheLimit { cache = nil } else { cache!.append(contentsOf: chunk) }
                    }
                    guard self.buffer.push(chunk) else { return false }
                    produced += chunk.count
                    if let limit = self.requestLimit, produced >= limit { return false }
                    return true
                }
                var batch: [FeedEvent] = []
                var consecutiveErrors = 0
                while true {
                    let next: FeedEvent?
                    do {
                        next = try feed.next()
                        consecutiveErrors = 0
                    } catch {
                        // A bad event is counted and skipped (the reader goes on after it); a feed
                        // that only fails is given up.
                        if stripe?.takeUnreadable() ?? true { self.buffer.noteUnreadable("\(error)") }
                        consecutiveErrors += 1
                        if consecutiveErrors >= 1000 { throw error }
                        continue
                    }
                    guard let event = next else { break }
                    readAny = true
                    if window != nil {
                        if let released = window!.push(event, timestamp: event.timestamp) {
                            if let kept = stripe == nil ? released : stripe!.take(released) { batch.append(kept) }
                        }
                    } else if let kept = stripe == nil ? event : stripe!.take(event) {
                        batch.append(kept)
                    }
                    if batch.count >= 512 {
                        guard emit(batch) else { break passes }
                        batch.removeAll(keepingCapacity: true)
                    }
                }
                if let drained = window?.drain() {
                    for event in drained {
                        if let kept = stripe == nil ? event : stripe!.take(event) { batch.append(kept) }
                    }
                }
                guard emit(batch), flush(final: true) else { break passes }
                // A shard of a corpus of C events gets the same events again every N / gcd(C, N)
                // passes: it reads that many before it re-sends them from the cache, in order (at most
                // the corpus, as an unsharded run caches). Replay plans each pass on the run's clock,
                // so it reads every pass.
                if pass == 0, let stripe, stripe.shard.count > 1 {
                    if self.reorderWindow != nil {
                        cache = nil
                    } else {
                        readPasses = stripe.shard.count / Self.gcd(stripe.seen, stripe.shard.count)
                    }
                }
                pass += 1
                if !self.loop || !readAny { break }
            }
            self.buffer.finish()
        } catch {
            self.buffer.finish(failure: error)
        }
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    private func map(_ events: [FeedEvent]) -> [PayloadResult] {
        if self.mapperIsRaw || events.count < 64 {
            return events.map { self.mapper.message(for: $0) }
        }
        // Mapping is CPU-bound: spread it over the cores, in order.
        let parts = min(events.count / 32, ProcessInfoCores.count)
        var results = [PayloadResult?](repeating: nil, count: events.count)
        results.withUnsafeMutableBufferPointer { out in
            // Each part writes its own disjoint range of the buffer, which outlives the call.
            nonisolated(unsafe) let base = out
            DispatchQueue.concurrentPerform(iterations: parts) { part in
                let lower = events.count * part / parts
                let upper = events.count * (part + 1) / parts
                for index in lower..<upper { base[index] = self.mapper.message(for: events[index]) }
            }
        }
        return results.map { $0! }
    }

    /// Encodes requests into one buffer and slices it per request: one allocation per chunk, no
    /// per-request rounding to a power of two.
    private func encode(_ requests: [[(bytes: [UInt8], event: FeedEvent)]]) -> [PreparedRequest] {
        self.encoder.encode(
            requests: requests.map { messages in
                let first = messages[0].event
                let origins =
                    self.recordOrigins
                    ? messages.map {
                        EventOrigin(
                            uniqueId: EventFields.uniqueId(in: $0.event.bytes), file: $0.event.file, line: $0.event.line
                        )
                    }
                    : nil
                return RequestEncoder.Parts(
                    messages: messages.map(\.bytes), file: first.file, line: first.line, timestamp: first.timestamp,
                    origins: origins)
            }, allocator: self.allocator)
    }
}

enum ProcessInfoCores {
    static let count: Int = System.coreCount
}
