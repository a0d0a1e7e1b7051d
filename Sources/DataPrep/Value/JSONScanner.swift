/// One pass over a JSON text that visits an object's members and an array's elements without
/// building what it skips, for documents whose parts go different ways (a streaming batch's message
/// bodies are kept as byte ranges and mapped later). Everything it passes over is checked as
/// `JSONValue.parse` checks it, so a document the scan accepts is one the parser accepts.
///
/// A scanner reads memory that lives only during `JSONValue.scan(_:_:)`; it must not be kept.
public struct JSONScanner {
    var parser: JSONParser

    /// Offset of the next byte to read.
    public var position: Int { self.parser.position }

    /// The next byte (the first of the value the scanner is positioned at), nil at the end.
    public var next: UInt8? { self.parser.peek() }

    /// Calls `body` with each member name of the object the scanner is at, positioned at the
    /// member's value, which `body` must consume (`skipValue`, `parseValue` or a nested visit).
    public mutating func forEachMember(_ body: (inout JSONScanner, String) throws(JSONParseError) -> Void)
        throws(JSONParseError)
    {
        guard self.parser.peek() == UInt8(ascii: "{") else { throw self.parser.error("expected an object") }
        try self.parser.enter()
        self.parser.position += 1
        self.parser.skipWhitespace()
        if self.parser.peek() == UInt8(ascii: "}") {
            self.parser.position += 1
            self.parser.depth -= 1
            return
        }
        while true {
            self.parser.skipWhitespace()
            guard self.parser.peek() == UInt8(ascii: "\"") else {
                throw self.parser.error("expected a member name in double quotes")
            }
            let key = try self.parser.parseString()
            try self.parser.skipColon()
            try body(&self, key)
            if try self.parser.endOfMember(closing: UInt8(ascii: "}"), in: "an object") { break }
        }
        self.parser.depth -= 1
    }

    /// Calls `body` positioned at each element of the array the scanner is at; `body` must
    /// consume it.
    public mutating func forEachElement(_ body: (inout JSONScanner) throws(JSONParseError) -> Void)
        throws(JSONParseError)
    {
        guard self.parser.peek() == UInt8(ascii: "[") else { throw self.parser.error("expected an array") }
        try self.parser.enter()
        self.parser.position += 1
        self.parser.skipWhitespace()
        if self.parser.peek() == UInt8(ascii: "]") {
            self.parser.position += 1
            self.parser.depth -= 1
            return
        }
        while true {
            self.parser.skipWhitespace()
            try body(&self)
            if try self.parser.endOfMember(closing: UInt8(ascii: "]"), in: "an array") { break }
        }
        self.parser.depth -= 1
    }

    /// Checks the value the scanner is at and moves past it without building it.
    public mutating func skipValue() throws(JSONParseError) {
        try self.parser.skipValue()
    }

    /// Builds the value the scanner is at and moves past it.
    public mutating func parseValue() throws(JSONParseError) -> JSONValue {
        try self.parser.parseValue()
    }
}

extension JSONValue {
    /// Scans one JSON text with `body`, which starts at the document's value and must consume
    /// it; then only whitespace may follow.
    public static func scan<Result>(_ bytes: [UInt8], _ body: (inout JSONScanner) throws(JSONParseError) -> Result)
        throws(JSONParseError) -> Result
    {
        let outcome: Swift.Result<Result, JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
            var scanner = JSONScanner(
                parser: JSONParser(
                    buffer: buffer, table: nil, sources: UnsafeMutableBufferPointer(start: nil, count: 0),
                    depositing: false))
            do throws(JSONParseError) {
                if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
                    scanner.parser.position = 3
                }
                scanner.parser.skipWhitespace()
                let result = try body(&scanner)
                scanner.parser.skipWhitespace()
                if scanner.parser.position < buffer.count {
                    throw scanner.parser.error("unexpected text after the JSON value")
                }
                return .success(result)
            } catch {
                return .failure(error)
            }
        }
        return try outcome.get()
    }
}
