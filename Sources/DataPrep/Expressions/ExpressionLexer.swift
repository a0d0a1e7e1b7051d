/// A token of a calculated field, with the column (1-based) it starts at.
struct ExpressionToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        case integer(Int64)
        case number(String)
        case string(String)
        /// A name; `quoted` when written `${...}` (never a keyword or function then).
        case name(String, quoted: Bool)
        case symbol(String)
        case end
    }

    var kind: Kind
    var column: Int
}

/// Splits a calculated field into tokens.
struct ExpressionLexer {
    static let symbols: [String] = [
        "==", "!=", "<=", ">=", "&&", "||", "(", ")", "[", "]", "{", "}", ",", ".", ":", "?",
        "+", "-", "*", "/", "%", "<", ">", "!",
    ]

    static func tokens(_ text: String) throws(ExpressionSyntaxError) -> [ExpressionToken] {
        let scalars = Array(text.unicodeScalars)
        var tokens: [ExpressionToken] = []
        var index = 0
        func fail(_ message: String, _ at: Int) -> ExpressionSyntaxError {
            ExpressionSyntaxError(expression: text, column: at + 1, message: message)
        }
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar.properties.isWhitespace {
                index += 1
                continue
            }
            let start = index
            if scalar == "\"" || scalar == "'" {
                var value = String.UnicodeScalarView()
                index += 1
                var closed = false
                while index < scalars.count {
                    let c = scalars[index]
                    if c == scalar {
                        closed = true
                        index += 1
                        break
                    }
                    if c == "\\" {
                        guard index + 1 < scalars.count else { break }
                        let next = scalars[index + 1]
                        switch next {
                        case "n": value.append("\n")
                        case "t": value.append("\t")
                        case "r": value.append("\r")
                        case "u":
                            guard index + 5 < scalars.count,
                                let code = UInt32(
                                    String(String.UnicodeScalarView(scalars[(index + 2)...(index + 5)])), radix: 16),
                                let decoded = Unicode.Scalar(code)
                            else {
                                throw fail("invalid \\u escape", index)
                            }
                            value.append(decoded)
                            index += 6
                            continue
                        default: value.append(next)
                        }
                        index += 2
                        continue
                    }
                    value.append(c)
                    index += 1
                }
                if !closed { throw fail("unterminated string literal", start) }
                tokens.append(ExpressionToken(kind: .string(String(value)), column: start + 1))
                continue
            }
            if ("0"..."9").contains(scalar) {
                while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
                var integer = true
                if index + 1 < scalars.count, scalars[index] == ".", ("0"..."9").contains(scalars[index + 1]) {
                    integer = false
                    index += 1
                    while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
                }
                if index < scalars.count, scalars[index] == "e" || scalars[index] == "E" {
                    var look = index + 1
                    if look < scalars.count, scalars[look] == "+" || scalars[look] == "-" { look += 1 }
                    if look < scalars.count, ("0"..."9").contains(scalars[look]) {
                        integer = false
                        index = look
                        while index < scalars.count, ("0"..."9").contains(scalars[index]) { index += 1 }
                    }
                }
                let literal = String(String.UnicodeScalarView(scalars[start..<index]))
                if index < scalars.count, Self.isNameScalar(scalars[index]) {
                    throw fail("a name cannot start with a digit; write ${\(literal)...}", start)
                }
                if integer, let value = Int64(literal) {
                    tokens.append(ExpressionToken(kind: .integer(value), column: start + 1))
                } else {
                    tokens.append(ExpressionToken(kind: .number(literal), column: start + 1))
                }
                continue
            }
            if scalar == "$", index + 1 < scalars.count, scalars[index + 1] == "{" {
                guard let close = scalars[(index + 2)...].firstIndex(of: "}") else {
                    throw fail("'${' without a closing '}'", index)
                }
                let name = String(String.UnicodeScalarView(scalars[(index + 2)..<close]))
                if name.isEmpty { throw fail("empty name in '${}'", index) }
                tokens.append(ExpressionToken(kind: .name(name, quoted: true), column: start + 1))
                index = close + 1
                continue
            }
            if Self.isNameStart(scalar) || scalar == "\\" {
                var name = String.UnicodeScalarView()
                while index < scalars.count {
                    let c = scalars[index]
                    if c == "\\" {
                        guard index + 1 < scalars.count else { throw fail("a '\\' at the end escapes nothing", index) }
                        name.append(scalars[index + 1])
                        index += 2
                        continue
                    }
                    guard Self.isNameScalar(c) else { break }
                    name.append(c)
                    index += 1
                }
                let text = String(name)
                let quoted = scalars[start..<index].contains("\\")
                tokens.append(ExpressionToken(kind: .name(text, quoted: quoted), column: start + 1))
                continue
            }
            var matched = false
            for symbol in Self.symbols {
                let symbolScalars = Array(symbol.unicodeScalars)
                if index + symbolScalars.count <= scalars.count,
                    Array(scalars[index..<(index + symbolScalars.count)]) == symbolScalars
                {
                    tokens.append(ExpressionToken(kind: .symbol(symbol), column: start + 1))
                    index += symbolScalars.count
                    matched = true
                    break
                }
            }
            if !matched {
                if scalar == "=" { throw fail("'=' is not an operator; did you mean '=='?", index) }
                if scalar == "&" || scalar == "|" {
                    throw fail("'\(scalar)' is not an operator; did you mean '\(scalar)\(scalar)'?", index)
                }
                throw fail("unexpected character '\(scalar)'", index)
            }
        }
        tokens.append(ExpressionToken(kind: .end, column: scalars.count + 1))
        return tokens
    }

    static func isNameStart(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "_" || scalar == "$" || scalar.properties.isAlphabetic
    }

    static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        Self.isNameStart(scalar) || ("0"..."9").contains(scalar)
    }
}
