/// Parses `--stages 30s:100,2m:2000,30s:0` (duration `:` target rate) and durations like `500ms`, `30s`,
/// `2m`, `1h`, `1m30s`, or bare seconds.
public enum StagesParser {
    /// The stages in `text`, or a `LoadConfigError` naming the bad part.
    public static func parse(_ text: String) throws -> [Stage] {
        var stages: [Stage] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            guard pieces.count == 2, let duration = DurationParser.seconds(String(pieces[0])), duration > 0,
                let target = Double(pieces[1].trimmingWhitespace()), target >= 0, target.isFinite
            else {
                throw LoadConfigError.invalid(
                    option: "--stages", value: text,
                    why: "'\(part)' is not DURATION:RATE (e.g. 30s:100); durations > 0, rates >= 0")
            }
            stages.append(Stage(duration: duration, target: target))
        }
        guard !stages.isEmpty else {
            throw LoadConfigError.invalid(option: "--stages", value: text, why: "no stages")
        }
        return stages
    }
}

/// Durations as people type them: `250ms`, `30s`, `2m`, `1h`, `1m30s`, `1.5s`, or bare seconds.
public enum DurationParser {
    /// Seconds in `text`, or nil when it is not a duration.
    public static func seconds(_ text: String) -> Double? {
        let text = text.trimmingWhitespace()
        if text.isEmpty { return nil }
        if let plain = Double(text) { return plain >= 0 ? plain : nil }
        var total = 0.0
        var number = ""
        var chars = Array(text)
        var index = 0
        var sawUnit = false
        while index < chars.count {
            let c = chars[index]
            if c.isNumber || c == "." {
                number.append(c)
                index += 1
                continue
            }
            guard let value = Double(number) else { return nil }
            var unit = String(c)
            if c == "m", index + 1 < chars.count, chars[index + 1] == "s" {
                unit = "ms"
                index += 1
            }
            switch unit {
            case "ms": total += value / 1000
            case "s": total += value
            case "m": total += value * 60
            case "h": total += value * 3600
            default: return nil
            }
            sawUnit = true
            number = ""
            index += 1
        }
        chars = []
        guard number.isEmpty, sawUnit else { return nil }
        return total
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
