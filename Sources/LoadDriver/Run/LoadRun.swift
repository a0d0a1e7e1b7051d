import Dispatch
import Foundation
import Histogram
import NIOCore
import NIOPosix
import NIOSSL
import ReplayCommon
import Reports

/// One load run. Build it with a configuration and a feed, call `run()`, get the `RunReport`.
///
/// ```swift
/// let run = try LoadRun(config: LoadConfig(inlet: "http://127.0.0.1:8080/collection/abc", concurrency: 8),
///                       feed: { InMemoryFeed(events) }, toolVersion: "0.1.0")
/// let report = try await run.run()      // `run.stop()` from elsewhere ends it early (report still written)
/// ```
///
/// Threads: one event loop per core (or `eventLoops`) owns the sockets, connections spread evenly;
/// the feed is read, mapped and encoded ahead on a thread of its own; under a rate model each loop
/// paces its own stripe of the schedule on its own timers (`LoopPacer`), and replay's pacer runs on
/// a `DispatchSourceTimer` (`ReplayPacer`); the collector aggregates on a serial queue; this object's own state is
/// guarded by its serial `queue`. The rules of the run's phases are `RunLifecycle`'s; this class
/// carries out its actions. Nothing here blocks a thread: the end of the run is a chain of callbacks
/// (the workers' tallies, the collector's results, the feed thread's exit, the outcomes file, the
/// event loops' shutdown), and `run()` returns after the last, so no callback outlives it.
public final class LoadRun: @unchecked Sendable {
    public let config: LoadConfig
    private let address: InletAddress
    private let factory: EventFeedFactory
    private let mapper: any PayloadMapper
    let toolVersion: String
    private let clock: any RunClock
    private let queue = DispatchQueue(label: "pendo-replay.run")
    private let outcomes: OutcomeLog?
    private let collector = Collector()
    /// Event loops (and workers) of the run.
    private let loops: Int
    /// Connections and loops carried over from the run before and on to the next (`capacity`'s
    /// steps); nil: the run starts its own loops and closes everything at its end.
    private let keep: KeptConnections?

    // State guarded by `queue`.
    private var lifecycle: RunLifecycle
    private var startedWall = Date()
    private var startNanos: UInt64 = 0
    private var group: MultiThreadedEventLoopGroup?
    private var workers: [LoopWorker] = []
    private var pacer: ReplayPacer?
    private var buffer: RequestBuffer?
    private var feedExited = false
    private var afterFeedExit: [() -> Void] = []
    private var continuation: CheckedContinuation<RunReport, any Error>?
    private var secondTimer: (any DispatchSourceTimer)?
    /// The duration bound and the drain deadline, cancelled when the run ends.
    private var timers: [RunTimer] = []
    /// The wait for `--start-at`, until it ends (or a stop cuts it short).
    private var startWait: RunTimer?

    /// Prepares a run; throws `LoadConfigError` when the configuration cannot run. `clock` is where the
    /// run reads the time and waits (tests pass a manual one). With `keep`, the run uses its loops and
    /// idle connections, and leaves its own idle connections there when it ends.
    public init(
        config: LoadConfig, feed: @escaping EventFeedFactory, mapper: any PayloadMapper = RawPayload(),
        toolVersion: String, clock: any RunClock = SystemClock(), keep: KeptConnections? = nil
    ) throws {
        try LoadRun.validate(config)
        let config = try config.shardLocal()
        self.config = config
        self.address = try InletAddress(parsing: config.inlet)
        self.factory = feed
        self.mapper = config.payloadMapper ?? mapper
        self.toolVersion = toolVersion
        self.clock = clock
        self.keep = keep
        self.loops = keep?.loops.count ?? Self.loopCount(for: config)
        self.lifecycle = RunLifecycle(
            connections: config.concurrency, workers: self.loops, requestBound: config.requests != nil)
        do {
            self.outcomes = try config.outcomesPath.map { try OutcomeLog(path: $0) }
        } catch {
            throw LoadConfigError.invalid(
                option: "--outcomes", value: config.outcomesPath ?? "", why: "cannot create the file: \(error)")
        }
    }

    /// Event loops a run with `config` starts: one per core (or `--event-loops`), at most one per connection.
    static func loopCount(for config: LoadConfig) -> Int {
        max(1, min(config.eventLoops > 0 ? config.eventLoops : System.coreCount, config.concurrency))
    }

    static func validate(_ config: LoadConfig) throws {
        try config.checkHeaderText()
        // Upper bounds too: counts size per-connection and per-request state, so Int.max traps.
        if !(1...65_535).contains(config.concurrency) {
            throw LoadConfigError.invalid(
                option: "--concurrency", value: "\(config.concurrency)",
                why: "must be 1 to 65535 (connections to one inlet)")
        }
        if !(1...100_000).contains(config.batch) {
            throw LoadConfigError.invalid(option: "--batch", value: "\(config.batch)", why: "must be 1 to 100000")
        }
        if let m = config.maxInFlight, !(1...10_000_000).contains(m) {
            throw LoadConfigError.invalid(option: "--max-in-flight", value: "\(m)", why: "must be 1 to 10000000")
        }
        if !(0...1_000).contains(config.retry.maxRetries) {
            throw LoadConfigError.invalid(
                option: "--retries", value: "\(config.retry.maxRetries)", why: "must be 0 to 1000")
        }
        if !(0...1_024).contains(config.eventLoops) {
            throw LoadConfigError.invalid(
                option: "--event-loops", value: "\(config.eventLoops)", why: "must be 0 (one per core) to 1024")
        }
        try config.model.check()
        if let d = config.duration, !(d > 0) {
            throw LoadConfigError.invalid(option: "--duration", value: "\(d)", why: "must be positive")
        }
        if let r = config.requests, r < 1 {
            throw LoadConfigError.invalid(option: "--requests", value: "\(r)", why: "must be at least 1")
        }
        if config.connectTimeout <= 0 || config.requestTimeout <= 0 {
            throw LoadConfigError.invalid(option: "--timeout", value: "", why: "timeouts must be positive")
        }
    }

    /// Runs to the end (a bound, the corpus's end, or `stop()`), and returns the report.
    /// Throws `LoadRunError.unreachable` when no connection to the inlet can be opened at the start.
    /// Cancelling the calling task stops the run as `stop()` does; the report still comes back.
    public func run() async throws -> RunReport {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                self.queue.async {
                    self.continuation = continuation
                    self.beginAtStartTime()
                }
            }
        } onCancel: {
            self.stop()
        }
    }

    /// Asks the run to stop: sending stops, answers in flight are awaited up to `drainTimeout`, and
    /// `run()` returns the report of what happened (stop reason `interrupted`). Safe from any thread.
    public func stop() {
        self.queue.async {
            self.apply(self.lifecycle.stop(.interrupted))
            // Stopped while waiting for `--start-at`: connect now, and the lifecycle ends the run unsent.
            if let wait = self.startWait {
                wait.cancel()
                self.startWait = nil
                self.begin()
            }
        }
    }

    /// Tells `body` of each second of the run once it is finished (on the collector's queue; keep it
    /// short). Set before `run()`.
    public func observeIntervals(_ body: @escaping @Sendable (IntervalDigest) -> Void) {
        self.collector.queue.sync { self.collector.observer = body }
    }

    /// Live counts for a progress line (safe from any thread; cheap).
    public func progress() -> RunProgress {
        var sent = 0
        var completed = 0
        var errors = 0
        var accepted = 0
        var rejected = 0
        var failed = 0
        let (workers, start, started) = self.queue.sync { (self.workers, self.startNanos, self.lifecycle.started) }
        for worker in workers {
            let snap = worker.snapshot.get()
            sent += snap.sent
            completed += snap.completed
            errors += snap.errors
            accepted += snap.accepted
            rejected += snap.rejected
            failed += snap.failed
        }
        let p99 = self.collector.queue.sync { self.collector.latestP99 }
        let elapsed = started ? Double(self.clock.now() &- start) / 1e9 : 0
        return RunProgress(
            elapsed: elapsed, requestsSent: sent, requestsCompleted: completed, errors: errors, p99Milliseconds: p99,
            accepted: accepted, rejected: rejected, failed: failed)
    }

    // MARK: phases (on `queue`)

    /// Begins at once, or at `--start-at` (wall clock) so that the shards of a run start together.
    private func beginAtStartTime() {
        let delay = self.config.startDelay(now: Date())
        guard delay > 0 else {
            self.begin()
            return
        }
        self.startWait = self.clock.after(delay, on: self.queue) {
            guard self.startWait != nil else { return }
            self.startWait = nil
            self.begin()
        }
    }

    private func begin() {
        let group = self.keep?.group ?? MultiThreadedEventLoopGroup(numberOfThreads: self.loops)
        self.group = group
        var sslContext: NIOSSLContext?
        if self.address.tls {
            do {
                sslContext = try NIOSSLContext(configuration: try self.config.tlsConfiguration())
            } catch {
                self.feedExited = true
                self.fail(
                    LoadRunError.unreachable(
                        address: Redaction.url(self.config.inlet), cause: "TLS setup failed: \(error)"))
                return
            }
        }
        let buffer = RequestBuffer(capacity: self.config.readAhead)
        self.buffer = buffer
        let maxInFlight =
            self.config.model.isOpenLoop
            ? (self.config.maxInFlight ?? self.config.concurrency) : self.config.concurrency
        let capPerWorker = max(1, Int((Double(maxInFlight) / Double(self.loops)).rounded(.up)))
        var loopsIterator = group.makeIterator()
        var built: [LoopWorker] = []
        // Weak: a worker's late call after the run is over finds nothing to do.
        let shared = RunShared(
            config: self.config, address: self.address, buffer: buffer, collector: self.collector,
            sslContext: sslContext, capPerWorker: capPerWorker, loops: self.loops,
            workerDrained: { [weak self] id in
                guard let self else { return }
                self.queue.async { self.apply(self.lifecycle.workerDrained(id)) }
            },
            inletLost: { [weak self] cause in
                guard let self else { return }
                self.queue.async { self.apply(self.lifecycle.inletLost(cause)) }
            }, outcomes: self.outcomes)
        // Connections spread evenly over the loops.
        for index in 0..<self.loops {
            let count = self.config.concurrency / self.loops + (index < self.config.concurrency % self.loops ? 1 : 0)
            if let keep = self.keep {
                built.append(
                    LoopWorker(id: index, loop: keep.loops[index], shared: shared, connections: count, keep: keep))
            } else {
                built.append(LoopWorker(id: index, loop: loopsIterator.next()!, shared: shared, connections: count))
            }
        }
        self.workers = built
        // Read ahead while connecting.
        let reorder: Int? = {
            if case .replay = self.config.model { return self.config.reorderWindow } else { return nil }
        }()
        let stripe = self.config.shard.flatMap { shard -> FeedStripe? in
            guard shard.count > 1 else { return nil }
            if case .replay(let speed, let maxGap) = self.config.model {
                return FeedStripe(shard: shard, replay: ReplaySchedule(speed: speed, maxGap: maxGap))
            }
            return FeedStripe(shard: shard, replay: nil)
        }
        let encoder = RequestEncoder(
            address: self.address, batch: self.config.batch, syncValidation: self.config.syncValidation,
            flowId: self.config.flowId, headers: self.config.headers, token: self.config.token)
        FeedPump(
            factory: self.factory, mapper: self.mapper, encoder: encoder, buffer: buffer, loop: self.config.loop,
            requestLimit: self.config.requests, reorderWindow: reorder, recordOrigins: self.outcomes != nil,
            stripe: stripe,
            onExit: { [weak self] in
                guard let self else { return }
                self.queue.async { self.feedDidExit() }
            }
        ).start()
        // Open every connection; any failure at the start means the inlet is unreachable.
        for worker in built {
            worker.loop.execute {
                worker.connectAll { _, failure in
                    let failure = failure.map { RunLifecycle.ConnectFailure(errorClass: $0.0, text: $0.1) }
                    self.queue.async { self.apply(self.lifecycle.connected(failure: failure)) }
                }
            }
        }
    }

    /// Carries out the lifecycle's actions, in order.
    private func apply(_ actions: [RunLifecycle.Action]) {
        for action in actions {
            switch action {
            case .failUnreachable(let failure): self.failUnreachable(failure)
            case .startSending: self.startSending()
            case .beginDrain: self.beginDrain()
            case .finish(let reason): self.finish(reason)
            }
        }
    }

    private func failUnreachable(_ failure: RunLifecycle.ConnectFailure) {
        let kind: String
        switch failure.errorClass {
        case .tls: kind = "TLS failure"
        case .connect: kind = "cannot connect"
        default: kind = failure.errorClass.name
        }
        self.buffer?.cancel()
        let error = LoadRunError.unreachable(
            address: Redaction.url(self.config.inlet), cause: "\(kind): \(failure.text)")
        self.collectTallies { _ in self.fail(error) }
    }

    private func startSending() {
        self.startNanos = self.clock.now()
        self.startedWall = Date()
        let start = self.startNanos
        for worker in self.workers {
            worker.loop.execute {
                worker.endInitialPhase()
                worker.resetStart(start)
                worker.start()
            }
        }
        if case .replay(let speed, let maxGap) = self.config.model {
            let pacer = ReplayPacer(
                speed: speed, maxGap: maxGap, workers: self.workers, buffer: self.buffer!, startNanos: start,
                duration: self.config.duration, clock: self.clock,
                planned: (self.config.shard?.count ?? 1) > 1)
            self.pacer = pacer
            pacer.start()
        }
        if let duration = self.config.duration {
            self.timers.append(
                self.clock.after(duration, on: self.queue) { self.apply(self.lifecycle.stop(.duration)) })
        }
        // Once a second, finish the intervals no connection can still add to.
        let timer = DispatchSource.makeTimerSource(queue: self.queue)
        timer.schedule(deadline: .now() + 1, repeating: 1)
        let clock = self.clock
        let collector = self.collector
        timer.setEventHandler {
            let index = Int((clock.now() &- start) / 1_000_000_000)
            collector.queue.async { collector.finish(before: index - 1) }
        }
        self.secondTimer = timer
        timer.resume()
    }

    private func beginDrain() {
        self.pacer?.stop()
        self.buffer?.cancel()
        for worker in self.workers { worker.loop.execute { worker.stop() } }
        // Answers in flight are awaited until every worker drained (`workerDrained`) or this deadline.
        self.timers.append(
            self.clock.after(self.config.drainTimeout, on: self.queue) { self.apply(self.lifecycle.drainDeadline()) })
    }

    /// Every worker's tally, from its own loop, without blocking: `body` runs on `queue`.
    private func collectTallies(_ body: @escaping @Sendable ([WorkerTally]) -> Void) {
        guard let group = self.group, !self.workers.isEmpty else {
            body([])
            return
        }
        let futures = self.workers.map { worker in worker.loop.submit { worker.shutdown() } }
        EventLoopFuture.whenAllComplete(futures, on: group.next()).whenComplete { result in
            let tallies = (try? result.get())?.compactMap { try? $0.get() } ?? []
            self.queue.async { body(tallies) }
        }
    }

    private func finish(_ reason: StopReason) {
        self.secondTimer?.cancel()
        self.secondTimer = nil
        let endNanos = self.clock.now()
        self.collectTallies { parts in
            var tally = WorkerTally()
            for part in parts { tally.add(part) }
            let feed = self.buffer?.feedCounts() ?? RequestBuffer.FeedCounts()
            if feed.refused > 0 { tally.count(.mapping, feed.refused, sample: feed.refusedSample) }
            if feed.unreadable > 0 { tally.count(.corpus, feed.unreadable, sample: feed.unreadableSample) }
            let total = tally
            let collector = self.collector
            collector.queue.async {
                let results = collector.results()
                self.queue.async {
                    let report = self.makeReport(
                        tally: total, results: results, endNanos: endNanos,
                        startNanos: self.lifecycle.started ? self.startNanos : nil,
                        stopReason: reason, startedWall: self.startedWall)
                    self.whenFeedExited {
                        self.finishOutcomes(report: report, feedFailure: feed.failure, reason: reason)
                    }
                }
            }
        }
    }

    /// `outcomes.jsonl.gz` is completed on a thread of its own (it waits for its last gzip members).
    private func finishOutcomes(report: RunReport, feedFailure: (any Error)?, reason: StopReason) {
        guard let outcomes = self.outcomes else {
            self.conclude(report: report, feedFailure: feedFailure, outcomesFailure: nil, reason: reason)
            return
        }
        let thread = Thread {
            let failure: (any Error)?
            do {
                try outcomes.finish()
                failure = nil
            } catch {
                failure = error
            }
            self.queue.async {
                self.conclude(report: report, feedFailure: feedFailure, outcomesFailure: failure, reason: reason)
            }
        }
        thread.name = "pendo-replay-outcomes"
        thread.start()
    }

    private func conclude(
        report: RunReport, feedFailure: (any Error)?, outcomesFailure: (any Error)?, reason: StopReason
    ) {
        if let feedFailure {
            self.fail(LoadRunError.feed(cause: "\(feedFailure)", partial: report))
        } else if let outcomesFailure {
            self.fail(LoadRunError.outcomes(cause: "\(outcomesFailure)", partial: report))
        } else if reason == .unreachable, let cause = self.lifecycle.lostCause {
            self.fail(LoadRunError.lost(address: self.config.inlet, cause: cause, partial: report))
        } else {
            self.shutDown { $0.resume(returning: report) }
        }
    }

    private func feedDidExit() {
        self.feedExited = true
        let waiting = self.afterFeedExit
        self.afterFeedExit.removeAll()
        for body in waiting { body() }
    }

    /// Runs `body` on `queue` once the feed thread has exited (the buffer is cancelled by then, so it
    /// exits within one chunk).
    private func whenFeedExited(_ body: @escaping () -> Void) {
        if self.feedExited { body() } else { self.afterFeedExit.append(body) }
    }

    private func fail(_ error: LoadRunError) {
        self.buffer?.cancel()
        self.whenFeedExited { self.shutDown { $0.resume(throwing: error) } }
    }

    /// Shuts the event loops down (every channel closed, every scheduled task gone), then hands the
    /// continuation to `resume`, once.
    private func shutDown(then resume: @escaping @Sendable (CheckedContinuation<RunReport, any Error>) -> Void) {
        for timer in self.timers { timer.cancel() }
        self.timers.removeAll()
        self.secondTimer?.cancel()
        self.secondTimer = nil
        let finish: @Sendable () -> Void = {
            guard let continuation = self.continuation else { return }
            self.continuation = nil
            resume(continuation)
        }
        guard let group = self.group else {
            finish()
            return
        }
        self.group = nil
        // Kept loops run on for the next run; their owner closes them.
        if self.keep != nil {
            finish()
            return
        }
        group.shutdownGracefully(queue: self.queue) { _ in finish() }
    }
}

/// Live counts of a run in progress.
public struct RunProgress: Sendable {
    /// Seconds since sending started.
    public var elapsed: Double
    public var requestsSent: Int
    public var requestsCompleted: Int
    public var errors: Int
    /// p99 of the corrected latency in the latest finished second, milliseconds.
    public var p99Milliseconds: Double
    /// Events accepted, rejected and failed so far.
    public var accepted = 0
    public var rejected = 0
    public var failed = 0
}

/// Why a run could not run or finish.
public enum LoadRunError: Error, CustomStringConvertible {
    /// No connection could be opened at the start (refused, unresolvable, TLS failure, timeout).
    case unreachable(address: String, cause: String)
    /// The inlet stopped accepting connections mid-run; the partial report says what happened until then.
    case lost(address: String, cause: String, partial: RunReport)
    /// The corpus could not be read to the end; the partial report covers what was sent.
    case feed(cause: String, partial: RunReport)
    /// `outcomes.jsonl.gz` could not be written to the end; the report itself is complete.
    case outcomes(cause: String, partial: RunReport)

    public var description: String {
        switch self {
        case .unreachable(let address, let cause):
            return
                "cannot reach the inlet \(address): \(cause). Check the URL, that the inlet is up, and (https) its certificate or --insecure."
        case .lost(let address, let cause, _):
            return "lost the inlet \(address) mid-run: \(cause)"
        case .feed(let cause, _):
            return "the corpus could not be read: \(cause)"
        case .outcomes(let cause, _):
            return "\(cause)"
        }
    }

    /// The report of what happened before the error, when there is one.
    public var partialReport: RunReport? {
        switch self {
        case .unreachable: return nil
        case .lost(_, _, let report), .feed(_, let report), .outcomes(_, let report): return report
        }
    }
}
