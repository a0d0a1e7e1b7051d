/// Counts one event loop's worker keeps while it runs, summed across workers at the end.
struct WorkerTally {
    var planned = 0
    var sent = 0
    var accepted = 0
    var rejected = 0
    var failed = 0
    var unknown = 0
    var unsent = 0
    var dropped = 0
    var queuedAtStop = 0
    var queuedWithoutEvent = 0
    var requestsSent = 0
    var requestsCompleted = 0
    var attempts = 0
    var retries = 0
    var retriedAfterUnknown = 0
    /// Final answers by status, indexed by the status code (100...599; others in `otherStatus`).
    var statusCounts = [Int](repeating: 0, count: 600)
    var otherStatus: [Int: Int] = [:]
    var bytesOut = 0
    var bytesIn = 0
    var errors: [ErrorClass: (count: Int, sample: String)] = [:]

    mutating func count(_ error: ErrorClass, _ times: Int = 1, sample: @autoclosure () -> String) {
        if let existing = self.errors[error] {
            self.errors[error] = (existing.count + times, existing.sample)
        } else {
            self.errors[error] = (times, sample())
        }
    }

    mutating func add(_ other: WorkerTally) {
        self.planned += other.planned
        self.sent += other.sent
        self.accepted += other.accepted
        self.rejected += other.rejected
        self.failed += other.failed
        self.unknown += other.unknown
        self.unsent += other.unsent
        self.dropped += other.dropped
        self.queuedAtStop += other.queuedAtStop
        self.queuedWithoutEvent += other.queuedWithoutEvent
        self.requestsSent += other.requestsSent
        self.requestsCompleted += other.requestsCompleted
        self.attempts += other.attempts
        self.retries += other.retries
        self.retriedAfterUnknown += other.retriedAfterUnknown
        for (status, count) in other.statusCounts.enumerated() where count > 0 { self.statusCounts[status] += count }
        for (status, count) in other.otherStatus { self.otherStatus[status, default: 0] += count }
        self.bytesOut += other.bytesOut
        self.bytesIn += other.bytesIn
        for (error, entry) in other.errors { self.count(error, entry.count, sample: entry.sample) }
    }

    @inline(__always)
    mutating func countStatus(_ status: Int) {
        if status >= 0, status < 600 {
            self.statusCounts[status] += 1
        } else {
            self.otherStatus[status, default: 0] += 1
        }
    }

    /// Final answers by status code.
    var byStatus: [Int: Int] {
        var out = self.otherStatus
        for (status, count) in self.statusCounts.enumerated() where count > 0 { out[status] = count }
        return out
    }

    var errorTotal: Int { self.errors.values.reduce(0) { $0 + $1.count } }
}
