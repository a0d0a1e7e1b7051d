/// A date-time pattern in Java `DateTimeFormatter` letters, compiled once and used to format and
/// parse (English names, proleptic Gregorian calendar).
///
/// Letters: `y`/`u` year (`yy` two digits, 2000-2099 when parsed), `M`/`L` month (`M`, `MM`, `MMM`
/// Jan, `MMMM` January), `d` day, `D` day of year, `E` weekday (Mon, Monday), `a` AM/PM,
/// `H` hour 0-23, `k` 1-24, `h` 1-12, `K` 0-11, `m` minute, `s` second, `S...` fraction of second,
/// `n` nanosecond, `X`/`x`/`Z` offsets, `z` zone abbreviation, `VV` zone id, `G` era, `Q`/`q`
/// quarter; `'text'` is literal, `''` a quote; other non-letters are literal.
/// `Y` week-based year, `w` week of it, `W` week of month, `e`/`c` day of week by number (US
/// weeks: Sunday first, week 1 holds January 1st), `O` localized offset (`GMT+2`, `GMT+02:00`).
/// Text is read case-sensitively and dates are resolved as `DateTimeFormatter`'s default SMART
/// resolver does (see `parse`). Not supported (an error): optional sections `[...]`.
public struct JavaDateTimePattern: Sendable {
    enum Token: Sendable, Equatable {
        case literal(String)
        case field(Character, Int)
    }

    let tokens: [Token]
    /// The tokens as formatting runs them (see `FormatStep`).
    let steps: [FormatStep]
    /// The pattern as written, for error messages.
    public let pattern: String

    static let supportedLetters: Set<Character> = [
        "y", "u", "M", "L", "d", "D", "E", "a", "H", "k", "h", "K", "m", "s", "S", "n", "X", "x", "Z", "z", "V", "G",
        "Q", "q", "Y", "w", "W", "e", "c", "O",
    ]

    /// The longest run of one pattern letter (Java's widest padded value, 19 digits).
    static let maximumRun = 19

    public init(_ pattern: String) throws(FunctionError) {
        self.pattern = pattern
        var tokens: [Token] = []
        let characters = Array(pattern)
        var index = 0
        var literal = ""
        func flush() {
            if !literal.isEmpty {
                tokens.append(.literal(literal))
                literal = ""
            }
        }
        while index < characters.count {
            let character = characters[index]
            if character == "'" {
                if index + 1 < characters.count, characters[index + 1] == "'" {
                    literal.append("'")
                    index += 2
                    continue
                }
                index += 1
                var closed = false
                while index < characters.count {
                    if characters[index] == "'" {
                        if index + 1 < characters.count, characters[index + 1] == "'" {
                            literal.append("'")
                            index += 2
                            continue
                        }
                        closed = true
                        index += 1
                        break
                    }
                    literal.append(characters[index])
                    index += 1
                }
                guard closed else { throw Self.error(pattern, "unterminated quote") }
                continue
            }
            if character.isASCII && character.isLetter {
                guard Self.supportedLetters.contains(character) else {
                    throw Self.error(pattern, "unknown or unsupported pattern letter '\(character)'")
                }
                var count = 1
                while index + count < characters.count, characters[index + count] == character { count += 1 }
                // Java pads a value to at most 19 digits and refuses longer runs; so do we, before a
                // run of thousands of letters becomes a width to pad to or parse with.
                if count > Self.maximumRun {
                    throw Self.error(
                        pattern, "too many pattern letters '\(character)' (\(count); at most \(Self.maximumRun))")
                }
                if character == "V" && count != 2 { throw Self.error(pattern, "pattern letter V must be VV") }
                if "XxZ".contains(character) && count > 5 {
                    throw Self.error(pattern, "too many pattern letters '\(character)'")
                }
                if character == "O" && count != 1 && count != 4 {
                    throw Self.error(pattern, "pattern letter O must be O or OOOO")
                }
                if character == "w" && count > 2 || character == "W" && count > 1 || character == "c" && count == 2
                    || "ec".contains(character) && count > 5
                {
                    throw Self.error(pattern, "too many pattern letters '\(character)'")
                }
                flush()
                tokens.append(.field(character, count))
                index += count
                continue
            }
            if "[]{}#".contains(character) {
                throw Self.error(pattern, "'\(character)' (optional sections and reserved characters) is not supported")
            }
            literal.append(character)
            index += 1
        }
        flush()
        self.tokens = tokens
        self.steps = tokens.map(FormatStep.init)
    }

    /// A token compiled for formatting: literals as bytes and numeric fields as integer cases,
    /// so that formatting (every `dformat` of every event) does not compare `Character`s.
    enum FormatStep: Sendable {
        enum Number: Sendable {
            case year, year2, month, day, dayOfYear, hour, hour1To24, hour1To12, hour0To11, minute, second, nanosecond
        }

        case bytes([UInt8])
        /// A number zero-padded to the width (the letter's own text when negative).
        case number(Number, width: Int, letter: Character)
        /// The first `count` digits of the nanosecond's nine.
        case fraction(Int)
        /// Anything else, through `formatField`.
        case text(Character, Int)

        init(_ token: Token) {
            switch token {
            case .literal(let text):
                self = .bytes(Array(text.utf8))
            case .field(let letter, let count):
                guard count <= 9 else {
                    self = .text(letter, count)
                    return
                }
                let number: Number?
                switch letter {
                case "y", "u": number = count == 2 ? .year2 : .year
                case "M", "L": number = count <= 2 ? .month : nil
                case "d": number = .day
                case "D": number = .dayOfYear
                case "H": number = .hour
                case "k": number = .hour1To24
                case "h": number = .hour1To12
                case "K": number = .hour0To11
                case "m": number = .minute
                case "s": number = .second
                case "n": number = .nanosecond
                default: number = nil
                }
                if let number {
                    self = .number(number, width: count, letter: letter)
                } else if letter == "S" {
                    self = .fraction(count)
                } else {
                    self = .text(letter, count)
                }
            }
        }

        /// The value `formatField` writes as `pad(value, width)` for the same letter.
        @inline(__always)
        static func value(_ number: Number, _ civil: CivilDateTime) -> Int {
            switch number {
            case .year: return civil.year
            case .year2: return ((civil.year % 100) + 100) % 100
            case .month: return civil.month
            case .day: return civil.day
            case .dayOfYear: return civil.dayOfYear
            case .hour: return civil.hour
            case .hour1To24: return civil.hour == 0 ? 24 : civil.hour
            case .hour1To12: return civil.hour % 12 == 0 ? 12 : civil.hour % 12
            case .hour0To11: return civil.hour % 12
            case .minute: return civil.minute
            case .second: return civil.second
            case .nanosecond: return civil.nanosecond
            }
        }
    }

    static func error(_ pattern: String, _ message: String) -> FunctionError {
        FunctionError(function: "date pattern", message: "Invalid date pattern '\(pattern)': \(message)")
    }

    static let monthsShort = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    static let monthsLong = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]
    static let weekdaysShort = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let weekdaysLong = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    // MARK: Formatting

    /// The date's text in its own zone.
    public func format(_ date: DateTimeValue) -> String {
        let zone = ZoneResolver.resolve(date.zoneIdentifier) ?? .utc
        let offset = zone.offsetSeconds(atEpochNanoseconds: date.epochNanoseconds)
        let civil = CivilDateTime(epochNanoseconds: date.epochNanoseconds, offsetSeconds: offset)
        return self.format(civil, offset: offset, zone: zone, epochSeconds: date.epochNanoseconds / 1_000_000_000)
    }

    /// Epoch milliseconds formatted in UTC, for any 64-bit count (`dformat`): years beyond what a
    /// `DateTimeValue` holds (1677-2262) are written as Java writes them (`+10000`, `BC` eras).
    public func format(epochMilliseconds millis: Int64) -> String {
        let seconds = millis >= 0 ? millis / 1000 : -((-(millis + 1)) / 1000) - 1
        let nanos = Int(millis &- seconds &* 1000) * 1_000_000  // exact: the wrapped terms cancel
        let civil = CivilDateTime(epochSeconds: seconds, nanosecond: nanos, offsetSeconds: 0)
        return self.format(civil, offset: 0, zone: .utc, epochSeconds: seconds)
    }

    func format(_ civil: CivilDateTime, offset: Int, zone: ResolvedZone, epochSeconds: Int64) -> String {
        // Built as UTF-8 bytes: numeric fields are written digit by digit, the rest (names,
        // offsets, zones) through `formatField`'s text.
        var out: [UInt8] = []
        out.reserveCapacity(32)
        for step in self.steps {
            switch step {
            case .bytes(let bytes):
                out.append(contentsOf: bytes)
            case .number(let number, let width, let letter):
                let value = FormatStep.value(number, civil)
                // Years before 1 and past 9999 take a sign or an era's count: formatField's.
                if value >= 0, (number != .year && number != .year2) || (civil.year >= 1 && civil.year <= 9999) {
                    Self.appendPadded(value, width, to: &out)
                } else {
                    out.append(
                        contentsOf: Self.formatField(
                            letter, width, civil, offset: offset, zone: zone, epochSeconds: epochSeconds
                        ).utf8)
                }
            case .fraction(let count):
                var nanos = civil.nanosecond
                for _ in count..<9 { nanos /= 10 }
                Self.appendPadded(nanos, count, to: &out)
            case .text(let letter, let count):
                out.append(
                    contentsOf: Self.formatField(
                        letter, count, civil, offset: offset, zone: zone, epochSeconds: epochSeconds
                    ).utf8)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the digits of a non-negative `value`, zero-padded to `width`: what `pad` returns.
    static func appendPadded(_ value: Int, _ width: Int, to out: inout [UInt8]) {
        var digits = 1
        var limit = 10
        while value >= limit, digits < 19 {
            digits += 1
            limit = limit.multipliedReportingOverflow(by: 10).partialValue
        }
        let count = max(width, digits)
        let start = out.count
        out.append(contentsOf: repeatElement(UInt8(48), count: count))
        var rest = value
        var position = start + count - 1
        while rest > 0 {
            out[position] = UInt8(48 + rest % 10)
            rest /= 10
            position -= 1
        }
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        // Fast path for the common small fields (month, day, hours, millis, four-digit years):
        // write the digits into a byte buffer instead of concatenating strings.
        if value >= 0, value < 10_000, width <= 4 {
            let digitCount = value < 10 ? 1 : value < 100 ? 2 : value < 1_000 ? 3 : 4
            let count = max(width, digitCount)
            return String(unsafeUninitializedCapacity: count) { buffer in
                var rest = value
                for position in stride(from: count - 1, through: 0, by: -1) {
                    buffer[position] = UInt8(48 + rest % 10)
                    rest /= 10
                }
                return count
            }
        }
        let digits = String(value.magnitude)
        let padded = digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        return value < 0 ? "-" + padded : padded
    }

    static func formatField(
        _ letter: Character, _ count: Int, _ civil: CivilDateTime, offset: Int, zone: ResolvedZone, epochSeconds: Int64
    ) -> String {
        switch letter {
        case "y", "u", "Y":
            // y is the year of the era (1 BC is 1), u and Y count through 0 with a sign.
            let year = letter == "Y" ? civil.weekBasedYear : civil.year
            let value = letter == "y" && year < 1 ? 1 - year : year
            if count == 2 { return Self.pad(abs(value % 100), 2) }
            let text = Self.pad(value, count)
            return count >= 4 && value > 0 && String(value).count > count ? "+" + text : text
        case "w": return Self.pad(civil.weekOfWeekBasedYear, count)
        case "W": return Self.pad(civil.weekOfMonth, count)
        case "e", "c":
            let sundayBased = civil.isoWeekday % 7 + 1
            switch count {
            case 1, 2: return Self.pad(sundayBased, count)
            case 3: return Self.weekdaysShort[civil.isoWeekday - 1]
            case 4: return Self.weekdaysLong[civil.isoWeekday - 1]
            default: return String(Self.weekdaysLong[civil.isoWeekday - 1].prefix(1))
            }
        case "O":
            guard offset != 0 else { return "GMT" }
            if count == 4 { return "GMT" + ResolvedZone.offsetText(offset, colon: true, zeroAsZ: false) }
            let magnitude = abs(offset)
            var text = "GMT" + (offset < 0 ? "-" : "+") + String(magnitude / 3600)
            if magnitude % 3600 != 0 { text += ":" + Self.pad(magnitude % 3600 / 60, 2) }
            if magnitude % 60 != 0 { text += ":" + Self.pad(magnitude % 60, 2) }
            return text
        case "M", "L":
            switch count {
            case 1, 2: return Self.pad(civil.month, count)
            case 3: return Self.monthsShort[civil.month - 1]
            case 4: return Self.monthsLong[civil.month - 1]
            default: return String(Self.monthsLong[civil.month - 1].prefix(1))
            }
        case "d": return Self.pad(civil.day, count)
        case "D": return Self.pad(civil.dayOfYear, count)
        case "E":
            let index = civil.isoWeekday - 1
            switch count {
            case 1...3: return Self.weekdaysShort[index]
            case 4: return Self.weekdaysLong[index]
            default: return String(Self.weekdaysLong[index].prefix(1))
            }
        case "a": return civil.hour < 12 ? "AM" : "PM"
        case "H": return Self.pad(civil.hour, count)
        case "k": return Self.pad(civil.hour == 0 ? 24 : civil.hour, count)
        case "h": return Self.pad(civil.hour % 12 == 0 ? 12 : civil.hour % 12, count)
        case "K": return Self.pad(civil.hour % 12, count)
        case "m": return Self.pad(civil.minute, count)
        case "s": return Self.pad(civil.second, count)
        case "S":
            let nine = Self.pad(civil.nanosecond, 9)
            return count <= 9 ? String(nine.prefix(count)) : nine + String(repeating: "0", count: count - 9)
        case "n": return Self.pad(civil.nanosecond, count)
        case "G":
            let ad = civil.year > 0
            switch count {
            case 1...3: return ad ? "AD" : "BC"
            case 4: return ad ? "Anno Domini" : "Before Christ"
            default: return ad ? "A" : "B"
            }
        case "Q", "q":
            let quarter = (civil.month - 1) / 3 + 1
            return count <= 2
                ? Self.pad(quarter, count)
                : (count == 3 ? "Q\(quarter)" : ["1st", "2nd", "3rd", "4th"][quarter - 1] + " quarter")
        case "X", "x":
            let zeroAsZ = letter == "X"
            switch count {
            case 1: return ResolvedZone.offsetText(offset, colon: false, zeroAsZ: zeroAsZ, minutesAlways: false)
            case 2, 4: return ResolvedZone.offsetText(offset, colon: false, zeroAsZ: zeroAsZ)
            default: return ResolvedZone.offsetText(offset, colon: true, zeroAsZ: zeroAsZ)
            }
        case "Z":
            switch count {
            case 1...3: return ResolvedZone.offsetText(offset, colon: false, zeroAsZ: false)
            case 4: return offset == 0 ? "GMT" : "GMT" + ResolvedZone.offsetText(offset, colon: true, zeroAsZ: false)
            default: return ResolvedZone.offsetText(offset, colon: true, zeroAsZ: true)
            }
        case "z":
            return count >= 4 ? zone.identifier : zone.abbreviation(atEpochSeconds: epochSeconds)
        case "V":
            return zone.identifier
        default:
            return ""
        }
    }

    // MARK: Parsing

    private struct Fields {
        var year: Int?
        var month: Int?
        var day: Int?
        var dayOfYear: Int?
        /// 1 (Monday) to 7 (Sunday), from `E`, `e` or `c`.
        var weekday: Int?
        var weekBasedYear: Int?
        var weekOfWeekBasedYear: Int?
        var weekOfMonth: Int?
        var hour: Int?
        /// `HH` read as 24 (`24:00` is the end of the day when nothing finer follows).
        var hourIs24 = false
        var hour12: Int?
        var pm: Bool?
        var minute: Int?
        var second: Int?
        var nanosecond: Int?
        var zone: ResolvedZone?
    }

    /// Reads `text` whole, as `DateTimeFormatter.ofPattern(pattern, Locale.US).parse` does (names
    /// case-sensitive, SMART resolution); nil when it does not match or names no valid date. A text
    /// without zone or offset is read in `defaultZone`; without a time it is midnight; without
    /// month or day they are 1. A year (or a week-based year, week and weekday) is required.
    public func parse(_ text: String, defaultZone: String) -> DateTimeValue? {
        let input = Array(text.unicodeScalars)
        var position = 0
        var fields = Fields()
        for (tokenIndex, token) in self.tokens.enumerated() {
            switch token {
            case .literal(let literal):
                for scalar in literal.unicodeScalars {
                    guard position < input.count, input[position] == scalar else { return nil }
                    position += 1
                }
            case .field(let letter, let count):
                let nextIsNumeric: Bool = {
                    guard tokenIndex + 1 < self.tokens.count,
                        case .field(let next, let nextCount) = self.tokens[tokenIndex + 1]
                    else { return false }
                    return Self.isNumeric(next, nextCount)
                }()
                guard Self.parseField(letter, count, input, &position, &fields, adjacentNumeric: nextIsNumeric) else {
                    return nil
                }
            }
        }
        guard position == input.count else { return nil }
        return Self.resolve(fields, defaultZone: defaultZone)
    }

    static func isNumeric(_ letter: Character, _ count: Int) -> Bool {
        switch letter {
        case "M", "L", "Q", "q": return count <= 2
        case "y", "u", "d", "D", "H", "k", "h", "K", "m", "s", "S", "n", "Y", "w", "W": return true
        case "e", "c": return count <= 2
        default: return false
        }
    }

    private static func digits(_ input: [Unicode.Scalar], _ position: inout Int, min: Int, max: Int) -> Int? {
        var value = 0
        var count = 0
        while count < max, position + count < input.count {
            let scalar = input[position + count].value
            guard scalar >= 48, scalar <= 57 else { break }
            value = value * 10 + Int(scalar - 48)
            count += 1
        }
        guard count >= min else { return nil }
        position += count
        return value
    }

    /// Reads one of `choices` (ASCII, matched case-sensitively, as `DateTimeFormatter` does by
    /// default: `Oct`, not `OCT` or `oct`); its index. No list here has a choice that is a prefix
    /// of another, so the first match is the only one.
    private static func word(_ input: [Unicode.Scalar], _ position: inout Int, _ choices: [String]) -> Int? {
        for (index, choice) in choices.enumerated() {
            var offset = 0
            var matched = true
            for byte in choice.utf8 {
                guard position + offset < input.count, input[position + offset].value == UInt32(byte) else {
                    matched = false
                    break
                }
                offset += 1
            }
            if matched {
                position += offset
                return index
            }
        }
        return nil
    }

    private static func parseField(
        _ letter: Character, _ count: Int, _ input: [Unicode.Scalar], _ position: inout Int, _ fields: inout Fields,
        adjacentNumeric: Bool
    ) -> Bool {
        func number(_ fixedWidth: Int?) -> Int? {
            if let fixedWidth { return Self.digits(input, &position, min: fixedWidth, max: fixedWidth) }
            return Self.digits(input, &position, min: 1, max: adjacentNumeric ? 1 : 2)
        }
        switch letter {
        case "y", "u":
            if count == 2 {
                guard let value = Self.digits(input, &position, min: 2, max: 2) else { return false }
                fields.year = 2000 + value
            } else if count >= 4 {
                guard let value = Self.digits(input, &position, min: count, max: adjacentNumeric ? count : 9) else {
                    return false
                }
                fields.year = value
            } else {
                guard let value = Self.digits(input, &position, min: 1, max: adjacentNumeric ? 4 : 9) else {
                    return false
                }
                fields.year = value
            }
        case "M", "L":
            switch count {
            case 1, 2:
                guard let value = number(count == 2 ? 2 : nil) else { return false }
                fields.month = value
            case 3:
                guard let index = Self.word(input, &position, Self.monthsShort) else { return false }
                fields.month = index + 1
            default:
                guard let index = Self.word(input, &position, Self.monthsLong) else { return false }
                fields.month = index + 1
            }
        case "d":
            guard let value = number(count >= 2 ? count : nil) else { return false }
            fields.day = value
        case "D":
            guard
                let value = count >= 3
                    ? Self.digits(input, &position, min: count, max: count)
                    : Self.digits(input, &position, min: 1, max: 3)
            else { return false }
            fields.dayOfYear = value
        case "E":
            guard let index = Self.word(input, &position, count >= 4 ? Self.weekdaysLong : Self.weekdaysShort) else {
                return false
            }
            fields.weekday = index + 1
        case "e", "c":
            if count <= 2 {
                guard let value = Self.digits(input, &position, min: count, max: count == 1 && adjacentNumeric ? 1 : 2),
                    (1...7).contains(value)
                else { return false }
                fields.weekday = (value + 5) % 7 + 1  // Sunday 1 ... Saturday 7 to ISO
            } else {
                guard let index = Self.word(input, &position, count >= 4 ? Self.weekdaysLong : Self.weekdaysShort)
                else { return false }
                fields.weekday = index + 1
            }
        case "Y":
            if count == 2 {
                guard let value = Self.digits(input, &position, min: 2, max: 2) else { return false }
                fields.weekBasedYear = 2000 + value
            } else {
                guard let value = Self.digits(input, &position, min: count, max: adjacentNumeric ? max(count, 4) : 9)
                else { return false }
                fields.weekBasedYear = value
            }
        case "w":
            guard let value = number(count >= 2 ? count : nil) else { return false }
            fields.weekOfWeekBasedYear = value
        case "W":
            guard let value = Self.digits(input, &position, min: 1, max: 1) else { return false }
            fields.weekOfMonth = value
        case "a":
            guard let index = Self.word(input, &position, ["AM", "PM"]) else { return false }
            fields.pm = index == 1
        case "H", "k":
            guard var value = number(count >= 2 ? count : nil) else { return false }
            // SMART: k reads 0 to 24 (24 is midnight); H reads 24 only as the end of the day.
            if letter == "k" {
                guard value <= 24 else { return false }
                value %= 24
            }
            if letter == "H" && value == 24 {
                fields.hourIs24 = true
                value = 0
            }
            fields.hour = value
        case "h", "K":
            guard let value = number(count >= 2 ? count : nil) else { return false }
            // SMART: h reads 0 to 12 (12 and 0 are the first hour), K 0 to 11.
            if letter == "h" {
                guard value <= 12 else { return false }
            } else {
                guard value <= 11 else { return false }
            }
            fields.hour12 = value % 12
        case "m":
            guard let value = number(count >= 2 ? count : nil) else { return false }
            fields.minute = value
        case "s":
            guard let value = number(count >= 2 ? count : nil) else { return false }
            fields.second = value
        case "S":
            guard count <= 9, fields.nanosecond == nil else { return false }
            guard let value = Self.digits(input, &position, min: count, max: count) else { return false }
            var nanos = value
            for _ in count..<9 { nanos *= 10 }
            fields.nanosecond = nanos
        case "n":
            guard let value = Self.digits(input, &position, min: 1, max: 9) else { return false }
            fields.nanosecond = value
        case "G":
            guard Self.word(input, &position, ["AD", "BC"]) == 0 else { return false }
        case "Q", "q":
            guard Self.digits(input, &position, min: 1, max: 1) != nil else { return false }
        case "X", "x", "Z", "O":
            guard let offset = Self.parseOffset(input, &position, letter: letter) else { return false }
            fields.zone = ZoneResolver.resolve(ResolvedZone.offsetText(offset, zeroAsZ: false))
        case "z", "V":
            let start = position
            while position < input.count, Self.isZoneNameScalar(input[position]) { position += 1 }
            guard position > start, let zone = ZoneResolver.resolve(StringFunctions.string(input[start..<position]))
            else { return false }
            fields.zone = zone
        default:
            return false
        }
        return true
    }

    static func isZoneNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || "/_+-:".unicodeScalars.contains(scalar)
    }

    /// `Z`, or a sign and `HH`, `HHMM`, `HH:MM` (optionally `:SS`), or `GMT`/`UTC` before them.
    static func parseOffset(_ input: [Unicode.Scalar], _ position: inout Int, letter: Character? = nil) -> Int? {
        if letter == "O" { return Self.parseLocalizedOffset(input, &position) }
        // `Z` for zero: what X writes, and the ISO reader's; x and Z write +00 or +0000 instead.
        if position < input.count, input[position] == "Z" || (letter == nil && input[position] == "z") {
            guard letter == nil || letter == "X" else { return nil }
            position += 1
            return 0
        }
        let prefixes: [String] = letter == nil || letter == "Z" ? ["GMT", "UTC"] : []
        for prefix in prefixes {
            let scalars = Array(prefix.unicodeScalars)
            if position + scalars.count <= input.count, Array(input[position..<position + scalars.count]) == scalars {
                position += scalars.count
                if position >= input.count || (input[position] != "+" && input[position] != "-") { return 0 }
            }
        }
        guard position < input.count, input[position] == "+" || input[position] == "-" else { return nil }
        let sign = input[position] == "-" ? -1 : 1
        var cursor = position + 1
        guard let hours = Self.digits(input, &cursor, min: 2, max: 2), hours <= 18 else { return nil }
        var minutes = 0
        var seconds = 0
        var probe = cursor
        if probe < input.count, input[probe] == ":" { probe += 1 }
        if let value = Self.digits(input, &probe, min: 2, max: 2) {
            guard value <= 59 else { return nil }
            minutes = value
            cursor = probe
            var secondsProbe = cursor
            if secondsProbe < input.count, input[secondsProbe] == ":" { secondsProbe += 1 }
            if let value = Self.digits(input, &secondsProbe, min: 2, max: 2), value <= 59 {
                seconds = value
                cursor = secondsProbe
            }
        }
        position = cursor
        return sign * (hours * 3600 + minutes * 60 + seconds)
    }

    /// `O`/`OOOO`: `GMT`, or `GMT` and a sign, the hour (one or two digits), optional `:mm`
    /// and `:ss`.
    static func parseLocalizedOffset(_ input: [Unicode.Scalar], _ position: inout Int) -> Int? {
        guard position + 3 <= input.count, input[position] == "G", input[position + 1] == "M",
            input[position + 2] == "T"
        else { return nil }
        var cursor = position + 3
        guard cursor < input.count, input[cursor] == "+" || input[cursor] == "-" else {
            position = cursor
            return 0
        }
        let sign = input[cursor] == "-" ? -1 : 1
        cursor += 1
        guard let hours = Self.digits(input, &cursor, min: 1, max: 2), hours <= 18 else { return nil }
        var total = hours * 3600
        for unit in [60, 1] {
            var probe = cursor
            guard probe < input.count, input[probe] == ":" else { break }
            probe += 1
            guard let value = Self.digits(input, &probe, min: 2, max: 2), value <= 59 else { break }
            total += value * unit
            cursor = probe
        }
        position = cursor
        return sign * total
    }

    /// The SMART resolver: a day past the month's end is its last day (30 February is the 28th
    /// or 29th), `24:00` is the next midnight, a weekday must be the date's, week fields resolve
    /// with a weekday; fields out of their range, or a time that does not resolve (minutes
    /// without an hour, `h` without `a`), give nil.
    private static func resolve(_ fields: Fields, defaultZone: String) -> DateTimeValue? {
        var epochDays: Int
        if let year = fields.year {
            if let dayOfYear = fields.dayOfYear, fields.month == nil, fields.day == nil {
                guard dayOfYear >= 1, dayOfYear <= (CivilDateTime.isLeap(year) ? 366 : 365) else { return nil }
                epochDays = CivilDateTime.daysFromCivil(year, 1, 1) + dayOfYear - 1
            } else if let month = fields.month, let weekOfMonth = fields.weekOfMonth, fields.day == nil,
                let weekday = fields.weekday
            {
                guard (1...12).contains(month), (0...6).contains(weekOfMonth) else { return nil }
                let first = CivilDateTime(year: year, month: month, day: 1)
                epochDays = first.epochDays - first.sundayIndex + (weekOfMonth - 1) * 7 + weekday % 7
            } else {
                let month = fields.month ?? 1
                guard (1...12).contains(month), (1...31).contains(fields.day ?? 1), year >= -100_000, year <= 100_000
                else { return nil }
                let day = min(fields.day ?? 1, CivilDateTime.daysInMonth(year, month))
                epochDays = CivilDateTime.daysFromCivil(year, month, day)
            }
        } else if let weekBasedYear = fields.weekBasedYear, let week = fields.weekOfWeekBasedYear,
            let weekday = fields.weekday
        {
            guard (1...53).contains(week), weekBasedYear <= 100_000 else { return nil }
            epochDays = CivilDateTime.startOfWeekOne(weekBasedYear) + (week - 1) * 7 + weekday % 7
        } else {
            return nil
        }
        if let weekday = fields.weekday {
            let date = CivilDateTime.civilFromDays(epochDays)
            guard CivilDateTime(year: date.year, month: date.month, day: date.day).isoWeekday == weekday else {
                return nil
            }
        }
        var hour = 0
        if let hour12 = fields.hour12 {
            guard let pm = fields.pm else { return nil }
            hour = hour12 + (pm ? 12 : 0)
            if let parsed = fields.hour { guard parsed == hour else { return nil } }
        } else if let parsed = fields.hour {
            hour = parsed
            if let pm = fields.pm, !fields.hourIs24 { guard (hour >= 12) == pm else { return nil } }
        } else if fields.minute != nil || fields.second != nil || fields.nanosecond != nil || fields.pm != nil {
            return nil
        }
        // java.time leaves seconds or a fraction without minutes unresolved.
        if fields.minute == nil, fields.second != nil || fields.nanosecond != nil { return nil }
        let minute = fields.minute ?? 0
        let second = fields.second ?? 0
        let nanosecond = fields.nanosecond ?? 0
        if fields.hourIs24 {
            guard minute == 0, second == 0, nanosecond == 0 else { return nil }
            epochDays += 1
        }
        guard hour <= 23, minute <= 59, second <= 59 else { return nil }
        let date = CivilDateTime.civilFromDays(epochDays)
        let civil = CivilDateTime(
            year: date.year, month: date.month, day: date.day, hour: hour, minute: minute, second: second,
            nanosecond: nanosecond)
        guard civil.isValid else { return nil }
        guard let zone = fields.zone ?? ZoneResolver.resolve(defaultZone) else { return nil }
        return civil.instant(in: zone)
    }
}
