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
    /// `memo`: the call site's number in `FunctionContext.memo` for pure functions, else nil.
    case call(name: String, implementation: FunctionLibrary.Implementation, arguments: [CompiledExpression], memo: Int?)
    /// A pure call whose arguments are literals but the one at `variable`: the literals are in
    /// `template`, and the memo (keyed site `memo`) is keyed by that one argument's value alone.
    case keyedCall(
        name: String, implementation: FunctionLibrary.Implementation, template: [JSONValue], variable: Int,
        argument: CompiledExpression, memo: Int)
    case binary(Expression.BinaryOperator, CompiledExpression, CompiledExpression)
    /// Evaluated by `ExpressionEvaluator` (its paths are in the parsed tree).
    case general(Expression)

    /// Library functions whose result depends on their arguments alone (remembered per call site:
    /// a corpus repeats timestamps within a second, guides' dates and visitors).
    static let pureFunctions: Set<String> = ["dformat", "sha1", "sha256", "sha512", "md5", "crc32", "decode"]

    /// Prepares `expression`. `slot(keys)` gives the source slot for a path of object keys, or nil
    /// to read the path from the tree; `treePath` is told every path that must be in the tree;
    /// `sites` counts the memo call sites numbered so far (in one mapper).
    static func compile(
        _ expression: Expression, slot: (_ keys: [String]) -> Int?, treePath: (FieldPath) -> Void, sites: inout Int
    ) -> CompiledExpression {
        switch expression {
        case .literal(let value):
            return .literal(value)
        case .path(let path):
            if let keys = Mapper.objectKeys(path), let index = slot(keys) { return .source(index) }
            treePath(path)
            return .read(path)
        case .call(let name, let arguments, _):
            // The evaluator's own functions come first, as in `ExpressionEvaluator.call`.
            if !ExpressionEvaluator.ownFunctions.contains(name),
                let implementation = FunctionLibrary.implementations[name]
            {
                var compiledArguments: [CompiledExpression] = []
                for argument in arguments {
                    compiledArguments.append(Self.compile(argument, slot: slot, treePath: treePath, sites: &sites))
                }
                var memo: Int?
                if Self.pureFunctions.contains(name) {
                    memo = sites
                    sites += 1
                    // `decode(event, "a", "b", ...)`, `sha256(visitorId)`: no argument list to
                    // build or hash per event when the memo has the answer.
                    let variables = compiledArguments.indices.filter {
                        if case .literal = compiledArguments[$0] { return false }
                        return true
                    }
                    if variables.count == 1, let site = memo {
                        let template = compiledArguments.map { argument -> JSONValue in
                            if case .literal(let value) = argument { return value }
                            return .null
                        }
                        return .keyedCall(
                            name: name, implementation: implementation, template: template, variable: variables[0],
                            argument: compiledArguments[variables[0]], memo: site)
                    }
                }
                return .call(name: name, implementation: implementation, arguments: compiledArguments, memo: memo)
            }
        case .binary(let op, let left, let right):
            let compiledLeft = Self.compile(left, slot: slot, treePath: treePath, sites: &sites)
            return .binary(op, compiledLeft, Self.compile(right, slot: slot, treePath: treePath, sites: &sites))
        default:
            break
        }
        for path in expression.inputPaths { treePath(path) }
        return .general(expression)
    }

    func evaluate(input: JSONValue, sources: [JSONValue?], context: inout FunctionContext) throws(EvaluationError)
        -> JSONValue
    {
        switch self {
        case .literal(let value):
            return value
        case .source(let index):
            return sources[index] ?? .null
        case .read(let path):
            return path.value(in: input) ?? .null
        case .call(let name, let implementation, let argumentExpressions, let memo):
            var arguments: [JSONValue] = []
            arguments.reserveCapacity(argumentExpressions.count)
            for argument in argumentExpressions {
                arguments.append(try argument.evaluate(input: input, sources: sources, context: &context))
            }
            return try Self.invoke(
                name, implementation, memo: memo, key: .array(arguments), arguments: { arguments }, context: &context)
        case .keyedCall(_, _, _, _, let argument, _):
            let key = try argument.evaluate(input: input, sources: sources, context: &context)
            return try self.evaluate(key: key, context: &context)
        case .binary(let op, let leftExpression, let rightExpression):
            switch op {
            case .and:
                guard
                    ExpressionEvaluator.isTrue(
                        try leftExpression.evaluate(input: input, sources: sources, context: &context))
                else { return .bool(false) }
                return .bool(
                    ExpressionEvaluator.isTrue(
                        try rightExpression.evaluate(input: input, sources: sources, context: &context)))
            case .or:
                if ExpressionEvaluator.isTrue(
                    try leftExpression.evaluate(input: input, sources: sources, context: &context))
                {
                    return .bool(true)
                }
                return .bool(
                    ExpressionEvaluator.isTrue(
                        try rightExpression.evaluate(input: input, sources: sources, context: &context)))
            default:
                let left = try leftExpression.evaluate(input: input, sources: sources, context: &context)
                let right = try rightExpression.evaluate(input: input, sources: sources, context: &context)
                return try Arithmetic.apply(op, left, right)
            }
        case .general(let expression):
            return try ExpressionEvaluator().evaluate(expression, input: input, context: &context)
        }
    }

    /// The variable argument of a `.keyedCall` (nil for other expressions).
    var keyedArgument: CompiledExpression? {
        if case .keyedCall(_, _, _, _, let argument, _) = self { return argument }
        return nil
    }

    /// A `.keyedCall` whose variable argument evaluated to `key`.
    func evaluate(key: JSONValue, context: inout FunctionContext) throws(EvaluationError) -> JSONValue {
        guard case .keyedCall(let name, let implementation, let template, let variable, _, let memo) = self else {
            preconditionFailure("evaluate(key:) on an expression that is not a keyed call")
        }
        return try Self.invoke(
            name, implementation, memo: memo, key: key,
            arguments: {
                var arguments = template
                arguments[variable] = key
                return arguments
            }, context: &context)
    }

    /// Calls a library function; with a memo site, the result is remembered there under `key`
    /// (and `arguments` are made only when the memo does not have it).
    static func invoke(
        _ name: String, _ implementation: FunctionLibrary.Implementation, memo site: Int?,
        key: @autoclosure () -> JSONValue,
        arguments: () -> [JSONValue], context: inout FunctionContext
    ) throws(EvaluationError) -> JSONValue {
        var remembered: (key: JSONValue, hash: Int)?
        if let site {
            let key = key()
            let hash = key.hashValue
            if let hit = context.memo.lookup(site: site, key: key, hash: hash) { return hit }
            remembered = (key, hash)
        }
        let result: JSONValue
        do {
            result = try implementation(FunctionArguments(name, arguments()), &context)
        } catch {
            throw EvaluationError(error.description)
        }
        if let site, let remembered {
            context.memo.store(site: site, key: remembered.key, hash: remembered.hash, result)
        }
        return result
    }
}
