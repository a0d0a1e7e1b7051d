extension JSONValue {
    /// Nesting deeper than this is refused (a guard against stack exhaustion on hostile input).
    public static let maximumNestingDepth = 512

    /// Parses one JSON text exactly: integers that fit in 64 bits become `.int` without passing
    /// through a `Double`, other numbers keep their text, object keys keep their order, strings
    /// must be valid UTF-8 and may hold any Unicode (escaped surrogate pairs are joined).
    public static func parse(_ bytes: [UInt8]) throws(JSONParseError) -> JSONValue {
        try Self.parse(bytes, selecting: nil)
    }

    /// Parses one JSON text, materializing only what `selection` selects: members of objects not
    /// on a selected path are checked for well-formedness and skipped.
    public static func parse(_ bytes: [UInt8], selecting selection: PathSelection?) throws(JSONParseError) -> JSONValue
    {
        var none: [JSONValue?] = []
        return try Self.parse(bytes, table: selection.map { SelectionTable($0) }, sources: &none, depositing: false)
    }

    /// Parses one JSON text against a selection table. When `depositing`, the values of the
    /// selection's source slots go to `sources` (which must be at least `table.slotSpan` long and
    /// hold nil) and only the selection's tree paths are materialized in the value returned;
    /// otherwise every selected path is materialized, sources included.
    static func parse(_ bytes: [UInt8], table: SelectionTable?, sources: inout [JSONValue?], depositing: Bool)
        throws(JSONParseError) -> JSONValue
    {
        let result: Result<JSONValue, JSONParseError> = bytes.withUnsafeBufferPointer { buffer in
            Result { () throws(JSONParseError) -> JSONValue in
                try Self.parse(
                    buffer, table: table, sources: &sources, raws: UnsafeMutableBufferPointer(start: nil, count: 0),
                    depositing: depositing)
            }
        }
        return try result.get()
    }

    /// `parse(_:table:sources:depositing:)` over bytes in memory. With a non-empty `raws` (as long
    /// as `sources`, all `.none`), the source slots of the table's raw nodes get `RawSource`s
    /// there instead of built values when the value has a raw shape.
    static func parse(
        _ buffer: UnsafeBufferPointer<UInt8>, table: SelectionTable?, sources: inout [JSONValue?],
        raws: UnsafeMutableBufferPointer<RawSource>, depositing: Bool
    ) throws(JSONParseError) -> JSONValue {
        let result: Result<JSONValue, JSONParseError> = sources.withUnsafeMutableBufferPointer { sources in
            var parser = JSONParser(
                buffer: buffer, table: table, sources: sources, raws: raws, depositing: depositing && table != nil)
            // The parser reads the table's buffers: the table must outlive the parse.
            defer { withExtendedLifetime(table) {} }
            do throws(JSONParseError) {
                return .success(try parser.parseDocument())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }
}

/// A recursive-descent JSON reader over raw bytes.
struct JSONParser {
    let buffer: UnsafeBufferPointer<UInt8>
    /// Whether there is a selection (else everything is materialized).
    let selective: Bool
    /// The selection table's buffers, copied out so that the inner loop reads them without
    /// reference counting (the caller keeps the table alive while parsing).
    let table: SelectionTable.Buffers
    let sources: UnsafeMutableBufferPointer<JSONValue?>
    /// Where raw source values go (empty: every source value is built).
    let raws: UnsafeMutableBufferPointer<RawSource>
    /// Source values go to `sources`, and only tree nodes are materialized.
    let depositing: Bool
    var position = 0
    var depth = 0

    init(
        buffer: UnsafeBufferPointer<UInt8>, table: SelectionTable?, sources: UnsafeMutableBufferPointer<JSONValue?>,
        raws: UnsafeMutableBufferPointer<RawSource> = UnsafeMutableBufferPointer(start: nil, count: 0), depositing: Bool
    ) {
        self.raws = raws
        self.buffer = buffer
        self.table = table?.buffers ?? .empty
        self.selective = table != nil && !(self.table.nodes[0].whole && self.table.nodes[0].childCount == 0)
        self.sources = sources
        self.depositing = depositing
    }

    mutating func parseDocument() throws(JSONParseError) -> JSONValue {
        // A UTF-8 byte-order mark is tolerated at the very start.
        if self.buffer.count >= 3, self.buffer[0] == 0xEF, self.buffer[1] == 0xBB, self.buffer[2] == 0xBF {
            self.position = 3
        }
        self.skipWhitespace()
        let value: JSONValue
        if !self.selective {
            value = try self.parseValue()
        } else if self.table.nodes[0].whole {
            value = try self.parseValue()
            if self.depositing { self.deposit(value, at: 0) }
        } else {
            value = try self.parseSelected(node: 0, deposit: true) ?? .null
        }
        self.skipWhitespace()
        if self.position < self.buffer.count {
            throw self.error("unexpected text after the JSON value")
        }
        return value
    }

    /// Whether the value at selection node `node` is part of the tree returned.
    @inline(__always)
    func inTree(_ node: Int) -> Bool {
        !self.depositing || self.table.nodes[node].tree
    }

    /// Parses a value at a selection node that is not whole: objects keep their selected members,
    /// arrays with an element selection their elements' selected members; a value outside the
    /// tree is read only for the source slots below it, and nil is returned for it.
    mutating func parseSelected(node: Int, deposit: Bool) throws(JSONParseError) -> JSONValue? {
        guard let byte = self.peek() else { throw self.error("unexpected end of input, expected a value") }
        switch byte {
        case UInt8(ascii: "{"):
            return try self.parseObject(node: node, deposit: deposit)
        case UInt8(ascii: "["):
            let elements = self.table.nodes[node].elements
            if elements >= 0 {
                return try self.parseArray(
                    elements: self.table.nodes[elements].whole ? nil : elements, deposit: deposit)
            }
            if self.inTree(node) { return try self.parseArray() }
            try self.skipValue()
            return nil
        default:
            if self.inTree(node) { return try self.parseValue() }
            try self.skipValue()
            return nil
        }
    }

    /// Puts `value` (the value at selection node `node`) in the node's source slots, and the
    /// values of the members below it in theirs (the first member of a name, as a path read does).
    mutating func deposit(_ value: JSONValue, at node: Int) {
        let info = self.table.nodes[node]
        for index in info.firstSlot..<(info.firstSlot + info.slotCount)
        where self.table.slots[index] < self.sources.count {
            self.sources[self.table.slots[index]] = value
        }
        guard info.childCount > 0, case .object(let object) = value else { return }
        for child in info.firstChild..<(info.firstChild + info.childCount) {
            let key = UnsafeBufferPointer(
                rebasing: self.table.keyBytes[
                    self.table.childKeyStart[
                        child]..<(self.table.childKeyStart[child] + self.table.childKeyLength[child])])
            for entry in object.entries {
                var name = entry.key
                if name.withUTF8({ $0.elementsEqual(key) }) {
                    self.deposit(entry.value, at: self.table.childNode[child])
                    break
                }
            }
        }
    }

    /// The member of selection node `node` named `name` (raw bytes), as an index in the child
    /// buffers, or nil.
    @inline(__always)
    func member(of node: Int, named name: UnsafeBufferPointer<UInt8>) -> Int? {
        let info = self.table.nodes[node]
        var child = info.firstChild
        let end = info.firstChild + info.childCount
        while child < end {
            if self.table.childKeyLength[child] == name.count {
                let start = self.table.childKeyStart[child]
                var index = 0
                while index < name.count, self.table.keyBytes[start + index] == name[index] { index += 1 }
                if index == name.count { return child }
            }
            child += 1
        }
        return nil
    }

    func error(_ message: String, at offset: Int? = nil) -> JSONParseError {
        let offset = min(offset ?? self.position, self.buffer.count)
        var line = 1
        var column = 1
        for index in 0..<offset {
            if self.buffer[index] == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return JSONParseError(message: message, offset: offset, line: line, column: column)
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while self.position < self.buffer.count {
            switch self.buffer[self.position] {
            case 0x20, 0x0A, 0x0D, 0x09: self.position += 1
            default: return
            }
        }
    }

    @inline(__always)
    func peek() -> UInt8? {
        self.position < self.buffer.count ? self.buffer[self.position] : nil
    }

    /// Parses a value whole.
    mutating func parseValue() throws(JSONParseError) -> JSONValue {
        guard let byte = self.peek() else { throw self.error("unexpected end of input, expected a value") }
        switch byte {
        case UInt8(ascii: "{"):
            return try self.parseObject()
        case UInt8(ascii: "["):
            return try self.parseArray()
        case UInt8(ascii: "\""):
            return .string(try self.parseString())
        case UInt8(ascii: "t"):
            try self.expectLiteral("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try self.expectLiteral("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try self.expectLiteral("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try self.parseNumber()
        default:
            throw self.error("unexpected character '\(Self.printable(byte))', expected a value")
        }
    }

    static func printable(_ byte: UInt8) -> String {
        (0x20..<0x7F).contains(byte) ? String(UnicodeScalar(byte)) : "\\u{\(String(byte, radix: 16))}"
    }

    mutating func expectLiteral(_ literal: StaticString) throws(JSONParseError) {
        let count = literal.utf8CodeUnitCount
        let start = literal.utf8Start
        guard self.position + count <= self.buffer.count else {
            throw self.error("unexpected end of input in a literal")
        }
        for index in 0..<count where self.buffer[self.position + index] != start[index] {
            throw self.error("invalid literal, expected '\(literal)'")
        }
        self.position += count
    }

    mutating func enter() throws(JSONParseError) {
        self.depth += 1
        if self.depth > JSONValue.maximumNestingDepth {
            throw self.error("nesting deeper than \(JSONValue.maximumNestingDepth) levels")
        }
    }

    /// Parses an object whole.
    mutating func parseObject() throws(JSONParseError) -> JSONValue {
        try self.enter()
        self.position += 1
        var entries: [JSONObject.Entry] = []
        self.skipWhitespace()
        if self.peek() == UInt8(ascii: "}") {
            self.position += 1
            self.depth -= 1
            return .object(JSONObject(entries))
        }
        while true {
            self.skipWhitespace()
            guard self.peek() == UInt8(ascii: "\"") else { throw self.error("expected a member name in double quotes") }
            let key = try self.parseString()
            try self.skipColon()
            entries.append(JSONObject.Entry(key: key, value: try self.parseValue()))
            if try self.endOfMember(closing: UInt8(ascii: "}"), in: "an object") { break }
        }
        self.depth -= 1
        return .object(JSONObject(entries))
    }

    /// Parses an object at selection node `node`: selected members are kept (those in the tree)
    /// or read for their source slots; the others are checked and skipped. `deposit`: this object
    /// is the one a path read would reach (no earlier member of the same name on the way), so
    /// its first member of each selected name fills the slots. Nil when the object is not in the tree.
    mutating func parseObject(node: Int, deposit: Bool) throws(JSONParseError) -> JSONValue? {
        try self.enter()
        self.position += 1
        let keep = self.inTree(node)
        var entries: [JSONObject.Entry] = []
        let info = self.table.nodes[node]
        // Which selected names were met already (a path read takes the first).
        var seen: UInt64 = 0
        var seenBeyond: [Bool] = []
        if info.childCount > 64 { seenBeyond = Array(repeating: false, count: info.childCount - 64) }
        self.skipWhitespace()
        if self.peek() == UInt8(ascii: "}") {
            self.position += 1
            self.depth -= 1
            return keep ? .object(JSONObject(entries)) : nil
        }
        while true {
            self.skipWhitespace()
            guard self.peek() == UInt8(ascii: "\"") else { throw self.error("expected a member name in double quotes") }
            // Match the raw name against the selection without building a String first.
            let nameStart = self.position + 1
            var end = nameStart
            var escaped = false
            while end < self.buffer.count, self.buffer[end] != UInt8(ascii: "\"") {
                if self.buffer[end] == UInt8(ascii: "\\") {
                    escaped = true
                    break
                }
                end += 1
            }
            var child: Int?
            var decodedKey: String?
            if !escaped, end < self.buffer.count {
                child = self.member(of: node, named: UnsafeBufferPointer(rebasing: self.buffer[nameStart..<end]))
            } else {
                let key = try self.parseString()
                decodedKey = key
                child = Array(key.utf8).withUnsafeBufferPointer { self.member(of: node, named: $0) }
            }
            guard let child else {
                if decodedKey == nil { self.position = end + 1 }
                try self.skipColon()
                try self.skipValue()
                if try self.endOfMember(closing: UInt8(ascii: "}"), in: "an object") { break }
                continue
            }
            let target = self.table.childNode[child]
            let position = child - info.firstChild
            var first: Bool
            if position < 64 {
                first = seen & (1 << UInt64(position)) == 0
                seen |= 1 << UInt64(position)
            } else {
                first = !seenBeyond[position - 64]
                seenBeyond[position - 64] = true
            }
            first = first && deposit
            let memberInTree = keep && self.inTree(target)
            let key: String
            if let decodedKey {
                key = decodedKey
            } else if memberInTree {
                key = try self.parseString()
            } else {
                self.position = end + 1
                key = ""
            }
            try self.skipColon()
            let value: JSONValue?
            if self.table.nodes[target].whole {
                if first && self.depositing && self.table.nodes[target].raw && !self.raws.isEmpty,
                    let raw = try self.scanRaw()
                {
                    let info = self.table.nodes[target]
                    for index in info.firstSlot..<(info.firstSlot + info.slotCount)
                    where self.table.slots[index] < self.raws.count {
                        self.raws[self.table.slots[index]] = raw
                    }
                    value = nil
                } else {
                    let whole = try self.parseValue()
                    if first && self.depositing { self.deposit(whole, at: target) }
                    value = whole
                }
            } else {
                value = try self.parseSelected(node: target, deposit: first)
            }
            if memberInTree, let value { entries.append(JSONObject.Entry(key: key, value: value)) }
            if try self.endOfMember(closing: UInt8(ascii: "}"), in: "an object") { break }
        }
        self.depth -= 1
        return keep ? .object(JSONObject(entries)) : nil
    }

    /// Moves past the `:` after a member name.
    @inline(__always)
    mutating func skipColon() throws(JSONParseError) {
        self.skipWhitespace()
        guard self.peek() == UInt8(ascii: ":") else { throw self.error("expected ':' after a member name") }
        self.position += 1
        self.skipWhitespace()
    }

    /// Moves past the `,` after a member or element, or the closing bracket (true).
    @inline(__always)
    mutating func endOfMember(closing: UInt8, in what: String) throws(JSONParseError) -> Bool {
        self.skipWhitespace()
        guard let next = self.peek() else { throw self.error("unexpected end of input in \(what)") }
        self.position += 1
        if next == closing { return true }
        if next != UInt8(ascii: ",") {
            throw self.error(
                closing == UInt8(ascii: "}")
                    ? "expected ',' or '}' after an object member" : "expected ',' or ']' after an array element",
                at: self.position - 1)
        }
        return false
    }

    /// Parses an array; `elements` is the selection node for each element (nil: materialize them).
    /// `deposit`: the array is the one a path read reaches, so the element node's collecting
    /// slots get the array of their values, one per element (null where an element has none).
    mutating func parseArray(elements node: Int? = nil, deposit: Bool = false) throws(JSONParseError) -> JSONValue {
        try self.enter()
        self.position += 1
        var elements: [JSONValue] = []
        // The collecting slots' values so far: each element's value is deposited in the slot,
        // then moved here.
        var collected: [[JSONValue]] = []
        var firstCollect = 0
        if let node, deposit && self.depositing && self.table.nodes[node].collectCount > 0 {
            firstCollect = self.table.nodes[node].firstCollect
            collected = Array(repeating: [], count: self.table.nodes[node].collectCount)
        }
        self.skipWhitespace()
        if self.peek() == UInt8(ascii: "]") {
            self.position += 1
        } else {
            while true {
                self.skipWhitespace()
                if let node {
                    elements.append(try self.parseSelected(node: node, deposit: !collected.isEmpty) ?? .null)
                    for index in collected.indices {
                        let slot = self.table.collects[firstCollect + index]
                        collected[index].append(self.sources[slot] ?? .null)
                        self.sources[slot] = nil
                    }
                } else {
                    elements.append(try self.parseValue())
                }
                if try self.endOfMember(closing: UInt8(ascii: "]"), in: "an array") { break }
            }
        }
        for index in collected.indices {
            self.sources[self.table.collects[firstCollect + index]] = .array(collected[index])
        }
        self.depth -= 1
        return .array(elements)
    }

    /// Checks a value's syntax and moves past it without building it.
    mutating func skipValue() throws(JSONParseError) {
        guard let byte = self.peek() else { throw self.error("unexpected end of input, expected a value") }
        switch byte {
        case UInt8(ascii: "{"):
            try self.enter()
            self.position += 1
            self.skipWhitespace()
            if self.peek() == UInt8(ascii: "}") {
                self.position += 1
                self.depth -= 1
                return
            }
            while true {
                self.skipWhitespace()
                guard self.peek() == UInt8(ascii: "\"") else {
                    throw self.error("expected a member name in double quotes")
                }
                try self.skipString()
                try self.skipColon()
                try self.skipValue()
                if try self.endOfMember(closing: UInt8(ascii: "}"), in: "an object") { break }
            }
            self.depth -= 1
        case UInt8(ascii: "["):
            try self.enter()
            self.position += 1
            self.skipWhitespace()
            if self.peek() == UInt8(ascii: "]") {
                self.position += 1
                self.depth -= 1
                return
            }
            while true {
                self.skipWhitespace()
                try self.skipValue()
                if try self.endOfMember(closing: UInt8(ascii: "]"), in: "an array") { break }
            }
            self.depth -= 1
        case UInt8(ascii: "\""):
            try self.skipString()
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            _ = try self.scanNumber()
        default:
            _ = try self.parseValue()
        }
    }

    /// Moves past the value at `position` and returns it as a `RawSource` when it is ASCII text
    /// without escapes or an integer that fits in 64 bits; otherwise leaves `position` where it
    /// was and returns nil, for `parseValue` to build it (and report any error exactly as usual).
    mutating func scanRaw() throws(JSONParseError) -> RawSource? {
        let start = self.position
        guard let byte = self.peek() else { return nil }
        if byte == UInt8(ascii: "\"") {
            self.position += 1
            let contentStart = self.position
            if self.skipPlainWords() {
                while self.position < self.buffer.count {
                    let byte = self.buffer[self.position]
                    if byte == UInt8(ascii: "\"") {
                        self.position += 1
                        return RawSource(kind: .text, start: contentStart, end: self.position - 1)
                    }
                    if byte == UInt8(ascii: "\\") || byte < 0x20 || byte >= 0x80 { break }
                    self.position += 1
                }
            }
            self.position = start
            return nil
        }
        guard byte == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
        // `parseNumber` scans the same way first, so a malformed number fails here as it would there.
        if try self.scanNumber(),
            let integer = JSONValue.exactInteger(UnsafeBufferPointer(rebasing: self.buffer[start..<self.position]))
        {
            return RawSource(kind: .integer, start: start, end: self.position, integer: integer)
        }
        self.position = start
        return nil
    }

    /// Moves past a string, checking escapes and control characters but not building it.
    mutating func skipString() throws(JSONParseError) {
        let start = self.position
        self.position += 1
        self.skipPlainWords()
        while self.position < self.buffer.count {
            let byte = self.buffer[self.position]
            if byte == UInt8(ascii: "\"") {
                self.position += 1
                return
            }
            if byte == UInt8(ascii: "\\") {
                // Escapes are checked as `parseString` checks them, so that a skipped member is
                // refused exactly where a built one would be.
                guard self.position + 1 < self.buffer.count else { break }
                let escape = self.buffer[self.position + 1]
                self.position += 2
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    continue
                case UInt8(ascii: "u"):
                    _ = try self.escapedScalar()
                default:
                    throw self.error("invalid escape '\\\(Self.printable(escape))'", at: self.position - 2)
                }
                continue
            }
            if byte < 0x20 { throw self.error("control character in a string must be escaped") }
            self.position += 1
        }
        throw self.error("unterminated string", at: start)
    }

    /// Moves over whole 8-byte words of string content that hold no quote, backslash or control
    /// character (SWAR: eight bytes tested at once); the byte loop after it handles the rest.
    /// Returns whether the bytes passed were all ASCII.
    @inline(__always)
    @discardableResult
    mutating func skipPlainWords() -> Bool {
        guard let base = self.buffer.baseAddress else { return true }
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        var high: UInt64 = 0
        while self.position + 8 <= self.buffer.count {
            let word = UnsafeRawPointer(base + self.position).loadUnaligned(as: UInt64.self)
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            // A byte is flagged when it is zero after the XOR (quote, backslash) or below 0x20;
            // borrows can only add flags above a real one, which the byte loop then sorts out.
            let special =
                ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (word &- (ones &* 0x20)) & ~word) & highs
            if special != 0 { break }
            high |= word & highs
            self.position += 8
        }
        return high == 0
    }

    mutating func parseString() throws(JSONParseError) -> String {
        let start = self.position
        self.position += 1
        let contentStart = self.position
        // Fast path: no escapes.
        var ascii = self.skipPlainWords()
        while self.position < self.buffer.count {
            let byte = self.buffer[self.position]
            if byte == UInt8(ascii: "\"") {
                let slice = UnsafeBufferPointer(rebasing: self.buffer[contentStart..<self.position])
                self.position += 1
                // ASCII needs no validation (and String(validating:) is comparatively slow).
                if ascii { return String(decoding: slice, as: UTF8.self) }
                if let text = String(validating: slice, as: UTF8.self) { return text }
                throw self.error("invalid UTF-8 in a string", at: contentStart)
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw self.error("control character in a string must be escaped") }
            if byte >= 0x80 { ascii = false }
            self.position += 1
        }
        guard self.position < self.buffer.count else { throw self.error("unterminated string", at: start) }
        var bytes = Array(self.buffer[contentStart..<self.position])
        while self.position < self.buffer.count {
            let byte = self.buffer[self.position]
            if byte == UInt8(ascii: "\"") {
                self.position += 1
                if let text = String(validating: bytes, as: UTF8.self) { return text }
                throw self.error("invalid UTF-8 in a string", at: contentStart)
            }
            if byte < 0x20 { throw self.error("control character in a string must be escaped") }
            if byte != UInt8(ascii: "\\") {
                bytes.append(byte)
                self.position += 1
                continue
            }
            guard self.position + 1 < self.buffer.count else { break }
            let escape = self.buffer[self.position + 1]
            self.position += 2
            switch escape {
            case UInt8(ascii: "\""): bytes.append(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\"))
            case UInt8(ascii: "/"): bytes.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): bytes.append(0x08)
            case UInt8(ascii: "f"): bytes.append(0x0C)
            case UInt8(ascii: "n"): bytes.append(0x0A)
            case UInt8(ascii: "r"): bytes.append(0x0D)
            case UInt8(ascii: "t"): bytes.append(0x09)
            case UInt8(ascii: "u"):
                bytes.append(contentsOf: Array(String(Character(try self.escapedScalar())).utf8))
            default:
                throw self.error("invalid escape '\\\(Self.printable(escape))'", at: self.position - 2)
            }
        }
        throw self.error("unterminated string", at: start)
    }

    /// Reads the four hex digits after `\u` (and the low surrogate's escape after a high one).
    mutating func escapedScalar() throws(JSONParseError) -> Unicode.Scalar {
        var scalar = try self.hex4()
        if (0xD800..<0xDC00).contains(scalar) {
            // A high surrogate must be followed by an escaped low surrogate.
            if self.position + 1 < self.buffer.count, self.buffer[self.position] == UInt8(ascii: "\\"),
                self.buffer[self.position + 1] == UInt8(ascii: "u")
            {
                self.position += 2
                let low = try self.hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw self.error("unpaired surrogate in a \\u escape") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else {
                throw self.error("unpaired surrogate in a \\u escape")
            }
        } else if (0xDC00..<0xE000).contains(scalar) {
            throw self.error("unpaired surrogate in a \\u escape")
        }
        guard let unicode = Unicode.Scalar(scalar) else { throw self.error("invalid \\u escape") }
        return unicode
    }

    mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard self.position + 4 <= self.buffer.count else { throw self.error("truncated \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = self.buffer[self.position]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw self.error("invalid hex digit in a \\u escape")
            }
            value = value * 16 + digit
            self.position += 1
        }
        return value
    }

    /// Scans a number; returns whether it is a plain integer (no fraction or exponent).
    mutating func scanNumber() throws(JSONParseError) -> Bool {
        let start = self.position
        if self.peek() == UInt8(ascii: "-") { self.position += 1 }
        guard let first = self.peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            throw self.error("invalid number", at: start)
        }
        self.position += 1
        if first != UInt8(ascii: "0") {
            while let byte = self.peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { self.position += 1 }
        }
        var integer = true
        if self.peek() == UInt8(ascii: ".") {
            integer = false
            self.position += 1
            guard let byte = self.peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else {
                throw self.error("invalid number: digits expected after '.'", at: start)
            }
            while let byte = self.peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { self.position += 1 }
        }
        if let byte = self.peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            integer = false
            self.position += 1
            if let sign = self.peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { self.position += 1 }
            guard let digit = self.peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(digit) else {
                throw self.error("invalid number: digits expected in the exponent", at: start)
            }
            while let byte = self.peek(), (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { self.position += 1 }
        }
        return integer
    }

    mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = self.position
        let integer = try self.scanNumber()
        let slice = UnsafeBufferPointer(rebasing: self.buffer[start..<self.position])
        if integer, let value = JSONValue.exactInteger(slice) {
            return .int(value)
        }
        return .number(JSONNumber(text: String(decoding: slice, as: UTF8.self)))
    }
}

extension JSONValue {
    /// The Int64 written by the ASCII digits `text` (optional leading '-'), or nil on overflow or
    /// anything else. Never goes through a Double.
    static func exactInteger(_ text: UnsafeBufferPointer<UInt8>) -> Int64? {
        var index = 0
        var negative = false
        if text.count > 0, text[0] == UInt8(ascii: "-") {
            negative = true
            index = 1
        }
        guard index < text.count else { return nil }
        var magnitude: UInt64 = 0
        while index < text.count {
            let byte = text[index]
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (plus, o2) = times.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            if o1 || o2 { return nil }
            magnitude = plus
            index += 1
        }
        if negative {
            if magnitude <= UInt64(Int64.max) { return -Int64(magnitude) }
            if magnitude == UInt64(Int64.max) + 1 { return Int64.min }
            return nil
        }
        return magnitude <= UInt64(Int64.max) ? Int64(magnitude) : nil
    }

    /// The Int64 written by `text` (ASCII digits, optional '-'), or nil.
    static func exactInteger(_ text: String) -> Int64? {
        var copy = text
        return copy.withUTF8 { Self.exactInteger($0) }
    }
}
