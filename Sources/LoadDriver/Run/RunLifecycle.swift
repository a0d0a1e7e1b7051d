import Reports

/// The run's rules, without threads, sockets or clocks: connecting → running → draining → finished,
/// or failed. `LoadRun` feeds it what happened (a connection's first result, a stop asked for, a
/// worker drained, the drain deadline, the inlet lost) and carries out the actions it returns, in order.
struct RunLifecycle: Equatable {
    /// Why the first connection failed: its error class and text.
    struct ConnectFailure: Equatable, Sendable {
        var errorClass: ErrorClass
        var text: String
    }

    enum State: Equatable {
        /// Opening every connection; `remaining` first results are still to come.
        case connecting(remaining: Int, stop: StopReason?, failure: ConnectFailure?)
        /// Sending. `drained` holds the workers with nothing left to do.
        case running(drained: Set<Int>)
        /// Sending stopped for `reason`; answers in flight are awaited until every worker drained or the deadline.
        case draining(reason: StopReason, drained: Set<Int>)
        /// Over: the report is made.
        case finished(StopReason)
        /// Never started: no connection could be opened.
        case failed(ConnectFailure)
    }

    enum Action: Equatable {
        /// Close what was opened and fail the run as unreachable.
        case failUnreachable(ConnectFailure)
        /// Every connection is open: start sending (workers, pacer, duration bound, interval timer).
        case startSending
        /// Stop sending (pacer, read-ahead, workers) and arm the drain deadline.
        case beginDrain
        /// Collect the workers' tallies and make the report, stopped for this reason.
        case finish(StopReason)
    }

    private(set) var state: State
    /// Workers (event loops) of the run.
    let workers: Int
    /// With a request bound, a run that runs out of work stopped for `requests`, else `completed`.
    let requestBound: Bool
    /// Why the inlet was lost, when it was.
    private(set) var lostCause: String?

    init(connections: Int, workers: Int, requestBound: Bool) {
        self.state = .connecting(remaining: connections, stop: nil, failure: nil)
        self.workers = workers
        self.requestBound = requestBound
    }

    /// One connection's first result: nil when it opened.
    mutating func connected(failure: ConnectFailure?) -> [Action] {
        guard case .connecting(let remaining, let stop, let first) = self.state else { return [] }
        let failure = first ?? failure
        guard remaining <= 1 else {
            self.state = .connecting(remaining: remaining - 1, stop: stop, failure: failure)
            return []
        }
        if let failure {
            self.state = .failed(failure)
            return [.failUnreachable(failure)]
        }
        self.state = .running(drained: [])
        guard let stop else { return [.startSending] }
        // Stopped while connecting: start (so every part exists to be stopped) and drain at once.
        return [.startSending] + self.stop(stop)
    }

    /// A stop asked for: Ctrl-C, `stop()`, the duration bound, a failed threshold.
    mutating func stop(_ reason: StopReason) -> [Action] {
        switch self.state {
        case .connecting(let remaining, let stop, let failure):
            if stop == nil { self.state = .connecting(remaining: remaining, stop: reason, failure: failure) }
            return []
        case .running(let drained):
            // Not every worker drained (the last one drained ends the run), so answers may be out.
            self.state = .draining(reason: reason, drained: drained)
            return [.beginDrain]
        case .draining, .finished, .failed:
            return []
        }
    }

    /// The inlet stopped accepting connections mid-run.
    mutating func inletLost(_ cause: String) -> [Action] {
        guard case .running = self.state else { return [] }
        self.lostCause = cause
        return self.stop(.unreachable)
    }

    /// A worker has nothing left to do: no work, nothing in flight, no retry waiting.
    mutating func workerDrained(_ id: Int) -> [Action] {
        switch self.state {
        case .running(var drained):
            drained.insert(id)
            guard drained.count == self.workers else {
                self.state = .running(drained: drained)
                return []
            }
            // Out of work: the corpus, the stages or the request bound ended.
            let reason: StopReason = self.requestBound ? .requests : .completed
            self.state = .draining(reason: reason, drained: drained)
            return [.beginDrain] + self.end(reason)
        case .draining(let reason, var drained):
            drained.insert(id)
            self.state = .draining(reason: reason, drained: drained)
            // The last answer of the drain ends the run; no deadline is waited for.
            return drained.count == self.workers ? self.end(reason) : []
        case .connecting, .finished, .failed:
            return []
        }
    }

    /// The drain timeout passed: answers still out are given up.
    mutating func drainDeadline() -> [Action] {
        guard case .draining(let reason, _) = self.state else { return [] }
        return self.end(reason)
    }

    private mutating func end(_ reason: StopReason) -> [Action] {
        self.state = .finished(reason)
        return [.finish(reason)]
    }

    /// Whether sending has started (the live line's elapsed time counts from then).
    var started: Bool {
        switch self.state {
        case .connecting, .failed: return false
        case .running, .draining, .finished: return true
        }
    }
}
