import Dispatch
import Histogram
import Reports

/// Aggregates the connections' interval pieces on its own serial queue: per-second samples (encoded
/// and summarized once an interval can no longer change) and the run's merged histograms.
///
/// Sendable because every mutable field is touched only on `queue` (`submit` hops there; the other
/// methods say "call on `queue`").
final class Collector: @unchecked Sendable {
    let queue = DispatchQueue(label: "pendo-replay.collector")
    private var open: [Int: IntervalPiece] = [:]
    private var samples: [IntervalSample] = []
    private var corrected = LatencyHistograms.make(UInt64.self)
    private var uncorrected = LatencyHistograms.make(UInt64.self)
    private var lag = LatencyHistograms.make(UInt64.self)
    /// p99 (corrected, ms) of the latest finished interval, for the live line.
    private(set) var latestP99 = 0.0
    /// Pieces merged so far (call on `queue`): one per event loop and second, since each costs its
    /// loop three fresh histograms.
    private(set) var piecesMerged = 0
    /// Told of each finished interval, on `queue` (`LoadRun.observeIntervals`).
    var observer: (@Sendable (IntervalDigest) -> Void)?

    /// Adds a piece (call from any thread).
    func submit(_ piece: IntervalPiece) {
        self.queue.async { self.merge(piece) }
    }

    private func merge(_ piece: IntervalPiece) {
        self.piecesMerged += 1
        if var existing = self.open[piece.index] {
            existing.corrected.add(piece.corrected)
            existing.uncorrected.add(piece.uncorrected)
            existing.lag.add(piece.lag)
            existing.requests += piece.requests
            existing.accepted += piece.accepted
            existing.errors += piece.errors
            self.open[piece.index] = existing
        } else {
            self.open[piece.index] = piece
        }
    }

    /// Finishes every interval before `index` (call on `queue`). A piece arriving for a finished
    /// interval later is merged into the totals and a sample of its own second.
    func finish(before index: Int) {
        for key in self.open.keys.sorted() where key < index {
            let piece = self.open.removeValue(forKey: key)!
            Self.addCounts(of: piece.corrected, to: &self.corrected)
            Self.addCounts(of: piece.uncorrected, to: &self.uncorrected)
            Self.addCounts(of: piece.lag, to: &self.lag)
            let summary = LatencySummary(microseconds: piece.corrected)
            if piece.requests > 0 { self.latestP99 = summary.p99 }
            if let observer = self.observer {
                observer(
                    IntervalDigest(
                        second: key, requests: piece.requests, accepted: piece.accepted, errors: piece.errors,
                        latency: piece.corrected.recordedValues().map { (UInt64($0.value), UInt64($0.count)) },
                        lagP99: LatencySummary(microseconds: piece.lag).p99))
            }
            self.samples.append(
                IntervalSample(
                    second: key, requests: piece.requests, accepted: piece.accepted, errors: piece.errors,
                    latency: summary, histogram: HdrWireFormat.base64Compressed(piece.corrected)))
        }
    }

    /// The samples in order and the merged histograms (call on `queue`, after every piece was submitted).
    func results() -> (
        samples: [IntervalSample], corrected: Histogram<UInt64>, uncorrected: Histogram<UInt64>, lag: Histogram<UInt64>
    ) {
        self.finish(before: Int.max)
        var bySecond: [Int: IntervalSample] = [:]
        for sample in self.samples {
            if var existing = bySecond[sample.second] {
                // A late piece: fold its counts in (its latency stays in the merged histograms).
                existing.requests += sample.requests
                existing.accepted += sample.accepted
                existing.errors += sample.errors
                bySecond[sample.second] = existing
            } else {
                bySecond[sample.second] = sample
            }
        }
        let ordered = bySecond.keys.sorted().map { bySecond[$0]! }
        return (ordered, self.corrected, self.uncorrected, self.lag)
    }

    private static func addCounts(of piece: Histogram<UInt32>, to total: inout Histogram<UInt64>) {
        guard piece.totalCount > 0 else { return }
        for value in piece.recordedValues() {
            total.record(value.value, count: UInt64(value.count))
        }
    }
}
