/// Rewrites a `java.util.regex` pattern into the ICU pattern (`NSRegularExpression`) that matches
/// the same texts. The two syntaxes agree on almost everything; their defaults do not:
///
/// - `\w \d \s` (and `\W \D \S`) are ASCII in Java (`[a-zA-Z_0-9]`, `[0-9]`, `[ \t\n\x0B\f\r]`),
///   Unicode in ICU; likewise the POSIX classes `\p{Alpha}`, `\p{Lower}`, `\p{Punct}`...
/// - `\b` in Java 17 takes letters, decimal digits, `_` and non-spacing marks as word characters.
/// - `(?i)` is ASCII-only in Java (`(?i)strasse` does not match `Straße`, `(?i)é` not `É`); ICU
///   folds all of Unicode. Here it becomes explicit sets (`[sS]`); `(?iu)` (Java's Unicode case)
///   becomes the sets of Java's simple case mappings.
/// - `\p{javaLowerCase}`, `\p{IsLatin}`, `\p{InGreek}` are Java names ICU spells differently.
/// With `(?U)` (Java's UNICODE_CHARACTER_CLASS) the classes are Unicode, as in ICU.
struct JavaRegexTranslator {
    struct Flags {
        var caseInsensitive = false
        var unicodeCase = false
        var unicodeClasses = false
        var comments = false
    }

    let scalars: [Unicode.Scalar]
    var index = 0
    var output = ""
    var flags = Flags()
    var saved: [Flags] = []

    /// The ICU pattern for a Java pattern; errors are left for ICU to report (same text).
    static func translate(_ pattern: String) -> String {
        var translator = JavaRegexTranslator(scalars: Array(pattern.unicodeScalars))
        translator.run()
        return translator.output
    }

    static let wordSet = "\\p{L}\\p{Nd}_\\p{Mn}"
    static let spaceBody = "\\t\\n\\x{0B}\\f\\r\\x{20}"

    var peek: Unicode.Scalar? { self.index < self.scalars.count ? self.scalars[self.index] : nil }

    func at(_ offset: Int) -> Unicode.Scalar? {
        self.index + offset < self.scalars.count ? self.scalars[self.index + offset] : nil
    }

    mutating func run() {
        while let scalar = self.peek {
            switch scalar {
            case "\\":
                self.escape(inClass: false)
            case "[":
                let set = self.characterClass()
                self.output += self.flags.caseInsensitive && self.flags.unicodeCase ? "(?i:\(set))" : set
            case "(":
                self.group()
            case ")":
                self.flags = self.saved.popLast() ?? self.flags
                self.output += ")"
                self.index += 1
            case "#" where self.flags.comments:
                while let next = self.peek, next != "\n" { self.index += 1 }
            case "{":
                // A quantifier: digits and a comma, copied as they are.
                while let next = self.peek {
                    self.output.unicodeScalars.append(next)
                    self.index += 1
                    if next == "}" { break }
                }
            case let space where self.flags.comments && " \t\n\r\u{0B}\u{0C}".unicodeScalars.contains(space):
                self.index += 1
            case "^", "$", ".", "|", "?", "*", "+", "}", "]":
                self.output.unicodeScalars.append(scalar)
                self.index += 1
            default:
                self.literal(scalar)
                self.index += 1
            }
        }
    }

    /// A literal character, as the current case rule matches it.
    mutating func literal(_ scalar: Unicode.Scalar) {
        let variants = self.caseVariants(scalar)
        if variants.count > 1 {
            self.output += "["
            for variant in variants { self.output += Self.escaped(variant) }
            self.output += "]"
        } else {
            self.output += Self.escaped(scalar)
        }
    }

    /// The characters `scalar` matches: itself, and under `(?i)` its other ASCII case, or under
    /// `(?iu)` every character with the same simple case mappings (`k`, `K` and the Kelvin sign).
    func caseVariants(_ scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        guard self.flags.caseInsensitive else { return [scalar] }
        if !self.flags.unicodeCase {
            switch scalar.value {
            case 0x41...0x5A: return [scalar, Unicode.Scalar(scalar.value + 0x20)!]
            case 0x61...0x7A: return [scalar, Unicode.Scalar(scalar.value - 0x20)!]
            default: return [scalar]
            }
        }
        return CaseClosure.variants(of: scalar)
    }

    static func escaped(_ scalar: Unicode.Scalar) -> String {
        if scalar.value < 0x80, !(scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) {
            return "\\x{\(String(scalar.value, radix: 16))}"
        }
        return String(scalar)
    }

    mutating func group() {
        self.saved.append(self.flags)
        guard self.at(1) == "?" else {
            self.output += "("
            self.index += 1
            return
        }
        // Flags: (?idmsuxU-idmsuxU) or (?idmsuxU-idmsuxU:...)
        var offset = 2
        var on = true
        var flags = self.flags
        var icu = ""
        while let letter = self.at(offset), "idmsuxU-".unicodeScalars.contains(letter) {
            switch letter {
            case "-":
                on = false
                icu += "-"
            case "i": flags.caseInsensitive = on
            case "u": flags.unicodeCase = on
            case "U":
                flags.unicodeClasses = on
                if on { flags.unicodeCase = true }
            case "x":
                flags.comments = on
                icu += "x"
            case "m", "s": icu.unicodeScalars.append(letter)
            default: break
            }
            offset += 1
        }
        if offset > 2, let end = self.at(offset), end == ")" || end == ":" {
            if icu.hasSuffix("-") { icu.removeLast() }
            if icu == "-" { icu = "" }
            if end == ")" {
                // Applies to the rest of the enclosing group: not a group of its own.
                _ = self.saved.popLast()
                self.flags = flags
                if !icu.isEmpty { self.output += "(?\(icu))" }
            } else {
                self.flags = flags
                self.output += icu.isEmpty ? "(?:" : "(?\(icu):"
            }
            self.index += offset + 1
            return
        }
        // Another group kind: (?: (?= (?! (?> (?<= (?<! (?<name>: copied as written.
        self.output += "(?"
        self.index += 2
        if self.peek == "<", let next = self.at(1), next != "=", next != "!" {
            while let scalar = self.peek {
                self.output.unicodeScalars.append(scalar)
                self.index += 1
                if scalar == ">" { break }
            }
        } else {
            // The kind's own characters: `:`, `=`, `!`, `>`, `<=`, `<!`.
            if self.peek == "<" {
                self.output += "<"
                self.index += 1
            }
            if let kind = self.peek, ":=!>".unicodeScalars.contains(kind) {
                self.output.unicodeScalars.append(kind)
                self.index += 1
            }
        }
    }

    /// `\...` at `index`.
    mutating func escape(inClass: Bool) {
        guard let letter = self.at(1) else {
            self.output += "\\"
            self.index += 1
            return
        }
        self.index += 2
        let ascii = !self.flags.unicodeClasses
        switch letter {
        case "d" where ascii: self.output += inClass ? "0-9" : "[0-9]"
        case "D" where ascii: self.output += "[^0-9]"
        case "w" where ascii: self.output += inClass ? "a-zA-Z_0-9" : "[a-zA-Z_0-9]"
        case "W" where ascii: self.output += "[^a-zA-Z_0-9]"
        case "s" where ascii: self.output += inClass ? Self.spaceBody : "[\(Self.spaceBody)]"
        case "S" where ascii: self.output += "[^\(Self.spaceBody)]"
        case "b" where ascii && !inClass:
            self.output += "(?:(?<=[\(Self.wordSet)])(?![\(Self.wordSet)])|(?<![\(Self.wordSet)])(?=[\(Self.wordSet)]))"
        case "B" where ascii && !inClass:
            self.output += "(?:(?<=[\(Self.wordSet)])(?=[\(Self.wordSet)])|(?<![\(Self.wordSet)])(?![\(Self.wordSet)]))"
        case "p", "P":
            var name = ""
            if self.peek == "{" {
                self.index += 1
                while let scalar = self.peek, scalar != "}" {
                    name.unicodeScalars.append(scalar)
                    self.index += 1
                }
                self.index += 1
            } else if let single = self.peek {
                name = String(single)
                self.index += 1
            }
            let negated = letter == "P"
            if let body = Self.asciiProperty(name), ascii {
                self.output += negated ? "[^\(body)]" : (inClass ? body : "[\(body)]")
            } else {
                self.output += "\\\(letter){\(Self.icuPropertyName(name))}"
            }
        case "Q":
            while let scalar = self.peek {
                if scalar == "\\", self.at(1) == "E" {
                    self.index += 2
                    break
                }
                if inClass {
                    self.output += Self.escaped(scalar)
                } else {
                    self.literal(scalar)
                }
                self.index += 1
            }
        case "u":
            var value: UInt32 = 0
            var digits = 0
            while digits < 4, let scalar = self.peek, let digit = Int(String(scalar), radix: 16) {
                value = value * 16 + UInt32(digit)
                digits += 1
                self.index += 1
            }
            // A surrogate pair written as two escapes is one character, as in Java.
            if (0xD800...0xDBFF).contains(value), self.peek == "\\", self.at(1) == "u" {
                let low = String(
                    String.UnicodeScalarView(
                        self.scalars[min(self.index + 2, self.scalars.count)..<min(self.index + 6, self.scalars.count)])
                )
                if let lowValue = UInt32(low, radix: 16), (0xDC00...0xDFFF).contains(lowValue) {
                    value = 0x10000 + ((value - 0xD800) << 10) + (lowValue - 0xDC00)
                    self.index += 6
                }
            }
            if let scalar = Unicode.Scalar(value), digits == 4 {
                if inClass { self.output += Self.escaped(scalar) } else { self.literal(scalar) }
            } else {
                self.output += "\\u" + String(value, radix: 16)
            }
        case "k", "c":
            // \k<name> and \cX: copied as written.
            self.output += "\\"
            self.output.unicodeScalars.append(letter)
            while let scalar = self.peek {
                self.output.unicodeScalars.append(scalar)
                self.index += 1
                if letter == "c" || scalar == ">" { break }
            }
        default:
            self.output += "\\"
            self.output.unicodeScalars.append(letter)
        }
    }

    /// `[...]` at `index`, nested classes and `&&` included, as an ICU set.
    mutating func characterClass() -> String {
        var set = "["
        self.index += 1
        if self.peek == "^" {
            set += "^"
            self.index += 1
        }
        while let scalar = self.peek, scalar != "]" {
            switch scalar {
            case "[":
                set += self.characterClass()
            case "&" where self.at(1) == "&":
                set += "&&"
                self.index += 2
            case "\\":
                let before = self.output
                self.output = ""
                self.escape(inClass: true)
                set += self.output
                self.output = before
            case let space where self.flags.comments && " \t\n\r\u{0B}\u{0C}".unicodeScalars.contains(space):
                self.index += 1
            default:
                self.index += 1
                var upper = scalar
                if self.peek == "-", let high = self.at(1), high != "]", high != "[", high != "\\" {
                    upper = high
                    self.index += 2
                }
                set += Self.escaped(scalar) + (upper == scalar ? "" : "-" + Self.escaped(upper))
                if self.flags.caseInsensitive && !self.flags.unicodeCase {
                    set += Self.otherASCIICase(scalar.value, upper.value)
                }
            }
        }
        self.index += 1
        return set + "]"
    }

    /// The part of `low...high` in `a-z` as upper case, and in `A-Z` as lower case.
    static func otherASCIICase(_ low: UInt32, _ high: UInt32) -> String {
        var extra = ""
        for (start, end, shift) in [(UInt32(0x61), UInt32(0x7A), -32), (UInt32(0x41), UInt32(0x5A), 32)] {
            let from = max(low, start)
            let to = min(high, end)
            guard from <= to else { continue }
            let a = Unicode.Scalar(UInt32(Int(from) + shift))!
            let b = Unicode.Scalar(UInt32(Int(to) + shift))!
            extra += from == to ? String(a) : "\(a)-\(b)"
        }
        return extra
    }

    /// Java's POSIX classes, which are ASCII unless `(?U)`.
    static func asciiProperty(_ name: String) -> String? {
        switch name {
        case "Lower": return "a-z"
        case "Upper": return "A-Z"
        case "ASCII": return "\\x{00}-\\x{7F}"
        case "Alpha": return "a-zA-Z"
        case "Digit": return "0-9"
        case "Alnum": return "a-zA-Z0-9"
        case "Punct": return "\\x{21}-\\x{2F}\\x{3A}-\\x{40}\\x{5B}-\\x{60}\\x{7B}-\\x{7E}"
        case "Graph": return "\\x{21}-\\x{7E}"
        case "Print": return "\\x{20}-\\x{7E}"
        case "Blank": return "\\x{20}\\t"
        case "Cntrl": return "\\x{00}-\\x{1F}\\x{7F}"
        case "XDigit": return "0-9a-fA-F"
        case "Space": return Self.spaceBody
        default: return nil
        }
    }

    /// A Java property name in ICU's spelling.
    static func icuPropertyName(_ name: String) -> String {
        switch name {
        case "javaLowerCase": return "Lowercase"
        case "javaUpperCase": return "Uppercase"
        case "javaWhitespace": return "White_Space"
        case "javaMirrored": return "Bidi_Mirrored"
        case "javaLetter": return "L"
        case "javaDigit": return "Nd"
        case "javaAlphabetic": return "Alphabetic"
        case "javaIdeographic": return "Ideographic"
        case "javaTitleCase": return "Lt"
        case "javaSpaceChar": return "Z"
        default: break
        }
        if name.hasPrefix("Is"), name.count > 2 { return String(name.dropFirst(2)) }
        if name.hasPrefix("In"), name.count > 2 { return "Block=" + name.dropFirst(2) }
        return name
    }
}

/// Characters that Java's Unicode case-insensitive matching takes as one: those whose simple
/// upper-case mapping, lower-cased, is the same (`k`, `K`, U+212A; `i`, `I`, `İ`, `ı`).
enum CaseClosure {
    static let groups: [UInt32: [Unicode.Scalar]] = {
        var groups: [UInt32: [Unicode.Scalar]] = [:]
        for value in UInt32(0)..<0x1F000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let key = Self.key(scalar)
            if key != value || scalar.properties.changesWhenCaseMapped { groups[key, default: []].append(scalar) }
        }
        return groups
    }()

    static func key(_ scalar: Unicode.Scalar) -> UInt32 {
        JavaString.simpleLowercase(JavaString.simpleUppercase(scalar)).value
    }

    static func variants(of scalar: Unicode.Scalar) -> [Unicode.Scalar] {
        var variants = Self.groups[Self.key(scalar)] ?? []
        if !variants.contains(scalar) { variants.insert(scalar, at: 0) }
        return variants
    }
}
