/// Number and unit formatting shared by thresholds and renderers. Deterministic: no locale, no
/// current time.
public enum ThresholdFormat {
    /// Numbers from here up are printed in exponent form (`1e+20`): they are beyond what the
    /// threshold grammar accepts, and past the integers an `Int64` holds further up.
    public static let largestExact = 1e15

    /// A number with at most `fractionDigits` decimals, trailing zeros dropped: 99.9, 250, 0.125.
    public static func number(_ value: Double, fractionDigits: Int = 4) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-inf" : "inf") }
        guard abs(value) < Self.largestExact else { return "\(value)" }
        var scale = 1.0
        for _ in 0..<fractionDigits { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded(), abs(rounded) < 1e15 {
            return String(Int64(rounded))
        }
        let negative = rounded < 0
        let magnitude = abs(rounded)
        let whole = magnitude.rounded(.down)
        var fraction = Int64(((magnitude - whole) * scale).rounded())
        var wholePart = Int64(whole)
        if Double(fraction) >= scale {
            wholePart += 1
            fraction = 0
        }
        var digits = String(fraction)
        digits = String(repeating: "0", count: max(0, fractionDigits - digits.count)) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return (negative ? "-" : "") + String(wholePart) + (digits.isEmpty ? "" : "." + digits)
    }

    /// A duration in seconds, in the unit that reads best: 850 µs, 12.3 ms, 1.5 s.
    public static func duration(_ seconds: Double) -> String {
        let magnitude = abs(seconds)
        if magnitude == 0 { return "0 ms" }
        if magnitude < 0.001 { return self.number(seconds * 1_000_000, fractionDigits: 1) + " µs" }
        if magnitude < 1 { return self.number(seconds * 1_000, fractionDigits: 2) + " ms" }
        return self.number(seconds, fractionDigits: 3) + " s"
    }

    /// A value of the given kind, with its unit.
    public static func value(_ value: Double, kind: MetricKind) -> String {
        switch kind {
        case .duration: return self.duration(value)
        case .ratio: return self.number(value * 100, fractionDigits: 4) + "%"
        case .rate: return self.number(value, fractionDigits: 1) + "/s"
        case .count: return self.number(value, fractionDigits: 2)
        }
    }
}
