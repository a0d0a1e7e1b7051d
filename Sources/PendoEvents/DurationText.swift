/// Durations written as text: `24h`, `90m`, `30s`, `250ms`, `1.5h`, `2d`, or combinations such
/// as `1h30m`. A bare number is seconds.
public enum DurationText {
    /// Why a duration could not be read.
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        /// The text given.
        public var text: String
        public var description: String {
            "'\(self.text)' is not a duration; write for example 24h, 90m, 30s, 250ms, 2d or 1h30m."
        }
    }

    /// The duration `text` stands for.
    public static func parse(_ text: String) throws -> Duration {
        let seconds = try DurationText.seconds(text)
        let whole = seconds.rounded(.towardZero)
        let attos = (seconds - whole) * 1e18
        return Duration(secondsComponent: Int64(whole), attosecondsComponent: Int64(attos))
    }

    /// The number of seconds `text` stands for.
    public static func seconds(_ text: String) throws -> Double {
        let trimmed = text.trimmingCharacters(in: " \t")
        guard !trimmed.isEmpty else { throw ParseError(text: text) }
        if let plain = Double(trimmed), plain.isFinite, plain >= 0 { return plain }
        var total = 0.0
        var number = ""
        var unit = ""
        var parts = 0
        func flush() throws {
            guard let value = Double(number), value.isFinite, value >= 0 else { throw ParseError(text: text) }
            let scale: Double
            switch unit {
            case "ms": scale = 0.001
            case "s", "sec": scale = 1
            case "m", "min": scale = 60
            case "h": scale = 3600
            case "d": scale = 86400
            default: throw ParseError(text: text)
            }
            total += value * scale
            parts += 1
            number = ""
            unit = ""
        }
        for ch in trimmed {
            if ch.isNumber || ch == "." {
                if !unit.isEmpty { try flush() }
                number.append(ch)
            } else if ch.isLetter {
                guard !number.isEmpty else { throw ParseError(text: text) }
                unit.append(ch)
            } else {
                throw ParseError(text: text)
            }
        }
        guard !number.isEmpty, !unit.isEmpty else { throw ParseError(text: text) }
        try flush()
        return total
    }

    /// Formats seconds as text such as `1h02m03s` (or `850ms` under a second).
    public static func format(seconds: Double) -> String {
        guard seconds.isFinite else { return "∞" }
        if seconds < 1 { return "\(Int((seconds * 1000).rounded()))ms" }
        var rest = Int(seconds.rounded())
        let days = rest / 86400
        rest %= 86400
        let h = rest / 3600
        let m = (rest % 3600) / 60
        let s = rest % 60
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        if days > 0 { return "\(days)d\(two(h))h\(two(m))m" }
        if h > 0 { return "\(h)h\(two(m))m\(two(s))s" }
        if m > 0 { return "\(m)m\(two(s))s" }
        return "\(s)s"
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
