/// Axis ranges and tick values at round numbers (1, 2, 5 times a power of ten), as plotting
/// libraries choose them.
struct NiceScale: Equatable {
    let lower: Double
    let upper: Double
    let ticks: [Double]

    /// A scale from `min(0, lower)` (when `includeZero`) to a round number at or above `upper`.
    init(lower: Double, upper: Double, maxTicks: Int = 6, includeZero: Bool = true) {
        var low = includeZero ? Swift.min(0, lower) : lower
        var high = Swift.max(upper, low)
        if !low.isFinite || !high.isFinite {
            low = 0
            high = 1
        }
        if high - low < 1e-12 { high = low + (low == 0 ? 1 : abs(low) * 0.1) }
        let step = Self.niceStep((high - low) / Double(Swift.max(1, maxTicks - 1)))
        let first = (low / step).rounded(.down) * step
        let last = (high / step).rounded(.up) * step
        var ticks: [Double] = []
        var i = 0
        while true {
            let tick = first + Double(i) * step
            if tick > last + step * 1e-9 { break }
            ticks.append(abs(tick) < step * 1e-9 ? 0 : tick)
            i += 1
        }
        self.lower = first
        self.upper = last
        self.ticks = ticks
    }

    static func niceStep(_ rough: Double) -> Double {
        guard rough > 0, rough.isFinite else { return 1 }
        var power = 1.0
        while power * 10 <= rough { power *= 10 }
        while power > rough { power /= 10 }
        let fraction = rough / power
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        return nice * power
    }

    /// Maps a value to a pixel coordinate between `from` (at `lower`) and `to` (at `upper`).
    func map(_ value: Double, from: Double, to: Double) -> Double {
        guard self.upper > self.lower else { return from }
        return from + (value - self.lower) / (self.upper - self.lower) * (to - from)
    }
}
