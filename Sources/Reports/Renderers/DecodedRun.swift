import Foundation
import Histogram
import ReplayCommon

/// A run report with its histograms decoded once per rendering, shared by the renderers and the
/// threshold metrics, and the run's one `stored`.
struct DecodedRun {
    let report: RunReport
    /// Events the emulator stored: the caller's count, else the one the report's platform section
    /// carries; nil when the run did not target the emulator.
    let stored: Int?
    /// Empty when the report's histogram does not decode (see `correctedDecodes`).
    let corrected: Histogram<UInt64>
    let uncorrected: Histogram<UInt64>
    /// Whether the merged histograms decoded (metrics fall back to the summary's percentiles otherwise).
    let correctedDecodes: Bool
    let uncorrectedDecodes: Bool
    /// Per-second histograms by interval, nil where one does not decode.
    let intervalHistograms: [Histogram<UInt64>?]
    /// Histograms that did not decode, named, so renderers can say so instead of hiding it.
    let problems: [String]
    /// `startedAt` in seconds since 1970, nil when it does not parse.
    let startEpochSeconds: Double?

    init(_ report: RunReport, stored: Int? = nil) {
        self.report = report
        self.stored = stored ?? report.platform?.stored
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
        let corrected = decode(report.histograms.corrected, "histograms.corrected")
        let uncorrected = decode(report.histograms.uncorrected, "histograms.uncorrected")
        self.corrected = corrected ?? empty
        self.uncorrected = uncorrected ?? empty
        self.correctedDecodes = corrected != nil
        self.uncorrectedDecodes = uncorrected != nil
        self.intervalHistograms = report.intervals.map {
            decode($0.histogram, "intervals[second \($0.second)].histogram")
        }
        self.problems = problems
        self.startEpochSeconds = RFC3339.epochSeconds(report.startedAt)
    }
}
