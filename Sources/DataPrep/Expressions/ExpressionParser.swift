/// Parses calculated fields (Adobe's JEXL-like language) into `Expression` trees.
public enum ExpressionParser {
    /// Adobe's limit on a calculated field's length.
    public static let maximumLength = 4096
    /// Nesting deeper than this is refused (guards the recursive parser's stack).
    public static let maximumDepth = 200

    /// Words that are operators or literals.
    static let operatorWords: Set<String> = [
        "and", "or", "not", "eq", "ne", "lt", "le", "gt", "ge", "div", "mod", "true", "false", "null",
    ]
    /// Reserved words that mean nothing in a calculated field: using one is an error.
    static let statementWords: Set<String> = [
        "new", "var", "for", "while", "break", "continue", "else", "if", "return", "function", "do", "_errors",
    ]
    /// Methods callable on a value.
    public static let methods: Set<String> = ["equals", "equalsIgnoreCase", "get"]

    /// Every reserved word (operators, literals, statements, `empty`, `size` and the function names):
    /// a field with one of these names must be written `${name}`.
    public static var reservedWords: Set<String> {
        Self.operatorWords.union(Self.statementWords).union(["empty", "size"]).union(FunctionLibrary.names)
    }

    /// Parses `text`; errors name the column.
    public static func parse(_ text: String) throws(ExpressionSyntaxError) -> Expression {
        if text.unicodeScalars.count > Self.maximumLength {
            throw ExpressionSyntaxError(
                expression: String(text.prefix(80)) + "…", column: Self.maximumLength + 1,
                message:
                    "a calculated field is at most \(Self.maximumLength) characters (this one has \(text.unicodeScalars.count))"
            )
        }
        var parser = Parser(tokens: try ExpressionLexer.tokens(text), text: text)
        let expression = try parser.parseExpression()
        guard case .end = parser.current.kind else {
            throw parser.fail("unexpected \(parser.describe(parser.current)) after a complete expression")
        }
        return expression
    }

    struct Parser {
        let tokens: [ExpressionToken]
        let text: String
        var index = 0
        var depth = 0

        init(tokens: [ExpressionToken], text: String) {
            self.tokens = tokens
            self.text = text
        }

        var current: ExpressionToken { self.tokens[self.index] }
        var nextToken: ExpressionToken { self.tokens[min(self.index + 1, self.tokens.count - 1)] }

        func fail(_ message: String, at token: ExpressionToken? = nil) -> ExpressionSyntaxError {
            ExpressionSyntaxError(expression: self.text, column: (token ?? self.current).column, message: message)
        }

        func describe(_ token: ExpressionToken) -> String {
            switch token.kind {
            case .integer(let value): return "number \(value)"
            case .number(let text): return "number \(text)"
            case .string: return "string literal"
            case .name(let name, _): return "name '\(name)'"
            case .symbol(let symbol): return "'\(symbol)'"
            case .end: return "end of expression"
            }
        }

        func isSymbol(_ symbol: String) -> Bool {
            if case .symbol(let s) = self.current.kind { return s == symbol }
            return false
        }

        func isWord(_ word: String) -> Bool {
            if case .name(let name, let quoted) = self.current.kind { return !quoted && name == word }
            return false
        }

        mutating func expect(_ symbol: String, _ context: String) throws(ExpressionSyntaxError) {
            guard self.isSymbol(symbol) else {
                throw self.fail("expected '\(symbol)' \(context), found \(self.describe(self.current))")
            }
            self.index += 1
        }

        mutating func parseExpression() throws(ExpressionSyntaxError) -> Expression {
            self.depth += 1
            defer { self.depth -= 1 }
            if self.depth > ExpressionParser.maximumDepth { throw self.tooDeep() }
            let condition = try self.parseOr()
            if self.isSymbol("?") {
                self.index += 1
                let whenTrue = try self.parseExpression()
                try self.expect(":", "in a '?:' conditional")
                let whenFalse = try self.parseExpression()
                return .conditional(condition, whenTrue, whenFalse)
            }
            return condition
        }

        /// One more operator in a chain such as `a + b + c`: each nests the tree one level deeper
        /// (evaluation recurses through it), so chains count toward ``ExpressionParser/maximumDepth``
        /// as parentheses do. `links` counts this chain's levels, released when the chain ends.
        mutating func chainLink(_ links: inout Int) throws(ExpressionSyntaxError) {
            links += 1
            self.depth += 1
            if self.depth > ExpressionParser.maximumDepth { throw self.tooDeep() }
        }

        func tooDeep() -> ExpressionSyntaxError {
            self.fail(
                "expression nested deeper than \(ExpressionParser.maximumDepth) levels (parentheses, calls and each operator of a chain such as a + b + c count)"
            )
        }

        mutating func parseOr() throws(ExpressionSyntaxError) -> Expression {
            var links = 0
            defer { self.depth -= links }
            var left = try self.parseAnd()
            while self.isSymbol("||") || self.isWord("or") {
                self.index += 1
                try self.chainLink(&links)
                left = .binary(.or, left, try self.parseAnd())
            }
            return left
        }

        mutating func parseAnd() throws(ExpressionSyntaxError) -> Expression {
            var links = 0
            defer { self.depth -= links }
            var left = try self.parseEquality()
            while self.isSymbol("&&") || self.isWord("and") {
                self.index += 1
                try self.chainLink(&links)
                left = .binary(.and, left, try self.parseEquality())
            }
            return left
        }

        mutating func parseEquality() throws(ExpressionSyntaxError) -> Expression {
            var links = 0
            defer { self.depth -= links }
            var left = try self.parseRelational()
            while true {
                let op: Expression.BinaryOperator
                if self.isSymbol("==") || self.isWord("eq") {
                    op = .equal
                } else if self.isSymbol("!=") || self.isWord("ne") {
                    op = .notEqual
                } else {
                    return left
                }
                self.index += 1
                try self.chainLink(&links)
                left = .binary(op, left, try self.parseRelational())
            }
        }

        mutating func parseRelational() throws(ExpressionSyntaxError) -> Expression {
            var links = 0
            defer { self.depth -= links }
            var left = try self.parseAdditive()
            while true {
                let op: Expression.BinaryOperator
                if self.isSymbol("<") || self.isWord("lt") {
                    op = .less
                } else if self.isSymbol("<=") || self.isWord("le") {
                    op = .lessOrEqual
                } else if self.isSymbol(">") || self.isWord("gt") {
                    op = .greater
                } else if self.isSymbol(">=") || self.isWord("ge") {
                    op = .greaterOrEqual
                } else {
                    return left
                }
                self.index += 1
                try self.chainLink(&links)
                left = .binary(op, left, try self.parseAdditive())
            }
        }

        mutating func parseAdditive() throws(ExpressionSyntaxError) -> Expression {
            var links = 0
            defer { self.depth -= links }
            var left = try self.parseMultiplicative()
            while true {
                let op: Expression.BinaryOperator
                if self.isSymbol("+") { op = .add } else if self.isSymbol("-") { op = .subtract } else { return left }
                self.index += 1
                try self.chainLink(&links)
                left = .binary(op, left, try self.parseMultiplicative())
            }
        }

        mutating func parseMultiplicative() throws(ExpressionSyntaxError) -> Expression {
            var links = 0
            defer { self.depth -= links }
            var left = try self.parseUnary()
            while true {
                let op: Expression.BinaryOperator
                if self.isSymbol("*") {
                    op = .multiply
                } else if self.isSymbol("/") || self.isWord("div") {
                    op = .divide
                } else if self.isSymbol("%") || self.isWord("mod") {
                    op = .remainder
                } else {
                    return left
                }
                self.index += 1
                try self.chainLink(&links)
                left = .binary(op, left, try self.parseUnary())
            }
        }

        mutating func parseUnary() throws(ExpressionSyntaxError) -> Expression {
            self.depth += 1
            defer { self.depth -= 1 }
            if self.depth > ExpressionParser.maximumDepth { throw self.tooDeep() }
            if self.isSymbol("!") || self.isWord("not") {
                self.index += 1
                return .unary(.not, try self.parseUnary())
            }
            if self.isSymbol("-") {
                self.index += 1
                switch self.current.kind {
                case .integer(let value):
                    self.index += 1
                    return try self.parsePostfix(.literal(.int(-value)))
                case .number(let text):
                    self.index += 1
                    return try self.parsePostfix(
                        .literal(.number(JSONNumber(text: JSONValue.jsonNumberText("-" + text)))))
                default:
                    return .unary(.negate, try self.parseUnary())
                }
            }
            return try self.parsePostfix(try self.parsePrimary())
        }

        /// Method calls and `[n]` after a value that is not a plain path.
        mutating func parsePostfix(_ base: Expression) throws(ExpressionSyntaxError) -> Expression {
            var expression = base
            while true {
                if self.isSymbol("."), case .name(let name, _) = self.nextToken.kind {
                    let nameToken = self.nextToken
                    self.index += 2
                    guard self.isSymbol("(") else {
                        if case .path(var path) = expression {
                            path.components.append(.key(name))
                            expression = .path(path)
                            continue
                        }
                        throw self.fail(
                            "'.\(name)' reads a field of a computed value; use .get(\"\(name)\")", at: nameToken)
                    }
                    guard ExpressionParser.methods.contains(name) else {
                        throw self.fail(
                            "unknown method '.\(name)()'; methods are .equals, .equalsIgnoreCase and .get",
                            at: nameToken)
                    }
                    let arguments = try self.parseArguments()
                    expression = .method(
                        receiver: expression, name: name, arguments: arguments, column: nameToken.column)
                } else if self.isSymbol(".") {
                    throw self.fail("expected a name after '.'", at: self.nextToken)
                } else if self.isSymbol("[") {
                    let open = self.current
                    self.index += 1
                    if self.isSymbol("*") {
                        self.index += 1
                        try self.expect("]", "after '[*'")
                        guard case .path(var path) = expression else {
                            throw self.fail("'[*]' applies to a path only", at: open)
                        }
                        path.components.append(.wildcard)
                        expression = .path(path)
                        continue
                    }
                    if case .integer(let value) = self.current.kind, case .path(var path) = expression, value >= 0,
                        value <= Int64(Int32.max)
                    {
                        self.index += 1
                        try self.expect("]", "after an array index")
                        path.components.append(.index(Int(value)))
                        expression = .path(path)
                        continue
                    }
                    let index = try self.parseExpression()
                    try self.expect("]", "after an index")
                    expression = .element(expression, index)
                } else {
                    return expression
                }
            }
        }

        mutating func parseArguments() throws(ExpressionSyntaxError) -> [Expression] {
            try self.expect("(", "to open the arguments")
            var arguments: [Expression] = []
            if self.isSymbol(")") {
                self.index += 1
                return arguments
            }
            while true {
                arguments.append(try self.parseExpression())
                if self.isSymbol(")") {
                    self.index += 1
                    return arguments
                }
                guard self.isSymbol(",") else {
                    throw self.fail("expected ',' or ')' in the arguments, found \(self.describe(self.current))")
                }
                self.index += 1
            }
        }

        mutating func parsePrimary() throws(ExpressionSyntaxError) -> Expression {
            let token = self.current
            switch token.kind {
            case .integer(let value):
                self.index += 1
                return .literal(.int(value))
            case .number(let text):
                self.index += 1
                return .literal(.number(JSONNumber(text: JSONValue.jsonNumberText(text))))
            case .string(let value):
                self.index += 1
                return .literal(.string(value))
            case .end:
                throw self.fail("unexpected end of expression, expected a value")
            case .symbol("("):
                self.index += 1
                let inner = try self.parseExpression()
                try self.expect(")", "to close '('")
                return inner
            case .symbol("["):
                self.index += 1
                var elements: [Expression] = []
                if self.isSymbol("]") {
                    self.index += 1
                    return .array(elements)
                }
                while true {
                    elements.append(try self.parseExpression())
                    if self.isSymbol("]") {
                        self.index += 1
                        return .array(elements)
                    }
                    guard self.isSymbol(",") else {
                        throw self.fail("expected ',' or ']' in an array, found \(self.describe(self.current))")
                    }
                    self.index += 1
                }
            case .symbol("{"):
                self.index += 1
                var members: [Expression.ObjectMember] = []
                if self.isSymbol("}") {
                    self.index += 1
                    return .object(members)
                }
                while true {
                    let key: String
                    switch self.current.kind {
                    case .string(let text): key = text
                    case .name(let name, _): key = name
                    default:
                        throw self.fail("expected a key in an object literal, found \(self.describe(self.current))")
                    }
                    self.index += 1
                    try self.expect(":", "after an object key")
                    members.append(Expression.ObjectMember(key: key, value: try self.parseExpression()))
                    if self.isSymbol("}") {
                        self.index += 1
                        return .object(members)
                    }
                    guard self.isSymbol(",") else {
                        throw self.fail("expected ',' or '}' in an object, found \(self.describe(self.current))")
                    }
                    self.index += 1
                }
            case .symbol(let symbol):
                throw self.fail("unexpected '\(symbol)', expected a value")
            case .name(let name, let quoted):
                self.index += 1
                if quoted { return .path(FieldPath(components: [.key(name)])) }
                switch name {
                case "true": return .literal(.bool(true))
                case "false": return .literal(.bool(false))
                case "null": return .literal(.null)
                default: break
                }
                if ExpressionParser.operatorWords.contains(name) {
                    throw self.fail("'\(name)' is an operator; a field with this name is written ${\(name)}", at: token)
                }
                if ExpressionParser.statementWords.contains(name) {
                    throw self.fail(
                        "'\(name)' is a reserved word; a field with this name is written ${\(name)}", at: token)
                }
                if self.isSymbol("(") {
                    guard FunctionLibrary.isKnown(name) || name == "empty" || name == "size" else {
                        throw self.fail("unknown function '\(name)'", at: token)
                    }
                    if name == "fpid_to_ecid" {
                        throw self.fail("fpid_to_ecid is internal to Adobe and not emulated", at: token)
                    }
                    let arguments = try self.parseArguments()
                    return .call(name: name, arguments: arguments, column: token.column)
                }
                // A function name used without '(' is read as a field name (Adobe's own Pendo
                // mapping reads `timestamp`); assumed, see docs/DATA-PREP.md.
                return .path(FieldPath(components: [.key(name)]))
            }
        }
    }
}
