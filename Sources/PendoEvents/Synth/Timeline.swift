import Foundation
import ReplayCommon

/// Hands out `count` non-decreasing timestamps over a span, one at a time, following a rate
/// with a daily rhythm (quiet nights, a working-day peak), quieter weekends and occasional
/// bursts. Memory is one cumulative weight per minute of the span (capped at 500,000 bins),
/// whatever the count.
///
/// Sorted uniforms come from the running-minimum recurrence (u₁ = 1 − V^(1/n), then each next
/// one shrinks the remainder by V^(1/(n−i))), kept in log space; each is mapped through the
/// inverse of the rate's cumulative distribution.
struct Timeline {
    private let start: Double
    private let binWidth: Double
    private let cumulative: [Double]
    private let count: Int
    private var index = 0
    private var logRemainder = 0.0
    private var bin = 0
    private var random: SeededRandom
    /// The bursts, as (start, end) seconds after `start`, for the docs and tests.
    let bursts: [(Double, Double)]

    init(options: SynthOptions) {
        var random = SeededRandom(seed: options.seed, stream: 1)
        let span = options.spanSeconds
        let binCount = max(1, min(500_000, Int((span / 60).rounded(.up))))
        let binWidth = span / Double(binCount)
        // Bursts: a Poisson-like count, each 2 to 15 minutes at 4 to 12 times the rate.
        let expected = options.burstsPerDay * span / 86_400
        var burstCount = Int(expected)
        if random.unit() < expected - Double(burstCount) { burstCount += 1 }
        var bursts: [(Double, Double, Double)] = []
        for _ in 0..<burstCount {
            let length = 120 + random.unit() * 780
            let at = random.unit() * max(span - length, 0)
            bursts.append((at, at + length, 4 + random.unit() * 8))
        }
        var rates = [Double](repeating: 0, count: binCount)
        for b in 0..<binCount {
            let mid = Double(options.start) + Double(b) * binWidth + binWidth / 2
            let dayFraction = (mid / 86_400).truncatingRemainder(dividingBy: 1)
            let hour = dayFraction * 24
            // Quiet at night, peaking mid-afternoon UTC (European afternoon, American morning).
            var rate = 0.08 + exp(-pow(hour - 14.5, 2) / (2 * 3.2 * 3.2)) + 0.35 * exp(-pow(hour - 9.5, 2) / 4)
            // 1970-01-01 was a Thursday: day 2 and 3 of the week are Saturday and Sunday.
            let weekday = Int((mid / 86_400).rounded(.down)) % 7
            if weekday == 2 || weekday == 3 { rate *= 0.4 }
            rates[b] = rate
        }
        // Each burst multiplies only the bins it overlaps (in burst order, as a per-bin loop would).
        for burst in bursts {
            let first = max(0, Int((burst.0 / binWidth).rounded(.down)))
            let last = min(binCount - 1, Int((burst.1 / binWidth).rounded(.down)))
            guard first <= last else { continue }
            for b in first...last {
                let t0 = Double(b) * binWidth
                guard burst.0 < t0 + binWidth && burst.1 > t0 else { continue }
                let overlap = min(burst.1, t0 + binWidth) - max(burst.0, t0)
                rates[b] *= 1 + (burst.2 - 1) * overlap / binWidth
            }
        }
        var cumulative = [Double](repeating: 0, count: binCount + 1)
        var total = 0.0
        for b in 0..<binCount {
            total += rates[b]
            cumulative[b + 1] = total
        }
        for b in 0...binCount { cumulative[b] /= total }
        self.start = Double(options.start)
        self.binWidth = binWidth
        self.cumulative = cumulative
        self.count = options.events
        self.random = random
        self.bursts = bursts.map { ($0.0, $0.1) }
    }

    /// The next timestamp, epoch seconds, or nil after `count` of them.
    mutating func next() -> Int64? {
        guard self.index < self.count else { return nil }
        let remaining = Double(self.count - self.index)
        self.logRemainder += log(self.random.unitOpen()) / remaining
        self.index += 1
        let u = -expm1(self.logRemainder)
        let last = self.cumulative.count - 2
        while self.bin < last && self.cumulative[self.bin + 1] <= u { self.bin += 1 }
        let low = self.cumulative[self.bin]
        let width = self.cumulative[self.bin + 1] - low
        let within = width > 0 ? min(max((u - low) / width, 0), 1) : 0
        let t = self.start + (Double(self.bin) + within) * self.binWidth
        return min(Int64(t.rounded(.down)), Int64(self.start + Double(self.cumulative.count - 1) * self.binWidth) - 1)
    }
}
