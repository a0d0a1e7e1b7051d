import Foundation
import PendoEvents

/// What `pendo-replay inspect` prints, as text or JSON (`--json`, version 1).
struct InspectSummary: Codable {
    struct KindCount: Codable {
        var kind: String
        var events: Int
        var share: Double
    }

    struct Replay: Codable {
        var speed: Double
        var seconds: Double
        var text: String
    }

    var version = 1
    var paths: [String]
    var files: [String]
    var events: Int
    /// Event bytes, without line ends.
    var eventBytes: Int
    /// Decompressed bytes read (events, line ends, whitespace).
    var bytesRead: Int
    /// Bytes of the files on disk.
    var fileBytes: Int
    var kinds: [KindCount]
    var withoutKind: Int
    var withoutTimestamp: Int
    var outOfOrder: Int
    var firstTimestamp: Int64?
    var lastTimestamp: Int64?
    var first: String?
    var last: String?
    var spanSeconds: Int64
    var meanEventsPerSecond: Double
    var peakMinuteStart: String?
    var peakMinuteEvents: Int
    var peakMinuteEventsPerSecond: Double
    var distinctVisitors: Int
    var distinctAccounts: Int
    var distinctCountsExact: Bool
    var replay: [Replay]
    var errors: Int
    var errorMessages: [String]
    var readSeconds: Double

    init(
        paths: [String], files: [String], statistics s: CorpusStatistics, bytesRead: Int, fileBytes: Int,
        speeds: [Double], errors: Int, errorMessages: [String], readSeconds: Double
    ) {
        self.paths = paths
        self.files = files
        self.events = s.events
        self.eventBytes = s.eventBytes
        self.bytesRead = bytesRead
        self.fileBytes = fileBytes
        self.kinds = s.kinds.sorted { $0.count > $1.count || ($0.count == $1.count && $0.kind < $1.kind) }
            .map {
                KindCount(
                    kind: $0.kind, events: $0.count, share: s.events > 0 ? Double($0.count) / Double(s.events) : 0)
            }
        self.withoutKind = s.withoutKind
        self.withoutTimestamp = s.withoutTimestamp
        self.outOfOrder = s.outOfOrder
        self.firstTimestamp = s.firstTimestamp
        self.lastTimestamp = s.lastTimestamp
        self.first = s.firstTimestamp.map(TimeText.iso)
        self.last = s.lastTimestamp.map(TimeText.iso)
        self.spanSeconds = s.spanSeconds
        self.meanEventsPerSecond = s.meanEventsPerSecond
        let peak = s.peakMinute
        self.peakMinuteStart = peak.map { TimeText.iso($0.start) }
        self.peakMinuteEvents = peak?.events ?? 0
        self.peakMinuteEventsPerSecond = Double(peak?.events ?? 0) / 60
        self.distinctVisitors = s.visitors.count
        self.distinctAccounts = s.accounts.count
        self.distinctCountsExact = s.visitors.countIsExact && s.accounts.countIsExact
        self.replay = speeds.map { speed in
            let seconds = s.replaySeconds(speed: speed)
            return Replay(speed: speed, seconds: seconds, text: DurationText.format(seconds: seconds))
        }
        self.errors = errors
        self.errorMessages = errorMessages
        self.readSeconds = readSeconds
    }

    var text: String {
        var lines: [String] = []
        lines.append(
            "corpus:     \(self.paths.joined(separator: " ")) (\(self.files.count) file\(self.files.count == 1 ? "" : "s"), \(InspectSummary.size(self.fileBytes)) on disk)"
        )
        lines.append(
            "events:     \(self.events) (\(InspectSummary.size(self.eventBytes)) of JSON, \(self.events > 0 ? self.eventBytes / self.events : 0) bytes per event)"
        )
        lines.append("kinds:")
        let width = max(self.kinds.map(\.kind.count).max() ?? 0, 8)
        for k in self.kinds {
            let name = k.kind.padding(toLength: width, withPad: " ", startingAt: 0)
            lines.append("  \(name)  \(String(k.events).leftPadded(9))  \(String(format: "%5.1f", k.share * 100)) %")
        }
        if self.withoutKind > 0 { lines.append("  (no event field)  \(self.withoutKind)") }
        if let first = self.first, let last = self.last {
            lines.append("first:      \(first)")
            lines.append("last:       \(last)  (span \(DurationText.format(seconds: Double(self.spanSeconds))))")
        }
        if self.withoutTimestamp > 0 { lines.append("no timestamp: \(self.withoutTimestamp) events") }
        if self.outOfOrder > 0 {
            lines.append("out of order: \(self.outOfOrder) events are earlier than the one before")
        }
        lines.append(
            "recorded:   mean \(String(format: "%.3f", self.meanEventsPerSecond)) events/s; peak minute \(self.peakMinuteEvents) events (\(String(format: "%.2f", self.peakMinuteEventsPerSecond)) events/s)\(self.peakMinuteStart.map { " at \($0)" } ?? "")"
        )
        let approx = self.distinctCountsExact ? "" : " (approximate)"
        lines.append("visitors:   \(self.distinctVisitors) distinct\(approx)")
        lines.append("accounts:   \(self.distinctAccounts) distinct\(approx)")
        for r in self.replay {
            lines.append("replay:     \(r.text) at --replay-speed \(InspectSummary.number(r.speed))")
        }
        if self.errors > 0 {
            lines.append("errors:     \(self.errors)")
            for message in self.errorMessages { lines.append("  \(message)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func number(_ value: Double) -> String {
        value.isFinite && value == value.rounded() && value.magnitude < 1e15 ? String(Int64(value)) : String(value)
    }

    static func size(_ bytes: Int) -> String {
        let b = Double(bytes)
        if b >= 1e9 { return String(format: "%.2f GB", b / 1e9) }
        if b >= 1e6 { return String(format: "%.1f MB", b / 1e6) }
        if b >= 1e3 { return String(format: "%.1f kB", b / 1e3) }
        return "\(bytes) B"
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String {
        self.count >= width ? self : String(repeating: " ", count: width - self.count) + self
    }
}
