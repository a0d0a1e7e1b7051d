import DataPrep

/// A batch request, `{"messages": [{"header": {...}, "body": {...}}, ...]}`, read in one pass that
/// keeps each message's `body` as its byte range in the request instead of building it.
///
/// Why: a raw Pendo event in a batch goes to Data Prep, which parses its bytes itself. Building the
/// body as a tree, serializing it back and handing that to Data Prep parsed every message twice; the
/// range is checked to be valid JSON here and sliced out as sent. Headers are small and built.
struct BatchDocument {
    struct Message {
        /// The message's `header`, when present.
        var header: JSONValue?
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

    /// Reads the document; throws where it is not valid JSON (RFC 8259), as `JSONValue.parse` does.
    static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> BatchDocument {
        try JSONValue.scan(bytes) { parser throws(JSONParseError) in try Self.document(&parser) }
    }

    private static func document(_ parser: inout JSONScanner) throws(JSONParseError) -> BatchDocument {
        var document = BatchDocument(messages: nil)
        if parser.next == UInt8(ascii: "{") {
            try parser.forEachMember { parser, key throws(JSONParseError) in
                if key == "messages", parser.next == UInt8(ascii: "[") {
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
        return document
    }

    private static func message(_ parser: inout JSONScanner) throws(JSONParseError) -> Message {
        var message = Message()
        guard parser.next == UInt8(ascii: "{") else {
            message.isObject = false
            try parser.skipValue()
            return message
        }
        try parser.forEachMember { parser, key throws(JSONParseError) in
            switch key {
            case "header":
                message.header = try parser.parseValue()
            case "body":
                let start = parser.position
                if parser.next == UInt8(ascii: "{") {
                    message.bodyIsObject = true
                    try parser.forEachMember { parser, key throws(JSONParseError) in
                        if key == "xdmEntity" { message.bodyHasXDMEntity = true }
                        try parser.skipValue()
                    }
                } else {
                    try parser.skipValue()
                }
                message.body = start..<parser.position
            default:
                try parser.skipValue()
            }
        }
        return message
    }
}
