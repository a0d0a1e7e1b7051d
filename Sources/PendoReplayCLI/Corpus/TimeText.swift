import Foundation
import ReplayCommon

/// ISO 8601 instants for the command line.
enum TimeText {
    /// Reads `2026-01-05T00:00:00Z`, `2026-01-05T00:00:00.000+01:00`, `2026-01-05` (midnight
    /// UTC) or epoch seconds.
    static func epochSeconds(_ text: String) -> Int64? {
        if let seconds = Int64(text) { return seconds }
        if let seconds = RFC3339.epochSeconds(text) { return Int64(seconds.rounded(.down)) }
        return RFC3339.epochSeconds(fullDate: text).map { Int64($0.rounded(.down)) }
    }

    /// The instants written as ISO 8601 here, in epoch seconds: 0001-01-01T00:00:00Z to
    /// 9999-12-31T23:59:59Z (timestamps from files and flags may lie anywhere in `Int64`).
    static let isoRange: ClosedRange<Int64> = -62_135_596_800...253_402_300_799

    /// `2026-01-05T00:00:00Z`; outside ``isoRange``, the epoch seconds as a number.
    static func iso(_ seconds: Int64) -> String {
        guard Self.isoRange.contains(seconds) else { return "\(seconds) (epoch seconds, outside the years 1 to 9999)" }
        return RFC3339.format(Double(seconds), fractional: false)
    }
}
