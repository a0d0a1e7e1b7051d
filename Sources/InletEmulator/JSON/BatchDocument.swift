/// A batch request, `{"messages": [{"header": {...}, "body": {...}}, ...]}`, read in one pass that
/// keeps each message's `body` as its byte range in the request instead of building it.
///
/// Why: a raw Pendo event in a batch goes to Data Prep, which parses its bytes itself. Building the
/// body as a tree, serializing it back and handing that to Data Prep parsed every message twice; the
/// range is checked to be valid JSON here and sliced out as sent. Headers are small and built.
struct BatchDocument {
    struct Message {
        /// The message's `header`, when present.
        var header: JSON?
        /// Where the message's `body` is in the request, when present.
        var body: Range<Int>?
        /// Whether the body is an object.
        var bodyIsObject = false
        /// Whether the body object has a top-level `xdmEntity` key (an XDM message, not a raw event).
        var bodyHasXDMEntity = false
        /// Whether the message itself is an object.
        var isObject = true
    }

    /// nil when the document has no `messages` array.
    var messages: [Message]?

    /// Reads the document; throws where it is not valid JSON (RFC 8259), as `JSON.parse` does.
    static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> BatchDocument {
        var parser = JSONByteParser(bytes: bytes)
        parser.skipWhitespace()
        var document = BatchDocument(messages: nil)
        if parser.peek == UInt8(ascii: "{") {
            try parser.forEachMember { parser, key throws(JSONParseError) in
                if key == "messages", parser.peek == UInt8(ascii: "[") {
                    var messages: [Message] = []
                    try parser.forEachElement { parser throws(JSONParseError) in
                        messages.append(try Self.message(&parser))
                    }
                    document.messages = messages
                } else {
                    try parser.skipValue()
                }
            }
        } else {
            try parser.skipValue()
        }
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.error("unexpected data after the value") }
        return document
    }

    private static func message(_ parser: inout JSONByteParser) throws(JSONParseError) -> Message {
        var message = Message()
        guard parser.peek == UInt8(ascii: "{") else {
            message.isObject = false
            try parser.skipValue()
            return message
        }
        try parser.forEachMember { parser, key throws(JSONParseError) in
            switch key {
            case "header":
                message.header = try parser.parseValue()
            case "body":
                let start = parser.index
                if parser.peek == UInt8(ascii: "{") {
                    message.bodyIsObject = true
                    try parser.forEachMember { parser, key throws(JSONParseError) in
                        if key == "xdmEntity" { message.bodyHasXDMEntity = true }
                        try parser.skipValue()
                    }
                } else {
                    try parser.skipValue()
                }
                message.body = start..<parser.index
            default:
                try parser.skipValue()
            }
        }
        return message
    }
}

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
                let code = try self.parseHex4()
                if (0xD800...0xDBFF).contains(code) {
                    guard self.index + 1 < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "\\"),
                        self.bytes[self.index + 1] == UInt8(ascii: "u")
                    else { throw self.error("lone high surrogate") }
                    self.index += 2
                    guard (0xDC00...0xDFFF).contains(try self.parseHex4()) else { throw self.error("invalid low surrogate") }
                } else if (0xDC00...0xDFFF).contains(code) {
                    throw self.error("lone low surrogate")
                }
            default:
                throw self.error("invalid escape")
            }
        }
        throw self.error("unterminated string")
    }
}
