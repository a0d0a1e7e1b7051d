import Foundation
import ReplayCommon
import Testing

@testable import DataPrep

/// The hand-written fast paths of the hot loop give what the general code gives.
@Suite struct FastPathTests {
    static let patterns = [
        "^[0-9a-f]{64}$", "^[0-9a-f]{4}$", "^[A-Z]{2}-[0-9]+$", "^[a-z0-9_]*$", "^ab?c$", "^[a-c]{2,3}[c-e]{1,}$",
        "^x{0,2}y$", "^[-a]+$", "^[a.+]+$", "^\\.[0-9]{2}$", "^[A-Za-z0-9]{3,5}$",
    ]
    static let texts = [
        "", "a", "ab", "abc", "ac", "abbc", "0123", "012g", "0123\n", "0123\r\n", "0123\r", "0123\u{2028}",
        "0123\u{85}",
        "0123\n\n", "\n0123", "AB-1", "AB-", "ab-1", "ABC-12", "a_b9", "A_b", "abcc", "abcdde", "cce", "ab", "abcd",
        "y", "xy", "xxy", "xxxy", "-a-", "a.+", "a b", ".12", "x12", "Abc", "Abcdef", "é12", "ab\u{301}",
        String(repeating: "a", count: 64), String(repeating: "a", count: 63), String(repeating: "0f", count: 32),
        String(repeating: "0f", count: 32) + "\n", String(repeating: "0F", count: 32),
    ]

    @Test(arguments: FastPathTests.patterns)
    func simplePatternAgreesWithTheRegex(_ pattern: String) throws {
        let simple = try #require(SimplePattern(pattern), "\(pattern) should take the fast path")
        let regex = try NSRegularExpression(pattern: pattern)
        for text in Self.texts {
            let expected = regex.firstMatch(in: text, range: NSRange(text.startIndex..<text.endIndex, in: text)) != nil
            #expect(simple.matches(text) == expected, "\(pattern) on \(text.debugDescription)")
        }
    }

    @Test(arguments: [
        "[0-9]+", "^[0-9]+", "^[^a]$", "^.{3}$", "^\\d+$", "^\\w+$", "^(ab)+$", "^a|b$", "^[a-z]+?$",
        "^[a-z]++$", "^[[a]]$", "^[a&&b]$", "^a{2}{3}$", "^a$b$", "^[a-z]{3,1}$", "^[z-a]$", "^a*b*c*d*e*$",
    ])
    func complexPatternsStayWithTheRegex(_ pattern: String) {
        #expect(SimplePattern(pattern) == nil, "\(pattern)")
    }

    @Test func schemaPatternUsesTheFastPathAndRejectsTheSame() throws {
        let schema = #"{"type": "object", "properties": {"h": {"type": "string", "pattern": "^[0-9a-f]{8}$"}}}"#
        let node = try XDMSchema.load(json: Array(schema.utf8), source: "test").root.properties["h"]!
        #expect(node.simplePattern != nil)
        let mappingSet = #"{"mappings": [{"sourceType": "ATTRIBUTE", "source": "h", "destination": "h"}]}"#
        let mapper = try TestSupport.mapper(mappingSet, schema: schema)
        guard case .mapped = mapper.map(Array(#"{"h": "0123abcd"}"#.utf8)) else {
            Issue.record("valid hash rejected")
            return
        }
        guard case .rejected(let rejection) = mapper.map(Array(#"{"h": "0123abcD"}"#.utf8)) else {
            Issue.record("bad hash accepted")
            return
        }
        #expect("\(rejection)".contains("does not match pattern"))
    }

    @Test func padMatchesTheGeneralFormatting() {
        for value in [0, 1, 9, 10, 99, 100, 999, 1_000, 2026, 9_999, 10_000, 123_456, -1, -42] {
            for width in 1...6 {
                let digits = String(value.magnitude)
                let padded =
                    digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
                #expect(
                    JavaDateTimePattern.pad(value, width) == (value < 0 ? "-" + padded : padded),
                    "pad(\(value), \(width))")
            }
        }
    }

    @Test func trimmingFastPathKeepsJavaTrim() {
        #expect("abc".trimmingJavaWhitespace() == "abc")
        #expect(" abc\t".trimmingJavaWhitespace() == "abc")
        #expect("\u{7F}abc".trimmingJavaWhitespace() == "\u{7F}abc")
        #expect("é".trimmingJavaWhitespace() == "é")
        #expect("".trimmingJavaWhitespace() == "")
    }

    @Test func isoZuluFastPathGivesTheOffsetParsersDate() throws {
        for text in ["2026-11-29T11:17:05.123Z", "2026-11-29T11:17:05z", "2026-11-29 11:17Z", "2026-11-29T11:17:05 Z"] {
            let fast = try #require(AdobeDateParsing.parseISO8601(text), "\(text)")
            let viaOffset = try #require(AdobeDateParsing.parseISO8601(String(text.dropLast()) + "+00:00"))
            #expect(fast.epochNanoseconds == viaOffset.epochNanoseconds)
            #expect(fast.zoneIdentifier == viaOffset.zoneIdentifier)
        }
        #expect(AdobeDateParsing.parseISO8601("2026-11-29T11:17:05ZZ") == nil)
    }

    /// The canonical date-time shortcut (which skips parsing a date-time field's text) gives what
    /// parsing and writing back gives, and takes every parseable text of the two forms dformat
    /// writes (`...ssZ` and `...ss.SSSZ`) in the years it covers.
    @Test func canonicalDateTimeIsExactlyWhatParsingGivesBack() {
        var random = SeededRandom(seed: 77)
        func draw(_ values: [Int]) -> Int { values[Int(random.next() % UInt64(values.count))] }
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var accepted = 0
        for _ in 0..<20_000 {
            let year = draw([0, 1, 999, 1900, 1970, 2000, 2023, 2024, 2100, 9999])
            let month = draw([0, 1, 2, 4, 6, 9, 11, 12, 13])
            let day = draw([0, 1, 15, 28, 29, 30, 31, 32])
            let hour = draw([0, 9, 23, 24])
            let minute = draw([0, 30, 59, 60])
            let second = draw([0, 59, 60])
            let fraction = draw([0, 1, 2, 3, 4, 5])
            let tail =
                [".000", ".001", ".120", ".999", ".12", ""][fraction]
                + ["Z", "Z", "Z", "z", "+00:00"][draw([0, 1, 2, 3, 4])]
            let yearText = String(repeating: "0", count: max(0, 4 - String(year).count)) + String(year)
            let text = "\(yearText)-\(two(month))-\(two(day))T\(two(hour)):\(two(minute)):\(two(second))\(tail)"
            let slow = AdobeDateParsing.parse(text).map { AdobeDateParsing.iso8601($0, dateOnly: false) }
            if let canonical = AdobeDateParsing.canonicalDateTime(text) {
                accepted += 1
                #expect(
                    slow == canonical, "\(text) gave \(canonical), parsing and writing back gives \(slow ?? "no date")")
            } else if slow != nil, tail.hasSuffix("Z"), tail.count == 1 || tail.count == 5 {
                // Only years beyond 1678...2261 (the edges of 64-bit nanoseconds) take the parser, and
                // what Adobe's list resolves as SMART does: a day past the month's end (its last
                // day) and 24:00:00 (the next midnight).
                let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
                let realDay =
                    (1...12).contains(month) && day >= 1
                    && day <= [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
                    && hour < 24
                #expect(!(1678...2261).contains(year) || !realDay, "\(text) is canonical but was not recognised")
            }
        }
        #expect(accepted > 500, "\(accepted) texts took the fast path")
        #expect(AdobeDateParsing.canonicalDateTime("2026-01-05T12:34:56.789Z") == "2026-01-05T12:34:56.789Z")
        #expect(AdobeDateParsing.canonicalDateTime("2024-02-29T00:00:00Z") == "2024-02-29T00:00:00Z")
        #expect(AdobeDateParsing.canonicalDateTime("2023-02-29T00:00:00Z") == nil)
        // What dformat(epoch seconds * 1000, "...SSSX") writes: the milliseconds are left out.
        #expect(AdobeDateParsing.canonicalDateTime("2026-01-05T12:34:56.000Z") == "2026-01-05T12:34:56Z")
        #expect(AdobeDateParsing.canonicalDateTime("2026-01-05T12:34:56.00Z") == nil)
    }

    /// Formatting's compiled steps write what the general `formatField` writes, for every letter
    /// and width, at instants that exercise midnight, noon, day 1 and leap days.
    @Test func formatStepsWriteWhatFormatFieldWrites() throws {
        let instants: [Int64] = [
            0, 951_782_400_123, 1_709_164_799_999, 1_767_571_200_000, 4_102_444_799_456, -1_000_000_000_001,
        ]
        for letter in ["y", "u", "M", "L", "d", "D", "E", "a", "H", "k", "h", "K", "m", "s", "S", "n", "G", "Q", "q"] {
            for count in 1...10 {
                guard let pattern = try? JavaDateTimePattern(String(repeating: letter, count: count)) else { continue }
                for millis in instants {
                    let date = DateTimeValue(epochMilliseconds: millis)
                    let civil = CivilDateTime(epochNanoseconds: date.epochNanoseconds, offsetSeconds: 0)
                    let general = JavaDateTimePattern.formatField(
                        Character(letter), count, civil, offset: 0, zone: .utc,
                        epochSeconds: date.epochNanoseconds / 1_000_000_000)
                    #expect(pattern.format(date) == general, "\(String(repeating: letter, count: count)) at \(millis)")
                }
            }
        }
    }

    @Test func scalarCountCountsUnicodeScalars() {
        for text in [
            "", "a", "é", "e\u{301}", "日本語", "🇫🇷", "a🙂b", String(repeating: "ß", count: 100),
            "\u{0}\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}",
        ] {
            #expect(Coercion.scalarCount(text) == text.unicodeScalars.count, "\(text.debugDescription)")
        }
    }

    /// Remembered results come back only for the same site and the same key, compared byte for byte.
    @Test func callMemoHitsOnlyTheSameCall() {
        var memo = CallMemo()
        let key: JSONValue = .array([.int(1_767_571_200_000), .string("yyyy")])
        #expect(memo.lookup(site: 0, key: key, hash: key.hashValue) == nil, "hit on an empty memo")
        memo.store(site: 0, key: key, hash: key.hashValue, .string("2026"))
        #expect(memo.lookup(site: 0, key: key, hash: key.hashValue) == .string("2026"))
        let other: JSONValue = .array([.int(1_767_571_200_001), .string("yyyy")])
        #expect(memo.lookup(site: 0, key: other, hash: other.hashValue) == nil, "other arguments' result returned")
        #expect(memo.lookup(site: 1, key: key, hash: key.hashValue) == nil, "another site's result returned")
        // Equal Swift strings (canonical equivalence), different text: not the same key.
        let composed: JSONValue = .string("\u{E9}")
        let decomposed: JSONValue = .string("e\u{301}")
        #expect(composed == decomposed)
        memo.store(site: 2, key: composed, hash: composed.hashValue, .string("composed"))
        #expect(memo.lookup(site: 2, key: decomposed, hash: decomposed.hashValue) == nil)
        #expect(memo.lookup(site: 2, key: composed, hash: composed.hashValue) == .string("composed"))
    }

    @Test func hashCharsetNamesStillFold() {
        #expect(HashCharset(name: "UTF-8") == .utf8)
        #expect(HashCharset(name: "utf_8") == .utf8)
        #expect(HashCharset(name: "latin1") == .isoLatin1)
        #expect(HashCharset(name: "EBCDIC") == nil)
        #expect(HashFunctions.hex([0x00, 0x0f, 0xa5, 0xff]) == "000fa5ff")
    }
}

/// The byte-built `format` writes what the field-by-field text would.
@Suite struct FormatFastPathTests {
    static func slowFormat(_ pattern: JavaDateTimePattern, _ date: DateTimeValue) -> String {
        let zone = ZoneResolver.resolve(date.zoneIdentifier) ?? .utc
        let offset = zone.offsetSeconds(atEpochNanoseconds: date.epochNanoseconds)
        let civil = CivilDateTime(epochNanoseconds: date.epochNanoseconds, offsetSeconds: offset)
        var out = ""
        for token in pattern.tokens {
            switch token {
            case .literal(let text): out += text
            case .field(let letter, let count):
                out += JavaDateTimePattern.formatField(
                    letter, count, civil, offset: offset, zone: zone,
                    epochSeconds: date.epochNanoseconds / 1_000_000_000)
            }
        }
        return out
    }

    @Test(arguments: [
        "yyyy-MM-dd'T'HH:mm:ss.SSSX", "yy/M/d H:m:s.S", "yyyyy DDD kk hh KK a", "SSSSSSSSS n nnnnnnnnnn SSSSSSSSSSS",
        "uuuu-LL MMM MMMM EEE EEEE Q QQQQ G", "yyyy-MM-dd HH:mm:ss.SSSZ xxx VV", "y",
    ])
    func formatMatchesFieldByFieldText(_ text: String) throws {
        let pattern = try JavaDateTimePattern(text)
        for millis: Int64 in [
            0, 1, 999, 1_764_414_425_123, 946_684_799_999, -1, -62_135_596_800_000, 253_402_300_799_999,
            1_000_000_000_007,
        ] {
            for zone in ["UTC", "America/Los_Angeles", "+05:30"] {
                var date = DateTimeValue(epochMilliseconds: millis)
                date.zoneIdentifier = zone
                #expect(pattern.format(date) == Self.slowFormat(pattern, date), "\(text) at \(millis) in \(zone)")
            }
        }
    }
}

/// The byte-built ISO 8601 output is the concatenated text it replaced.
@Suite struct ISO8601OutputFastPathTests {
    static func slowISO(_ date: DateTimeValue, dateOnly: Bool) -> String {
        let offset = date.offsetSeconds
        let civil = CivilDateTime(epochNanoseconds: date.epochNanoseconds, offsetSeconds: offset)
        var text =
            JavaDateTimePattern.pad(civil.year, 4) + "-" + ResolvedZone.twoDigits(civil.month) + "-"
            + ResolvedZone.twoDigits(civil.day)
        if dateOnly { return text }
        text +=
            "T" + ResolvedZone.twoDigits(civil.hour) + ":" + ResolvedZone.twoDigits(civil.minute) + ":"
            + ResolvedZone.twoDigits(civil.second)
        let millis = civil.nanosecond / 1_000_000
        if millis != 0 { text += "." + JavaDateTimePattern.pad(millis, 3) }
        text += ResolvedZone.offsetText(offset, colon: true, zeroAsZ: true)
        return text
    }

    @Test func matchesTheConcatenatedText() {
        for millis: Int64 in [
            0, 1, 999, 1_764_414_425_123, 1_764_414_425_000, -1, -62_135_596_800_000, -62_200_000_000_000,
            253_402_300_799_999,
        ] {
            for zone in ["UTC", "America/Los_Angeles", "+05:30", "Asia/Kolkata"] {
                var date = DateTimeValue(epochMilliseconds: millis)
                date.zoneIdentifier = zone
                for dateOnly in [false, true] {
                    #expect(
                        AdobeDateParsing.iso8601(date, dateOnly: dateOnly) == Self.slowISO(date, dateOnly: dateOnly),
                        "\(millis) \(zone) \(dateOnly)")
                }
            }
        }
    }
}
