import Dispatch
import Foundation
import Histogram
import NIOCore
import NIOPosix
import NIOSSL
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
/// the feed is read, mapped and encoded ahead on a thread of its own; the open-loop pacer runs
/// on a `DispatchSourceTimer`; the collector aggregates on a serial queue; this object's own state is
/// guarded by its serial `queue`.
public final class LoadRun: @unchecked Sendable {
    public let config: LoadConfig
    private let address: InletAddress
    private let factory: EventFeedFactory
    private let mapper: any PayloadMapper
    let toolVersion: String
    private let queue = DispatchQueue(label: "pendo-replay.run")
    private var startedWall = Date()

    // State guarded by `queue`.
    private var group: MultiThreadedEventLoopGroup?
    private var workers: [LoopWorker] = []
    private var pacer: OpenLoopPacer?
    private var buffer: RequestBuffer?
    private var collector = Collector()
    private var drained = Set<Int>()
    private var stopReason: StopReason?
    private var stopRequested: StopReason?
    private var lostCause: String?
    private var finishing = false
    private var startNanos: UInt64 = 0
    private var continuation: CheckedContinuation<RunReport, any Error>?
    private var secondTimer: (any DispatchSourceTimer)?
    private var connectsRemaining = 0
    private var firstFailure: (ErrorClass, String)?

    /// Prepares a run; throws `LoadConfigError` when the configuration cannot run.
    public init(config: LoadConfig, feed: @escaping EventFeedFactory, mapper: any PayloadMapper = RawPayload(),
                toolVersion: String) throws {
        try LoadRun.validate(config)
        self.config = config
        self.address = try InletAddress(parsing: config.inlet)
        self.factory = feed
        self.mapper = config.payloadMapper ?? mapper
        self.toolVersion = toolVersion
    }

    static func validate(_ config: LoadConfig) throws {
        if config.concurrency < 1 { throw LoadConfigError.invalid(option: "--concurrency", value: "\(config.concurrency)", why: "must be at least 1") }
        if config.batch < 1 { throw LoadConfigError.invalid(option: "--batch", value: "\(config.batch)", why: "must be at least 1") }
        if let m = config.maxInFlight, m < 1 { throw LoadConfigError.invalid(option: "--max-in-flight", value: "\(m)", why: "must be at least 1") }
        switch config.model {
        case .constant(let rate) where !(rate > 0 && rate.isFinite):
            throw LoadConfigError.invalid(option: "--rate", value: "\(rate)", why: "must be a positive number")
        case .replay(let speed, _) where !(speed > 0 && speed.isFinite):
            throw LoadConfigError.invalid(option: "--replay-speed", value: "\(speed)", why: "must be a positive number")
        default: break
        }
        if let d = config.duration, !(d > 0) { throw LoadConfigError.invalid(option: "--duration", value: "\(d)", why: "must be positive") }
        if let r = config.requests, r < 1 { throw LoadConfigError.invalid(option: "--requests", value: "\(r)", why: "must be at least 1") }
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
                    self.begin()
                }
            }
        } onCancel: {
            self.stop()
        }
    }

    /// Asks the run to stop: sending stops, answers in flight are awaited up to `drainTimeout`, and
    /// `run()` returns the report of what happened (stop reason `interrupted`). Safe from any thread.
    public func stop() {
        self.queue.async { self.requestStop(.interrupted) }
    }

    /// Live counts for a progress line (safe from any thread; cheap).
    public func progress() -> RunProgress {
        var sent = 0, completed = 0, errors = 0
        let workers = self.queue.sync { self.workers }
        for worker in workers {
            let snap = worker.snapshot.get()
            sent += snap.sent
            completed += snap.completed
            errors += snap.errors
        }
        let p99 = self.collector.queue.sync { self.collector.latestP99 }
        let start = self.queue.sync { self.startNanos }
        let elapsed = start == 0 ? 0 : Double(monotonicNanos() &- start) / 1e9
        return RunProgress(elapsed: elapsed, requestsSent: sent, requestsCompleted: completed, errors: errors, p99Milliseconds: p99)
    }

    // MARK: phases (on `queue`)

    private func begin() {
        let cores = System.coreCount
        let loops = max(1, min(self.config.eventLoops > 0 ? self.config.eventLoops : cores, self.config.concurrency))
        let group = MultiThreadedEventLoopGroup(numberOfThreads: loops)
        self.group = group
        var sslContext: NIOSSLContext?
        if self.address.tls {
            var tls = TLSConfiguration.makeClientConfiguration()
            if self.config.insecure { tls.certificateVerification = .none }
            if let trusted = self.config.trustedCertificatesPath { tls.trustRoots = .file(trusted) }
            do {
                sslContext = try NIOSSLContext(configuration: tls)
            } catch {
                self.fail(LoadRunError.unreachable(address: self.config.inlet, cause: "TLS setup failed: \(error)"))
                return
            }
        }
        let buffer = RequestBuffer(capacity: self.config.readAhead)
        self.buffer = buffer
        let maxInFlight = self.config.model.isOpenLoop ? (self.config.maxInFlight ?? self.config.concurrency) : self.config.concurrency
        let capPerWorker = max(1, Int((Double(maxInFlight) / Double(loops)).rounded(.up)))
        self.startNanos = 0
        var loopsIterator = group.makeIterator()
        var built: [LoopWorker] = []
        let shared = RunShared(
            config: self.config, address: self.address, buffer: buffer, collector: self.collector,
            sslContext: sslContext, capPerWorker: capPerWorker,
            workerDrained: { [unowned self] id in self.queue.async { self.workerDrained(id) } },
            inletLost: { [unowned self] cause in self.queue.async { self.inletLost(cause) } })
        // Connections spread evenly over the loops.
        for index in 0..<loops {
            let count = self.config.concurrency / loops + (index < self.config.concurrency % loops ? 1 : 0)
            let loop = loopsIterator.next()!
            built.append(LoopWorker(id: index, loop: loop, shared: shared, connections: count))
        }
        self.workers = built
        // Read ahead while connecting.
        let reorder: Int? = { if case .replay = self.config.model { return self.config.reorderWindow } else { return nil } }()
        let encoder = RequestEncoder(address: self.address, batch: self.config.batch, syncValidation: self.config.syncValidation,
                                     flowId: self.config.flowId, headers: self.config.headers, token: self.config.token)
        FeedPump(factory: self.factory, mapper: self.mapper, encoder: encoder, buffer: buffer, loop: self.config.loop,
                 requestLimit: self.config.requests, reorderWindow: reorder).start()
        // Open every connection; any failure at the start means the inlet is unreachable.
        self.connectsRemaining = self.config.concurrency
        for worker in built {
            worker.loop.execute {
                worker.connectAll { _, failure in
                    self.queue.async {
                        if let failure, self.firstFailure == nil { self.firstFailure = failure }
                        self.connectsRemaining -= 1
                        if self.connectsRemaining == 0 { self.connected(failure: self.firstFailure) }
                    }
                }
            }
        }
    }

    private func connected(failure: (ErrorClass, String)?) {
        if let failure {
            let kind: String
            switch failure.0 {
            case .tls: kind = "TLS failure"
            case .connect: kind = "cannot connect"
            default: kind = failure.0.name
            }
            self.buffer?.cancel()
            for worker in self.workers { worker.loop.execute { _ = worker.shutdown() } }
            self.fail(LoadRunError.unreachable(address: self.config.inlet, cause: "\(kind): \(failure.1)"))
            return
        }
        if let requested = self.stopRequested {
            // Stopped while connecting.
            self.stopReason = requested
        }
        self.startNanos = monotonicNanos()
        self.startedWall = Date()
        let start = self.startNanos
        // Workers compute intervals from the shared start; rebuild it with the real start.
        for worker in self.workers {
            worker.loop.execute {
                worker.endInitialPhase()
                worker.resetStart(start)
                worker.start()
            }
        }
        if self.config.model.isOpenLoop {
            let pacer = OpenLoopPacer(model: self.config.model, workers: self.workers, buffer: self.buffer!, startNanos: start,
                                      duration: self.config.duration)
            self.pacer = pacer
            pacer.start()
        }
        if let duration = self.config.duration {
            self.queue.asyncAfter(deadline: .now() + duration) { self.requestStop(.duration) }
        }
        if case .stages(let stages) = self.config.model, self.config.duration == nil {
            _ = stages
        }
        // Once a second, finish the intervals no connection can still add to.
        let timer = DispatchSource.makeTimerSource(queue: self.queue)
        timer.schedule(deadline: .now() + 1, repeating: 1)
        timer.setEventHandler { [weak self] in
            guard let self else { return }
            let index = Int((monotonicNanos() &- start) / 1_000_000_000)
            let collector = self.collector
            collector.queue.async { collector.finish(before: index - 1) }
        }
        self.secondTimer = timer
        timer.resume()
        if self.stopReason != nil { self.requestStop(self.stopReason!) }
    }

    private func requestStop(_ reason: StopReason) {
        guard !self.finishing else { return }
        if self.startNanos == 0 {
            self.stopRequested = reason
            return
        }
        if self.stopReason == nil || self.stopReason == .completed { self.stopReason = reason }
        self.beginFinishing()
    }

    private func inletLost(_ cause: String) {
        self.lostCause = cause
        self.requestStop(.unreachable)
    }

    private func workerDrained(_ id: Int) {
        self.drained.insert(id)
        if self.drained.count == self.workers.count, !self.finishing {
            if self.stopReason == nil { self.stopReason = self.config.requests != nil ? .requests : .completed }
            self.beginFinishing()
        }
    }

    private var finishingStarted = false

    private func beginFinishing() {
        guard !self.finishingStarted else { return }
        self.finishingStarted = true
        self.pacer?.stop()
        self.buffer?.cancel()
        for worker in self.workers { worker.loop.execute { worker.stop() } }
        // Wait for answers in flight: until every worker drained, or the drain timeout.
        let deadline = DispatchTime.now() + self.config.drainTimeout
        self.waitForDrain(until: deadline)
    }

    private func waitForDrain(until deadline: DispatchTime) {
        if self.drained.count == self.workers.count || DispatchTime.now() >= deadline {
            self.finish()
            return
        }
        self.queue.asyncAfter(deadline: .now() + 0.02) { self.waitForDrain(until: deadline) }
    }

    private func finish() {
        guard !self.finishing else { return }
        self.finishing = true
        self.secondTimer?.cancel()
        let endNanos = monotonicNanos()
        var tally = WorkerTally()
        for worker in self.workers {
            let part = try? worker.loop.submit { worker.shutdown() }.wait()
            if let part { tally.add(part) }
        }
        if let buffer = self.buffer, buffer.refused > 0 {
            tally.count(.mapping, buffer.refused, sample: buffer.refusedSample)
        }
        if let buffer = self.buffer, buffer.unreadable > 0 {
            tally.count(.corpus, buffer.unreadable, sample: buffer.unreadableSample)
        }
        let feedFailure = self.buffer?.failure
        let collector = self.collector
        let results = collector.queue.sync { collector.results() }
        let report = self.makeReport(tally: tally, results: results, endNanos: endNanos, startNanos: self.startNanos,
                                     stopReason: self.stopReason ?? .completed, startedWall: self.startedWall)
        let group = self.group
        self.group = nil
        DispatchQueue.global().async {
            try? group?.syncShutdownGracefully()
        }
        if let feedFailure {
            self.fail(LoadRunError.feed(cause: "\(feedFailure)", partial: report))
        } else if self.stopReason == .unreachable, let cause = self.lostCause {
            self.fail(LoadRunError.lost(address: self.config.inlet, cause: cause, partial: report))
        } else {
            self.continuation?.resume(returning: report)
            self.continuation = nil
        }
    }

    private func fail(_ error: LoadRunError) {
        if let group = self.group {
            self.group = nil
            DispatchQueue.global().async { try? group.syncShutdownGracefully() }
        }
        self.finishing = true
        self.continuation?.resume(throwing: error)
        self.continuation = nil
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
}

/// Why a run could not run or finish.
public enum LoadRunError: Error, CustomStringConvertible {
    /// No connection could be opened at the start (refused, unresolvable, TLS failure, timeout).
    case unreachable(address: String, cause: String)
    /// The inlet stopped accepting connections mid-run; the partial report says what happened until then.
    case lost(address: String, cause: String, partial: RunReport)
    /// The corpus could not be read to the end; the partial report covers what was sent.
    case feed(cause: String, partial: RunReport)

    public var description: String {
        switch self {
        case .unreachable(let address, let cause):
            return "cannot reach the inlet \(address): \(cause). Check the URL, that the inlet is up, and (https) its certificate or --insecure."
        case .lost(let address, let cause, _):
            return "lost the inlet \(address) mid-run: \(cause)"
        case .feed(let cause, _):
            return "the corpus could not be read: \(cause)"
        }
    }

    /// The report of what happened before the error, when there is one.
    public var partialReport: RunReport? {
        switch self {
        case .unreachable: return nil
        case .lost(_, _, let report), .feed(_, let report): return report
        }
    }
}
