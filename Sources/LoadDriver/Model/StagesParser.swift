import PendoEvents

/// Parses `--stages 30s:100,2m:2000,30s:0` (duration `:` target rate); durations are read by
/// PendoEvents' `DurationText` (`500ms`, `30s`, `2m`, `1h`, `1m30s`, bare seconds).
public enum StagesParser {
    /// The stages in `text`, or a `LoadConfigError` naming the bad part.
    public static func parse(_ text: String) throws -> [Stage] {
        var stages: [Stage] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            guard pieces.count == 2, let duration = (try? DurationText.seconds(String(pieces[0]))), duration > 0,
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
        try LoadModel.stages(stages).check()
        return stages
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
