import Foundation
import Histogram
import ReplayCommon

/// A run report with its histograms decoded once, shared by the renderers.
struct DecodedRun {
    let report: RunReport
    let corrected: Histogram<UInt64>
    let uncorrected: Histogram<UInt64>
    /// Per-second histograms by interval, nil where one does not decode.
    let intervalHistograms: [Histogram<UInt64>?]
    /// Histograms that did not decode, named, so renderers can say so instead of hiding it.
    let problems: [String]
    /// `startedAt` in seconds since 1970, nil when it does not parse.
    let startEpochSeconds: Double?

    init(_ report: RunReport) {
        self.report = report
        var problems: [String] = []
        func decode(_ text: String, _ name: String) -> Histogram<UInt64>? {
            do {
                return try HdrWireFormat.decode(base64: text)
            } catch {
                problems.append("\(name): \(error)")
                return nil
            }
        }
        let empty = LatencyHistograms.make(UInt64.self)
        self.corrected = decode(report.histograms.corrected, "histograms.corrected") ?? empty
        self.uncorrected = decode(report.histograms.uncorrected, "histograms.uncorrected") ?? empty
        self.intervalHistograms = report.intervals.map { decode($0.histogram, "intervals[second \($0.second)].histogram") }
        self.problems = problems
        self.startEpochSeconds = RFC3339.epochSeconds(report.startedAt)
    }
}
