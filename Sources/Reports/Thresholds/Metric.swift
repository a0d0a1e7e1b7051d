/// A metric a threshold can name: `p99`, `p(99.9)`, `error_rate`, `rps`, `rejected`, `stored`, ...
///
/// The catalog of plain names is `Metric.named`; percentiles are written `pN` or `p(N)` and can be
/// prefixed with `service_` for the uncorrected (service-time) histogram; `status_NNN` and
/// `status_Nxx` count answers by status code.
public enum Metric: Sendable, Equatable, Hashable {
    /// A latency percentile, 0...100. `corrected` is latency from the intended send time
    /// (coordinated omission corrected); `false` is service time from the actual send.
    case percentile(Double, corrected: Bool)
    /// A latency statistic other than a percentile.
    case latency(LatencyStatistic, corrected: Bool)
    /// `failed + rejected` over `sent` (0 when nothing was sent).
    case errorRate
    /// Completed requests per second over the measured duration.
    case requestsPerSecond
    /// Events accepted per second over the measured duration.
    case eventsPerSecond
    /// An accounting count (`planned`, `sent`, `accepted`, ...).
    case count(CountName)
    /// Answers with this exact status code.
    case statusCode(Int)
    /// Answers whose status code is in this class (4 for 4xx).
    case statusClass(Int)
    /// A mapping diff's metric (`diff --allow`).
    case diff(DiffMetric)

    /// Latency statistics other than percentiles.
    public enum LatencyStatistic: String, Sendable, CaseIterable {
        case min, max, mean
    }

    /// Accounting counts, as the run report names them.
    public enum CountName: String, Sendable, CaseIterable {
        case planned, sent, unsent, dropped, accepted, rejected, failed, unknown, stored, warnings, requests
    }

    /// What the metric measures.
    public var kind: MetricKind {
        switch self {
        case .percentile, .latency: return .duration
        case .errorRate: return .ratio
        case .requestsPerSecond, .eventsPerSecond: return .rate
        case .count, .statusCode, .statusClass: return .count
        case .diff(let metric): return metric.kind
        }
    }

    /// The canonical spelling, as a threshold would write it.
    public var name: String {
        switch self {
        case .percentile(let p, let corrected):
            return (corrected ? "" : "service_") + "p(\(ThresholdFormat.number(p)))"
        case .latency(let statistic, let corrected):
            return (corrected ? "" : "service_") + statistic.rawValue
        case .errorRate: return "error_rate"
        case .requestsPerSecond: return "rps"
        case .eventsPerSecond: return "eps"
        case .count(let name): return name.rawValue
        case .statusCode(let code): return "status_\(code)"
        case .statusClass(let c): return "status_\(c)xx"
        case .diff(let metric): return metric.rawValue
        }
    }

    /// The plain names of the grammar (those that take no argument), for error messages and docs.
    public static let plainNames: [String] =
        ["error_rate", "rps", "eps"] + CountName.allCases.map(\.rawValue)
        + LatencyStatistic.allCases.map(\.rawValue) + ["median"]

    /// Resolves a plain name or a `pNN` / `status_NNN` spelling; nil when unknown.
    static func named(_ raw: String) -> Metric? {
        var name = raw
        var corrected = true
        if name.hasPrefix("service_") {
            corrected = false
            name.removeFirst("service_".count)
            if let p = Self.percentileSuffix(name) { return .percentile(p, corrected: false) }
            if name == "median" { return .percentile(50, corrected: false) }
            if let s = LatencyStatistic(rawValue: name) { return .latency(s, corrected: false) }
            return nil
        }
        if let p = Self.percentileSuffix(name) { return .percentile(p, corrected: corrected) }
        switch name {
        case "error_rate": return .errorRate
        case "rps": return .requestsPerSecond
        case "eps": return .eventsPerSecond
        case "median": return .percentile(50, corrected: true)
        default: break
        }
        if let s = LatencyStatistic(rawValue: name) { return .latency(s, corrected: true) }
        if let c = CountName(rawValue: name) { return .count(c) }
        if name.hasPrefix("status_") {
            let rest = name.dropFirst("status_".count)
            if rest.count == 3, let code = Int(rest), (100...599).contains(code) { return .statusCode(code) }
            if rest.count == 3, rest.hasSuffix("xx"), let c = Int(rest.prefix(1)), (1...5).contains(c) {
                return .statusClass(c)
            }
        }
        return nil
    }

    /// `p99`, `p99.9`, `p50` -> the percentile; nil for anything else.
    private static func percentileSuffix(_ name: String) -> Double? {
        guard name.hasPrefix("p"), name.count > 1 else { return nil }
        let digits = name.dropFirst()
        guard digits.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
            let value = Double(digits), (0...100).contains(value)
        else { return nil }
        return value
    }
}
