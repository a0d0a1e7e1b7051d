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

    /// `2026-01-05T00:00:00Z`.
    static func iso(_ seconds: Int64) -> String {
        RFC3339.format(Double(seconds), fractional: false)
    }
}
