import Foundation

/// The live line of a run on a terminal, as text: elapsed time, and with a bound the planned total,
/// the percentage done and the time left; the target rate of open-loop models (and the stage of
/// `--stages`); the achieved rate; p99 only once answers have come; errors. A run with `--loop` and
/// no bound (no duration, requests or stages) says it runs until Ctrl-C.
public struct LiveStatus: Sendable {
    /// The run's configuration (its bounds and load model).
    public var configuration: RunConfigurationRecord

    public init(configuration: RunConfigurationRecord) {
        self.configuration = configuration
    }

    /// The line for a run `elapsed` seconds in, having sent `sent` requests and had `completed`
    /// answered (`errors` of them failed), at `rate` answers per second lately, `p99Milliseconds`
    /// over the latest second.
    public func line(elapsed: Double, sent: Int, completed: Int, errors: Int, rate: Double, p99Milliseconds: Double)
        -> String
    {
        var parts: [String] = []
        let config = self.configuration
        if let duration = config.durationSeconds, duration > 0 {
            let done = min(elapsed / duration, 1)
            parts.append(
                "\(Self.seconds(elapsed)) of \(Self.seconds(duration)) (\(Int(done * 100))%, \(Self.seconds(max(duration - elapsed, 0))) left)"
            )
        } else {
            parts.append(Self.seconds(elapsed))
        }
        if let requests = config.requests, requests > 0 {
            let done = min(Double(sent) / Double(requests), 1)
            var text = "sent \(sent) of \(requests) (\(Int(done * 100))%"
            if config.durationSeconds == nil, rate > 0, sent < requests {
                text += ", ~\(Self.seconds(Double(requests - sent) / rate)) left"
            }
            parts.append(text + ")")
        } else {
            parts.append("sent \(sent)")
        }
        var rateText = "\(Int(rate.rounded())) req/s"
        if let target = self.target(at: elapsed) {
            rateText += " (target \(Int(target.rate.rounded()))/s\(target.stage.map { ", stage \($0)" } ?? ""))"
        }
        parts.append(rateText)
        parts.append(completed > 0 ? String(format: "p99 %.2f ms", p99Milliseconds) : "p99 -")
        parts.append("errors \(errors)")
        if config.loop && config.durationSeconds == nil && config.requests == nil && config.stages == nil {
            parts.append("runs until Ctrl-C")
        }
        return parts.joined(separator: "  ")
    }

    /// The rate asked for at `elapsed` (a constant rate, or the stages' ramp), and the stage
    /// (`2/3`) when there are stages; nil for closed loop and replay.
    func target(at elapsed: Double) -> (rate: Double, stage: String?)? {
        guard let series = PerSecondSeries.target(self.configuration, until: elapsed) else { return nil }
        let points = series.points
        guard let first = points.first else { return nil }
        if self.configuration.stages == nil { return (first.y, nil) }
        let count = self.configuration.stages!.split(separator: ",").count
        for index in 1..<points.count where elapsed < points[index].x {
            let a = points[index - 1]
            let b = points[index]
            let fraction = b.x > a.x ? (elapsed - a.x) / (b.x - a.x) : 1
            return (a.y + (b.y - a.y) * fraction, index <= count ? "\(index)/\(count)" : nil)
        }
        return (points.last!.y, nil)
    }

    /// Seconds as `12.3s`, `4m05s` from a minute on.
    static func seconds(_ value: Double) -> String {
        guard value.isFinite else { return "-" }
        if value < 60 { return String(format: "%.1fs", value) }
        let whole = Int(value.rounded())
        return String(format: "%dm%02ds", whole / 60, whole % 60)
    }
}
