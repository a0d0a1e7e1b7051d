/// How Adobe reads a date written without a pattern, and how a date is written into an XDM
/// `date` or `date-time` field.
public enum AdobeDateParsing {
    /// Adobe's documented patterns, in Adobe's order (data-handling.md).
    static let patternTexts = [
        "yyyy-MM-dd HH:mm:ssZ", "yyyy-MM-dd HH:mm:ss.SSSZ", "yyyy-MM-dd HH:mm:ss.SSS", "yyyy-MM-dd'T'HH:mm:ss.SSSX",
        "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd", "yyyy/MM/dd", "yyyy.MM.dd", "yyyy-MMM-dd", "yyyyMMdd",
        "MM-dd-yyyy", "MMddyyyy", "M/dd/yyyy", "dd.M.yyyy", "M/dd/yyyy hh:mm:ss a", "dd.M.yyyy hh:mm:ss a",
        "dd.MMM.yyyy", "dd-MMM-yyyy",
    ]

    /// The zone an offset of zero (`Z`) resolves to, resolved once.
    static let zeroOffsetZone: ResolvedZone? = ZoneResolver.resolve(ResolvedZone.offsetText(0, zeroAsZ: false))

    // Compiled once; immutable after, so safe to share between threads.
    static let patterns: [JavaDateTimePattern] = AdobeDateParsing.patternTexts.map { try! JavaDateTimePattern($0) }

    /// Reads `text` with Adobe's ordered pattern list (the first that matches wins), then as
    /// ISO 8601 (`2019-10-23T11:24:35.123+02:00`, `2019-10-23 11:24`, with or without seconds,
    /// fraction and offset). A text without offset is UTC. Nil when nothing matches.
    public static func parse(_ text: String) -> DateTimeValue? {
        let trimmed = text.trimmingJavaWhitespace()
        if let iso = Self.parseISO8601(trimmed) { return iso }
        for pattern in Self.patterns {
            if let date = pattern.parse(trimmed, defaultZone: "UTC") { return date }
        }
        return nil
    }

    /// `yyyy-MM-dd`, then optionally `T` or a space and `HH:mm[:ss[.f{1,9}]]`, then optionally `Z`,
    /// `±HH`, `±HHMM`, `±HH:MM` (with or without a space before it) or `[Zone/Id]`.
    /// Every text this accepts is read the same way by Adobe's list where both apply; this only
    /// adds what the list lacks (no seconds, any fraction length, `±HH:MM`), and is the fast path.
    static func parseISO8601(_ text: String) -> DateTimeValue? {
        let input = Array(text.utf8)
        var index = 0
        func number(_ width: Int) -> Int? {
            guard index + width <= input.count else { return nil }
            var value = 0
            for offset in 0..<width {
                let byte = input[index + offset]
                guard byte >= 48, byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            index += width
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard index < input.count, input[index] == byte else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2), expect(UInt8(ascii: "-")),
            let day = number(2)
        else { return nil }
        var civil = CivilDateTime(year: year, month: month, day: day)
        var zone = ResolvedZone.utc
        if index < input.count {
            guard input[index] == UInt8(ascii: "T") || input[index] == UInt8(ascii: " ") else { return nil }
            index += 1
            guard let hour = number(2), expect(UInt8(ascii: ":")), let minute = number(2) else { return nil }
            civil.hour = hour
            civil.minute = minute
            if expect(UInt8(ascii: ":")) {
                guard let second = number(2) else { return nil }
                civil.second = second
                if index < input.count, input[index] == UInt8(ascii: ".") || input[index] == UInt8(ascii: ",") {
                    index += 1
                    var digits = 0
                    var nanos = 0
                    while index < input.count, input[index] >= 48, input[index] <= 57 {
                        if digits < 9 { nanos = nanos * 10 + Int(input[index] - 48) }
                        digits += 1
                        index += 1
                    }
                    guard digits > 0 else { return nil }
                    for _ in min(digits, 9)..<9 { nanos *= 10 }
                    civil.nanosecond = nanos
                }
            }
            if index < input.count, input[index] == UInt8(ascii: " ") {
                index += 1
                guard index < input.count else { return nil }
            }
            if index < input.count {
                if input[index] == UInt8(ascii: "[") {
                    guard input.last == UInt8(ascii: "]"),
                        let named = ZoneResolver.resolve(
                            String(decoding: input[(index + 1)..<(input.count - 1)], as: UTF8.self))
                    else { return nil }
                    zone = named
                    index = input.count
                } else if index + 1 == input.count,
                    input[index] == UInt8(ascii: "Z") || input[index] == UInt8(ascii: "z")
                {
                    // A trailing `Z` (what dformat and iso8601 write): the zone parseOffset would
                    // give, without decoding the tail into scalars.
                    guard let utc = Self.zeroOffsetZone else { return nil }
                    zone = utc
                    index += 1
                } else {
                    let scalars = Array(String(decoding: input[index...], as: UTF8.self).unicodeScalars)
                    var position = 0
                    guard let offset = JavaDateTimePattern.parseOffset(scalars, &position) else { return nil }
                    guard let fixed = ZoneResolver.resolve(ResolvedZone.offsetText(offset, zeroAsZ: false)) else {
                        return nil
                    }
                    zone = fixed
                    index += position  // the offset's characters are all ASCII: one byte each
                    // An offset may be followed by a region in brackets, as java.time prints it.
                    if index < input.count, input[index] == UInt8(ascii: "["), input.last == UInt8(ascii: "]"),
                        let named = ZoneResolver.resolve(
                            String(decoding: input[(index + 1)..<(input.count - 1)], as: UTF8.self))
                    {
                        zone = named
                        index = input.count
                    }
                }
            }
        }
        guard index == input.count, civil.isValid else { return nil }
        return civil.instant(in: zone)
    }

    /// `iso8601(parse(text)!, dateOnly: false)` for the text `dformat(..., "yyyy-MM-dd'T'HH:mm:ss.SSSX")`
    /// writes, without parsing: `text` itself for `yyyy-MM-ddTHH:mm:ssZ` or `yyyy-MM-ddTHH:mm:ss.SSSZ`
    /// with non-zero milliseconds, and the text without `.000` for zero milliseconds (which
    /// `iso8601` leaves out); every field in range (years that nanoseconds since 1970 in 64 bits
    /// cover in full: 1678 to 2261). It runs for every date-time field of every record; nil (any
    /// other text) means: go through the parser.
    static func canonicalDateTime(_ text: String) -> String? {
        enum Form { case canonical, zeroMilliseconds, other }
        var copy = text
        let form: Form = copy.withUTF8 { bytes in
            guard bytes.count == 20 || bytes.count == 24, bytes[bytes.count - 1] == UInt8(ascii: "Z") else {
                return .other
            }
            func digits(_ start: Int, _ width: Int) -> Int? {
                var value = 0
                for index in start..<(start + width) {
                    let byte = bytes[index]
                    guard byte >= 48, byte <= 57 else { return nil }
                    value = value * 10 + Int(byte - 48)
                }
                return value
            }
            guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
                bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
                let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2),
                let hour = digits(11, 2), let minute = digits(14, 2), let second = digits(17, 2),
                (1678...2261).contains(year), (1...12).contains(month), hour < 24, minute < 60, second < 60
            else { return .other }
            let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
            let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
            guard day >= 1, day <= monthDays else { return .other }
            if bytes.count == 24 {
                guard bytes[19] == UInt8(ascii: "."), let millis = digits(20, 3) else { return .other }
                return millis == 0 ? .zeroMilliseconds : .canonical
            }
            return .canonical
        }
        switch form {
        case .canonical: return text
        case .zeroMilliseconds: return String(text.utf8.prefix(19))! + "Z"
        case .other: return nil
        }
    }

    /// ISO 8601 / RFC 3339 text of `date` in its own zone: `2019-10-23T11:24:35Z`,
    /// `2019-10-23T11:24:35.120-07:00` (milliseconds only when not zero; finer digits dropped),
    /// or `2019-10-23` when `dateOnly`.
    public static func iso8601(_ date: DateTimeValue, dateOnly: Bool) -> String {
        let offset = date.offsetSeconds
        let civil = CivilDateTime(epochNanoseconds: date.epochNanoseconds, offsetSeconds: offset)
        // Built as bytes: this runs for every date-time field of every record.
        var text: [UInt8] = []
        text.reserveCapacity(30)
        if civil.year >= 0 {
            JavaDateTimePattern.appendPadded(civil.year, 4, to: &text)
        } else {
            text.append(contentsOf: JavaDateTimePattern.pad(civil.year, 4).utf8)
        }
        text.append(UInt8(ascii: "-"))
        JavaDateTimePattern.appendPadded(civil.month, 2, to: &text)
        text.append(UInt8(ascii: "-"))
        JavaDateTimePattern.appendPadded(civil.day, 2, to: &text)
        if !dateOnly {
            text.append(UInt8(ascii: "T"))
            JavaDateTimePattern.appendPadded(civil.hour, 2, to: &text)
            text.append(UInt8(ascii: ":"))
            JavaDateTimePattern.appendPadded(civil.minute, 2, to: &text)
            text.append(UInt8(ascii: ":"))
            JavaDateTimePattern.appendPadded(civil.second, 2, to: &text)
            let millis = civil.nanosecond / 1_000_000
            if millis != 0 {
                text.append(UInt8(ascii: "."))
                JavaDateTimePattern.appendPadded(millis, 3, to: &text)
            }
            if offset == 0 {
                text.append(UInt8(ascii: "Z"))
            } else {
                text.append(contentsOf: ResolvedZone.offsetText(offset, colon: true, zeroAsZ: true).utf8)
            }
        }
        return String(decoding: text, as: UTF8.self)
    }
}
