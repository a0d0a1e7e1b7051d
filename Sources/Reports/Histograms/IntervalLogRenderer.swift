import Foundation
import Histogram
import ReplayCommon

/// `intervals.hlog`: HdrHistogram's interval log (format 1.3), one compressed histogram per
/// interval, readable by `HistogramLogProcessor`, `HistogramLogReader` (Java), hdrh's
/// `HistogramLogReader` (Python) and HdrHistogram's plotters.
///
/// ```
/// #[Histogram log format version 1.3]
/// #[StartTime: 1764408000.000 (seconds since epoch), 2025-11-29T09:20:00.000Z]
/// #[BaseTime: 1764408000.000 (seconds since epoch)]
/// "StartTimestamp","Interval_Length","Interval_Max","Interval_Compressed_Histogram"
/// 0.000,1.000,12.345,HISTFAAAA...
/// ```
/// Timestamps are seconds after BaseTime; `Interval_Max` is the interval's max divided by
/// `maxValueUnitRatio` (so milliseconds for microsecond values with a ratio of 1000).
public enum IntervalLogRenderer {
    /// One interval of the log.
    public struct Interval: Sendable {
        /// Seconds from the run's start (the log's base time) to the interval's start.
        public var startOffsetSeconds: Double
        /// The interval's length in seconds.
        public var lengthSeconds: Double
        /// What was recorded in the interval.
        public var histogram: Histogram<UInt64>

        /// Creates an interval.
        public init(startOffsetSeconds: Double, lengthSeconds: Double, histogram: Histogram<UInt64>) {
            self.startOffsetSeconds = startOffsetSeconds
            self.lengthSeconds = lengthSeconds
            self.histogram = histogram
        }
    }

    /// Renders the log.
    ///
    /// - Parameters:
    ///   - intervals: In time order.
    ///   - startTimeEpochSeconds: The run's start, seconds since 1970 (also the base time).
    ///   - maxValueUnitRatio: What `Interval_Max` divides values by (1000 for µs -> ms).
    ///   - comment: An optional first comment line, such as the tool and its version.
    public static func render(
        intervals: [Interval], startTimeEpochSeconds: Double,
        maxValueUnitRatio: Double, comment: String? = nil
    ) -> String {
        var out = ""
        if let comment { out += "#[\(comment)]\n" }
        out += "#[Histogram log format version 1.3]\n"
        let start = String(format: "%.3f", startTimeEpochSeconds)
        out += "#[StartTime: \(start) (seconds since epoch), \(RFC3339.format(startTimeEpochSeconds))]\n"
        out += "#[BaseTime: \(start) (seconds since epoch)]\n"
        out += "\"StartTimestamp\",\"Interval_Length\",\"Interval_Max\",\"Interval_Compressed_Histogram\"\n"
        for interval in intervals {
            let max = interval.histogram.totalCount == 0 ? 0 : Double(interval.histogram.max) / maxValueUnitRatio
            out += String(format: "%.3f,%.3f,%.3f,", interval.startOffsetSeconds, interval.lengthSeconds, max)
            out += HdrWireFormat.base64Compressed(interval.histogram) + "\n"
        }
        return out
    }

}
