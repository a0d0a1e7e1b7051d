import Foundation

/// ISO 8601 instants for the command line.
enum TimeText {
    /// Reads `2026-01-05T00:00:00Z`, `2026-01-05T00:00:00.000+01:00`, `2026-01-05` (midnight
    /// UTC) or epoch seconds.
    static func epochSeconds(_ text: String) -> Int64? {
        if let seconds = Int64(text) { return seconds }
        let full = ISO8601DateFormatter()
        if let date = full.date(from: text) { return Int64(date.timeIntervalSince1970.rounded(.down)) }
        full.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = full.date(from: text) { return Int64(date.timeIntervalSince1970.rounded(.down)) }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        if let date = day.date(from: text) { return Int64(date.timeIntervalSince1970.rounded(.down)) }
        return nil
    }

    /// `2026-01-05T00:00:00Z`.
    static func iso(_ seconds: Int64) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
    }
}
