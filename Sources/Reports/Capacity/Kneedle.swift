/// The knee of a curve by Kneedle (Satopää, Albrecht, Irwin and Raghavan, "Finding a 'Kneedle' in
/// a Haystack", 2011), offline: both axes are scaled to 0...1, and the knee is the point farthest
/// from the straight line between the first and the last point, on the side the curve bends to.
///
/// Latency against offered rate is convex and increasing (flat, then steep): its knee is where
/// queueing starts to dominate.
public enum Kneedle {
    /// The shape of the curve.
    public enum Curve: Sendable {
        /// Flat, then steep (latency against load).
        case convexIncreasing
        /// Steep, then flat (throughput against load, diminishing returns).
        case concaveIncreasing
    }

    /// The index of the knee in `x` and `y` (sorted by `x`, same length), or nil when there are
    /// fewer than 3 points, an axis does not vary, or the curve never bends the given way.
    public static func knee(x: [Double], y: [Double], curve: Curve) -> Int? {
        guard x.count == y.count, x.count >= 3,
            let xMin = x.min(), let xMax = x.max(), let yMin = y.min(), let yMax = y.max(),
            xMax > xMin, yMax > yMin, x.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite)
        else { return nil }
        var best: (index: Int, difference: Double)?
        for index in x.indices {
            let xn = (x[index] - xMin) / (xMax - xMin)
            let yn = (y[index] - yMin) / (yMax - yMin)
            let difference = curve == .convexIncreasing ? xn - yn : yn - xn
            if difference > (best?.difference ?? 0) { best = (index, difference) }
        }
        return best?.index
    }
}
