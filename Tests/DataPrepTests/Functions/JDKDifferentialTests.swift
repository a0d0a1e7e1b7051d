import Foundation
import Testing

@testable import DataPrep

/// The function library against the JDK: every case of `Tests/DataPrepTests/JDK/jdk-golden.jsonl`
/// (seeded random calls and the answers of `scripts/jdk-oracle/DataPrepOracle.java` on Java 17;
/// regenerate with `scripts/jdk-golden.sh`) is called here and must agree: the same value, or an
/// error where the JDK throws. `JDK_GOLDEN=/path/to/other.jsonl` runs another file (another seed).
@Suite struct JDKDifferentialTests {
    static let goldenPath =
        ProcessInfo.processInfo.environment["JDK_GOLDEN"]
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("JDK/jdk-golden.jsonl").path

    struct Case {
        let line: Int
        let function: String
        let arguments: [JSONValue]
        /// The JDK's answer; nil when the JDK threw.
        let expected: JSONValue?
    }

    static func cases(at path: String) throws -> [Case] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var cases: [Case] = []
        for (index, line) in text.split(separator: "\n").enumerated() {
            guard case .object(let object) = try JSONValue.parse(Array(line.utf8)),
                case .string(let function)? = object["f"], case .array(let arguments)? = object["a"]
            else {
                Issue.record("\(path):\(index + 1): not a case")
                continue
            }
            cases.append(
                Case(
                    line: index + 1, function: function, arguments: arguments,
                    expected: object["e"] == nil ? object["r"] ?? .null : nil))
        }
        return cases
    }

    /// What this library answers: the value, or nil when it throws.
    static func answer(_ function: String, _ arguments: [JSONValue]) -> JSONValue? {
        if function == "equals" || function == "equalsIgnoreCase" {
            return try? ExpressionEvaluator.method(function, on: arguments[0], Array(arguments.dropFirst()))
        }
        var context = FunctionContext(now: { DateTimeValue(epochMilliseconds: 0) }, seed: 1)
        return try? FunctionLibrary.call(function, arguments, context: &context)
    }

    /// Whether `actual` is the JDK's `expected`: texts compared unit for unit (no canonical
    /// equivalence), numbers by value (a double or float by the binary value both texts name),
    /// dates by the ISO text the record holds.
    static func agrees(_ expected: JSONValue, _ actual: JSONValue, function: String) -> Bool {
        switch (expected, actual) {
        case (.string(let a), .string(let b)): return Array(a.utf8) == Array(b.utf8)
        case (.string(let a), .date(let date)): return a == AdobeDateParsing.iso8601(date, dateOnly: false)
        case (.int, .int), (.int, .number), (.number, .int), (.number, .number):
            guard let a = expected.numberText, let b = actual.numberText else { return false }
            // Java 17's Double.toString and Float.toString are not always the shortest digits
            // (1.13784816646803776E17): the same binary value is the same answer.
            if function == "to_float" { return Float(a) != nil && Float(a) == Float(b) }
            if function == "to_decimal" { return Double(a) != nil && Double(a) == Double(b) }
            return JSONValue.isStrictJSONNumber(b) && canonicalDecimal(a) == canonicalDecimal(b)
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { agrees($0, $1, function: function) }
        default: return expected == actual
        }
    }

    /// A decimal text as sign, significant digits and exponent (`"1.50e1"` and `"15"` are both
    /// `+15e0`), so that numbers are compared by value whatever their spelling.
    static func canonicalDecimal(_ text: String) -> String? {
        var bytes = Array(text.utf8)[...]
        var negative = false
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") {
            negative = bytes.first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        var digits: [UInt8] = []
        var exponent = 0
        var seenPoint = false
        while let byte = bytes.first, byte != UInt8(ascii: "e"), byte != UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if byte == UInt8(ascii: ".") {
                seenPoint = true
                continue
            }
            guard byte >= 48, byte <= 57 else { return nil }
            digits.append(byte)
            if seenPoint { exponent -= 1 }
        }
        if !bytes.isEmpty {
            guard let value = Int(String(decoding: bytes.dropFirst(), as: UTF8.self)) else { return nil }
            exponent += value
        }
        while digits.first == UInt8(ascii: "0") { digits.removeFirst() }
        while digits.last == UInt8(ascii: "0") {
            digits.removeLast()
            exponent += 1
        }
        if digits.isEmpty { return "0" }
        return (negative ? "-" : "+") + String(decoding: digits, as: UTF8.self) + "e\(exponent)"
    }

    @Test func agreesWithTheJDK() throws {
        let cases = try Self.cases(at: Self.goldenPath)
        #expect(cases.count >= 1000)
        var disagreements: [String: [String]] = [:]
        var counts: [String: Int] = [:]
        for item in cases {
            counts[item.function, default: 0] += 1
            let actual = Self.answer(item.function, item.arguments)
            let agreed: Bool
            switch (item.expected, actual) {
            case (nil, nil): agreed = true
            case (let expected?, let actual?): agreed = Self.agrees(expected, actual, function: item.function)
            default: agreed = false
            }
            if !agreed {
                let arguments = item.arguments.map(\.jsonText).joined(separator: ", ")
                disagreements[item.function, default: []].append(
                    "line \(item.line): \(item.function)(\(arguments)): JDK \(item.expected?.jsonText ?? "error"), here \(actual?.jsonText ?? "error")"
                )
            }
        }
        let total = disagreements.values.reduce(0) { $0 + $1.count }
        for (function, lines) in disagreements.sorted(by: { $0.key < $1.key }) {
            print("JDK differential: \(function) disagrees in \(lines.count) of \(counts[function] ?? 0)")
            for line in lines.prefix(12) { print("  \(line)") }
        }
        print("JDK differential: \(cases.count - total) of \(cases.count) cases agree")
        #expect(
            Double(cases.count - total) >= 0.99 * Double(cases.count),
            "\(total) of \(cases.count) cases disagree with the JDK")
    }
}

extension JSONValue {
    /// The JSON text of a number value.
    var numberText: String? {
        switch self {
        case .int(let value): return String(value)
        case .number(let number): return number.text
        default: return nil
        }
    }
}
