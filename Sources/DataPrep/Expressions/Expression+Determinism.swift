extension Expression {
    /// Whether evaluating the expression may call a function whose result depends on more than
    /// its arguments (`FunctionLibrary.nonDeterministicNames`), anywhere in it.
    public var callsNonDeterministic: Bool {
        switch self {
        case .literal, .path:
            return false
        case .call(let name, let arguments, _):
            return FunctionLibrary.nonDeterministicNames.contains(name)
                || arguments.contains { $0.callsNonDeterministic }
        case .method(let receiver, _, let arguments, _):
            return receiver.callsNonDeterministic || arguments.contains { $0.callsNonDeterministic }
        case .unary(_, let operand):
            return operand.callsNonDeterministic
        case .binary(_, let left, let right):
            return left.callsNonDeterministic || right.callsNonDeterministic
        case .conditional(let condition, let whenTrue, let whenFalse):
            return condition.callsNonDeterministic || whenTrue.callsNonDeterministic || whenFalse.callsNonDeterministic
        case .array(let elements):
            return elements.contains { $0.callsNonDeterministic }
        case .object(let members):
            return members.contains { $0.value.callsNonDeterministic }
        case .element(let base, let index):
            return base.callsNonDeterministic || index.callsNonDeterministic
        }
    }
}

extension Mapping {
    /// Whether the mapping gives one value for an event however often it maps it: it reads neither
    /// the clock nor the random source (see `Expression.callsNonDeterministic`).
    public var isDeterministic: Bool {
        !(self.sourceExpression?.callsNonDeterministic ?? false)
    }
}
