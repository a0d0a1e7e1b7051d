/// Durations written as text, the one grammar of every duration flag (`run`, `serve`, `synth`,
/// stages): `24h`, `90m`, `30s`, `250ms`, `100us`, `1.5h`, `2d`, or combinations such as `1h30m`.
/// A bare number is seconds. At most ``maximumSeconds``, so that every duration converts to
/// nanoseconds and `Duration` without overflow.
public enum DurationText {
    /// The longest duration accepted: 100 years.
    public static let maximumSeconds: Double = 100 * 365 * 86_400

    /// Why a duration could not be read.
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        /// The text given.
        public var text: String
        /// The text reads as a duration, but a longer one than ``DurationText/maximumSeconds``.
        public var tooLong = false
        public var description: String {
            if self.tooLong { return "'\(self.text)' is longer than 100 years; durations are at most 36500d." }
            return
                "'\(self.text)' is not a duration; write for example 24h, 90m, 30s, 250ms, 100us, 2d or 1h30m (a bare number is seconds)."
        }
    }

    /// The duration `text` stands for.
    public static func parse(_ text: String) throws(ParseError) -> Duration {
        let seconds = try DurationText.seconds(text)
        let whole = seconds.rounded(.towardZero)
        let attos = (seconds - whole) * 1e18
        return Duration(secondsComponent: Int64(whole), attosecondsComponent: Int64(attos))
    }

    /// The number of seconds `text` stands for: finite, from 0 to ``maximumSeconds``.
    public static func seconds(_ text: String) throws(ParseError) -> Double {
        let seconds = try Self.unboundedSeconds(text)
        guard seconds <= Self.maximumSeconds else { throw ParseError(text: text, tooLong: true) }
        return seconds
    }

    private static func unboundedSeconds(_ text: String) throws(ParseError) -> Double {
        let trimmed = text.trimmingCharacters(in: " \t")
        guard !trimmed.isEmpty else { throw ParseError(text: text) }
        if trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) {
            guard let plain = Double(trimmed), plain.isFinite else { throw ParseError(text: text) }
            return plain
        }
        var total = 0.0
        var number = ""
        var unit = ""
        func flush() throws(ParseError) {
            guard let value = Double(number), value.isFinite, value >= 0 else { throw ParseError(text: text) }
            // Sub-second units divide, so that 100us and 250ms are the nearest doubles to 0.0001 and 0.25.
            switch unit {
            case "us", "µs": total += value / 1_000_000
            case "ms": total += value / 1_000
            case "s", "sec": total += value
            case "m", "min": total += value * 60
            case "h": total += value * 3600
            case "d": total += value * 86400
            default: throw ParseError(text: text)
            }
            number = ""
            unit = ""
        }
        for ch in trimmed {
            if (ch.isASCII && ch.isNumber) || ch == "." {
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

    /// `seconds` as whole nanoseconds: the one conversion of a number of seconds (from a flag, a file,
    /// an answer, or arithmetic on them) into a time amount (`Duration`, NIO's `TimeAmount`, sleeps).
    /// NaN and negatives are 0 and anything past ``maximumSeconds`` (infinity too) is
    /// ``maximumSeconds``, so that a time computed from outside input never traps when converted.
    public static func nanoseconds(_ seconds: Double) -> Int64 {
        guard seconds > 0 else { return 0 }
        guard seconds < Self.maximumSeconds else { return Int64(Self.maximumSeconds) * 1_000_000_000 }
        return Int64((seconds * 1e9).rounded())
    }

    /// `seconds` as a `Duration`, through ``nanoseconds(_:)``.
    public static func duration(seconds: Double) -> Duration {
        .nanoseconds(Self.nanoseconds(seconds))
    }

    /// Formats seconds as text such as `1h02m03s` (or `850ms` under a second).
    public static func format(seconds: Double) -> String {
        guard seconds.isFinite, seconds.magnitude < 1e15 else { return "∞" }
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
