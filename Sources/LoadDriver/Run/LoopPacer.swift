import PendoEvents

/// One event loop's clock of intended sends under a rate model (`--rate`, `--stages`): its stripe of
/// the run's schedule as monotonic instants, without timers or threads. The loop asks it what is due
/// whenever it runs (an answer came, a timer fired) and sleeps until `next`; sends past the run's
/// duration are never planned, so the plan is exact however late the stop lands.
struct LoopPacer {
    private let schedule: any RateSchedule
    private let startNanos: UInt64
    /// The last offset planned (just under `--duration`), or infinity.
    private let horizon: Double
    /// This stripe's sends planned so far.
    private(set) var issued = 0
    /// The intended instant of the next send; nil once the plan is over.
    private(set) var next: UInt64?
    /// Whether the plan ended before the run's duration: the schedule is over (its stages ended, or
    /// its instants passed what 64 bits hold) or the feed ran out. Then the loop's work is done; a
    /// plan cut at the duration waits for the run's own stop instead.
    private(set) var scheduleEnded = false

    /// `duration`: sends intended at or after it are never planned.
    init(schedule: any RateSchedule, startNanos: UInt64, duration: Double?) {
        self.schedule = schedule
        self.startNanos = startNanos
        self.horizon = duration.map { $0.nextDown } ?? .infinity
        self.next = nil
        self.next = self.instant(ofSend: 0)
    }

    /// Whether the plan is over (the schedule or the duration ended, or `end()`).
    var finished: Bool { self.next == nil }

    /// Ends the plan (the feed ran out).
    mutating func end() {
        self.next = nil
        self.scheduleEnded = true
    }

    /// Takes the sends due by `now`, in order: `body` gets each one's intended instant.
    mutating func takeDue(by now: UInt64, _ body: (UInt64) -> Void) {
        while let next = self.next, next <= now {
            body(next)
            self.issued += 1
            self.next = self.instant(ofSend: self.issued)
        }
    }

    /// Send `index`'s intended instant, or nil when it is past the plan: past the duration, or past
    /// the schedule's end or the longest duration there is (`DurationText.maximumSeconds`, whose
    /// conversion to nanoseconds is the project's one) (`scheduleEnded`).
    private mutating func instant(ofSend index: Int) -> UInt64? {
        guard let offset = self.schedule.intendedOffset(ofSend: index), offset.isFinite else {
            self.scheduleEnded = true
            return nil
        }
        guard offset <= self.horizon else { return nil }
        guard offset < DurationText.maximumSeconds,
            case (let instant, false) = self.startNanos.addingReportingOverflow(
                UInt64(DurationText.nanoseconds(offset)))
        else {
            self.scheduleEnded = true
            return nil
        }
        return instant
    }
}
