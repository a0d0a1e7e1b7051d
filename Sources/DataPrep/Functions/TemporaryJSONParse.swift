// STAND-IN: deleted at merge, JSONValue.parse comes from the dataprep branch

/// Thrown by the stand-in parser.
struct TemporaryJSONParseError: Error, CustomStringConvertible {
    var offset: Int
    var description: String { "invalid JSON at byte \(self.offset)" }
}

extension JSONValue {
    /// Parses JSON text (stand-in: a minimal recursive-descent parser that keeps key order and
    /// number text; the dataprep branch provides the real one).
    public static func parse(_ bytes: [UInt8]) throws -> JSONValue {
        var parser = StandInJSONParser(bytes: bytes)
        parser.skipSpace()
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.index == bytes.count else { throw TemporaryJSONParseError(offset: parser.index) }
        return value
    }
}

private struct StandInJSONParser {
    let bytes: [UInt8]
    var index = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    mutating func skipSpace() {
        while self.index < self.bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(self.bytes[self.index]) { self.index += 1 }
    }

    func fail() -> TemporaryJSONParseError { TemporaryJSONParseError(offset: self.index) }

    mutating func literal(_ text: String, _ value: JSONValue) throws -> JSONValue {
        let utf8 = Array(text.utf8)
        guard self.index + utf8.count <= self.bytes.count, Array(self.bytes[self.index..<self.index + utf8.count]) == utf8 else { throw self.fail() }
        self.index += utf8.count
        return value
    }

    mutating func value(depth: Int) throws -> JSONValue {
        guard depth < 512, self.index < self.bytes.count else { throw self.fail() }
        switch self.bytes[self.index] {
        case UInt8(ascii: "n"): return try self.literal("null", .null)
        case UInt8(ascii: "t"): return try self.literal("true", .bool(true))
        case UInt8(ascii: "f"): return try self.literal("false", .bool(false))
        case UInt8(ascii: "\""): return .string(try self.string())
        case UInt8(ascii: "["):
            self.index += 1
            var items: [JSONValue] = []
            self.skipSpace()
            if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "]") { self.index += 1; return .array(items) }
            while true {
                self.skipSpace()
                items.append(try self.value(depth: depth + 1))
                self.skipSpace()
                guard self.index < self.bytes.count else { throw self.fail() }
                if self.bytes[self.index] == UInt8(ascii: ",") { self.index += 1; continue }
                if self.bytes[self.index] == UInt8(ascii: "]") { self.index += 1; return .array(items) }
                throw self.fail()
            }
        case UInt8(ascii: "{"):
            self.index += 1
            var object = JSONObject()
            self.skipSpace()
            if self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "}") { self.index += 1; return .object(object) }
            while true {
                self.skipSpace()
                guard self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "\"") else { throw self.fail() }
                let key = try self.string()
                self.skipSpace()
                guard self.index < self.bytes.count, self.bytes[self.index] == UInt8(ascii: ":") else { throw self.fail() }
                self.index += 1
                self.skipSpace()
                object[key] = try self.value(depth: depth + 1)
                self.skipSpace()
                guard self.index < self.bytes.count else { throw self.fail() }
                if self.bytes[self.index] == UInt8(ascii: ",") { self.index += 1; continue }
                if self.bytes[self.index] == UInt8(ascii: "}") { self.index += 1; return .object(object) }
                throw self.fail()
            }
        default:
            return try self.number()
        }
    }

    mutating func number() throws -> JSONValue {
        let start = self.index
        while self.index < self.bytes.count, "+-0123456789.eE".utf8.contains(self.bytes[self.index]) { self.index += 1 }
        let text = String(decoding: self.bytes[start..<self.index], as: UTF8.self)
        guard !text.isEmpty, Double(text) != nil else { throw TemporaryJSONParseError(offset: start) }
        if let int = Int64(text) { return .int(int) }
        return .number(JSONNumber(text: text))
    }

    mutating func string() throws -> String {
        self.index += 1
        var out: [UInt8] = []
        while self.index < self.bytes.count {
            let byte = self.bytes[self.index]
            self.index += 1
            if byte == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            if byte != UInt8(ascii: "\\") { out.append(byte); continue }
            guard self.index < self.bytes.count else { break }
            let escape = self.bytes[self.index]
            self.index += 1
            switch escape {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                var code = try self.hex4()
                if (0xD800..<0xDC00).contains(code), self.index + 1 < self.bytes.count, self.bytes[self.index] == UInt8(ascii: "\\"), self.bytes[self.index + 1] == UInt8(ascii: "u") {
                    self.index += 2
                    let low = try self.hex4()
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                out.append(contentsOf: Array(String(Unicode.Scalar(code) ?? "\u{FFFD}").utf8))
            default: out.append(escape)
            }
        }
        throw self.fail()
    }

    mutating func hex4() throws -> UInt32 {
        guard self.index + 4 <= self.bytes.count, let code = UInt32(String(decoding: self.bytes[self.index..<self.index + 4], as: UTF8.self), radix: 16) else { throw self.fail() }
        self.index += 4
        return code
    }
}
