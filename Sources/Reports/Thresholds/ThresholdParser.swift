/// Recursive-descent parser of one threshold expression:
///
/// ```
/// threshold  = metric comparison operand
/// metric     = name [ "(" number ")" ]
/// comparison = "<" | "<=" | ">" | ">=" | "==" | "!="
/// operand    = number [ unit ] | metric
/// unit       = "us" | "µs" | "ms" | "s" | "m" | "%" | "/s"
/// ```
/// Spaces are allowed between tokens. Columns are 1-based character positions.
struct ThresholdParser {
    private let expression: String
    private let characters: [Character]
    private let vocabulary: ThresholdVocabulary
    private var position = 0

    init(_ expression: String, vocabulary: ThresholdVocabulary = .run) {
        self.expression = expression
        self.characters = Array(expression)
        self.vocabulary = vocabulary
    }

    mutating func parse() throws(ThresholdSyntaxError) -> Threshold {
        self.skipSpaces()
        if self.atEnd {
            throw self.error(at: 0, "the threshold is empty", expected: "METRIC OP VALUE, such as p99<250ms")
        }
        let (metric, metricStart) = try self.parseMetric(role: "a metric on the left")
        self.skipSpaces()
        let comparison = try self.parseComparison()
        self.skipSpaces()
        let operand = try self.parseOperand(for: metric, leftStart: metricStart)
        self.skipSpaces()
        if !self.atEnd {
            throw self.error(
                at: self.position, "unexpected '\(String(self.characters[self.position...]))' after the value",
                expected: "the end of the threshold (one comparison per --threshold)")
        }
        return Threshold(expression: self.expression, metric: metric, comparison: comparison, operand: operand)
    }

    // MARK: Tokens

    private var atEnd: Bool { self.position >= self.characters.count }
    private var current: Character? { self.atEnd ? nil : self.characters[self.position] }

    private mutating func skipSpaces() {
        while let c = self.current, c == " " || c == "\t" { self.position += 1 }
    }

    private func error(at index: Int, _ problem: String, expected: String) -> ThresholdSyntaxError {
        ThresholdSyntaxError(expression: self.expression, column: index + 1, problem: problem, expected: expected)
    }

    private var found: String {
        guard let c = self.current else { return "the end of the threshold" }
        return "'\(c)'"
    }

    private mutating func parseMetric(role: String) throws(ThresholdSyntaxError) -> (Metric, Int) {
        let start = self.position
        guard let first = self.current, first.isLetter else {
            let examples =
                self.vocabulary == .diff ? "changed, rejected_new, ..." : "p99, p(99.9), error_rate, rps, rejected, ..."
            throw self.error(at: start, "found \(self.found)", expected: role + " (\(examples))")
        }
        _ = first
        while let c = self.current, c.isLetter || c.isNumber || c == "_" || c == "." { self.position += 1 }
        var name = String(self.characters[start..<self.position])
        if self.vocabulary == .diff {
            guard let metric = DiffMetric(rawValue: name) else {
                throw self.error(
                    at: start, "unknown metric '\(name)'",
                    expected: "a diff metric: " + DiffMetric.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return (.diff(metric), start)
        }
        if self.current == "(" {
            guard name == "p" || name == "service_p" else {
                throw self.error(
                    at: self.position, "'\(name)' takes no argument",
                    expected: "a comparison (<, <=, >, >=, ==, !=); only p(N) takes a percentile in parentheses")
            }
            self.position += 1
            self.skipSpaces()
            let numberStart = self.position
            guard let (value, _) = self.scanNumber() else {
                throw self.error(
                    at: numberStart, "found \(self.found) in p(...)",
                    expected: "a percentile from 0 to 100, such as p(99.9)")
            }
            guard (0...100).contains(value) else {
                throw self.error(
                    at: numberStart, "percentile \(ThresholdFormat.number(value)) is out of range",
                    expected: "a percentile from 0 to 100")
            }
            self.skipSpaces()
            guard self.current == ")" else {
                throw self.error(at: self.position, "found \(self.found)", expected: "')' closing p(")
            }
            self.position += 1
            name += "\(ThresholdFormat.number(value))"
        }
        guard let metric = Metric.named(name) else {
            let hint =
                name.hasPrefix("p") || name.hasPrefix("service_p")
                ? "a percentile such as p99, p99.9 or p(99.99), from 0 to 100"
                : "a metric: pN, p(N), service_pN, " + Metric.plainNames.joined(separator: ", ")
                    + ", status_NNN or status_Nxx"
            throw self.error(at: start, "unknown metric '\(name)'", expected: hint)
        }
        return (metric, start)
    }

    private mutating func parseComparison() throws(ThresholdSyntaxError) -> Threshold.Comparison {
        let start = self.position
        let rest = String(self.characters[self.position...].prefix(2))
        for comparison in Threshold.Comparison.allCases where rest.hasPrefix(comparison.rawValue) {
            self.position += comparison.rawValue.count
            return comparison
        }
        let problem = rest.hasPrefix("=") ? "'=' alone is not a comparison" : "found \(self.found)"
        throw self.error(at: start, problem, expected: "a comparison: <, <=, >, >=, == or !=")
    }

    private mutating func parseOperand(for metric: Metric, leftStart: Int) throws(ThresholdSyntaxError)
        -> Threshold.Operand
    {
        let start = self.position
        if let c = self.current, c.isLetter {
            let (other, _) = try self.parseMetric(role: "a value or a metric")
            guard other.kind == metric.kind else {
                throw self.error(
                    at: start,
                    "cannot compare \(metric.name) (a \(metric.kind.rawValue)) with \(other.name) (a \(other.kind.rawValue))",
                    expected: "a \(metric.kind.rawValue) on the right")
            }
            return .metric(other)
        }
        guard let (number, text) = self.scanNumber() else {
            throw self.error(
                at: start, "found \(self.found)",
                expected: "a value such as \(Self.example(for: metric.kind)), or a metric")
        }
        // Values are compared and printed as doubles; past 15 digits they no longer say what was typed.
        guard number < ThresholdFormat.largestExact else {
            throw self.error(
                at: start, "\(text.count > 24 ? String(text.prefix(20)) + "..." : text) is too large",
                expected: "a value below 1000000000000000 (15 digits)")
        }
        let unitStart = self.position
        self.skipSpaces()
        var unit = ""
        while let c = self.current, c.isLetter || c == "%" || c == "/" {
            unit.append(c)
            self.position += 1
        }
        return .value(try self.convert(number, unit: unit, at: unitStart, for: metric))
    }

    private func convert(_ number: Double, unit: String, at index: Int, for metric: Metric) throws(ThresholdSyntaxError)
        -> Double
    {
        switch metric.kind {
        case .duration:
            switch unit {
            case "us", "µs": return number / 1_000_000
            case "ms": return number / 1_000
            case "s": return number
            case "m": return number * 60
            case "":
                throw self.error(
                    at: index, "\(metric.name) is a duration and \(ThresholdFormat.number(number)) has no unit",
                    expected: "a duration unit: us, ms, s or m (as in \(ThresholdFormat.number(number))ms)")
            default:
                throw self.error(
                    at: index, "unknown duration unit '\(unit)'", expected: "a duration unit: us, ms, s or m")
            }
        case .ratio:
            switch unit {
            case "%": return number / 100
            case "":
                // A bare 1 or more reads as 100 % or more, which `<` never fails: nobody means that.
                guard number < 1 else {
                    throw self.error(
                        at: index,
                        "\(metric.name) is a ratio and a bare \(ThresholdFormat.number(number)) means \(ThresholdFormat.number(number * 100))%; did you mean \(ThresholdFormat.number(number))%?",
                        expected:
                            "a percentage such as \(ThresholdFormat.number(number))%, or a fraction below 1 such as 0.01"
                    )
                }
                return number
            default:
                throw self.error(
                    at: index, "unknown unit '\(unit)' for a ratio",
                    expected: "a fraction such as 0.001, or a percentage such as 0.1%")
            }
        case .rate:
            switch unit {
            case "", "/s": return number
            default:
                throw self.error(
                    at: index, "unknown unit '\(unit)' for a rate",
                    expected: "a number per second, such as 900 or 900/s")
            }
        case .count:
            guard unit.isEmpty else {
                throw self.error(
                    at: index, "\(metric.name) is a count and takes no unit '\(unit)'",
                    expected: "a plain number, such as 0")
            }
            return number
        }
    }

    /// Digits with an optional fraction; nil (position unchanged) when there are none.
    private mutating func scanNumber() -> (Double, String)? {
        let start = self.position
        while let c = self.current, c.isASCII, c.isNumber { self.position += 1 }
        if self.current == ".", self.position > start {
            self.position += 1
            while let c = self.current, c.isASCII, c.isNumber { self.position += 1 }
        }
        let text = String(self.characters[start..<self.position])
        guard !text.isEmpty, let value = Double(text) else {
            self.position = start
            return nil
        }
        return (value, text)
    }

    private static func example(for kind: MetricKind) -> String {
        switch kind {
        case .duration: return "250ms"
        case .ratio: return "0.1%"
        case .rate: return "900"
        case .count: return "0"
        }
    }
}
