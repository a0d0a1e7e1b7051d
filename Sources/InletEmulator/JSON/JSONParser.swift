/// A JSON parse failure, with the byte offset where it happened.
public struct JSONParseError: Error, Sendable, CustomStringConvertible {
    /// Byte offset in the input.
    public var offset: Int
    /// What was wrong there.
    public var reason: String

    public var description: String { "invalid JSON at byte \(self.offset): \(self.reason)" }
}

extension JSON {
    /// Parses one JSON document (RFC 8259); trailing whitespace is allowed, anything else is not.
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSON {
        var parser = JSONByteParser(bytes: bytes)
        return try parser.parseDocument()
    }

    /// Parses UTF-8 text.
    public static func parse(_ text: String) throws(JSONParseError) -> JSON {
        try self.parse(Array(text.utf8))
    }
}

/// Recursive-descent parser over bytes; depth is bounded so hostile input cannot overflow the stack.
struct JSONByteParser {
    let bytes: [UInt8]
    var index = 0
    var depth = 0
    static let maxDepth = 512

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func parseDocument() throws(JSONParseError) -> JSON {
        self.skipWhitespace()
        let value = try self.parseValue()
        self.skipWhitespace()
        guard self.index == self.bytes.count else { throw self.error("unexpected data after the value") }
        return value
    }

    func error(_ reason: String) -> JSONParseError {
        JSONParseError(offset: self.index, reason: reason)
    }

    mutating func skipWhitespace() {
        while self.index < self.bytes.count {
            switch self.bytes[self.index] {
            case 0x20, 0x0A, 0x0D, 0x09: self.index += 1
            default: return
            }
        }
    }

    mutating func parseValue() throws(JSONParseError) -> JSON {
        guard self.index < self.bytes.count else { throw self.error("unexpected end of input") }
        switch self.bytes[self.index] {
        case UInt8(ascii: "{"): return try self.parseObject()
        case UInt8(ascii: "["): return try self.parseArray()
        case UInt8(ascii: "\""): return .string(try self.parseString())
        case UInt8(ascii: "t"): try self.expectLiteral("true"); return .bool(true)
        case UInt8(ascii: "f"): try self.expectLiteral("false"); return .bool(false)
        case UInt8(ascii: "n"): try self.expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try self.parseNumber()
        default: throw self.error("unexpected character")
        }
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        guard self.index + count <= self.bytes.count else { throw self.error("unexpected end of input") }
        let start = literal.utf8Start
        for offset in 0..<count where self.bytes[self.index + offset] != start[offset] {
            throw self.error("invalid literal")
        }
        self.index += count
    }

    mutating func parseObject() throws(JSONParseError) -> JSON {
        var entries: [(String, JSON)] = []
        try self.forEachMember { parser, key throws(JSONParseError) in entries.append((key, try parser.parseValue())) }
        return .object(entries)
    }

    mutating func parseArray() throws(JSONParseError) -> JSON {
        var items: [JSON] = []
        try self.forEachElement { parser throws(JSONParseError) in items.append(try parser.parseValue()) }
        return .array(items)
    }

    mutating func parseNumber() throws(JSONParseError) -> JSON {
        let start = self.index
        var isInteger = true
        if self.bytes[self.index] == UInt8(ascii: "-") { self.index += 1 }
        let digitsStart = self.index
        while self.index < self.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self.bytes[self.index]) {
            self.index += 1
        }
        guard self.index > digitsStart else { throw self.error("expected a digit") }
        if self.index - digitsStart > 1, self.bytes[digitsStart] == UInt8(ascii: "0") {
            throw self.error("leading zero")
        }
        if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: ".") {
            isInteger = false
            self.index += 1
            let fractionStart = self.index
            while self.index < self.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self.bytes[self.index]) {
                self.index += 1
            }
            guard self.index > fractionStart else { throw self.error("expected a digit after '.'") }
        }
        if self.index < self.bytes.count, self.bytes[self.index] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            self.index += 1
            if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "+") || self.bytes[self.index] == UInt8(ascii: "-") {
                self.index += 1
            }
            let exponentStart = self.index
            while self.index < self.bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self.bytes[self.index]) {
                self.index += 1
            }
            guard self.index > exponentStart else { throw self.error("expected a digit in the exponent") }
        }
        let text = String(decoding: self.bytes[start..<self.index], as: UTF8.self)
        if isInteger, let value = Int64(text) {
            return .int(value)
        }
        return .number(text)
    }

    mutating func parseString() throws(JSONParseError) -> String {
        self.index += 1
        let start = self.index
        // Fast path: no escapes.
        while self.index < self.bytes.count {
            let byte = self.bytes[self.index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: self.bytes[start..<self.index], as: UTF8.self)
                self.index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw self.error("control character in a string") }
            self.index += 1
        }
        var scalars: [UInt8] = Array(self.bytes[start..<self.index])
        while self.index < self.bytes.count {
            let byte = self.bytes[self.index]
            if byte == UInt8(ascii: "\"") {
                self.index += 1
                return String(decoding: scalars, as: UTF8.self)
            }
            if byte < 0x20 { throw self.error("control character in a string") }
            if byte != UInt8(ascii: "\\") {
                scalars.append(byte)
                self.index += 1
                continue
            }
            self.index += 1
            guard self.index < self.bytes.count else { throw self.error("unexpected end of input") }
            let escape = self.bytes[self.index]
            self.index += 1
            switch escape {
            case UInt8(ascii: "\""): scalars.append(0x22)
            case UInt8(ascii: "\\"): scalars.append(0x5C)
            case UInt8(ascii: "/"): scalars.append(0x2F)
            case UInt8(ascii: "b"): scalars.append(0x08)
            case UInt8(ascii: "f"): scalars.append(0x0C)
            case UInt8(ascii: "n"): scalars.append(0x0A)
            case UInt8(ascii: "r"): scalars.append(0x0D)
            case UInt8(ascii: "t"): scalars.append(0x09)
            case UInt8(ascii: "u"):
                let code = try self.parseUnicodeEscape()
                guard let scalar = Unicode.Scalar(code) else { throw self.error("invalid code point") }
                scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                throw self.error("invalid escape")
            }
        }
        throw self.error("unterminated string")
    }

    /// The code point of a `\u` escape (after the `u`), a surrogate pair joined; lone surrogates are errors.
    mutating func parseUnicodeEscape() throws(JSONParseError) -> UInt32 {
        let code = try self.parseHex4()
        if (0xD800...0xDBFF).contains(code) {
            guard self.index + 1 < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "\\"),
                self.bytes[self.index + 1] == UInt8(ascii: "u")
            else { throw self.error("lone high surrogate") }
            self.index += 2
            let low = try self.parseHex4()
            guard (0xDC00...0xDFFF).contains(low) else { throw self.error("invalid low surrogate") }
            return 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        }
        if (0xDC00...0xDFFF).contains(code) { throw self.error("lone low surrogate") }
        return code
    }

    mutating func parseHex4() throws(JSONParseError) -> UInt32 {
        guard self.index + 4 <= self.bytes.count else { throw self.error("unexpected end of input") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = self.bytes[self.index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw self.error("invalid \\u escape")
            }
            value = value << 4 | digit
            self.index += 1
        }
        return value
    }
}

// Walking objects and arrays member by member, and checking values without building them: the
// tree parser above and BatchDocument's one-pass reading share these.
extension JSONByteParser {
    var peek: UInt8? { self.index < self.bytes.count ? self.bytes[self.index] : nil }

    /// Calls `body` with each key of the object at `index`, positioned at its value, which `body` must consume.
    mutating func forEachMember(_ body: (inout JSONByteParser, String) throws(JSONParseError) -> Void) throws(JSONParseError) {
        self.depth += 1
        guard self.depth <= Self.maxDepth else { throw self.error("nesting deeper than \(Self.maxDepth)") }
        defer { self.depth -= 1 }
        self.index += 1
        self.skipWhitespace()
        if self.peek == UInt8(ascii: "}") {
            self.index += 1
            return
        }
        while true {
            self.skipWhitespace()
            guard self.peek == UInt8(ascii: "\"") else { throw self.error("expected a string key") }
            let key = try self.parseString()
            self.skipWhitespace()
            guard self.peek == UInt8(ascii: ":") else { throw self.error("expected ':'") }
            self.index += 1
            self.skipWhitespace()
            guard self.index < self.bytes.count else { throw self.error("unexpected end of input") }
            try body(&self, key)
            self.skipWhitespace()
            guard let byte = self.peek else { throw self.error("unexpected end of input") }
            self.index += 1
            if byte == UInt8(ascii: ",") { continue }
            if byte == UInt8(ascii: "}") { return }
            self.index -= 1
            throw self.error("expected ',' or '}'")
        }
    }

    /// Calls `body` positioned at each element of the array at `index`; `body` must consume it.
    mutating func forEachElement(_ body: (inout JSONByteParser) throws(JSONParseError) -> Void) throws(JSONParseError) {
        self.depth += 1
        guard self.depth <= Self.maxDepth else { throw self.error("nesting deeper than \(Self.maxDepth)") }
        defer { self.depth -= 1 }
        self.index += 1
        self.skipWhitespace()
        if self.peek == UInt8(ascii: "]") {
            self.index += 1
            return
        }
        while true {
            self.skipWhitespace()
            guard self.index < self.bytes.count else { throw self.error("unexpected end of input") }
            try body(&self)
            self.skipWhitespace()
            guard let byte = self.peek else { throw self.error("unexpected end of input") }
            self.index += 1
            if byte == UInt8(ascii: ",") { continue }
            if byte == UInt8(ascii: "]") { return }
            self.index -= 1
            throw self.error("expected ',' or ']'")
        }
    }

    /// Checks one value and moves past it without building it.
    mutating func skipValue() throws(JSONParseError) {
        guard let byte = self.peek else { throw self.error("unexpected end of input") }
        switch byte {
        case UInt8(ascii: "{"):
            try self.forEachMember { parser, _ throws(JSONParseError) in try parser.skipValue() }
        case UInt8(ascii: "["):
            try self.forEachElement { parser throws(JSONParseError) in try parser.skipValue() }
        case UInt8(ascii: "\""): try self.skipString()
        case UInt8(ascii: "t"): try self.expectLiteral("true")
        case UInt8(ascii: "f"): try self.expectLiteral("false")
        case UInt8(ascii: "n"): try self.expectLiteral("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try self.parseNumber()
        default: throw self.error("unexpected character")
        }
    }

    /// Checks a string (escapes, surrogate pairs, no control characters) and moves past it.
    mutating func skipString() throws(JSONParseError) {
        self.index += 1
        while self.index < self.bytes.count {
            let byte = self.bytes[self.index]
            if byte == UInt8(ascii: "\"") {
                self.index += 1
                return
            }
            if byte < 0x20 { throw self.error("control character in a string") }
            if byte != UInt8(ascii: "\\") {
                self.index += 1
                continue
            }
            self.index += 1
            guard let escape = self.peek else { throw self.error("unexpected end of input") }
            self.index += 1
            switch escape {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                 UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                continue
            case UInt8(ascii: "u"):
                _ = try self.parseUnicodeEscape()
            default:
                throw self.error("invalid escape")
            }
        }
        throw self.error("unterminated string")
    }
}
