import DataPrep
import NIOCore
import NIOPosix
import NIOSSL
import PendoEvents
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
    /// How many workers (event loops) share the run: each paces every `loops`th send of a rate model.
    let loops: Int
    /// Called (from any loop) when a worker has nothing left to do.
    let workerDrained: @Sendable (Int) -> Void
    /// Called when the inlet stopped answering connects mid-run.
    let inletLost: @Sendable (String) -> Void

    init(
        config: LoadConfig, address: InletAddress, buffer: RequestBuffer, collector: Collector,
        sslContext: NIOSSLContext?, capPerWorker: Int, loops: Int = 1, workerDrained: @escaping @Sendable (Int) -> Void,
        inletLost: @escaping @Sendable (String) -> Void, outcomes: OutcomeLog? = nil
    ) {
        self.config = config
        self.outcomes = outcomes
        self.address = address
        self.buffer = buffer
        self.collector = collector
        self.sslContext = sslContext
        self.capPerWorker = capPerWorker
        self.loops = loops
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

/// The shell of one event loop: its connections, timers, recorder and the outcomes file. The rules
/// (slots, sends due, in-flight requests, retries, reconnects, the stop and the drain, the tally) are
/// `LoopStateMachine`'s; this class tells it what happened and carries out what it answers.
/// Confined to its event loop: every method runs there.
final class LoopWorker: @unchecked Sendable {
    let id: Int
    let loop: any EventLoop
    let shared: RunShared
    private var connections: [Connection?]
    /// The loop's histograms and counts of the current second: one for all its connections, so that
    /// a new second starts three histograms a loop, not three a connection (each is a 94 KB copy,
    /// which 64 connections made 18 MB of copying and page faults at every second's turn).
    private var recorder = IntervalRecorder()
    private var machine: LoopStateMachine
    /// Timers of the retries waiting, by the machine's retry id.
    private var retryTimers: [Int: Scheduled<Void>] = [:]
    private var tickTask: RepeatedTask?
    /// Open loop at a rate: the wake-up armed for the next send due.
    private var paceTimer: NIOScheduledCallback?
    private let openLoop: Bool
    /// When sending started (monotonic nanoseconds); intervals count from here.
    private var startNanos: UInt64 = 0
    /// Initial connects: called once per slot with nil (ready) or the failure.
    private var initialReport: ((Int, (ErrorClass, String)?) -> Void)?
    /// The latest counts, for the live line (read from another thread under its own lock).
    let snapshot = LockedBox(WorkerSnapshot())
    /// Outcome lines not yet handed to `shared.outcomes`.
    private var outcomeLines = OutcomeLines()
    /// Where idle connections come from at the start and go at the end, when runs share them.
    private let keep: KeptConnections?

    /// The tally so far (complete after `shutdown`).
    var tally: WorkerTally { self.machine.tally }

    init(id: Int, loop: any EventLoop, shared: RunShared, connections: Int, keep: KeptConnections? = nil) {
        self.id = id
        self.keep = keep
        self.loop = loop
        self.shared = shared
        self.connections = Array(repeating: nil, count: connections)
        self.openLoop = shared.config.model.isOpenLoop
        let configuration = LoopStateMachine.Configuration(
            capPerWorker: shared.capPerWorker, retry: shared.config.retry, atCap: shared.config.atCap,
            openLoop: self.openLoop,
            address: "\(shared.address.host):\(shared.address.port)")
        self.machine = LoopStateMachine(
            configuration: configuration, connections: connections,
            seed: shared.config.seed &+ UInt64(id) &* 0x9E37_79B9)
    }

    // MARK: connecting

    /// Opens every connection (adopting kept ones first); `report` is called on this loop once per slot.
    func connectAll(report: @escaping (Int, (ErrorClass, String)?) -> Void) {
        self.initialReport = report
        let kept = self.keep?.take(loop: self.id, max: self.connections.count) ?? []
        for slot in 0..<self.connections.count {
            if slot < kept.count, kept[slot].isActive, kept[slot].eventLoop === self.loop {
                self.adopt(channel: kept[slot], slot: slot)
            } else {
                if slot < kept.count { kept[slot].close(promise: nil) }
                self.connect(slot: slot)
            }
        }
        self.startTicking()
    }

    /// Takes over a connection a run before this one left open and idle (its TLS handshake, if
    /// any, long done): it is ready as soon as the handler is in place.
    private func adopt(channel: any Channel, slot: Int) {
        let connection = Connection(worker: self, slot: slot, tls: false)
        self.connections[slot] = connection
        do {
            try channel.pipeline.syncOperations.addHandler(connection)
        } catch {
            self.connections[slot] = nil
            channel.close(promise: nil)
            self.connect(slot: slot)
        }
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
            .connectTimeout(.nanoseconds(DurationText.nanoseconds(config.connectTimeout)))
            .channelOption(ChannelOptions.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                do {
                    if let sslContext {
                        let hostname =
                            address.host.contains(":") || address.host.allSatisfy({ $0.isNumber || $0 == "." })
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
            self.loop.scheduleTask(in: .nanoseconds(DurationText.nanoseconds(config.connectTimeout))) {
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
        let text = "\(error)"
        let errorClass = ErrorClassifier.classify(error)
        self.carryOut(self.machine.connectFailed(slot: slot, errorClass, text: text), slot: slot, errorClass, text)
    }

    /// Carries out what a connect failure leads to.
    private func carryOut(
        _ action: LoopStateMachine.ConnectFailureAction, slot: Int, _ errorClass: ErrorClass, _ text: String
    ) {
        switch action {
        case .reportInitial:
            self.initialReport?(slot, (errorClass, "\(self.shared.address.host):\(self.shared.address.port): \(text)"))
        case .reconnect(let delay):
            self.loop.scheduleTask(in: .nanoseconds(DurationText.nanoseconds(delay))) {
                if self.machine.reconnectDue(), self.connections[slot] == nil { self.connect(slot: slot) }
            }
        case .inletLost(let cause):
            self.shared.inletLost(cause)
        case .none:
            break
        }
    }

    func connectionReady(_ connection: Connection) {
        guard self.connections[connection.slot] === connection else { return }
        self.machine.connectionReady(slot: connection.slot)
        if let report = self.initialReport { report(connection.slot, nil) }
        if self.machine.started { self.pump() }
    }

    func connectionClosed(_ connection: Connection, wasReady: Bool, inFlight: Pending?, reason: (ErrorClass, String)) {
        guard self.connections[connection.slot] === connection else { return }
        self.connections[connection.slot] = nil
        let (settlement, then) = self.machine.connectionClosed(
            slot: connection.slot, wasReady: wasReady, inFlight: inFlight,
            reason.0, reason: reason.1)
        if let settlement { self.carryOut(settlement) }
        self.carryOut(then, slot: connection.slot, reason.0, reason.1)
        self.checkDrained()
    }

    /// The initial connects are done; from now on failures reconnect instead of reporting.
    func endInitialPhase() {
        self.initialReport = nil
        self.machine.endInitialPhase()
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

    /// Starts sending (closed loop: pulls from the buffer; a rate model: paces its stripe of the
    /// schedule from the run's start; replay: waits for `enqueue`).
    func start() {
        self.machine.start()
        if let schedule = self.shared.config.rateSchedule {
            let stripe = StripedSchedule(base: schedule, offset: self.id, stride: max(1, self.shared.loops))
            self.machine.startPacing(
                LoopPacer(schedule: stripe, startNanos: self.startNanos, duration: self.shared.config.duration))
        }
        self.pump()
    }

    /// Open loop: sends handed over by the pacer, in intended order.
    func enqueue(_ batch: [Pending]) {
        for request in self.machine.enqueue(batch) { self.logUnsent(request) }
        self.pump()
    }

    /// Open loop at a rate: the sends due by `now` join the plan; those dropped at the cap take their
    /// requests and count them (so the corpus moves on).
    private func pace(now: UInt64) {
        let drops = self.machine.pace(now: now)
        guard drops > 0 else { return }
        var left = drops
        while left > 0, case .requests(let requests) = self.shared.buffer.take(max: left, wake: nil) {
            for request in requests {
                self.machine.dropped(request)
                self.logUnsent(request)
            }
            left -= requests.count
        }
    }

    /// Open loop at a rate: wakes the loop when the next send falls due. A wake-up already armed is
    /// kept (sends only fall due later than the one it was armed for), and wake-ups are at least
    /// `paceSpacing` apart, so sends due within it go together.
    private func armPaceTimer(now: UInt64) {
        guard self.paceTimer == nil, let due = self.machine.nextDue else { return }
        self.paceTimer = try? self.loop.scheduleCallback(
            at: .uptimeNanoseconds(max(due, now &+ Self.paceSpacing)), handler: self)
    }

    /// The least time between two pacing wake-ups of a loop (nanoseconds): a send due while the loop
    /// sleeps waits at most this long for company, and the loop wakes at most 2,000 times a second for
    /// its sends. Each wake-up is a context switch: at 100 µs a run at 51,000/s made 3.5 times the
    /// context switches of the whole run at 500 µs and used a third more CPU.
    static let paceSpacing: UInt64 = 500_000

    private func wakeClosure() -> (@Sendable () -> Void)? {
        guard !self.machine.hungry else { return nil }
        let loop = self.loop
        // Weak: the buffer may hold a waiter after the run is over.
        weak let worker = self
        return {
            loop.execute {
                guard let worker else { return }
                worker.machine.woken()
                worker.pump()
            }
        }
    }

    /// Open loop: the pacer will send nothing more.
    func finishWork() {
        self.machine.finishWork()
        self.checkDrained()
    }

    /// Sends while the machine has a free connection and work (one reading of the clock for the burst).
    func pump() {
        let now = self.now()
        self.pace(now: now)
        sending: while true {
            switch self.machine.nextSend(now: now) {
            case .send(let slot, let pending):
                guard let connection = self.connections[slot] else {
                    preconditionFailure("slot \(slot) is idle without a connection")
                }
                if pending.attempts == 1 {
                    self.roll(to: self.intervalIndex(pending.sentAt))
                    if self.openLoop {
                        _ = self.recorder.lag.record(max(1, (pending.sentAt &- pending.intended) / 1000))
                    }
                }
                connection.send(pending)
            case .needRequests(let max):
                let wake = self.wakeClosure()
                if !self.machine.supply(self.shared.buffer.take(max: max, wake: wake)) { break sending }
            case .idle:
                break sending
            }
        }
        self.checkDrained()
        self.armPaceTimer(now: now)
    }

    /// An answer to the request in flight on `connection`.
    func answered(_ connection: Connection, _ pending: Pending, _ response: ParsedResponse) {
        self.carryOut(self.machine.answered(pending, response))
        if !response.closes, connection.context != nil, self.connections[connection.slot] === connection {
            self.machine.connectionIdle(slot: connection.slot)
        }
        self.pump()
    }

    /// Carries out what became of an attempt: a retry's timer, or the outcome's records.
    private func carryOut(_ settlement: LoopStateMachine.Settlement) {
        switch settlement {
        case .retry(let id, let delay):
            self.retryTimers[id] = self.loop.scheduleTask(in: .nanoseconds(DurationText.nanoseconds(delay))) {
                self.retryTimers[id] = nil
                if self.machine.retryDue(id: id) { self.pump() }
            }
        case .done(let pending, let outcome, let answered):
            self.record(pending, now: self.now(), outcome: outcome, answered: answered)
        }
    }

    /// Counts a planned request's events as never sent in the outcomes file.
    private func logUnsent(_ request: PreparedRequest) {
        if let log = self.shared.outcomes {
            self.outcomeLines.add(request, attempts: 0, unanswered: 0, status: nil, to: log) { _ in .unsent }
        }
    }

    /// The outcome of a request in the outcomes file and its latency in the recorder.
    private func record(_ pending: Pending, now: UInt64, outcome: AttemptVerdict, answered: Bool) {
        let accepted = outcome.accepted
        let notAccepted = outcome.rejected + outcome.failed + outcome.unknown
        if let log = self.shared.outcomes {
            let delivered = pending.possiblyDelivered
            self.outcomeLines.add(
                pending.request, attempts: pending.attempts, unanswered: pending.unanswered,
                status: pending.lastStatus, to: log
            ) { index in
                let own = outcome.outcome(ofMessage: index)
                return delivered && (own == .rejected || own == .failed) ? .unknown : own
            }
        }
        self.roll(to: self.intervalIndex(now))
        self.recorder.count(accepted: accepted, errors: notAccepted)
        if answered {
            _ = self.recorder.corrected.record(max(1, (now &- pending.intended) / 1000))
            _ = self.recorder.uncorrected.record(max(1, (now &- pending.sentAt) / 1000))
        }
    }

    @inline(__always)
    private func roll(to index: Int) {
        guard index != self.recorder.index else { return }
        if let piece = self.recorder.roll(to: index) { self.shared.collector.submit(piece) }
    }

    // MARK: housekeeping

    private func tick() {
        let now = self.now()
        let timeout = UInt64(DurationText.nanoseconds(self.shared.config.requestTimeout))
        for case let connection? in self.connections {
            if let inFlight = connection.inFlight, now &- inFlight.sentAt > timeout {
                connection.close(.timeout, "no answer within \(self.shared.config.requestTimeout)s")
            }
        }
        if self.machine.started {
            let index = self.intervalIndex(now)
            if self.recorder.index < index { self.roll(to: index) }
        }
        let tally = self.machine.tally
        self.snapshot.set(
            WorkerSnapshot(
                sent: tally.requestsSent, completed: tally.requestsCompleted, errors: tally.errorTotal,
                accepted: tally.accepted, rejected: tally.rejected, failed: tally.failed))
    }

    private func checkDrained() {
        if self.machine.checkDrained() { self.shared.workerDrained(self.id) }
    }

    /// Stops sending: queued sends become unsent, requests waiting to be retried are settled at once
    /// (`failed` or `unknown` as their attempts say), sends queued at the in-flight cap are given their
    /// requests and count as unsent; answers in flight are awaited.
    func stop() {
        self.paceTimer?.cancel()
        self.paceTimer = nil
        let settlement = self.machine.stop()
        for request in settlement.unsent { self.logUnsent(request) }
        for id in settlement.cancelledRetries { self.retryTimers.removeValue(forKey: id)?.cancel() }
        for settled in settlement.settled { self.carryOut(settled) }
        if settlement.queuedSends > 0 {
            // The read-ahead keeps what it holds after a stop: the sends that were due take theirs.
            var took: [PreparedRequest] = []
            while took.count < settlement.queuedSends,
                case .requests(let requests) = self.shared.buffer.take(
                    max: settlement.queuedSends - took.count, wake: nil)
            {
                took += requests
            }
            self.machine.settleQueued(took, of: settlement.queuedSends)
            for request in took { self.logUnsent(request) }
        }
        self.checkDrained()
    }

    /// Ends the run on this loop: attempts still in flight end `unknown` (written, never answered),
    /// connections close, the recorders flush. Returns the tally.
    func shutdown() -> WorkerTally {
        self.stop()
        self.tickTask?.cancel()
        for case let connection? in self.connections {
            let owed = connection.inFlight != nil
            if let inFlight = connection.inFlight {
                connection.inFlight = nil
                self.carryOut(self.machine.endedInFlight(inFlight))
            }
            // A connection still owed an answer closes: that answer must not reach the next run.
            if !owed, let keep = self.keep, let channel = connection.detach() {
                keep.put(channel, loop: self.id)
            } else {
                connection.close(nil, "")
            }
        }
        if let piece = self.recorder.flush() { self.shared.collector.submit(piece) }
        if let log = self.shared.outcomes { self.outcomeLines.flush(to: log) }
        return self.machine.tally
    }
}

extension LoopWorker: NIOScheduledCallbackHandler {
    /// The pacing wake-up: whatever fell due goes now.
    func handleScheduledCallback(eventLoop: some EventLoop) {
        self.paceTimer = nil
        self.pump()
    }
}
