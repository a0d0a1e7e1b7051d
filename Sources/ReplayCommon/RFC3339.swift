import Foundation

/// RFC 3339 instants in UTC, as reports, interval logs and the command line write and read them:
/// `2026-11-29T09:55:00.123Z` (milliseconds) or `2026-11-29T09:55:00Z`.
public enum RFC3339 {
    /// The text of `epochSeconds` in UTC, with milliseconds unless `fractional` is false.
    public static func format(_ epochSeconds: Double, fractional: Bool = true) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions =
            fractional ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        return formatter.string(from: Date(timeIntervalSince1970: epochSeconds))
    }

    /// The text of `date` in UTC, with milliseconds.
    public static func format(_ date: Date) -> String {
        self.format(date.timeIntervalSince1970)
    }

    /// Seconds since the epoch of an RFC 3339 date-time with or without fractional seconds and
    /// with any offset; nil for anything else.
    public static func epochSeconds(_ text: String) -> Double? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date.timeIntervalSince1970 }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)?.timeIntervalSince1970
    }

    /// Seconds since the epoch of midnight UTC on an RFC 3339 full date (`2026-01-05`); nil for
    /// anything else.
    public static func epochSeconds(fullDate text: String) -> Double? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate]
        return formatter.date(from: text)?.timeIntervalSince1970
    }
}
