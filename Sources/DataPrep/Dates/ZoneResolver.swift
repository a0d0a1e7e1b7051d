import Foundation

/// A time zone a date can be expressed in: UTC, a fixed offset, or a Foundation (IANA) zone.
struct ResolvedZone: Sendable {
    enum Kind: Sendable {
        case fixed(Int)
        case region(TimeZone)
    }

    /// The identifier kept in `DateTimeValue.zoneIdentifier`: `"UTC"`, `"+02:00"`, `"Europe/Paris"`.
    var identifier: String
    var kind: Kind

    static let utc = ResolvedZone(identifier: "UTC", kind: .fixed(0))
    static let english = Locale(identifier: "en_US")

    func offsetSeconds(atEpochSeconds seconds: Int64) -> Int {
        switch self.kind {
        case .fixed(let offset): return offset
        case .region(let zone): return zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
        }
    }

    func offsetSeconds(atEpochNanoseconds nanos: Int64) -> Int {
        switch self.kind {
        case .fixed(let offset): return offset
        case .region: return self.offsetSeconds(atEpochSeconds: nanos / 1_000_000_000)
        }
    }

    /// The short name Java's `z` prints: `UTC`, `PDT`, `CET`, or the offset when there is none.
    func abbreviation(atEpochSeconds seconds: Int64) -> String {
        switch self.kind {
        case .fixed(0): return self.identifier == "UTC" ? "UTC" : "Z"
        case .fixed: return self.identifier
        case .region(let zone):
            // ICU's US-English short names (PDT, EST); elsewhere it only knows "GMT+2", where
            // Java would print CEST.
            let date = Date(timeIntervalSince1970: TimeInterval(seconds))
            let style: NSTimeZone.NameStyle =
                zone.isDaylightSavingTime(for: date) ? .shortDaylightSaving : .shortStandard
            return zone.localizedName(for: style, locale: ResolvedZone.english) ?? zone.abbreviation(for: date)
                ?? self.identifier
        }
    }

    /// `+HH:MM` text of an offset, `Z` for zero when `zeroAsZ`.
    static func offsetText(_ offset: Int, colon: Bool = true, zeroAsZ: Bool = true, minutesAlways: Bool = true)
        -> String
    {
        if offset == 0 && zeroAsZ { return "Z" }
        let sign = offset < 0 ? "-" : "+"
        let magnitude = abs(offset)
        let hours = magnitude / 3600
        let minutes = magnitude % 3600 / 60
        let seconds = magnitude % 60
        var text = sign + Self.twoDigits(hours)
        if minutesAlways || minutes != 0 || seconds != 0 { text += (colon ? ":" : "") + Self.twoDigits(minutes) }
        if seconds != 0 { text += (colon ? ":" : "") + Self.twoDigits(seconds) }
        return text
    }

    static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}

/// Turns zone names into zones, caching Foundation's (building a `TimeZone` costs far more than a
/// locked look-up). Accepts `UTC`/`GMT`/`Z`, offsets (`+02:00`, `+0200`, `+02`, `UTC+2`,
/// `GMT-08:00`), IANA names (`America/Los_Angeles`) and the abbreviations Foundation knows (`PST`).
enum ZoneResolver {
    private final class Cache: @unchecked Sendable {
        let lock = NSLock()
        var zones: [String: ResolvedZone] = [:]  // guarded by `lock`
    }

    private static let cache = Cache()

    static func resolve(_ name: String) -> ResolvedZone? {
        if name == "UTC" || name == "Z" { return .utc }
        if let offset = Self.parseOffset(name) {
            return offset == 0
                ? .utc : ResolvedZone(identifier: ResolvedZone.offsetText(offset, zeroAsZ: false), kind: .fixed(offset))
        }
        Self.cache.lock.lock()
        let cached = Self.cache.zones[name]
        Self.cache.lock.unlock()
        if let cached { return cached }
        let upper = name.uppercased()
        var resolved: ResolvedZone?
        if upper == "UTC" || upper == "GMT" || upper == "UT" || upper == "ETC/UTC" || upper == "ETC/GMT"
            || upper == "ZULU"
        {
            resolved = .utc
        } else if let zone = TimeZone(identifier: name) {
            resolved = ResolvedZone(identifier: zone.identifier, kind: .region(zone))
        } else if let zone = TimeZone(abbreviation: upper) {
            resolved = ResolvedZone(identifier: zone.identifier, kind: .region(zone))
        }
        guard let resolved else { return nil }
        Self.cache.lock.lock()
        if Self.cache.zones.count > 1024 { Self.cache.zones.removeAll() }
        Self.cache.zones[name] = resolved
        Self.cache.lock.unlock()
        return resolved
    }

    /// Seconds east of UTC of `+HH:MM`, `+HHMM`, `+HH`, `+H`, `+HH:MM:SS`, `+HHMMSS`, optionally
    /// prefixed by `UTC`/`GMT`/`UT` (which alone mean 0). Nil for anything else.
    static func parseOffset(_ text: String) -> Int? {
        var bytes = Array(text.utf8)[...]
        for prefix in ["UTC", "GMT", "UT"] where bytes.starts(with: prefix.utf8) {
            bytes = bytes.dropFirst(prefix.utf8.count)
            if bytes.isEmpty { return 0 }
            break
        }
        guard let signByte = bytes.first, signByte == UInt8(ascii: "+") || signByte == UInt8(ascii: "-") else {
            return nil
        }
        let sign = signByte == UInt8(ascii: "-") ? -1 : 1
        var fields: [Int] = []
        var digits: [Int] = []
        var colonSeparated = false
        for byte in bytes.dropFirst() {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits.append(Int(byte - UInt8(ascii: "0")))
            } else if byte == UInt8(ascii: ":") {
                guard !digits.isEmpty, digits.count <= 2 else { return nil }
                fields.append(digits.reduce(0) { $0 * 10 + $1 })
                digits.removeAll()
                colonSeparated = true
            } else {
                return nil
            }
        }
        guard !digits.isEmpty else { return nil }
        if colonSeparated {
            guard digits.count == 2 else { return nil }
            fields.append(digits.reduce(0) { $0 * 10 + $1 })
        } else {
            switch digits.count {
            case 1: fields = [digits[0]]
            case 2: fields = [digits[0] * 10 + digits[1]]
            case 4: fields = [digits[0] * 10 + digits[1], digits[2] * 10 + digits[3]]
            case 6: fields = [digits[0] * 10 + digits[1], digits[2] * 10 + digits[3], digits[4] * 10 + digits[5]]
            default: return nil
            }
        }
        guard fields.count <= 3 else { return nil }
        let hours = fields[0]
        let minutes = fields.count > 1 ? fields[1] : 0
        let seconds = fields.count > 2 ? fields[2] : 0
        guard hours <= 18, minutes <= 59, seconds <= 59 else { return nil }
        return sign * (hours * 3600 + minutes * 60 + seconds)
    }
}
