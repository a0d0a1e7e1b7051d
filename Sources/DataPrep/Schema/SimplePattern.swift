/// A hand-written matcher for the simple schema patterns XDM fields use (`^[0-9a-f]{64}$`,
/// `^[A-Z]{2}-[0-9]+$`): anchored at both ends, a few ASCII character classes or literals, each
/// with an optional counted quantifier. Checking a string this way costs a byte loop instead of
/// bridging to `NSRegularExpression`; any pattern outside that shape gives nil and the schema
/// keeps using the regular expression, so results are always the regex's.
struct SimplePattern: Sendable, Equatable {
    /// One class or literal with its repetition bounds.
    struct Atom: Sendable, Equatable {
        /// The ASCII bytes accepted, as a 128-bit set (low: 0..<64, high: 64..<128).
        var low: UInt64 = 0
        var high: UInt64 = 0
        var minimum = 1
        /// Nil for unbounded (`+`, `*`, `{n,}`).
        var maximum: Int? = 1

        mutating func insert(_ byte: UInt8) {
            if byte < 64 { self.low |= 1 << UInt64(byte) } else { self.high |= 1 << UInt64(byte - 64) }
        }

        @inline(__always)
        func contains(_ byte: UInt8) -> Bool {
            if byte < 64 { return self.low & (1 << UInt64(byte)) != 0 }
            if byte < 128 { return self.high & (1 << UInt64(byte - 64)) != 0 }
            return false
        }
    }

    /// At most this many atoms: the matcher backtracks, and a short list keeps it cheap.
    static let maximumAtoms = 4

    let atoms: [Atom]

    /// Compiles `pattern`, or nil when it is not of the simple shape.
    init?(_ pattern: String) {
        let bytes = Array(pattern.utf8)
        guard bytes.count >= 3, bytes.first == UInt8(ascii: "^"), bytes.last == UInt8(ascii: "$") else { return nil }
        var atoms: [Atom] = []
        var index = 1
        let end = bytes.count - 1
        while index < end {
            var atom = Atom()
            let byte = bytes[index]
            if byte == UInt8(ascii: "[") {
                index += 1
                guard index < end, bytes[index] != UInt8(ascii: "^") else { return nil }
                var members: [UInt8] = []
                var closed = false
                while index < end {
                    var member = bytes[index]
                    if member == UInt8(ascii: "]") && !members.isEmpty {
                        closed = true
                        index += 1
                        break
                    }
                    if member == UInt8(ascii: "-"), !members.isEmpty, index + 1 < end,
                        bytes[index + 1] != UInt8(ascii: "]")
                    {
                        return nil  // a `-` after a range or member, not last: leave ICU's reading to ICU
                    }
                    if member == UInt8(ascii: "\\") {
                        guard index + 1 < end, Self.isEscapablePunctuation(bytes[index + 1]) else { return nil }
                        index += 1
                        member = bytes[index]
                    } else if !Self.isPlainClassMember(member) {
                        return nil
                    }
                    // A range `a-z` (a `-` first or last in the class is itself).
                    if index + 2 < end, bytes[index + 1] == UInt8(ascii: "-"), bytes[index + 2] != UInt8(ascii: "]") {
                        let upper = bytes[index + 2]
                        guard Self.isPlainClassMember(upper), upper != UInt8(ascii: "-"), member <= upper else {
                            return nil
                        }
                        for value in member...upper { members.append(value) }
                        index += 3
                        continue
                    }
                    members.append(member)
                    index += 1
                }
                guard closed else { return nil }
                for member in members { atom.insert(member) }
            } else if byte == UInt8(ascii: "\\") {
                guard index + 1 < end, Self.isEscapablePunctuation(bytes[index + 1]) else { return nil }
                atom.insert(bytes[index + 1])
                index += 2
            } else if Self.isLiteral(byte) {
                atom.insert(byte)
                index += 1
            } else {
                return nil
            }
            // The quantifier, if any.
            if index < end {
                switch bytes[index] {
                case UInt8(ascii: "+"):
                    atom.minimum = 1
                    atom.maximum = nil
                    index += 1
                case UInt8(ascii: "*"):
                    atom.minimum = 0
                    atom.maximum = nil
                    index += 1
                case UInt8(ascii: "?"):
                    atom.minimum = 0
                    atom.maximum = 1
                    index += 1
                case UInt8(ascii: "{"):
                    index += 1
                    guard let low = Self.number(bytes, &index, end: end) else { return nil }
                    atom.minimum = low
                    atom.maximum = low
                    if index < end, bytes[index] == UInt8(ascii: ",") {
                        index += 1
                        if index < end, bytes[index] == UInt8(ascii: "}") {
                            atom.maximum = nil
                        } else {
                            guard let high = Self.number(bytes, &index, end: end), high >= low else { return nil }
                            atom.maximum = high
                        }
                    }
                    guard index < end, bytes[index] == UInt8(ascii: "}") else { return nil }
                    index += 1
                default: break
                }
                // Lazy or possessive quantifiers, and stacked ones, are left to the regex.
                if index < end,
                    [UInt8(ascii: "?"), UInt8(ascii: "+"), UInt8(ascii: "*"), UInt8(ascii: "{")].contains(bytes[index])
                {
                    return nil
                }
            }
            atoms.append(atom)
            guard atoms.count <= Self.maximumAtoms else { return nil }
        }
        guard !atoms.isEmpty else { return nil }
        self.atoms = atoms
    }

    /// Whether `text` matches, as `NSRegularExpression.firstMatch` would find a match: `$` also
    /// matches before one line terminator ending the text.
    func matches(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { self.matches(utf8: $0) }
    }

    /// `matches` on the text's UTF-8 bytes.
    func matches(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        if self.match(bytes, atom: 0, position: 0, end: bytes.count) { return true }
        let count = bytes.count
        guard count > 0 else { return false }
        // ICU's line terminators: \n, \r, \r\n, U+0085, U+2028, U+2029.
        var stripped: Int?
        if bytes[count - 1] == 0x0A {
            stripped = count >= 2 && bytes[count - 2] == 0x0D ? count - 2 : count - 1
        } else if bytes[count - 1] == 0x0D {
            stripped = count - 1
        } else if count >= 2, bytes[count - 2] == 0xC2, bytes[count - 1] == 0x85 {
            stripped = count - 2
        } else if count >= 3, bytes[count - 3] == 0xE2, bytes[count - 2] == 0x80,
            bytes[count - 1] == 0xA8 || bytes[count - 1] == 0xA9
        {
            stripped = count - 3
        }
        guard let stripped else { return false }
        return self.match(bytes, atom: 0, position: 0, end: stripped)
    }

    private func match(_ bytes: UnsafeBufferPointer<UInt8>, atom index: Int, position: Int, end: Int) -> Bool {
        if index == self.atoms.count { return position == end }
        let atom = self.atoms[index]
        let limit = atom.maximum.map { min(end, position + $0) } ?? end
        var run = position
        while run < limit, atom.contains(bytes[run]) { run += 1 }
        let taken = run - position
        guard taken >= atom.minimum else { return false }
        if index + 1 == self.atoms.count { return run == end }
        var count = taken
        while count >= atom.minimum {
            if self.match(bytes, atom: index + 1, position: position + count, end: end) { return true }
            count -= 1
        }
        return false
    }

    private static func number(_ bytes: [UInt8], _ index: inout Int, end: Int) -> Int? {
        var value = 0
        var digits = 0
        while index < end, bytes[index] >= 48, bytes[index] <= 57 {
            value = value * 10 + Int(bytes[index] - 48)
            digits += 1
            index += 1
            guard value <= 100_000 else { return nil }
        }
        return digits > 0 ? value : nil
    }

    /// Letters, digits and a few punctuation characters with no regex meaning outside a class.
    private static func isLiteral(_ byte: UInt8) -> Bool {
        Self.isAlphanumeric(byte) || "-_:/@#,=%!'\"<>;&~` ".utf8.contains(byte)
    }

    /// Members of a class written without escape (ICU gives `[`, `&`, `\`, `^` meanings there).
    private static func isPlainClassMember(_ byte: UInt8) -> Bool {
        Self.isAlphanumeric(byte) || "-_:/@#,=%!'\".+*?(){}|$<>;~` ".utf8.contains(byte)
    }

    private static func isEscapablePunctuation(_ byte: UInt8) -> Bool {
        ".-[]\\/+*?(){}|^$:_@#".utf8.contains(byte)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
    }
}
