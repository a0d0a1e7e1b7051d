import DataPrep
import NIOCore
import NIOPosix
import NIOSSL
import Reports

/// What every worker shares; immutable after the run starts.
final class RunShared: @unchecked Sendable {
    let config: LoadConfig
    /// `outcomes.jsonl.gz`, when the run writes it.
    let outcomes: OutcomeLog?
    let address: InletAddress
    let buffer: RequestBuffer
    let collector: Collector
    let sslContext: NIOSSLContext?
    let capPerWorker: Int
    /// Called (from any loop) when a worker has nothing left to do.
    let workerDrained: @Sendable (Int) -> Void
    /// Called when the inlet stopped answering connects mid-run.
    let inletLost: @Sendable (String) -> Void

    init(config: LoadConfig, address: InletAddress, buffer: RequestBuffer, collector: Collector,
         sslContext: NIOSSLContext?, capPerWorker: Int, workerDrained: @escaping @Sendable (Int) -> Void,
         inletLost: @escaping @Sendable (String) -> Void, outcomes: OutcomeLog? = nil) {
        self.config = config
        self.outcomes = outcomes
        self.address = address
        self.buffer = buffer
        self.collector = collector
        self.sslContext = sslContext
        self.capPerWorker = capPerWorker
        self.workerDrained = workerDrained
        self.inletLost = inletLost
    }
}

/// Counts a worker publishes for the live line.
struct WorkerSnapshot: Sendable {
    var sent = 0
    var completed = 0
    var errors = 0
    /// Events by outcome so far, for `--abort-on-fail` rules on counts (`failed<2`).
    var accepted = 0, rejected = 0, failed = 0
}

/// Everything one event loop does: its share of the connections, its queue of sends, retries, timeouts
/// and its tally. Confined to its event loop: every method runs there.
final class LoopWorker: @unchecked Sendable {
    let id: Int
    let loop: any EventLoop
    let shared: RunShared
    private var connections: [Connection?]
    private var recorders: [IntervalRecorder]
    private var connectFailures: [Int]
    private var idle: [Connection] = []
    private var pending = CircularBuffer<Pending>(initialCapacity: 256)
    private var local = CircularBuffer<PreparedRequest>(initialCapacity: 64)
    /// Open loop at a rate: intended send times handed over by the pacer, each given a request only when
    /// it is sent, so a backlog costs 8 bytes a send instead of holding the requests' buffers.
    private var slots = CircularBuffer<UInt64>(initialCapacity: 256)
    private var inFlight = 0
    /// Retries waiting for their back-off, by a number of their own, so that a stop settles them at once.
    private var retriesWaiting: [Int: (pending: Pending, task: Scheduled<Void>)] = [:]
    private var nextRetry = 0
    private var started = false
    private var noMoreWork = false
    private var stopping = false
    private var drainedReported = false
    private var hungry = false
    private var liveConnections = 0
    private var lostReported = false
    private(set) var tally = WorkerTally()
    private var random: SeededRandom
    private var tickTask: RepeatedTask?
    private let openLoop: Bool
    /// Initial connects: called once per slot with nil (ready) or the failure.
    /// When sending started (monotonic nanoseconds); intervals count from here.
    private var startNanos: UInt64 = 0
    private var initialReport: ((Int, (ErrorClass, String)?) -> Void)?
    /// The latest counts, for the live line (read from another thread under its own lock).
    let snapshot = LockedBox(WorkerSnapshot())
    /// Outcome lines not yet handed to `shared.outcomes`.
    private var outcomeLines = OutcomeLines()

    init(id: Int, loop: any EventLoop, shared: RunShared, connections: Int) {
        self.id = id
        self.loop = loop
        self.shared = shared
        self.connections = Array(repeating: nil, count: connections)
        self.recorders = Array(repeating: IntervalRecorder(), count: connections)
        self.connectFailures = Array(repeating: 0, count: connections)
        self.random = SeededRandom(seed: shared.config.seed &+ UInt64(id) &* 0x9E37_79B9)
        self.openLoop = shared.config.model.isOpenLoop
    }

    // MARK: connecting

    /// Opens every connection; `report` is called on this loop once per slot.
    func connectAll(report: @escaping (Int, (ErrorClass, String)?) -> Void) {
        self.initialReport = report
        for slot in 0..<self.connections.count { self.connect(slot: slot) }
        self.startTicking()
    }

    /// Starts the housekeeping tick: request timeouts, interval ends, the live line's counts.
    func startTicking() {
        let interval = TimeAmount.milliseconds(Int64(max(10, min(250, self.shared.config.requestTimeout * 250))))
        self.tickTask = self.loop.scheduleRepeatedTask(initialDelay: interval, delay: interval) { [weak self] _ in
            self?.tick()
        }
    }

    /// Puts an already-built connection in its slot (tests drive it on an `EmbeddedChannel`).
    func adopt(_ connection: Connection) {
        self.connections[connection.slot] = connection
    }

    private func connect(slot: Int) {
        let config = self.shared.config
        let address = self.shared.address
        let sslContext = self.shared.sslContext
        let connection = Connection(worker: self, slot: slot, tls: sslContext != nil)
        self.connections[slot] = connection
        // The handler belongs to this loop; the bootstrap's callbacks all run on it.
        let bound = NIOLoopBound(connection, eventLoop: self.loop)
        let bootstrap = ClientBootstrap(group: self.loop)
            .connectTimeout(.nanoseconds(Int64(config.connectTimeout * 1e9)))
            .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                do {
                    if let sslContext {
                        let hostname = address.host.contains(":") || address.host.allSatisfy({ $0.isNumber || $0 == "." })
                            ? nil : address.host
                        let tlsHandler = try NIOSSLClientHandler(context: sslContext, serverHostname: hostname)
                        try channel.pipeline.syncOperations.addHandler(tlsHandler)
                    }
                    try channel.pipeline.syncOperations.addHandler(bound.value)
                    return channel.eventLoop.makeSucceededVoidFuture()
                } catch {
                    return channel.eventLoop.makeFailedFuture(error)
                }
            }
        bootstrap.connect(host: address.host, port: address.port).whenFailure { error in
            self.connectFailed(slot: slot, connection: bound.value, error: error)
        }
        if sslContext != nil {
            // The handshake must finish within the connect timeout too.
            self.loop.scheduleTask(in: .nanoseconds(Int64(config.connectTimeout * 1e9))) {
                let connection = bound.value
                if !connection.ready, self.connections[slot] === connection {
                    connection.close(.tls, "TLS handshake not finished within \(config.connectTimeout)s")
                }
            }
        }
    }

    private func connectFailed(slot: Int, connection: Connection, error: any Error) {
        guard self.connections[slot] === connection else { return }
        self.connections[slot] = nil
        self.noteConnectFailure(slot: slot, errorClass: ErrorClassifier.classify(error), text: "\(error)")
    }

    private func noteConnectFailure(slot: Int, errorClass: ErrorClass, text: String) {
        let cause = "\(self.shared.address.host):\(self.shared.address.port): \(text)"
        if let report = self.initialReport {
            report(slot, (errorClass, cause))
            return
        }
        self.tally.count(errorClass, sample: cause)
        self.connectFailures[slot] += 1
        if self.liveConnections == 0, self.connectFailures[slot] >= 8, !self.lostReported, !self.stopping {
            self.lostReported = true
            self.shared.inletLost("\(cause) (after \(self.connectFailures[slot]) reconnect attempts)")
            return
        }
        self.scheduleReconnect(slot: slot)
    }

    private func scheduleReconnect(slot: Int) {
        guard !self.stopping else { return }
        let failures = self.connectFailures[slot]
        let base = min(2.0, 0.05 * Double(1 << min(failures, 6)))
        let delay = base * (0.5 + 0.5 * self.random.unit())
        self.loop.scheduleTask(in: .nanoseconds(Int64(delay * 1e9))) {
            if !self.stopping, self.connections[slot] == nil { self.connect(slot: slot) }
        }
    }

    func connectionReady(_ connection: Connection) {
        guard self.connections[connection.slot] === connection else { return }
        self.connectFailures[connection.slot] = 0
        self.liveConnections += 1
        if let report = self.initialReport { report(connection.slot, nil) }
        self.idle.append(connection)
        if self.started { self.pump() }
    }

    func connectionClosed(_ connection: Connection, wasReady: Bool, inFlight: Pending?, reason: (ErrorClass, String)) {
        guard self.connections[connection.slot] === connection else { return }
        self.connections[connection.slot] = nil
        if wasReady { self.liveConnections -= 1 }
        if let index = self.idle.firstIndex(where: { $0 === connection }) { self.idle.remove(at: index) }
        if let inFlight {
            self.inFlight -= 1
            self.attemptUnanswered(inFlight, reason.0, "\(inFlight.request.file):\(inFlight.request.line): \(reason.1)")
        }
        if !wasReady {
            // Closed before it was usable (TLS handshake failed): a connect failure.
            self.noteConnectFailure(slot: connection.slot, errorClass: reason.0, text: reason.1)
        } else if !self.stopping {
            self.scheduleReconnect(slot: connection.slot)
        }
        self.checkDrained()
    }

    /// The initial connects are done; from now on failures reconnect instead of reporting.
    func endInitialPhase() {
        self.initialReport = nil
    }

    // MARK: running

    /// The worker's clock is its event loop's (NIO's `EmbeddedEventLoop` moves it by hand in tests).
    @inline(__always)
    private func now() -> UInt64 {
        self.loop.now.uptimeNanoseconds
    }

    @inline(__always)
    private func intervalIndex(_ now: UInt64) -> Int {
        now > self.startNanos ? Int((now - self.startNanos) / 1_000_000_000) : 0
    }

    /// Sets the run's start (before `start`).
    func resetStart(_ start: UInt64) {
        self.startNanos = start
    }

    /// Starts sending (closed loop: pulls from the buffer; open loop: waits for `enqueue`).
    func start() {
        self.started = true
        self.pump()
    }

    /// Open loop: sends handed over by the pacer, in intended order.
    func enqueue(_ batch: [Pending]) {
        for item in batch {
            self.tally.planned += item.request.events
            if self.stopping {
                self.countUnsent(item.request)
                continue
            }
            if self.shared.config.atCap == .drop, self.idle.isEmpty || self.inFlight >= self.shared.capPerWorker {
                self.tally.dropped += item.request.events
                self.countUnsent(item.request)
                continue
            }
            self.pending.append(item)
        }
        self.pump()
    }

    /// Open loop at a rate: intended send times handed over by the pacer, in order.
    func enqueueSlots(_ batch: [UInt64]) {
        for intended in batch {
            if self.stopping { break }
            if self.shared.config.atCap == .drop, self.idle.isEmpty || self.inFlight >= self.shared.capPerWorker {
                // Dropped: the event that would have gone is taken and counted, so the corpus moves on.
                if let request = self.takeOne() {
                    self.tally.planned += request.events
                    self.tally.dropped += request.events
                    self.countUnsent(request)
                }
                continue
            }
            self.slots.append(intended)
        }
        self.pump()
    }

    /// One request from the read-ahead buffer, or nil (then `hungry` or `noMoreWork` says why).
    private func takeOne() -> PreparedRequest? {
        switch self.shared.buffer.take(max: 1, wake: self.wakeClosure()) {
        case .requests(let requests):
            return requests[0]
        case .empty:
            self.hungry = true
            return nil
        case .finished:
            // Nothing will ever fill the remaining slots.
            self.slots.removeAll()
            return nil
        }
    }

    private func wakeClosure() -> (@Sendable () -> Void)? {
        guard !self.hungry else { return nil }
        let loop = self.loop
        // Weak: the buffer may hold a waiter after the run is over.
        weak let worker = self
        return {
            loop.execute {
                guard let worker else { return }
                worker.hungry = false
                worker.pump()
            }
        }
    }

    /// Open loop: the pacer will send nothing more.
    func finishWork() {
        self.noMoreWork = true
        self.checkDrained()
    }

    /// Sends while there are idle connections, capacity and work.
    func pump() {
        guard self.started, !self.stopping else {
            self.checkDrained()
            return
        }
        while !self.idle.isEmpty, self.inFlight < self.shared.capPerWorker {
            guard var next = self.nextWork() else { break }
            let connection = self.idle.removeLast()
            self.send(&next, on: connection)
        }
        self.checkDrained()
    }

    private func nextWork() -> Pending? {
        if let first = self.pending.first, first.attempts > 0 || self.openLoop {
            _ = first
            return self.pending.removeFirst()
        }
        if let intended = self.slots.first {
            guard let request = self.takeOne() else { return nil }
            _ = intended
            self.slots.removeFirst()
            self.tally.planned += request.events
            return Pending(request: request, intended: intended, intendedAtSend: false)
        }
        if self.openLoop || self.noMoreWork { return nil }
        if self.local.isEmpty {
            switch self.shared.buffer.take(max: 32, wake: self.wakeClosure()) {
            case .requests(let requests):
                for request in requests { self.local.append(request) }
            case .empty:
                self.hungry = true
                return nil
            case .finished:
                self.noMoreWork = true
                return nil
            }
        }
        let request = self.local.removeFirst()
        self.tally.planned += request.events
        return Pending(request: request, intended: 0, intendedAtSend: true)
    }

    private func send(_ pending: inout Pending, on connection: Connection) {
        let now = self.now()
        if pending.attempts == 0 {
            if pending.intendedAtSend { pending.intended = now }
            self.tally.sent += pending.request.events
            self.tally.requestsSent += 1
            let index = self.intervalIndex(now)
            self.roll(slot: connection.slot, index: index)
            if self.openLoop {
                _ = self.recorders[connection.slot].lag.record(max(1, (now &- pending.intended) / 1000))
            }
        } else {
            self.tally.retries += 1
            if pending.lastUnanswered { self.tally.retriedAfterUnknown += 1 }
        }
        pending.attempts += 1
        pending.sentAt = now
        self.tally.attempts += 1
        self.tally.bytesOut += pending.request.bytes.readableBytes
        self.inFlight += 1
        connection.send(pending)
    }

    /// An answer to the request in flight on `connection`.
    func answered(_ connection: Connection, _ pending: Pending, _ response: ParsedResponse) {
        self.inFlight -= 1
        let now = self.now()
        self.tally.bytesIn += response.bytes
        let verdict = AttemptClassifier.classify(status: response.status, body: response.body, events: pending.request.events,
                                                 origin: "\(pending.request.file):\(pending.request.line)")
        for error in verdict.errors { self.tally.count(error.errorClass, error.count, sample: error.sample) }
        var pending = pending
        pending.lastUnanswered = false
        pending.lastStatus = response.status
        if verdict.unknown > 0 { pending.possiblyDelivered = true }
        if verdict.retryable, !self.stopping,
           let delay = self.shared.config.retry.delay(beforeRetry: pending.attempts, retryAfter: response.retryAfter,
                                                      random: self.random.unit()) {
            self.scheduleRetry(pending, after: delay)
        } else {
            self.tally.countStatus(response.status)
            self.complete(pending, slot: connection.slot, now: now, outcome: Self.settled(verdict, pending), answered: true)
        }
        if !response.closes, connection.context != nil, self.connections[connection.slot] === connection {
            self.idle.append(connection)
        }
        self.pump()
    }

    /// The final outcome of an answer: short of acceptance, events an earlier attempt may have stored
    /// are `unknown`, not `rejected` or `failed`.
    static func settled(_ verdict: AttemptVerdict, _ pending: Pending) -> AttemptVerdict {
        var outcome = verdict
        if pending.possiblyDelivered {
            outcome.unknown += outcome.rejected + outcome.failed
            outcome.rejected = 0
            outcome.failed = 0
        }
        return outcome
    }

    /// The outcome of a request that will not be attempted again without a final answer: `unknown` when an
    /// attempt was written and not answered, else `failed` (the answers it got said it was not stored).
    static func unfinished(_ pending: Pending) -> AttemptVerdict {
        pending.possiblyDelivered ? AttemptVerdict(unknown: pending.request.events) : AttemptVerdict(failed: pending.request.events)
    }

    /// An attempt written on a ready connection that got no answer (timeout, reset, close, unreadable answer).
    private func attemptUnanswered(_ pending: Pending, _ errorClass: ErrorClass, _ text: String) {
        self.tally.count(errorClass, sample: text)
        var pending = pending
        pending.possiblyDelivered = true
        pending.lastUnanswered = true
        pending.unanswered += 1
        if RetryPolicy.isRetryable(errorClass), !self.stopping,
           let delay = self.shared.config.retry.delay(beforeRetry: pending.attempts, retryAfter: nil, random: self.random.unit()) {
            self.scheduleRetry(pending, after: delay)
        } else {
            self.complete(pending, slot: nil, now: self.now(), outcome: AttemptVerdict(unknown: pending.request.events),
                          answered: false)
        }
    }

    private func scheduleRetry(_ pending: Pending, after delay: Double) {
        let id = self.nextRetry
        self.nextRetry &+= 1
        let task = self.loop.scheduleTask(in: .nanoseconds(Int64(delay * 1e9))) {
            guard let waiting = self.retriesWaiting.removeValue(forKey: id) else { return }
            self.pending.prepend(waiting.pending)
            self.pump()
        }
        self.retriesWaiting[id] = (pending, task)
    }

    /// Counts a planned request's events as never sent.
    private func countUnsent(_ request: PreparedRequest) {
        self.tally.unsent += request.events
        if let log = self.shared.outcomes {
            self.outcomeLines.add(request, attempts: 0, unanswered: 0, status: nil, to: log) { _ in .unsent }
        }
    }

    /// Settles a request that will not be attempted again because the run stops.
    private func abandon(_ pending: Pending, why: String) {
        self.tally.count(.interrupted, sample: "\(pending.request.file):\(pending.request.line): \(why)")
        self.complete(pending, slot: nil, now: self.now(), outcome: Self.unfinished(pending), answered: false)
    }

    private func complete(_ pending: Pending, slot: Int?, now: UInt64, outcome: AttemptVerdict, answered: Bool) {
        let accepted = outcome.accepted
        let notAccepted = outcome.rejected + outcome.failed + outcome.unknown
        self.tally.accepted += accepted
        self.tally.rejected += outcome.rejected
        self.tally.failed += outcome.failed
        self.tally.unknown += outcome.unknown
        self.tally.requestsCompleted += 1
        if let log = self.shared.outcomes {
            let delivered = pending.possiblyDelivered
            self.outcomeLines.add(pending.request, attempts: pending.attempts, unanswered: pending.unanswered,
                                  status: pending.lastStatus, to: log) { index in
                let own = outcome.outcome(ofMessage: index)
                return delivered && (own == .rejected || own == .failed) ? .unknown : own
            }
        }
        let recorderSlot = slot ?? 0
        guard !self.recorders.isEmpty else { return }
        self.roll(slot: recorderSlot, index: self.intervalIndex(now))
        self.recorders[recorderSlot].requests += 1
        self.recorders[recorderSlot].accepted += accepted
        self.recorders[recorderSlot].errors += notAccepted
        if answered {
            _ = self.recorders[recorderSlot].corrected.record(max(1, (now &- pending.intended) / 1000))
            _ = self.recorders[recorderSlot].uncorrected.record(max(1, (now &- pending.sentAt) / 1000))
        }
    }

    private func roll(slot: Int, index: Int) {
        if let piece = self.recorders[slot].roll(to: index) { self.shared.collector.submit(piece) }
    }

    // MARK: housekeeping

    private func tick() {
        let now = self.now()
        let timeout = UInt64(self.shared.config.requestTimeout * 1e9)
        for case let connection? in self.connections {
            if let inFlight = connection.inFlight, now &- inFlight.sentAt > timeout {
                connection.close(.timeout, "no answer within \(self.shared.config.requestTimeout)s")
            }
        }
        if self.started {
            let index = self.intervalIndex(now)
            for slot in self.recorders.indices where self.recorders[slot].index < index { self.roll(slot: slot, index: index) }
        }
        self.snapshot.set(WorkerSnapshot(sent: self.tally.requestsSent, completed: self.tally.requestsCompleted,
                                         errors: self.tally.errorTotal, accepted: self.tally.accepted,
                                         rejected: self.tally.rejected, failed: self.tally.failed))
    }

    private func checkDrained() {
        guard !self.drainedReported, self.started else { return }
        let noWork = self.stopping || (self.noMoreWork && self.pending.isEmpty && self.local.isEmpty && self.slots.isEmpty)
        if noWork, self.inFlight == 0, self.retriesWaiting.isEmpty {
            self.drainedReported = true
            self.shared.workerDrained(self.id)
        }
    }

    /// Stops sending: queued sends become unsent, requests waiting to be retried are settled at once
    /// (`failed` or `unknown` as their attempts say), sends queued at the in-flight cap are given their
    /// requests and count as unsent; answers in flight are awaited.
    func stop() {
        guard !self.stopping else { return }
        self.stopping = true
        self.started = true
        while let item = self.pending.popFirst() {
            if item.attempts == 0 {
                self.countUnsent(item.request)
            } else {
                self.abandon(item, why: "stopped before a retry")
            }
        }
        for id in self.retriesWaiting.keys.sorted() {
            let waiting = self.retriesWaiting.removeValue(forKey: id)!
            waiting.task.cancel()
            self.abandon(waiting.pending, why: "stopped before a retry")
        }
        self.local.removeAll()
        self.settleQueuedSlots()
        self.checkDrained()
    }

    /// Open loop at a rate: sends that were due but waited behind the in-flight cap take their requests
    /// now (the read-ahead keeps what it holds after a stop), so their events are planned and unsent.
    /// Sends no request was read for yet carry no event.
    private func settleQueuedSlots() {
        var remaining = self.slots.count
        self.tally.queuedAtStop += remaining
        self.slots.removeAll()
        while remaining > 0, case .requests(let requests) = self.shared.buffer.take(max: remaining, wake: nil) {
            for request in requests {
                self.tally.planned += request.events
                self.countUnsent(request)
            }
            remaining -= requests.count
        }
        self.tally.queuedWithoutEvent += remaining
    }

    /// Ends the run on this loop: attempts still in flight end `unknown` (written, never answered),
    /// connections close, the recorders flush. Returns the tally.
    func shutdown() -> WorkerTally {
        self.stop()
        self.tickTask?.cancel()
        for case let connection? in self.connections {
            if var inFlight = connection.inFlight {
                connection.inFlight = nil
                self.inFlight -= 1
                inFlight.unanswered += 1
                inFlight.possiblyDelivered = true
                self.tally.count(.interrupted, sample: "\(inFlight.request.file):\(inFlight.request.line): no answer before the run ended")
                self.complete(inFlight, slot: nil, now: self.now(), outcome: AttemptVerdict(unknown: inFlight.request.events),
                              answered: false)
            }
            connection.close(nil, "")
        }
        for slot in self.recorders.indices {
            if let piece = self.recorders[slot].flush() { self.shared.collector.submit(piece) }
        }
        if let log = self.shared.outcomes { self.outcomeLines.flush(to: log) }
        return self.tally
    }
}
