#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Fast scanners for the top-level fields of an event's JSON text that tools need without
/// building a JSON tree: one pass over the top-level object, skipping nested values.
///
/// They assume well-formed JSON (the `CorpusReader` checks that) and return nil when a field is
/// absent, has another type, or the text is malformed; they never crash.
public enum EventFields {
    /// Byte ranges of the values (as in the text; strings with their quotes) of the top-level
    /// members that tools look at, found in one pass.
    public struct Ranges: Sendable, Equatable {
        /// `event`: the event's kind.
        public var kind: Range<Int>?
        /// `timestamp`: epoch seconds.
        public var timestamp: Range<Int>?
        /// `visitorId`.
        public var visitorId: Range<Int>?
        /// `accountId`.
        public var accountId: Range<Int>?
        /// `uniqueId`: the event's 40-hex id.
        public var uniqueId: Range<Int>?

        public init() {}
    }

    /// The event's kind (its `event` field), e.g. `guideDisplayed`.
    public static func kind(in bytes: [UInt8]) -> String? {
        EventFields.string(in: bytes, at: EventFields.ranges(in: bytes).kind)
    }

    /// The event's `timestamp` in epoch seconds (a fraction, if any, is dropped).
    public static func timestampSeconds(in bytes: [UInt8]) -> Int64? {
        EventFields.integer(in: bytes, at: EventFields.ranges(in: bytes).timestamp)
    }

    /// The event's `uniqueId`.
    public static func uniqueId(in bytes: [UInt8]) -> String? {
        EventFields.string(in: bytes, at: EventFields.ranges(in: bytes).uniqueId)
    }

    /// The event's `visitorId`.
    public static func visitorId(in bytes: [UInt8]) -> String? {
        EventFields.string(in: bytes, at: EventFields.ranges(in: bytes).visitorId)
    }

    /// The event's `accountId`.
    public static func accountId(in bytes: [UInt8]) -> String? {
        EventFields.string(in: bytes, at: EventFields.ranges(in: bytes).accountId)
    }

    /// The ranges of `event`, `timestamp`, `visitorId`, `accountId` and `uniqueId` in one pass.
    public static func ranges(in bytes: [UInt8]) -> Ranges {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return Ranges() }
            var scanner = TopLevelScanner(p: base, n: buffer.count)
            return scanner.scan()
        }
    }

    /// The value at `range` decoded as a JSON string (escapes resolved), or nil if it is not one.
    public static func string(in bytes: [UInt8], at range: Range<Int>?) -> String? {
        guard let range, range.count >= 2, bytes[range.lowerBound] == 0x22, bytes[range.upperBound - 1] == 0x22 else {
            return nil
        }
        let inner = (range.lowerBound + 1)..<(range.upperBound - 1)
        if !bytes[inner].contains(0x5C) {
            return String(decoding: bytes[inner], as: UTF8.self)
        }
        return EventFields.unescape(bytes[inner])
    }

    /// The value at `range` read as an integer (a JSON number; a fraction is dropped).
    public static func integer(in bytes: [UInt8], at range: Range<Int>?) -> Int64? {
        guard let range, !range.isEmpty else { return nil }
        var k = range.lowerBound
        var negative = false
        if bytes[k] == UInt8(ascii: "-") {
            negative = true
            k += 1
        }
        var value: Int64 = 0
        var digits = 0
        while k < range.upperBound, bytes[k] &- 0x30 < 10 {
            let (m, o1) = value.multipliedReportingOverflow(by: 10)
            let (a, o2) = m.addingReportingOverflow(Int64(bytes[k] &- 0x30))
            if o1 || o2 { return nil }
            value = a
            digits += 1
            k += 1
        }
        guard digits > 0 else { return nil }
        if k < range.upperBound && bytes[k] == UInt8(ascii: ".") {
            k += 1
            while k < range.upperBound, bytes[k] &- 0x30 < 10 { k += 1 }
        }
        if k < range.upperBound {
            // An exponent goes through Double; anything else is not a number.
            guard bytes[k] == UInt8(ascii: "e") || bytes[k] == UInt8(ascii: "E") else { return nil }
            let text = String(decoding: bytes[range], as: UTF8.self)
            guard let d = Double(text), d.isFinite, abs(d) < 9.2e18 else { return nil }
            return Int64(d.rounded(.towardZero))
        }
        return negative ? -value : value
    }

    private static func unescape(_ inner: ArraySlice<UInt8>) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(inner.count)
        var k = inner.startIndex
        var pendingHigh: UInt32?
        func hex(_ at: Int) -> UInt32? {
            guard at + 4 <= inner.endIndex else { return nil }
            var v: UInt32 = 0
            for j in at..<(at + 4) {
                let c = inner[j]
                let d: UInt8
                switch c {
                case 0x30...0x39: d = c - 0x30
                case 0x41...0x46: d = c - 0x41 + 10
                case 0x61...0x66: d = c - 0x61 + 10
                default: return nil
                }
                v = v << 4 | UInt32(d)
            }
            return v
        }
        func append(_ scalar: UInt32) {
            let s = Unicode.Scalar(scalar) ?? "\u{FFFD}"
            out.append(contentsOf: Array(String(Character(s)).utf8))
        }
        while k < inner.endIndex {
            let c = inner[k]
            if c != 0x5C {
                if let high = pendingHigh {
                    append(high)
                    pendingHigh = nil
                }
                out.append(c)
                k += 1
                continue
            }
            guard k + 1 < inner.endIndex else { return nil }
            let e = inner[k + 1]
            if e == UInt8(ascii: "u") {
                guard let v = hex(k + 2) else { return nil }
                k += 6
                if v >= 0xD800 && v < 0xDC00 {
                    if let high = pendingHigh { append(high) }
                    pendingHigh = v
                } else if v >= 0xDC00 && v < 0xE000, let high = pendingHigh {
                    append(0x10000 + ((high - 0xD800) << 10) + (v - 0xDC00))
                    pendingHigh = nil
                } else {
                    if let high = pendingHigh {
                        append(high)
                        pendingHigh = nil
                    }
                    append(v)
                }
                continue
            }
            if let high = pendingHigh {
                append(high)
                pendingHigh = nil
            }
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            default: out.append(e)
            }
            k += 2
        }
        if let high = pendingHigh { append(high) }
        return String(decoding: out, as: UTF8.self)
    }
}

/// One pass over a top-level object, remembering the value ranges of five member names.
private struct TopLevelScanner {
    let p: UnsafePointer<UInt8>
    let n: Int
    var i = 0

    @inline(__always)
    mutating func skipWhitespace() {
        while self.i < self.n {
            let c = self.p[self.i]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            self.i += 1
        }
    }

    /// From an opening quote to just past the closing one; false if unterminated.
    @inline(__always)
    mutating func skipString() -> Bool {
        var k = self.i + 1
        while k < self.n {
            guard let found = memchr(self.p + k, 0x22, self.n - k) else { return false }
            let q = self.p.distance(to: found.assumingMemoryBound(to: UInt8.self))
            var backslashes = 0
            var b = q - 1
            while b > self.i && self.p[b] == 0x5C {
                backslashes += 1
                b -= 1
            }
            if backslashes & 1 == 0 {
                self.i = q + 1
                return true
            }
            k = q + 1
        }
        return false
    }

    mutating func skipValue() -> Bool {
        guard self.i < self.n else { return false }
        let c = self.p[self.i]
        if c == 0x22 { return self.skipString() }
        if c == UInt8(ascii: "{") || c == UInt8(ascii: "[") {
            var depth = 0
            while self.i < self.n {
                let b = self.p[self.i]
                if b == 0x22 {
                    if !self.skipString() { return false }
                    continue
                }
                if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
                    depth += 1
                } else if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
                    depth -= 1
                    if depth == 0 {
                        self.i += 1
                        return true
                    }
                }
                self.i += 1
            }
            return false
        }
        while self.i < self.n {
            let b = self.p[self.i]
            if b == UInt8(ascii: ",") || b == UInt8(ascii: "}") || b == UInt8(ascii: "]")
                || b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09
            {
                break
            }
            self.i += 1
        }
        return true
    }

    @inline(__always)
    func keyIs(_ start: Int, _ count: Int, _ word: StaticString) -> Bool {
        count == word.utf8CodeUnitCount && memcmp(self.p + start, word.utf8Start, count) == 0
    }

    mutating func scan() -> EventFields.Ranges {
        var ranges = EventFields.Ranges()
        self.skipWhitespace()
        guard self.i < self.n, self.p[self.i] == UInt8(ascii: "{") else { return ranges }
        self.i += 1
        while true {
            self.skipWhitespace()
            guard self.i < self.n, self.p[self.i] == 0x22 else { return ranges }
            let keyStart = self.i + 1
            guard self.skipString() else { return ranges }
            let keyCount = self.i - 1 - keyStart
            self.skipWhitespace()
            guard self.i < self.n, self.p[self.i] == UInt8(ascii: ":") else { return ranges }
            self.i += 1
            self.skipWhitespace()
            let valueStart = self.i
            guard self.skipValue() else { return ranges }
            let range = valueStart..<self.i
            switch keyCount {
            case 5 where self.keyIs(keyStart, keyCount, "event"): ranges.kind = range
            case 9 where self.keyIs(keyStart, keyCount, "timestamp"): ranges.timestamp = range
            case 9 where self.keyIs(keyStart, keyCount, "visitorId"): ranges.visitorId = range
            case 9 where self.keyIs(keyStart, keyCount, "accountId"): ranges.accountId = range
            case 8 where self.keyIs(keyStart, keyCount, "uniqueId"): ranges.uniqueId = range
            default: break
            }
            self.skipWhitespace()
            guard self.i < self.n, self.p[self.i] == UInt8(ascii: ",") else { return ranges }
            self.i += 1
        }
    }
}
