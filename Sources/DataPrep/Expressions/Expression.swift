/// A parsed calculated field.
public indirect enum Expression: Sendable, Hashable {
    case literal(JSONValue)
    /// A path into the input event.
    case path(FieldPath)
    /// `name(arguments)`; `column` is where the name starts (1-based).
    case call(name: String, arguments: [Expression], column: Int)
    /// `receiver.name(arguments)`: `equals`, `equalsIgnoreCase`, `get`.
    case method(receiver: Expression, name: String, arguments: [Expression], column: Int)
    case unary(UnaryOperator, Expression)
    case binary(BinaryOperator, Expression, Expression)
    /// `condition ? whenTrue : whenFalse`.
    case conditional(Expression, Expression, Expression)
    case array([Expression])
    case object([ObjectMember])
    /// `value[n]` on something that is not a path.
    case element(Expression, Expression)

    public struct ObjectMember: Sendable, Hashable {
        public var key: String
        public var value: Expression
    }

    public enum UnaryOperator: String, Sendable, Hashable {
        case not = "!"
        case negate = "-"
    }

    public enum BinaryOperator: String, Sendable, Hashable {
        case add = "+"
        case subtract = "-"
        case multiply = "*"
        case divide = "/"
        case remainder = "%"
        case equal = "=="
        case notEqual = "!="
        case less = "<"
        case lessOrEqual = "<="
        case greater = ">"
        case greaterOrEqual = ">="
        case and = "&&"
        case or = "||"
    }

    /// Every input path the expression reads (to select them when parsing events).
    public var inputPaths: [FieldPath] {
        var paths: [FieldPath] = []
        self.collectPaths(into: &paths)
        return paths
    }

    func collectPaths(into paths: inout [FieldPath]) {
        switch self {
        case .literal: break
        case .path(let path): paths.append(path)
        case .call(let name, let arguments, _):
            if name == "contains_key" || name == "is_set", case .literal(.string(let text))? = arguments.first,
                let path = try? FieldPath(parsing: text)
            {
                paths.append(path)
            }
            for argument in arguments { argument.collectPaths(into: &paths) }
        case .method(let receiver, _, let arguments, _):
            receiver.collectPaths(into: &paths)
            for argument in arguments { argument.collectPaths(into: &paths) }
        case .unary(_, let operand): operand.collectPaths(into: &paths)
        case .binary(_, let left, let right):
            left.collectPaths(into: &paths)
            right.collectPaths(into: &paths)
        case .conditional(let a, let b, let c):
            a.collectPaths(into: &paths)
            b.collectPaths(into: &paths)
            c.collectPaths(into: &paths)
        case .array(let elements): for element in elements { element.collectPaths(into: &paths) }
        case .object(let members): for member in members { member.value.collectPaths(into: &paths) }
        case .element(let base, let index):
            base.collectPaths(into: &paths)
            index.collectPaths(into: &paths)
        }
    }
}

/// A calculated field that does not parse: the expression, the column (1-based) and what is wrong.
/// The mapping set loader adds which mapping it belongs to.
public struct ExpressionSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var expression: String
    public var column: Int
    public var message: String

    public init(expression: String, column: Int, message: String) {
        self.expression = expression
        self.column = column
        self.message = message
    }

    public var description: String {
        "column \(self.column): \(self.message) in \"\(self.expression)\""
    }

    /// The expression with a caret under the column (for terminals).
    public var excerpt: String {
        let prefix = String(repeating: " ", count: max(0, self.column - 1))
        return "  \(self.expression)\n  \(prefix)^"
    }
}
