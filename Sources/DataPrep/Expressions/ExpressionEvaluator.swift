/// A calculated field that failed on one event (a function refused its arguments, an operator met
/// values it cannot combine). Adobe treats this as a transformation error: the field is dropped.
public struct EvaluationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { self.message }
}

/// Evaluates parsed calculated fields against one input event.
///
/// Null handling (assumed where Adobe is silent, see docs/DATA-PREP.md): a missing path is null;
/// an arithmetic operator with a null operand gives null; `==`/`!=` compare nulls like values;
/// `<`-style comparisons with null are false; null is false in a condition; a method called on
/// null gives null.
public struct ExpressionEvaluator {
    public init() {}

    public func evaluate(_ expression: Expression, input: JSONValue, context: inout FunctionContext)
        throws(EvaluationError) -> JSONValue
    {
        switch expression {
        case .literal(let value):
            return value
        case .path(let path):
            return path.value(in: input) ?? .null
        case .array(let elements):
            var values: [JSONValue] = []
            values.reserveCapacity(elements.count)
            for element in elements { values.append(try self.evaluate(element, input: input, context: &context)) }
            return .array(values)
        case .object(let members):
            var object = JSONObject()
            for member in members {
                object[member.key] = try self.evaluate(member.value, input: input, context: &context)
            }
            return .object(object)
        case .element(let base, let index):
            let container = try self.evaluate(base, input: input, context: &context)
            let key = try self.evaluate(index, input: input, context: &context)
            return Self.element(of: container, at: key)
        case .conditional(let condition, let whenTrue, let whenFalse):
            return Self.isTrue(try self.evaluate(condition, input: input, context: &context))
                ? try self.evaluate(whenTrue, input: input, context: &context)
                : try self.evaluate(whenFalse, input: input, context: &context)
        case .unary(let op, let operand):
            let value = try self.evaluate(operand, input: input, context: &context)
            switch op {
            case .not: return .bool(!Self.isTrue(value))
            case .negate:
                switch value {
                case .null: return .null
                case .int(let i):
                    return i == .min ? .number(JSONNumber(-Double(i))) : .int(-i)
                default:
                    guard let number = Arithmetic.number(value) else {
                        throw EvaluationError("cannot negate \(Self.describe(value))")
                    }
                    return Arithmetic.value(-number)
                }
            }
        case .binary(let op, let leftExpression, let rightExpression):
            switch op {
            case .and:
                guard Self.isTrue(try self.evaluate(leftExpression, input: input, context: &context)) else {
                    return .bool(false)
                }
                return .bool(Self.isTrue(try self.evaluate(rightExpression, input: input, context: &context)))
            case .or:
                if Self.isTrue(try self.evaluate(leftExpression, input: input, context: &context)) {
                    return .bool(true)
                }
                return .bool(Self.isTrue(try self.evaluate(rightExpression, input: input, context: &context)))
            default:
                let left = try self.evaluate(leftExpression, input: input, context: &context)
                let right = try self.evaluate(rightExpression, input: input, context: &context)
                return try Arithmetic.apply(op, left, right)
            }
        case .method(let receiverExpression, let name, let argumentExpressions, _):
            let receiver = try self.evaluate(receiverExpression, input: input, context: &context)
            var arguments: [JSONValue] = []
            for argument in argumentExpressions {
                arguments.append(try self.evaluate(argument, input: input, context: &context))
            }
            return try Self.method(name, on: receiver, arguments)
        case .call(let name, let argumentExpressions, _):
            return try self.call(name, argumentExpressions, input: input, context: &context)
        }
    }

    /// The functions `call` implements itself, before the library (they need unevaluated
    /// arguments or the event itself); `CompiledExpression` leaves them to the evaluator.
    static let ownFunctions: Set<String> = ["iif", "contains_key", "is_set", "nullify", "empty", "size"]

    func call(_ name: String, _ argumentExpressions: [Expression], input: JSONValue, context: inout FunctionContext)
        throws(EvaluationError) -> JSONValue
    {
        switch name {
        case "iif":
            guard argumentExpressions.count == 3 else {
                throw EvaluationError(
                    "iif expects 3 arguments (condition, whenTrue, whenFalse), got \(argumentExpressions.count)")
            }
            let condition = try self.evaluate(argumentExpressions[0], input: input, context: &context)
            return try self.evaluate(
                argumentExpressions[Self.isTrue(condition) ? 1 : 2], input: input, context: &context)
        case "contains_key", "is_set":
            guard argumentExpressions.count == 1 else {
                throw EvaluationError("\(name) expects 1 argument (a path), got \(argumentExpressions.count)")
            }
            switch argumentExpressions[0] {
            case .path(let path):
                return .bool(path.value(in: input).map { $0 != .null } ?? false)
            case .literal(.string(let text)):
                guard let path = try? FieldPath(parsing: text) else {
                    throw EvaluationError("\(name): \"\(text)\" is not a path")
                }
                return .bool(path.value(in: input).map { $0 != .null } ?? false)
            default:
                let value = try self.evaluate(argumentExpressions[0], input: input, context: &context)
                return .bool(value != .null)
            }
        case "nullify":
            return .null
        case "empty":
            guard argumentExpressions.count == 1 else { throw EvaluationError("empty expects 1 argument") }
            switch try self.evaluate(argumentExpressions[0], input: input, context: &context) {
            case .null: return .bool(true)
            case .string(let s): return .bool(s.isEmpty)
            case .array(let a): return .bool(a.isEmpty)
            case .object(let o): return .bool(o.isEmpty)
            default: return .bool(false)
            }
        case "size":
            guard argumentExpressions.count == 1 else { throw EvaluationError("size expects 1 argument") }
            switch try self.evaluate(argumentExpressions[0], input: input, context: &context) {
            case .null: return .int(0)
            case .string(let s): return .int(Int64(JavaString.length(s)))
            case .array(let a): return .int(Int64(a.count))
            case .object(let o): return .int(Int64(o.count))
            default: return .int(1)
            }
        default:
            var arguments: [JSONValue] = []
            arguments.reserveCapacity(argumentExpressions.count)
            for argument in argumentExpressions {
                arguments.append(try self.evaluate(argument, input: input, context: &context))
            }
            do {
                return try FunctionLibrary.call(name, arguments, context: &context)
            } catch {
                throw EvaluationError(error.description)
            }
        }
    }

    static func method(_ name: String, on receiver: JSONValue, _ arguments: [JSONValue]) throws(EvaluationError)
        -> JSONValue
    {
        if receiver == .null { return .null }
        switch name {
        case "equals", "equalsIgnoreCase":
            guard arguments.count == 1 else {
                throw EvaluationError(".\(name) expects 1 argument, got \(arguments.count)")
            }
            guard let left = Self.text(receiver), let right = Self.text(arguments[0]) else {
                return .bool(receiver == arguments[0])
            }
            return .bool(name == "equals" ? JavaString.equals(left, right) : JavaString.equalsIgnoreCase(left, right))
        case "get":
            guard arguments.count == 1 else { throw EvaluationError(".get expects 1 argument, got \(arguments.count)") }
            return Self.element(of: receiver, at: arguments[0])
        default:
            throw EvaluationError("unknown method .\(name)()")
        }
    }

    static func element(of container: JSONValue, at key: JSONValue) -> JSONValue {
        switch (container, key) {
        case (.object(let object), .string(let name)): return object[name] ?? .null
        case (.array(let elements), .int(let index)):
            return index >= 0 && index < elements.count ? elements[Int(index)] : .null
        case (.object(let object), _): return Self.text(key).flatMap { object[$0] } ?? .null
        default: return .null
        }
    }

    /// Truth of a condition: booleans as they are, null false, numbers non-zero, strings "true"
    /// (any case) true, other values true when not empty (assumed).
    public static func isTrue(_ value: JSONValue) -> Bool {
        switch value {
        case .null: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .number(let n): return n.doubleValue != 0
        case .string(let s): return s.lowercased() == "true"
        case .array(let a): return !a.isEmpty
        case .object(let o): return !o.isEmpty
        case .date: return true
        }
    }

    /// Text of a scalar (strings as they are, numbers as written, booleans `true`/`false`, dates ISO 8601).
    public static func text(_ value: JSONValue) -> String? {
        switch value {
        case .string(let s): return s
        case .int(let i): return String(i)
        case .number(let n): return n.text
        case .bool(let b): return b ? "true" : "false"
        case .date(let d): return AdobeDateParsing.iso8601(d, dateOnly: false)
        default: return nil
        }
    }

    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .string(let s): return "string \"\(s.count > 40 ? String(s.prefix(40)) + "…" : s)\""
        default: return "\(value.kindName) \(value.jsonText.prefix(40))"
        }
    }
}
