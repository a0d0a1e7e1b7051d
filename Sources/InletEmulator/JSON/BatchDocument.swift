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
