/// Why a JSON text is not one well-formed JSON object in valid UTF-8.
struct JSONSyntaxProblem: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        case invalidJSON(String)
        case invalidUTF8
        case notAnObject
    }

    /// The 0-based byte offset of the problem.
    var offset: Int
    var kind: Kind
}

/// A fast structural JSON checker: it walks the bytes once, builds nothing, and checks the
/// grammar (RFC 8259), string escapes and UTF-8 (no overlongs, no surrogates, nothing above
/// U+10FFFF). Strings are scanned eight bytes at a time.
enum JSONSyntax {
    /// The deepest nesting accepted; deeper text is reported rather than risking the stack.
    static let maxDepth = 512

    /// Checks that `bytes` hold exactly one JSON value (an object when `requireObject`), with
    /// optional surrounding whitespace.
    static func check(_ bytes: UnsafeBufferPointer<UInt8>, requireObject: Bool = true) -> JSONSyntaxProblem? {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            return JSONSyntaxProblem(offset: 0, kind: .invalidJSON("empty text"))
        }
        return withUnsafeTemporaryAllocation(of: Bool.self, capacity: JSONSyntax.maxDepth) { stack in
            var checker = JSONChecker(p: base, n: bytes.count, stack: stack.baseAddress!)
            let problem = checker.run(requireObject: requireObject)
            // "Not an object" only for text that is JSON at all: `1,2,3` or `name,email` is not JSON.
            if problem?.kind == .notAnObject {
                var whole = JSONChecker(p: base, n: bytes.count, stack: stack.baseAddress!)
                if let other = whole.run(requireObject: false) { return other }
            }
            return problem
        }
    }

    /// Checks an array of bytes; see `check(_:requireObject:)`.
    static func check(_ bytes: [UInt8], requireObject: Bool = true) -> JSONSyntaxProblem? {
        bytes.withUnsafeBufferPointer { JSONSyntax.check($0, requireObject: requireObject) }
    }
}

private struct JSONChecker {
    let p: UnsafePointer<UInt8>
    let n: Int
    /// true for an object, false for an array, per open level.
    let stack: UnsafeMutablePointer<Bool>
    var i = 0

    init(p: UnsafePointer<UInt8>, n: Int, stack: UnsafeMutablePointer<Bool>) {
        self.p = p
        self.n = n
        self.stack = stack
    }

    private func fail(_ reason: String) -> JSONSyntaxProblem {
        JSONSyntaxProblem(offset: min(self.i, self.n), kind: .invalidJSON(reason))
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while self.i < self.n {
            let c = self.p[self.i]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 {
                self.i += 1
            } else {
                return
            }
        }
    }

    mutating func run(requireObject: Bool) -> JSONSyntaxProblem? {
        self.skipWhitespace()
        if self.i >= self.n { return self.fail("empty text") }
        if requireObject && self.p[self.i] != UInt8(ascii: "{") {
            let c = self.p[self.i]
            let startsValue =
                c == UInt8(ascii: "[") || c == UInt8(ascii: "\"") || c == UInt8(ascii: "-")
                || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9"))
                || c == UInt8(ascii: "t") || c == UInt8(ascii: "f") || c == UInt8(ascii: "n")
            if startsValue {
                return JSONSyntaxProblem(offset: self.i, kind: .notAnObject)
            }
            return self.fail("unexpected character '\(Self.show(c))'")
        }
        var depth = 0
        var needValue = true
        while true {
            if needValue {
                self.skipWhitespace()
                guard self.i < self.n else { return self.fail("the text ends where a value should be") }
                let c = self.p[self.i]
                switch c {
                case UInt8(ascii: "{"):
                    if depth >= JSONSyntax.maxDepth {
                        return self.fail("nested more than \(JSONSyntax.maxDepth) levels")
                    }
                    self.i += 1
                    self.skipWhitespace()
                    if self.i < self.n && self.p[self.i] == UInt8(ascii: "}") {
                        self.i += 1
                        needValue = false
                    } else {
                        self.stack[depth] = true
                        depth += 1
                        if let problem = self.keyAndColon() { return problem }
                    }
                case UInt8(ascii: "["):
                    if depth >= JSONSyntax.maxDepth {
                        return self.fail("nested more than \(JSONSyntax.maxDepth) levels")
                    }
                    self.i += 1
                    self.skipWhitespace()
                    if self.i < self.n && self.p[self.i] == UInt8(ascii: "]") {
                        self.i += 1
                        needValue = false
                    } else {
                        self.stack[depth] = false
                        depth += 1
                    }
                case UInt8(ascii: "\""):
                    if let problem = self.string() { return problem }
                    needValue = false
                case UInt8(ascii: "t"):
                    if let problem = self.literal("true") { return problem }
                    needValue = false
                case UInt8(ascii: "f"):
                    if let problem = self.literal("false") { return problem }
                    needValue = false
                case UInt8(ascii: "n"):
                    if let problem = self.literal("null") { return problem }
                    needValue = false
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if let problem = self.number() { return problem }
                    needValue = false
                default:
                    return self.fail("unexpected character '\(Self.show(c))' where a value should be")
                }
            } else {
                self.skipWhitespace()
                if depth == 0 {
                    if self.i == self.n { return nil }
                    return self.fail("text after the end of the JSON value")
                }
                guard self.i < self.n else {
                    return self.fail(
                        self.stack[depth - 1]
                            ? "the text ends inside an object (missing '}')"
                            : "the text ends inside an array (missing ']')")
                }
                let c = self.p[self.i]
                let inObject = self.stack[depth - 1]
                if c == UInt8(ascii: ",") {
                    self.i += 1
                    if inObject {
                        self.skipWhitespace()
                        if let problem = self.keyAndColon() { return problem }
                    }
                    needValue = true
                } else if inObject && c == UInt8(ascii: "}") {
                    self.i += 1
                    depth -= 1
                } else if !inObject && c == UInt8(ascii: "]") {
                    self.i += 1
                    depth -= 1
                } else {
                    return self.fail(
                        inObject
                            ? "expected ',' or '}' after an object member"
                            : "expected ',' or ']' after an array element")
                }
            }
        }
    }

    private static func show(_ c: UInt8) -> String {
        if c >= 0x20 && c < 0x7F { return String(UnicodeScalar(c)) }
        return "\\x" + String(c, radix: 16)
    }

    private mutating func keyAndColon() -> JSONSyntaxProblem? {
        guard self.i < self.n, self.p[self.i] == UInt8(ascii: "\"") else {
            return self.fail(
                self.i < self.n ? "expected a quoted member name" : "the text ends where a member name should be")
        }
        if let problem = self.string() { return problem }
        self.skipWhitespace()
        guard self.i < self.n, self.p[self.i] == UInt8(ascii: ":") else {
            return self.fail("expected ':' after a member name")
        }
        self.i += 1
        return nil
    }

    private mutating func literal(_ word: StaticString) -> JSONSyntaxProblem? {
        let count = word.utf8CodeUnitCount
        guard self.i + count <= self.n else { return self.fail("the text ends inside a literal") }
        let w = word.utf8Start
        for k in 0..<count where self.p[self.i + k] != w[k] {
            return self.fail("invalid literal (expected '\(word)')")
        }
        self.i += count
        return nil
    }

    @inline(__always)
    private func isDigit(_ c: UInt8) -> Bool { c &- UInt8(ascii: "0") < 10 }

    private mutating func number() -> JSONSyntaxProblem? {
        if self.p[self.i] == UInt8(ascii: "-") { self.i += 1 }
        guard self.i < self.n, self.isDigit(self.p[self.i]) else { return self.fail("a number needs a digit") }
        if self.p[self.i] == UInt8(ascii: "0") {
            self.i += 1
        } else {
            while self.i < self.n && self.isDigit(self.p[self.i]) { self.i += 1 }
        }
        if self.i < self.n && self.p[self.i] == UInt8(ascii: ".") {
            self.i += 1
            guard self.i < self.n, self.isDigit(self.p[self.i]) else { return self.fail("a fraction needs a digit") }
            while self.i < self.n && self.isDigit(self.p[self.i]) { self.i += 1 }
        }
        if self.i < self.n && (self.p[self.i] == UInt8(ascii: "e") || self.p[self.i] == UInt8(ascii: "E")) {
            self.i += 1
            if self.i < self.n && (self.p[self.i] == UInt8(ascii: "+") || self.p[self.i] == UInt8(ascii: "-")) {
                self.i += 1
            }
            guard self.i < self.n, self.isDigit(self.p[self.i]) else { return self.fail("an exponent needs a digit") }
            while self.i < self.n && self.isDigit(self.p[self.i]) { self.i += 1 }
        }
        return nil
    }

    /// Scans a string from its opening quote to just past its closing one.
    private mutating func string() -> JSONSyntaxProblem? {
        self.i += 1
        while true {
            // Eight bytes at a time while none is a quote, a backslash, a control or non-ASCII byte.
            while self.i + 8 <= self.n {
                let w = UnsafeRawPointer(self.p + self.i).loadUnaligned(as: UInt64.self)
                let high: UInt64 = 0x8080_8080_8080_8080
                let ones: UInt64 = 0x0101_0101_0101_0101
                let control = (w &- 0x2020_2020_2020_2020) & ~w
                let q = w ^ 0x2222_2222_2222_2222
                let quote = (q &- ones) & ~q
                let b = w ^ 0x5C5C_5C5C_5C5C_5C5C
                let backslash = (b &- ones) & ~b
                if ((w | control | quote | backslash) & high) != 0 { break }
                self.i += 8
            }
            while self.i < self.n {
                let c = self.p[self.i]
                if c == 0x22 || c == 0x5C || c < 0x20 || c >= 0x80 { break }
                self.i += 1
            }
            guard self.i < self.n else { return self.fail("unterminated string") }
            let c = self.p[self.i]
            if c == 0x22 {
                self.i += 1
                return nil
            }
            if c == 0x5C {
                guard self.i + 1 < self.n else { return self.fail("unterminated string") }
                let e = self.p[self.i + 1]
                switch e {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                    UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    self.i += 2
                case UInt8(ascii: "u"):
                    guard self.i + 6 <= self.n else { return self.fail("unterminated \\u escape") }
                    for k in 2..<6 {
                        let h = self.p[self.i + k]
                        let isHex = self.isDigit(h) || (h | 0x20) &- UInt8(ascii: "a") < 6
                        if !isHex {
                            self.i += k
                            return self.fail("invalid \\u escape")
                        }
                    }
                    self.i += 6
                default:
                    self.i += 1
                    return self.fail("invalid escape '\\\(Self.show(e))'")
                }
                continue
            }
            if c < 0x20 {
                return self.fail("unescaped control character in a string")
            }
            if let problem = self.utf8Sequence() { return problem }
        }
    }

    /// Checks one multi-byte UTF-8 sequence starting at `i` (whose first byte is >= 0x80).
    private mutating func utf8Sequence() -> JSONSyntaxProblem? {
        let c = self.p[self.i]
        var need: Int
        var low: UInt8 = 0x80
        var highLimit: UInt8 = 0xBF
        switch c {
        case 0xC2...0xDF: need = 1
        case 0xE0:
            need = 2
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: need = 2
        case 0xED:
            need = 2
            highLimit = 0x9F
        case 0xF0:
            need = 3
            low = 0x90
        case 0xF1...0xF3: need = 3
        case 0xF4:
            need = 3
            highLimit = 0x8F
        default:
            return JSONSyntaxProblem(offset: self.i, kind: .invalidUTF8)
        }
        guard self.i + need < self.n else { return JSONSyntaxProblem(offset: self.i, kind: .invalidUTF8) }
        let second = self.p[self.i + 1]
        if second < low || second > highLimit { return JSONSyntaxProblem(offset: self.i, kind: .invalidUTF8) }
        var k = 2
        while k <= need {
            if self.p[self.i + k] & 0xC0 != 0x80 { return JSONSyntaxProblem(offset: self.i, kind: .invalidUTF8) }
            k += 1
        }
        self.i += need + 1
        return nil
    }
}
