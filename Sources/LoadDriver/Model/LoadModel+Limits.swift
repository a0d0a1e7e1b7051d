import PendoEvents

extension LoadModel {
    /// The highest rate asked for (`--rate`, a stage's target), requests per second: far above what
    /// one machine sends, and low enough that the sends of the longest run (``DurationText/maximumSeconds``)
    /// are counted in an `Int` without overflow.
    public static let maximumRate = 10_000_000.0
    /// The highest `--replay-speed`: a year of recorded traffic replayed in about 30 seconds.
    public static let maximumReplaySpeed = 1_000_000.0

    /// Checks the model's numbers where they are read: rates and speeds finite, above 0 (a stage's
    /// target may be 0) and at most their maximum; the stages together at most
    /// ``DurationText/maximumSeconds`` long. The error names the flag.
    public func check() throws(LoadConfigError) {
        switch self {
        case .closed:
            return
        case .constant(let rate):
            try Self.checkRate(rate, option: "--rate", value: Self.text(rate), allowZero: false)
        case .stages(let stages):
            var length = 0.0
            for stage in stages {
                let value = "\(DurationText.format(seconds: stage.duration)):\(Self.text(stage.target))"
                try Self.checkRate(stage.target, option: "--stages", value: value, allowZero: true)
                guard stage.duration > 0, stage.duration <= DurationText.maximumSeconds else {
                    throw LoadConfigError.invalid(
                        option: "--stages", value: value, why: "a stage lasts more than 0 and at most 36500d")
                }
                length += stage.duration
            }
            guard length <= DurationText.maximumSeconds else {
                throw LoadConfigError.invalid(
                    option: "--stages", value: DurationText.format(seconds: length),
                    why: "the stages together last at most 36500d (100 years)")
            }
        case .replay(let speed, let maxGap):
            guard speed.isFinite, speed > 0, speed <= Self.maximumReplaySpeed else {
                throw LoadConfigError.invalid(
                    option: "--replay-speed", value: Self.text(speed),
                    why: "must be a number above 0 and at most \(Self.text(Self.maximumReplaySpeed))")
            }
            if let maxGap, !(maxGap >= 0 && maxGap <= DurationText.maximumSeconds) {
                throw LoadConfigError.invalid(
                    option: "--max-gap", value: Self.text(maxGap), why: "must be a duration from 0 to 36500d")
            }
        }
    }

    /// Checks one rate read from `option` (shown as `value` in the error).
    static func checkRate(_ rate: Double, option: String, value: String, allowZero: Bool) throws(LoadConfigError) {
        let low = allowZero ? rate >= 0 : rate > 0
        guard rate.isFinite, low, rate <= Self.maximumRate else {
            throw LoadConfigError.invalid(
                option: option, value: value,
                why:
                    "a rate is a number \(allowZero ? "from 0" : "above 0") to \(Self.text(Self.maximumRate)) requests per second"
            )
        }
    }

    /// A number as typed: `100`, `2.5`, `1e+300`, `inf`, `nan`.
    static func text(_ value: Double) -> String {
        value.isFinite && value == value.rounded() && value.magnitude < 1e15 ? String(Int64(value)) : "\(value)"
    }
}
