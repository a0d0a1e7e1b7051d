/// How capacity results print rates and durations: whole numbers bare, others to a tenth.
public enum CapacityText {
    /// `1000`, `187.5`, `0.3`.
    public static func number(_ value: Double) -> String {
        guard value.isFinite else { return String(value) }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        let tenths = (value * 10).rounded() / 10
        return tenths == tenths.rounded() && abs(tenths) < 1e15 ? String(Int(tenths)) : String(tenths)
    }

    /// `1000/s`.
    public static func rate(_ value: Double) -> String { Self.number(value) + "/s" }

    /// Seconds as milliseconds: `250 ms`.
    public static func ms(_ seconds: Double) -> String { Self.number(seconds * 1000) + " ms" }

    /// Seconds as `4m 30s`, `45s`.
    public static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.up))
        if whole < 60 { return "\(whole)s" }
        if whole < 3600 { return "\(whole / 60)m" + (whole % 60 == 0 ? "" : " \(whole % 60)s") }
        return "\(whole / 3600)h" + (whole % 3600 / 60 == 0 ? "" : " \(whole % 3600 / 60)m")
    }
}
