/// A calculated field prepared once per mapper for the hot loop: library functions resolved
/// (no name look-up per call), and paths made of object keys read from the parser's source slots
/// instead of walking the event's tree. Everything else (operators other than the binary ones,
/// methods, `iif` and the evaluator's other own functions, literals of arrays and objects) is left
/// to `ExpressionEvaluator`, whose results this gives exactly (`RecordPlanTests` checks both ways agree).
indirect enum CompiledExpression: Sendable {
    case literal(JSONValue)
    /// A path's value from the source slot (null when absent).
    case source(Int)
    /// A path read from the parsed tree.
    case read(FieldPath)
    case call(name: String, implementation: FunctionLibrary.Implementation, arguments: [CompiledExpression])
    case binary(Expression.BinaryOperator, CompiledExpression, CompiledExpression)
    /// Evaluated by `ExpressionEvaluator` (its paths are in the parsed tree).
    case general(Expression)

    /// Prepares `expression`. `slot(keys)` gives the source slot for a path of object keys, or nil
    /// to read the path from the tree; `treePath` is told every path that must be in the tree.
    static func compile(_ expression: Expression, slot: (_ keys: [String]) -> Int?, treePath: (FieldPath) -> Void) -> CompiledExpression {
        switch expression {
        case .literal(let value):
            return .literal(value)
        case .path(let path):
            if let keys = Mapper.objectKeys(path), let index = slot(keys) { return .source(index) }
            treePath(path)
            return .read(path)
        case .call(let name, let arguments, _):
            // The evaluator's own functions come first, as in `ExpressionEvaluator.call`.
            if !ExpressionEvaluator.ownFunctions.contains(name), let implementation = FunctionLibrary.implementations[name] {
                return .call(name: name, implementation: implementation,
                             arguments: arguments.map { Self.compile($0, slot: slot, treePath: treePath) })
            }
        case .binary(let op, let left, let right):
            return .binary(op, Self.compile(left, slot: slot, treePath: treePath), Self.compile(right, slot: slot, treePath: treePath))
        default:
            break
        }
        for path in expression.inputPaths { treePath(path) }
        return .general(expression)
    }

    func evaluate(input: JSONValue, sources: [JSONValue?], context: inout FunctionContext) throws(EvaluationError) -> JSONValue {
        switch self {
        case .literal(let value):
            return value
        case .source(let index):
            return sources[index] ?? .null
        case .read(let path):
            return path.value(in: input) ?? .null
        case .call(let name, let implementation, let argumentExpressions):
            var arguments: [JSONValue] = []
            arguments.reserveCapacity(argumentExpressions.count)
            for argument in argumentExpressions { arguments.append(try argument.evaluate(input: input, sources: sources, context: &context)) }
            do {
                return try implementation(FunctionArguments(name, arguments), &context)
            } catch {
                throw EvaluationError(error.description)
            }
        case .binary(let op, let leftExpression, let rightExpression):
            switch op {
            case .and:
                guard ExpressionEvaluator.isTrue(try leftExpression.evaluate(input: input, sources: sources, context: &context)) else { return .bool(false) }
                return .bool(ExpressionEvaluator.isTrue(try rightExpression.evaluate(input: input, sources: sources, context: &context)))
            case .or:
                if ExpressionEvaluator.isTrue(try leftExpression.evaluate(input: input, sources: sources, context: &context)) { return .bool(true) }
                return .bool(ExpressionEvaluator.isTrue(try rightExpression.evaluate(input: input, sources: sources, context: &context)))
            default:
                let left = try leftExpression.evaluate(input: input, sources: sources, context: &context)
                let right = try rightExpression.evaluate(input: input, sources: sources, context: &context)
                return try Arithmetic.apply(op, left, right)
            }
        case .general(let expression):
            return try ExpressionEvaluator().evaluate(expression, input: input, context: &context)
        }
    }
}
