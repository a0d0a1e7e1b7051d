import NIOCore
import PendoEvents
import ReplayCommon

/// One event loop's rules, without sockets, timers or threads: its connection slots (ready, idle,
/// reconnecting, the inlet lost), the work it holds (open-loop sends due, requests read ahead, retries),
/// what is in flight, the stop and the drain, and the tally. `LoopWorker` tells it what happened (a
/// connect failed, an answer came, a retry's back-off passed, the run stops) and carries out what it
/// answers: send this request on that slot, read requests from the buffer, wait this long and retry
/// or reconnect, record this outcome, report the inlet lost or the loop drained.
///
/// Time comes in as arguments (the loop's clock), and back-off jitter from a seeded generator, so the
/// rules are tested with exact numbers (`LoopStateMachineTests`).
struct LoopStateMachine {
    /// The rules' settings, from the run's configuration.
    struct Configuration {
        /// Requests this loop may have in flight at once (open loop: its share of `--max-in-flight`).
        var capPerWorker: Int
        /// Retries of retryable answers and of attempts that got no answer.
        var retry: RetryPolicy
        /// What an open-loop send that finds every connection busy does.
        var atCap: CapPolicy
        /// Open loop: sends come from the pacer; closed loop: each answer lets the next request go.
        var openLoop: Bool
        /// Failed connects in a row on one slot, with no connection of this loop up, after which the
        /// inlet counts as lost (and the run stops).
        var reconnectLimit = 8
        /// Requests read from the buffer at a time in a closed loop.
        var readChunk = 32
        /// The inlet's `host:port`, which connect failures name.
        var address: String
    }

    /// What becomes of an attempt that ended (answered or not).
    enum Settlement {
        /// Wait `after` seconds, then `retryDue(id)`.
        case retry(id: Int, after: Double)
        /// Final: record `outcome` for the request (`answered`: an answer came, so latency counts).
        case done(Pending, AttemptVerdict, answered: Bool)
    }

    /// What a failed connect (or a connection closed before it was usable) leads to.
    enum ConnectFailureAction: Equatable {
        /// The initial connects are still being counted: report the failure to the run.
        case reportInitial
        /// Connect the slot again after `after` seconds (`reconnectDue` decides then).
        case reconnect(after: Double)
        /// Report the inlet lost, for `cause`: this loop has no connection up and the slot failed
        /// `reconnectLimit` times in a row.
        case inletLost(cause: String)
        /// Nothing: the run is stopping, or the loss was reported already.
        case none
    }

    /// What the loop does next when it may send.
    enum NextSend {
        /// Write `pending` on the connection in `slot` (its attempt counted, `sentAt` set).
        case send(slot: Int, Pending)
        /// Take up to `max` requests from the read-ahead buffer and `supply` them.
        case needRequests(max: Int)
        /// Nothing to send now.
        case idle
    }

    /// What a stop leaves to the shell.
    struct StopSettlement {
        /// Planned requests that will never be sent (for the outcomes file).
        var unsent: [PreparedRequest] = []
        /// Requests whose retry will not happen, settled (`failed` or `unknown`).
        var settled: [Settlement] = []
        /// Retries whose timers to cancel.
        var cancelledRetries: [Int] = []
        /// Open-loop sends that were due and waited behind the cap: take this many requests from the
        /// buffer and `settleQueued` them.
        var queuedSends = 0
    }

    let configuration: Configuration
    private(set) var tally = WorkerTally()
    /// Failed connects in a row, per slot.
    private var failures: [Int]
    /// Slots whose connection is ready and has nothing in flight; the last one freed goes first.
    private var idle: [Int] = []
    private(set) var liveConnections = 0
    /// Retries due, and (open loop) sends handed over with their request, in order.
    private var pending = CircularBuffer<Pending>(initialCapacity: 256)
    /// Requests read ahead from the buffer, not yet planned.
    private var local = CircularBuffer<PreparedRequest>(initialCapacity: 64)
    /// Open loop at a rate: this loop's share of the schedule (`startPacing`).
    private var pacer: LoopPacer?
    /// Open loop at a rate: intended send times that fell due, each given a request when it is sent,
    /// so a backlog costs 8 bytes a send instead of holding the requests' buffers.
    private var due = CircularBuffer<UInt64>(initialCapacity: 256)
    private(set) var inFlight = 0
    /// Requests waiting for their back-off, by a number of their own, so that a stop settles them at once.
    private var retriesWaiting: [Int: Pending] = [:]
    private var nextRetry = 0
    private(set) var started = false
    private var noMoreWork = false
    private(set) var stopping = false
    private var drainedReported = false
    private var lostReported = false
    /// Until the run starts, connect failures are reported to the run instead of retried.
    private(set) var initialPhase = true
    /// The buffer was empty; a wake-up is registered with it.
    private(set) var hungry = false
    private var random: SeededRandom

    init(configuration: Configuration, connections: Int, seed: UInt64) {
        self.configuration = configuration
        self.failures = Array(repeating: 0, count: connections)
        self.random = SeededRandom(seed: seed)
    }

    // MARK: connections

    /// The initial connects are done; from now on failures reconnect instead of reporting.
    mutating func endInitialPhase() {
        self.initialPhase = false
    }

    /// A connect to `slot` failed (refused, timed out, or closed before it was usable), saying `text`.
    mutating func connectFailed(slot: Int, _ errorClass: ErrorClass, text: String) -> ConnectFailureAction {
        if self.initialPhase { return .reportInitial }
        let cause = "\(self.configuration.address): \(text)"
        self.tally.count(errorClass, sample: cause)
        self.failures[slot] += 1
        if self.liveConnections == 0, self.failures[slot] >= self.configuration.reconnectLimit, !self.lostReported,
            !self.stopping
        {
            self.lostReported = true
            return .inletLost(cause: "\(cause) (after \(self.failures[slot]) reconnect attempts)")
        }
        return self.reconnect(slot: slot)
    }

    /// The back-off before reconnecting `slot`: 50 ms doubling per failure up to 2 s, jittered to 50-100 %.
    private mutating func reconnect(slot: Int) -> ConnectFailureAction {
        guard !self.stopping else { return .none }
        let base = min(2.0, 0.05 * Double(1 << min(self.failures[slot], 6)))
        return .reconnect(after: base * (0.5 + 0.5 * self.random.unit()))
    }

    /// Whether a reconnect whose back-off passed should connect.
    func reconnectDue() -> Bool { !self.stopping }

    /// The connection in `slot` is usable.
    mutating func connectionReady(slot: Int) {
        self.failures[slot] = 0
        self.liveConnections += 1
        self.idle.append(slot)
    }

    /// The connection in `slot` can take another request (it answered and stays open).
    mutating func connectionIdle(slot: Int) {
        self.idle.append(slot)
    }

    /// The connection in `slot` closed; `inFlight` is the attempt it carried without an answer.
    mutating func connectionClosed(
        slot: Int, wasReady: Bool, inFlight: Pending?, _ errorClass: ErrorClass,
        reason: String
    ) -> (settlement: Settlement?, then: ConnectFailureAction) {
        if wasReady { self.liveConnections -= 1 }
        if let index = self.idle.firstIndex(of: slot) { self.idle.remove(at: index) }
        var settlement: Settlement?
        if let inFlight {
            self.inFlight -= 1
            settlement = self.attemptUnanswered(
                inFlight, errorClass, sample: "\(inFlight.request.file):\(inFlight.request.line): \(reason)")
        }
        // Closed before it was usable (TLS handshake failed): a connect failure.
        if !wasReady { return (settlement, self.connectFailed(slot: slot, errorClass, text: reason)) }
        return (settlement, self.reconnect(slot: slot))
    }

    // MARK: work

    /// Sending starts (closed loop: from the buffer; open loop: as the pacer hands sends over).
    mutating func start() {
        self.started = true
    }

    /// Open loop (replay): sends with their requests, in intended order, from the run's pacer. Returns the requests that
    /// will never be sent (the run is stopping, or dropped at the cap).
    mutating func enqueue(_ batch: [Pending]) -> [PreparedRequest] {
        var unsent: [PreparedRequest] = []
        for item in batch {
            self.tally.planned += item.request.events
            if self.stopping {
                self.tally.unsent += item.request.events
                unsent.append(item.request)
            } else if self.atCap {
                self.tally.dropped += item.request.events
                self.tally.unsent += item.request.events
                unsent.append(item.request)
            } else {
                self.pending.append(item)
            }
        }
        return unsent
    }

    /// Open loop at a rate: from now on, this loop's sends fall due as `pacer` says.
    mutating func startPacing(_ pacer: LoopPacer) {
        self.pacer = pacer
        if pacer.scheduleEnded { self.noMoreWork = true }
    }

    /// Open loop at a rate: moves the sends due by `now` into the plan. Returns how many are dropped
    /// (`--at-cap drop`, no connection free for them): the shell takes a request for each (so the
    /// corpus moves on) and counts it with `dropped`. When the schedule ends, the loop has no more
    /// work; a plan cut at the duration leaves the stop to the run.
    mutating func pace(now: UInt64) -> Int {
        guard let next = self.pacer?.next, next <= now, !self.stopping, var pacer = self.pacer else { return 0 }
        var drops = 0
        if self.configuration.atCap == .drop {
            // A send due finds a connection free only if the sends already waiting have not taken it.
            var free =
                min(self.idle.count, self.configuration.capPerWorker - self.inFlight) - self.due.count
                - self.pending.count
            pacer.takeDue(by: now) { intended in
                if free > 0 {
                    self.due.append(intended)
                    free -= 1
                } else {
                    drops += 1
                }
            }
        } else {
            pacer.takeDue(by: now) { self.due.append($0) }
        }
        if pacer.scheduleEnded { self.noMoreWork = true }
        self.pacer = pacer
        return drops
    }

    /// When the next send falls due (the shell wakes the loop then), or nil when none will.
    var nextDue: UInt64? {
        self.stopping ? nil : self.pacer?.next
    }

    /// A send dropped at the cap, with the request it took: planned, dropped, never sent.
    mutating func dropped(_ request: PreparedRequest) {
        self.tally.planned += request.events
        self.tally.dropped += request.events
        self.tally.unsent += request.events
    }

    /// With `--at-cap drop`, whether a send handed over now finds no connection free.
    private var atCap: Bool {
        self.configuration.atCap == .drop && (self.idle.isEmpty || self.inFlight >= self.configuration.capPerWorker)
    }

    /// Open loop: the pacer will hand over nothing more.
    mutating func finishWork() {
        self.noMoreWork = true
    }

    /// What the buffer gave for `needRequests`. False when it had nothing now (stop asking until woken).
    mutating func supply(_ take: RequestBuffer.Take) -> Bool {
        switch take {
        case .requests(let requests):
            for request in requests { self.local.append(request) }
            return true
        case .empty:
            self.hungry = true
            return false
        case .finished:
            // Nothing will ever fill the sends still due, nor feed a closed loop; a rate plan ends here.
            self.due.removeAll()
            self.pacer?.end()
            self.noMoreWork = true
            return true
        }
    }

    /// The buffer has more (the wake-up registered when it was empty).
    mutating func woken() {
        self.hungry = false
    }

    /// The next send, when a connection is free and there is work; the attempt is counted as sent at `now`.
    mutating func nextSend(now: UInt64) -> NextSend {
        guard self.started, !self.stopping, !self.idle.isEmpty, self.inFlight < self.configuration.capPerWorker else {
            return .idle
        }
        var next: Pending
        if let first = self.pending.first, first.attempts > 0 || self.configuration.openLoop {
            next = self.pending.removeFirst()
        } else if let intended = self.due.first {
            // As many requests as sends are due (up to a chunk), under one take of the buffer's lock:
            // every request taken has a send planned for it, so none is left over when the plan ends.
            guard let request = self.local.popFirst() else {
                return .needRequests(max: min(self.due.count, self.configuration.readChunk))
            }
            self.due.removeFirst()
            self.tally.planned += request.events
            next = Pending(request: request, intended: intended, intendedAtSend: false)
        } else if self.configuration.openLoop || self.noMoreWork {
            return .idle
        } else {
            guard let request = self.local.popFirst() else { return .needRequests(max: self.configuration.readChunk) }
            self.tally.planned += request.events
            next = Pending(request: request, intended: 0, intendedAtSend: true)
        }
        let slot = self.idle.removeLast()
        if next.attempts == 0 {
            if next.intendedAtSend { next.intended = now }
            self.tally.sent += next.request.events
            self.tally.requestsSent += 1
        } else {
            self.tally.retries += 1
            if next.lastUnanswered { self.tally.retriedAfterUnknown += 1 }
        }
        next.attempts += 1
        next.sentAt = now
        self.tally.attempts += 1
        self.tally.bytesOut += next.request.bytes.readableBytes
        self.inFlight += 1
        return .send(slot: slot, next)
    }

    // MARK: attempts

    /// An answer to `pending`'s attempt: its verdict, and a retry or the final outcome.
    mutating func answered(_ pending: Pending, _ response: ParsedResponse) -> Settlement {
        self.inFlight -= 1
        self.tally.bytesIn += response.bytes
        let verdict = AttemptClassifier.classify(
            status: response.status, body: response.body, events: pending.request.events,
            retry: self.configuration.retry,
            origin: "\(pending.request.file):\(pending.request.line)")
        for error in verdict.errors { self.tally.count(error.errorClass, error.count, sample: error.sample) }
        var pending = pending
        pending.lastUnanswered = false
        pending.lastStatus = response.status
        if verdict.unknown > 0 { pending.possiblyDelivered = true }
        if verdict.retryable, !self.stopping,
            let delay = self.configuration.retry.delay(
                beforeRetry: pending.attempts, retryAfter: response.retryAfter,
                random: self.random.unit())
        {
            return self.waitToRetry(pending, after: delay)
        }
        self.tally.countStatus(response.status)
        return self.settle(pending, Self.settled(verdict, pending), answered: true)
    }

    /// An attempt written on a ready connection that got no answer (timeout, reset, close, unreadable answer).
    mutating func attemptUnanswered(_ pending: Pending, _ errorClass: ErrorClass, sample: @autoclosure () -> String)
        -> Settlement
    {
        self.tally.count(errorClass, sample: sample())
        var pending = pending
        pending.possiblyDelivered = true
        pending.lastUnanswered = true
        pending.unanswered += 1
        if self.configuration.retry.isRetryable(errorClass), !self.stopping,
            let delay = self.configuration.retry.delay(
                beforeRetry: pending.attempts, retryAfter: nil, random: self.random.unit())
        {
            return self.waitToRetry(pending, after: delay)
        }
        return self.settle(pending, AttemptVerdict(unknown: pending.request.events), answered: false)
    }

    private mutating func waitToRetry(_ pending: Pending, after delay: Double) -> Settlement {
        let id = self.nextRetry
        self.nextRetry &+= 1
        self.retriesWaiting[id] = pending
        return .retry(id: id, after: delay)
    }

    /// A retry's back-off passed: it goes before any new work. False when the stop settled it already.
    mutating func retryDue(id: Int) -> Bool {
        guard let waiting = self.retriesWaiting.removeValue(forKey: id) else { return false }
        self.pending.prepend(waiting)
        return true
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
        pending.possiblyDelivered
            ? AttemptVerdict(unknown: pending.request.events) : AttemptVerdict(failed: pending.request.events)
    }

    private mutating func settle(_ pending: Pending, _ outcome: AttemptVerdict, answered: Bool) -> Settlement {
        self.tally.accepted += outcome.accepted
        self.tally.rejected += outcome.rejected
        self.tally.failed += outcome.failed
        self.tally.unknown += outcome.unknown
        self.tally.requestsCompleted += 1
        return .done(pending, outcome, answered: answered)
    }

    // MARK: stop and drain

    /// Stops sending: sends queued become unsent, retries waiting are settled at once (`failed` or
    /// `unknown` as their attempts say), open-loop sends due behind the cap are left to `settleQueued`;
    /// answers in flight are still awaited.
    mutating func stop() -> StopSettlement {
        var out = StopSettlement()
        guard !self.stopping else { return out }
        self.stopping = true
        self.started = true
        self.pacer = nil
        while let item = self.pending.popFirst() {
            if item.attempts == 0 {
                self.tally.unsent += item.request.events
                out.unsent.append(item.request)
            } else {
                out.settled.append(self.abandon(item))
            }
        }
        for id in self.retriesWaiting.keys.sorted() {
            let waiting = self.retriesWaiting.removeValue(forKey: id)!
            out.cancelledRetries.append(id)
            out.settled.append(self.abandon(waiting))
        }
        // Sends due behind the cap take the requests read ahead first, then the buffer's.
        var queued = self.due.count
        self.tally.queuedAtStop += queued
        self.due.removeAll()
        while queued > 0, let request = self.local.popFirst() {
            self.tally.planned += request.events
            self.tally.unsent += request.events
            out.unsent.append(request)
            queued -= 1
        }
        self.local.removeAll()
        out.queuedSends = queued
        return out
    }

    private mutating func abandon(_ pending: Pending) -> Settlement {
        self.tally.count(
            .interrupted, sample: "\(pending.request.file):\(pending.request.line): stopped before a retry")
        return self.settle(pending, Self.unfinished(pending), answered: false)
    }

    /// Open-loop sends due at the stop, with the requests taken for them (`took`), out of `queued`:
    /// their events are planned and unsent; sends no request was left for carry no event.
    mutating func settleQueued(_ took: [PreparedRequest], of queued: Int) {
        for request in took {
            self.tally.planned += request.events
            self.tally.unsent += request.events
        }
        self.tally.queuedWithoutEvent += queued - took.count
    }

    /// An attempt still in flight when the run ends: written, never answered, so `unknown`.
    mutating func endedInFlight(_ pending: Pending) -> Settlement {
        var pending = pending
        self.inFlight -= 1
        pending.unanswered += 1
        pending.possiblyDelivered = true
        self.tally.count(
            .interrupted, sample: "\(pending.request.file):\(pending.request.line): no answer before the run ended")
        return self.settle(pending, AttemptVerdict(unknown: pending.request.events), answered: false)
    }

    /// True once, when the loop has nothing left to do: no work (or stopping), nothing in flight, no
    /// retry waiting. The run's drain ends on the last loop's.
    mutating func checkDrained() -> Bool {
        guard !self.drainedReported, self.started else { return false }
        let noWork =
            self.stopping || (self.noMoreWork && self.pending.isEmpty && self.local.isEmpty && self.due.isEmpty)
        guard noWork, self.inFlight == 0, self.retriesWaiting.isEmpty else { return false }
        self.drainedReported = true
        return true
    }
}

/// Requests are compared by identity (they are the buffer's objects), the rest by value.
extension LoopStateMachine.Settlement: Equatable {
    static func == (a: Self, b: Self) -> Bool {
        switch (a, b) {
        case (.retry(let i, let x), .retry(let j, let y)): return i == j && x == y
        case (.done(let p, let o, let x), .done(let q, let r, let y)):
            return p.request === q.request && p.attempts == q.attempts && o == r && x == y
        default: return false
        }
    }
}

extension LoopStateMachine.NextSend: Equatable {
    static func == (a: Self, b: Self) -> Bool {
        switch (a, b) {
        case (.send(let i, let p), .send(let j, let q)):
            return i == j && p.request === q.request && p.attempts == q.attempts
        case (.needRequests(let m), .needRequests(let n)): return m == n
        case (.idle, .idle): return true
        default: return false
        }
    }
}
