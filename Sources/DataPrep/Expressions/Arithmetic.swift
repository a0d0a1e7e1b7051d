import Foundation

/// The operators of calculated fields on values: integers stay exact (64-bit, falling back to a
/// double on overflow), `int / int` divides as integers (Java's rule, assumed), `+` with a
/// string concatenates (assumed), a null operand gives null.
enum Arithmetic {
    static func apply(_ op: Expression.BinaryOperator, _ left: JSONValue, _ right: JSONValue) throws(EvaluationError)
        -> JSONValue
    {
        switch op {
        case .equal: return .bool(Self.equal(left, right))
        case .notEqual: return .bool(!Self.equal(left, right))
        case .less, .lessOrEqual, .greater, .greaterOrEqual:
            guard let order = try Self.compare(left, right) else { return .bool(false) }
            switch op {
            case .less: return .bool(order < 0)
            case .lessOrEqual: return .bool(order <= 0)
            case .greater: return .bool(order > 0)
            default: return .bool(order >= 0)
            }
        default:
            break
        }
        if left == .null || right == .null { return .null }
        if op == .add, Self.isText(left) || Self.isText(right) {
            guard let l = ExpressionEvaluator.text(left), let r = ExpressionEvaluator.text(right) else {
                throw EvaluationError(
                    "cannot add \(ExpressionEvaluator.describe(left)) and \(ExpressionEvaluator.describe(right))")
            }
            return .string(l + r)
        }
        if case .int(let l) = left, case .int(let r) = right {
            switch op {
            case .add:
                let (v, o) = l.addingReportingOverflow(r)
                if !o { return .int(v) }
            case .subtract:
                let (v, o) = l.subtractingReportingOverflow(r)
                if !o { return .int(v) }
            case .multiply:
                let (v, o) = l.multipliedReportingOverflow(by: r)
                if !o { return .int(v) }
            case .divide:
                if r == 0 { throw EvaluationError("division by zero") }
                let (v, o) = l.dividedReportingOverflow(by: r)
                if !o { return .int(v) }
            case .remainder:
                if r == 0 { throw EvaluationError("division by zero") }
                let (v, o) = l.remainderReportingOverflow(dividingBy: r)
                if !o { return .int(v) }
            default: break
            }
        }
        guard let l = Self.number(left), let r = Self.number(right) else {
            throw EvaluationError(
                "operator '\(op.rawValue)' needs numbers, got \(ExpressionEvaluator.describe(left)) and \(ExpressionEvaluator.describe(right))"
            )
        }
        switch op {
        case .add: return Self.value(l + r)
        case .subtract: return Self.value(l - r)
        case .multiply: return Self.value(l * r)
        case .divide:
            if r == 0 { throw EvaluationError("division by zero") }
            return Self.value(l / r)
        default:
            if r == 0 { throw EvaluationError("division by zero") }
            return Self.value(l.truncatingRemainder(dividingBy: r))
        }
    }

    static func isText(_ value: JSONValue) -> Bool {
        if case .string = value { return true }
        return false
    }

    /// A number's value as a double (for mixed arithmetic); strings that hold a number count.
    static func number(_ value: JSONValue) -> Double? {
        switch value {
        case .int(let i): return Double(i)
        case .number(let n): return Double(n.text)
        case .string(let s): return Double(s.trimmingCharacters(in: .whitespaces))
        default: return nil
        }
    }

    static func value(_ double: Double) -> JSONValue {
        guard double.isFinite else { return .null }
        return .number(JSONNumber(double))
    }

    static func equal(_ left: JSONValue, _ right: JSONValue) -> Bool {
        // Texts as Java's equals compares them: unit for unit, no canonical equivalence.
        if case .string(let l) = left, case .string(let r) = right { return JavaString.equals(l, r) }
        if left == right { return true }
        switch (left, right) {
        case (.int, .number), (.number, .int), (.number, .number), (.int, .string), (.string, .int), (.number, .string),
            (.string, .number):
            guard let l = Self.number(left), let r = Self.number(right) else { return false }
            return l == r
        case (.date(let l), .date(let r)): return l.epochNanoseconds == r.epochNanoseconds
        default: return false
        }
    }

    /// -1, 0, 1, or nil when either side is null; throws for values that have no order.
    static func compare(_ left: JSONValue, _ right: JSONValue) throws(EvaluationError) -> Int? {
        if left == .null || right == .null { return nil }
        if case .int(let l) = left, case .int(let r) = right { return l < r ? -1 : (l == r ? 0 : 1) }
        if case .string(let l) = left, case .string(let r) = right { return l < r ? -1 : (l == r ? 0 : 1) }
        if case .date(let l) = left, case .date(let r) = right {
            return l.epochNanoseconds < r.epochNanoseconds ? -1 : (l.epochNanoseconds == r.epochNanoseconds ? 0 : 1)
        }
        guard let l = Self.number(left), let r = Self.number(right) else {
            throw EvaluationError(
                "cannot compare \(ExpressionEvaluator.describe(left)) with \(ExpressionEvaluator.describe(right))")
        }
        return l < r ? -1 : (l == r ? 0 : 1)
    }
}
