/// A Data Prep function refused its arguments (wrong count or type, text that does not parse, an
/// invalid pattern). The mapping engine turns it into a transformation warning that drops the one
/// field, as Adobe does.
public struct FunctionError: Error, Sendable, CustomStringConvertible {
    /// The function's name as written in the expression, e.g. `"substr"`.
    public var function: String
    /// What went wrong and, where it helps, what to do about it.
    public var message: String

    public init(function: String, message: String) {
        self.function = function
        self.message = message
    }

    public var description: String { "\(self.function): \(self.message)" }
}
