import Histogram
import Reports

/// One event loop's histograms and counts for the current 1-second interval. When an interval ends,
/// the finished piece goes to the collector and recording starts afresh (no lock on the hot path).
struct IntervalRecorder {
    /// An empty histogram to start each interval from: assigning it shares its storage, and the first
    /// record copies it with a plain memory copy, far cheaper than `Histogram.reset()` (generic, not
    /// specialized across modules).
    private static let blank = LatencyHistograms.make(UInt32.self)

    private(set) var index = -1
    var corrected = IntervalRecorder.blank
    var uncorrected = IntervalRecorder.blank
    var lag = IntervalRecorder.blank
    var requests = 0
    var accepted = 0
    var errors = 0
    var isEmpty: Bool { self.requests == 0 && self.lag.totalCount == 0 && self.errors == 0 }

    /// Counts one finished request and its events' outcomes.
    mutating func count(accepted: Int, errors: Int) {
        self.requests += 1
        self.accepted += accepted
        self.errors += errors
    }

    /// Moves to `index`; returns the finished piece of the previous interval when it held anything.
    mutating func roll(to index: Int) -> IntervalPiece? {
        guard index != self.index else { return nil }
        defer { self.index = index }
        guard self.index >= 0, !self.isEmpty else { return nil }
        let piece = IntervalPiece(
            index: self.index, corrected: self.corrected, uncorrected: self.uncorrected,
            lag: self.lag, requests: self.requests, accepted: self.accepted, errors: self.errors)
        self.corrected = Self.blank
        self.uncorrected = Self.blank
        self.lag = Self.blank
        self.requests = 0
        self.accepted = 0
        self.errors = 0
        return piece
    }

    /// The current piece, emptied (at the end of the run).
    mutating func flush() -> IntervalPiece? {
        let current = self.index
        let piece = self.roll(to: Int.max)
        self.index = current
        return piece
    }
}

/// One event loop's share of one interval.
struct IntervalPiece {
    var index: Int
    var corrected: Histogram<UInt32>
    var uncorrected: Histogram<UInt32>
    var lag: Histogram<UInt32>
    var requests: Int
    var accepted: Int
    var errors: Int
}
