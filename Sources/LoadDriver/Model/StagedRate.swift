/// Stages with linear ramps between targets. The cumulative number of sends is the integral of the
/// rate; send `i` is intended at the time that integral reaches `i` (so the first send is at 0 when
/// the first stage starts above zero, and a ramp from 0 starts slowly).
public struct StagedRate: RateSchedule, Equatable {
    /// The stages, in order.
    public let stages: [Stage]
    /// Cumulative sends at the start of each stage (and, last, at the end of all of them).
    private let cumulative: [Double]
    /// Start time of each stage (and, last, the end).
    private let starts: [Double]

    public init(stages: [Stage]) {
        self.stages = stages
        var cumulative: [Double] = [0]
        var starts: [Double] = [0]
        var previous = 0.0
        for stage in stages {
            cumulative.append(cumulative.last! + (previous + stage.target) / 2 * stage.duration)
            starts.append(starts.last! + stage.duration)
            previous = stage.target
        }
        self.cumulative = cumulative
        self.starts = starts
    }

    public var length: Double? { self.starts.last! }

    /// The rate asked for at `elapsed` seconds.
    public func rate(at elapsed: Double) -> Double {
        var previous = 0.0
        for (index, stage) in self.stages.enumerated() {
            let start = self.starts[index]
            if elapsed < start + stage.duration {
                let fraction = stage.duration > 0 ? (elapsed - start) / stage.duration : 1
                return previous + (stage.target - previous) * max(0, fraction)
            }
            previous = stage.target
        }
        return 0
    }

    /// Sends intended by `elapsed` (the integral of the rate), as a real number.
    func area(at elapsed: Double) -> Double {
        var previous = 0.0
        for (index, stage) in self.stages.enumerated() {
            let start = self.starts[index]
            if elapsed < start + stage.duration {
                let tau = max(0, elapsed - start)
                let slope = stage.duration > 0 ? (stage.target - previous) / stage.duration : 0
                return self.cumulative[index] + previous * tau + slope * tau * tau / 2
            }
            previous = stage.target
        }
        return self.cumulative.last!
    }

    public func intendedOffset(ofSend index: Int) -> Double? {
        // Send i is intended when the integral of the rate first reaches i (send 0 at the start of
        // the first stage that asks for any load); sends end where the integral ends.
        let goal = Double(index)
        guard index >= 0, goal < self.cumulative.last! else { return nil }
        var previous = 0.0
        for (stageIndex, stage) in self.stages.enumerated() {
            defer { previous = stage.target }
            let base = self.cumulative[stageIndex]
            guard goal >= base, goal < self.cumulative[stageIndex + 1] else { continue }
            let need = goal - base
            let slope = (stage.target - previous) / stage.duration
            let tau: Double
            if abs(slope) < 1e-12 {
                tau = need / previous
            } else {
                // previous * tau + slope / 2 * tau^2 = need
                let discriminant = previous * previous + 2 * slope * need
                tau = (-previous + max(0, discriminant).squareRoot()) / slope
            }
            return self.starts[stageIndex] + min(max(0, tau), stage.duration)
        }
        return nil
    }

    public func sendsDue(by elapsed: Double) -> Int {
        guard elapsed >= 0 else { return 0 }
        let total = self.cumulative.last!
        guard total > 0 else { return 0 }
        let capped = Int(total.rounded(.up))
        // Sends before the first stage with load start at its beginning.
        var firstStart = 0.0
        for (index, stage) in self.stages.enumerated() where self.cumulative[index + 1] > 0 {
            firstStart = self.starts[index]
            _ = stage
            break
        }
        guard elapsed >= firstStart else { return 0 }
        return min(Int(self.area(at: elapsed).rounded(.down)) + 1, capped)
    }
}
