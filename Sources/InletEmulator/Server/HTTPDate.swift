import Foundation
import Synchronization

/// The `Date` header's text (RFC 9110's IMF-fixdate, `Sun, 06 Dec 2026 06:13:53 GMT`), formatted
/// once a second: every answer ``InletChannelHandler`` writes carries it, as Hummingbird's do.
enum HTTPDate {
    private static let cache = Mutex<(second: Int64, text: String, formatter: DateFormatter)>(
        (Int64.min, "", Self.makeFormatter()))

    /// The text of the current second.
    static var now: String { self.text(epochSeconds: Date().timeIntervalSince1970) }

    /// The text of the second `epochSeconds` falls in.
    static func text(epochSeconds: Double) -> String {
        let second = Int64(epochSeconds.rounded(.down))
        return self.cache.withLock { cache in
            if cache.second != second {
                cache.text = cache.formatter.string(from: Date(timeIntervalSince1970: Double(second)))
                cache.second = second
            }
            return cache.text
        }
    }

    private static func makeFormatter() -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return formatter
    }
}
