/// A threshold expression that does not parse: which expression, at which column, what was found
/// and what was expected.
public struct ThresholdSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The expression as given.
    public var expression: String
    /// 1-based column (in characters) where the problem starts.
    public var column: Int
    /// What is wrong, such as `unknown metric 'p99x'`.
    public var problem: String
    /// What the grammar expected there, such as `a duration unit: us, ms, s or m`.
    public var expected: String

    /// Creates an error; `column` is 1-based.
    public init(expression: String, column: Int, problem: String, expected: String) {
        self.expression = expression
        self.column = column
        self.problem = problem
        self.expected = expected
    }

    /// Two lines: the message, then the expression with a caret under the column.
    public var description: String {
        let caret = String(repeating: " ", count: max(0, self.column - 1)) + "^"
        return "threshold '\(self.expression)', column \(self.column): \(self.problem); expected \(self.expected)\n"
            + "  \(self.expression)\n  \(caret)"
    }
}
