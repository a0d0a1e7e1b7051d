/// What a metric measures, which decides the units its literals take and how its values print.
public enum MetricKind: String, Sendable, Equatable, Codable {
    /// A time span, in seconds. Literals need a unit: `us`, `ms`, `s` or `m`.
    case duration
    /// A fraction of a whole (0.001 is 0.1%). Literals are bare fractions or percentages (`0.1%`).
    case ratio
    /// Something per second. Literals are bare numbers, optionally followed by `/s`.
    case rate
    /// A number of things (events, requests). Literals are bare numbers.
    case count
}
