/// Java's `String` rules where Swift's differ: lengths and positions in UTF-16 units, equality of
/// units (no canonical equivalence), `toLowerCase` with the final sigma, `equalsIgnoreCase`'s
/// per-character rule, and `indexOf`. Adobe's Data Prep runs on the JVM, so these are what it does.
enum JavaString {
    /// `s.length()`: UTF-16 units (an emoji counts two).
    static func length(_ text: String) -> Int {
        text.utf16.count
    }

    /// The UTF-16 units of `text`.
    static func units(_ text: String) -> [UInt16] {
        Array(text.utf16)
    }

    /// The text of UTF-16 units; a surrogate left alone by a cut through a pair becomes U+FFFD,
    /// which is what a UTF-8 record can hold.
    static func string(_ units: ArraySlice<UInt16>) -> String {
        String(decoding: units, as: UTF16.self)
    }

    /// `a.equals(b)`: the same UTF-16 units (precomposed `é` differs from `e` and a combining
    /// accent, which Swift's `==` would call equal). Equal UTF-8 bytes are equal UTF-16 units, and
    /// equal units are canonically equivalent, so Swift's fast `==` settles every "no" (the common
    /// answer of `decode`'s key comparisons) and the bytes are compared only after a "yes".
    static func equals(_ lhs: String, _ rhs: String) -> Bool {
        lhs == rhs && lhs.utf8.elementsEqual(rhs.utf8)
    }

    /// `a.equalsIgnoreCase(b)`: the same length in UTF-16 units and, code point by code point,
    /// equal, or equal after the simple upper-case mapping, or after lower-casing those.
    static func equalsIgnoreCase(_ lhs: String, _ rhs: String) -> Bool {
        if Self.equals(lhs, rhs) { return true }
        guard lhs.utf16.count == rhs.utf16.count else { return false }
        var right = rhs.unicodeScalars.makeIterator()
        for a in lhs.unicodeScalars {
            guard let b = right.next() else { return false }
            if a == b { continue }
            let upperA = Self.simpleUppercase(a)
            let upperB = Self.simpleUppercase(b)
            if upperA == upperB { continue }
            if Self.simpleLowercase(upperA) == Self.simpleLowercase(upperB) { continue }
            return false
        }
        return right.next() == nil
    }

    /// `Character.toUpperCase(int)`: the one-to-one mapping (`ß` stays `ß`; a letter whose full
    /// mapping has several characters takes its title-case one when that is a single one, as the
    /// Greek letters with a subscript iota do).
    static func simpleUppercase(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.value < 0x80 {
            return scalar.value >= 0x61 && scalar.value <= 0x7A ? Unicode.Scalar(scalar.value - 0x20)! : scalar
        }
        let properties = scalar.properties
        if let single = Self.single(properties.uppercaseMapping) { return single }
        if let single = Self.single(properties.titlecaseMapping) { return single }
        return scalar
    }

    /// `Character.toLowerCase(int)`: the one-to-one mapping (`İ` is `i`).
    static func simpleLowercase(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        if scalar.value < 0x80 {
            return scalar.value >= 0x41 && scalar.value <= 0x5A ? Unicode.Scalar(scalar.value + 0x20)! : scalar
        }
        if scalar.value == 0x130 { return "i" }
        return Self.single(scalar.properties.lowercaseMapping) ?? scalar
    }

    private static func single(_ mapping: String) -> Unicode.Scalar? {
        var scalars = mapping.unicodeScalars.makeIterator()
        guard let first = scalars.next(), scalars.next() == nil else { return nil }
        return first
    }

    /// `s.toLowerCase(Locale.ROOT)`: Unicode's full mappings, and a capital sigma that ends a word
    /// becomes the final `ς` (`ΟΔΟΣ` is `οδος`). The JDK's rule: within the word (its word
    /// boundaries), a cased letter somewhere before the sigma and none after it.
    static func lowercased(_ text: String) -> String {
        // U+03A3 is CE A3 in UTF-8; without it, the stdlib's mapping is Java's.
        guard text.utf8.contains(0xA3), text.unicodeScalars.contains("\u{03A3}") else { return text.lowercased() }
        let scalars = Array(text.unicodeScalars)
        var result = ScalarBuffer(capacity: text.utf8.count)
        for (index, scalar) in scalars.enumerated() {
            if scalar == "\u{03A3}" {
                let sigma: Unicode.Scalar = Self.isFinalSigma(scalars, index) ? "\u{03C2}" : "\u{03C3}"
                result.append(sigma)
            } else {
                result.append(scalar.properties.lowercaseMapping)
            }
        }
        return result.string
    }

    static func isFinalSigma(_ scalars: [Unicode.Scalar], _ index: Int) -> Bool {
        var position = index
        while position > 0, !WordBoundary.isBoundary(scalars, position) {
            if scalars[position - 1].properties.isCased {
                var after = index + 1
                while after < scalars.count, !WordBoundary.isBoundary(scalars, after) {
                    if scalars[after].properties.isCased { return false }
                    after += 1
                }
                return true
            }
            position -= 1
        }
        return false
    }

    /// `s.indexOf(sub, from)` on UTF-16 units: -1 when absent; an empty `sub` is found at `from`
    /// (at the end when `from` is past it).
    static func indexOf(_ haystack: [UInt16], _ needle: [UInt16], from: Int) -> Int {
        let start = max(from, 0)
        if start >= haystack.count { return needle.isEmpty ? haystack.count : -1 }
        guard needle.count <= haystack.count else { return -1 }
        var position = start
        while position + needle.count <= haystack.count {
            if needle.isEmpty
                || (haystack[position] == needle[0]
                    && haystack[position..<position + needle.count].elementsEqual(needle))
            {
                return position
            }
            position += 1
        }
        return -1
    }
}

/// Word boundaries as Unicode's word-break rules draw them, reduced to what decides a final
/// sigma: letters, digits, marks and connectors hold together, and so do the punctuation marks
/// that join two letters (`'`, `.`, `:`, `·`) or two digits (`,`, `.`, `;`).
enum WordBoundary {
    enum Kind { case letter, number, extend, connector, midLetter, midNumber, midBoth, other }

    static func kind(_ scalar: Unicode.Scalar) -> Kind {
        switch scalar.value {
        case 0x27, 0x2E, 0x2018, 0x2019, 0x2024, 0xFE52, 0xFF07, 0xFF0E: return .midBoth
        // The JDK's word rules also hold a hyphen between letters (`ΣΑΣ-Α` is one word).
        case 0x2D, 0x3A, 0xB7, 0x387, 0x5F4, 0x2027, 0xFE13, 0xFE55, 0xFF1A: return .midLetter
        case 0x2C, 0x3B, 0x37E, 0x589, 0x60C, 0x60D, 0x66C, 0x7F8, 0x2044, 0xFE10, 0xFE14, 0xFE50, 0xFE54, 0xFF0C,
            0xFF1B:
            return .midNumber
        case 0x200C, 0x200D: return .extend
        default: break
        }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .format: return .extend
        case .decimalNumber: return .number
        case .connectorPunctuation: return .connector
        default: return scalar.properties.isAlphabetic ? .letter : .other
        }
    }

    /// Whether there is a boundary between `scalars[index - 1]` and `scalars[index]`.
    static func isBoundary(_ scalars: [Unicode.Scalar], _ index: Int) -> Bool {
        guard index > 0, index < scalars.count else { return true }
        let right = Self.kind(scalars[index])
        if right == .extend { return false }
        guard let leftIndex = Self.previous(scalars, before: index) else { return true }
        let left = Self.kind(scalars[leftIndex])
        let joins: Set<Kind> = [.letter, .number, .connector]
        if joins.contains(left) && joins.contains(right) { return false }
        if left == .letter, right == .midLetter || right == .midBoth,
            let next = Self.next(scalars, after: index), Self.kind(scalars[next]) == .letter
        {
            return false
        }
        if right == .letter, left == .midLetter || left == .midBoth,
            let before = Self.previous(scalars, before: leftIndex), Self.kind(scalars[before]) == .letter
        {
            return false
        }
        if left == .number, right == .midNumber || right == .midBoth,
            let next = Self.next(scalars, after: index), Self.kind(scalars[next]) == .number
        {
            return false
        }
        if right == .number, left == .midNumber || left == .midBoth,
            let before = Self.previous(scalars, before: leftIndex), Self.kind(scalars[before]) == .number
        {
            return false
        }
        return true
    }

    /// The index of the nearest scalar before `index` that is not a mark (marks belong to the
    /// letter they follow).
    static func previous(_ scalars: [Unicode.Scalar], before index: Int) -> Int? {
        var position = index - 1
        while position >= 0 {
            if Self.kind(scalars[position]) != .extend { return position }
            position -= 1
        }
        return nil
    }

    static func next(_ scalars: [Unicode.Scalar], after index: Int) -> Int? {
        var position = index + 1
        while position < scalars.count {
            if Self.kind(scalars[position]) != .extend { return position }
            position += 1
        }
        return nil
    }
}

/// `new String(bytes, UTF_8)` of the JDK: valid UTF-8 decoded, and each malformed sequence
/// replaced by one U+FFFD as the JDK delimits it (an encoded surrogate `ED A0 80` is one; an
/// overlong `E0 80 80` is three, since its second byte already fails). Swift's own decoder
/// replaces the maximal valid prefix instead, which differs for those two shapes.
enum JavaUTF8 {
    static let replacement: UInt16 = 0xFFFD

    static func decode(_ bytes: [UInt8], into out: inout [UInt16]) {
        func isContinuation(_ byte: UInt8) -> Bool { byte & 0xC0 == 0x80 }
        let count = bytes.count
        var index = 0
        while index < count {
            let b1 = bytes[index]
            index += 1
            switch b1 {
            case 0x00...0x7F:
                out.append(UInt16(b1))
            case 0xC2...0xDF:
                guard index < count else {
                    out.append(Self.replacement)
                    return
                }
                let b2 = bytes[index]
                guard isContinuation(b2) else {
                    out.append(Self.replacement)
                    continue
                }
                index += 1
                out.append(UInt16(b1 & 0x1F) << 6 | UInt16(b2 & 0x3F))
            case 0xE0...0xEF:
                if index + 1 < count {
                    let b2 = bytes[index]
                    let b3 = bytes[index + 1]
                    let badSecond = (b1 == 0xE0 && b2 & 0xE0 == 0x80) || !isContinuation(b2)
                    if badSecond || !isContinuation(b3) {
                        out.append(Self.replacement)
                        index += badSecond ? 0 : 1
                        continue
                    }
                    index += 2
                    let unit = UInt16(b1 & 0x0F) << 12 | UInt16(b2 & 0x3F) << 6 | UInt16(b3 & 0x3F)
                    out.append((0xD800...0xDFFF).contains(unit) ? Self.replacement : unit)
                    continue
                }
                if index < count, (b1 == 0xE0 && bytes[index] & 0xE0 == 0x80) || !isContinuation(bytes[index]) {
                    out.append(Self.replacement)
                    continue
                }
                out.append(Self.replacement)
                return
            case 0xF0...0xF7:
                if index + 2 < count {
                    let b2 = bytes[index]
                    let b3 = bytes[index + 1]
                    let b4 = bytes[index + 2]
                    let scalar =
                        UInt32(b1 & 0x07) << 18 | UInt32(b2 & 0x3F) << 12 | UInt32(b3 & 0x3F) << 6 | UInt32(b4 & 0x3F)
                    if !isContinuation(b2) || !isContinuation(b3) || !isContinuation(b4)
                        || !(0x10000...0x10FFFF).contains(scalar)
                    {
                        out.append(Self.replacement)
                        if b1 > 0xF4 || (b1 == 0xF0 && (b2 < 0x90 || b2 > 0xBF)) || (b1 == 0xF4 && b2 & 0xF0 != 0x80)
                            || !isContinuation(b2)
                        {
                            continue
                        }
                        index += isContinuation(b3) ? 2 : 1
                        continue
                    }
                    index += 3
                    let offset = scalar - 0x10000
                    out.append(UInt16(0xD800 + (offset >> 10)))
                    out.append(UInt16(0xDC00 + (offset & 0x3FF)))
                    continue
                }
                if b1 > 0xF4 || (index < count && Self.badSecondOfFour(b1, bytes[index])) {
                    out.append(Self.replacement)
                    continue
                }
                index += 1
                if index < count, !isContinuation(bytes[index]) {
                    out.append(Self.replacement)
                    continue
                }
                out.append(Self.replacement)
                return
            default:
                out.append(Self.replacement)
            }
        }
    }

    static func badSecondOfFour(_ b1: UInt8, _ b2: UInt8) -> Bool {
        (b1 == 0xF0 && (b2 < 0x90 || b2 > 0xBF)) || (b1 == 0xF4 && b2 & 0xF0 != 0x80) || b2 & 0xC0 != 0x80
    }
}
