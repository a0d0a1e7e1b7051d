import Testing

@testable import DataPrep

@Suite struct JavaDateTimePatternTests {
    /// 2019-10-23T11:24:35.123Z
    static let instant = DateTimeValue(epochMilliseconds: 1_571_829_875_123)

    @Test(arguments: [
        ("yyyy-MM-dd'T'HH:mm:ss.SSSX", "2019-10-23T11:24:35.123Z"),
        ("yy/M/d H:m:s", "19/10/23 11:24:35"),
        ("MMM MMMM", "Oct October"),
        ("hh:mm a", "11:24 AM"),
        ("h 'o''clock'", "11 o'clock"),
        ("'It''s' yyyy", "It's 2019"),
        ("SSSSSS n", "123000 123000000"),
        ("xxx XX Z ZZZZZ", "+00:00 Z +0000 Z"),
        ("D E EEEE", "296 Wed Wednesday"),
        ("Q qqq G", "4 Q4 AD"),
        ("z VV", "UTC UTC"),
    ])
    func formatsUTC(_ pattern: String, _ expected: String) throws {
        #expect(try JavaDateTimePattern(pattern).format(Self.instant) == expected)
    }

    @Test func formatsAsJavaBeyondTheUsualYears() throws {
        // dformat takes any 64-bit millisecond count: year 12345 and 6 BC, as java.time writes them.
        let future = CivilDateTime(year: 12345, month: 1, day: 1).epochSecondsAsUTC * 1000
        #expect(
            try JavaDateTimePattern("y yyyy uuuu YYYY").format(epochMilliseconds: future)
                == "12345 +12345 +12345 +12345")
        let past = CivilDateTime(year: -5, month: 1, day: 1).epochSecondsAsUTC * 1000
        #expect(
            try JavaDateTimePattern("y yy yyy yyyy u uu uuuu G Y").format(epochMilliseconds: past)
                == "6 06 006 0006 -5 05 -0005 BC -5")
        #expect(
            try JavaDateTimePattern("YYYY-'W'ww-e W c").format(
                epochMilliseconds: CivilDateTime(year: 2024, month: 12, day: 30).epochSecondsAsUTC * 1000)
                == "2025-W01-2 5 2")
        #expect(
            try JavaDateTimePattern("yyyy-MM-dd'T'HH:mm:ss.SSS").format(epochMilliseconds: -1)
                == "1969-12-31T23:59:59.999")
        var date = Self.instant
        date.zoneIdentifier = "+05:30"
        #expect(try JavaDateTimePattern("O OOOO").format(date) == "GMT+5:30 GMT+05:30")
    }

    @Test func formatsInTheDatesZone() throws {
        var date = Self.instant
        date.zoneIdentifier = "America/Los_Angeles"
        let text = try JavaDateTimePattern("yyyy-MM-dd HH:mm:ss XXX z VV").format(date)
        #expect(text == "2019-10-23 04:24:35 -07:00 PDT America/Los_Angeles")
        date.zoneIdentifier = "+05:30"
        #expect(try JavaDateTimePattern("HH:mm X XX Z").format(date) == "16:54 +0530 +0530 +0530")
        date.zoneIdentifier = "+05:00"
        #expect(try JavaDateTimePattern("X").format(date) == "+05")
    }

    @Test(arguments: [
        ("yyyy-MM-dd HH:mm:ss", "2019-10-23 11:24:35", "UTC", "2019-10-23T11:24:35Z"),
        ("yyyyMMddHHmmss", "20191023112435", "UTC", "2019-10-23T11:24:35Z"),
        ("dd MMMM yyyy", "23 October 2019", "UTC", "2019-10-23T00:00:00Z"),
        // SMART resolution: a day past the month's end is its last day, 24:00 the next midnight.
        ("yyyy-MM-dd", "2019-02-29", "UTC", "2019-02-28T00:00:00Z"),
        ("yyyy-MM-dd", "2024-02-31", "UTC", "2024-02-29T00:00:00Z"),
        ("yyyy-MM-dd HH:mm", "2019-10-23 24:00", "UTC", "2019-10-24T00:00:00Z"),
        ("yyyy-MM-dd kk:mm", "2019-10-23 24:30", "UTC", "2019-10-23T00:30:00Z"),
        ("EEE yyyy-MM-dd", "Wed 2019-10-23", "UTC", "2019-10-23T00:00:00Z"),
        // Week-based letters (US weeks: Sunday first, week 1 holds January 1st) and O.
        ("YYYY-'W'ww-e", "2025-W01-2", "UTC", "2024-12-30T00:00:00Z"),
        ("yyyy-MM-W-e", "2024-03-1-6", "UTC", "2024-03-01T00:00:00Z"),
        ("yyyy-MM-dd HH:mm O", "2019-10-23 11:24 GMT+5:30", "UTC", "2019-10-23T11:24:00+05:30"),
        ("yyyy-MM-dd HH:mm OOOO", "2019-10-23 11:24 GMT-08:00", "UTC", "2019-10-23T11:24:00-08:00"),
        ("EEE, dd MMM yyyy HH:mm:ss Z", "Wed, 23 Oct 2019 11:24:35 +0200", "UTC", "2019-10-23T11:24:35+02:00"),
        ("yyyy-MM-dd'T'HH:mm:ss.SSSXXX", "2019-10-23T11:24:35.123-03:00", "UTC", "2019-10-23T11:24:35.123-03:00"),
        ("yyyy-MM-dd'T'HH:mm:ssX", "2019-10-23T11:24:35Z", "Europe/Paris", "2019-10-23T11:24:35Z"),
        ("yyyy-MM-dd HH:mm", "2019-10-23 11:24", "Europe/Paris", "2019-10-23T11:24:00+02:00"),
        ("yyyy-MM-dd HH:mm VV", "2019-10-23 11:24 Asia/Tokyo", "UTC", "2019-10-23T11:24:00+09:00"),
        ("yyyy-D", "2020-366", "UTC", "2020-12-31T00:00:00Z"),
        ("yy-MM-dd", "07-01-02", "UTC", "2007-01-02T00:00:00Z"),
        ("hh:mm a yyyy-MM-dd", "12:05 AM 2019-01-01", "UTC", "2019-01-01T00:05:00Z"),
        ("hh:mm a yyyy-MM-dd", "12:05 PM 2019-01-01", "UTC", "2019-01-01T12:05:00Z"),
    ])
    func parses(_ pattern: String, _ text: String, _ zone: String, _ expected: String) throws {
        let date = try #require(try JavaDateTimePattern(pattern).parse(text, defaultZone: zone))
        #expect(AdobeDateParsing.iso8601(date, dateOnly: false) == expected)
    }

    @Test(arguments: [
        ("yyyy-MM-dd", "2019-10-23x"),
        ("yyyy-MM-dd", "2019-1-23"),
        ("yyyy-MM-dd", "19-10-23"),
        ("yyyy-MM-dd", "2019-13-01"),
        ("yyyy-MM-dd", "2019-02-32"),
        ("HH:mm", "11:24"),
        ("yyyy-MM-dd HH:mm", "2019-10-23 24:01"),
        ("yyyy-MM-dd HH:mm:ss", "2019-10-23 23:59:60"),
        // Names are case-sensitive, and a weekday must be the date's.
        ("dd MMMM yyyy", "23 october 2019"),
        ("yyyy-MMM-dd", "2019-OCT-23"),
        ("hh:mm a yyyy-MM-dd", "12:05 am 2019-01-01"),
        ("EEE yyyy-MM-dd", "Thu 2019-10-23"),
        // A time that does not resolve: h without a, minutes without an hour.
        ("yyyy-MM-dd hh:mm", "2019-10-23 11:24"),
        ("yyyy-MM-dd mm:ss", "2019-10-23 24:11"),
        ("YYYY-ww", "2019-43"),
        ("yyyy-MM-dd Z", "2019-10-23 +2"),
        ("yyyy-MM-dd z", "2019-10-23 Nowhere/Zone"),
        ("yyyy MMM", "2019 Foo"),
        ("yyyy-MM-dd'T'", "2019-10-23t"),
    ])
    func rejects(_ pattern: String, _ text: String) throws {
        #expect(try JavaDateTimePattern(pattern).parse(text, defaultZone: "UTC") == nil)
    }

    @Test(arguments: ["yyyy-MM-dd'T", "OO", "www", "cc", "yyyy-MM-dd[ HH:mm]", "bbb", "yyyy {x}", "V", "XXXXXX"])
    func invalidPatterns(_ pattern: String) {
        #expect(throws: FunctionError.self) { try JavaDateTimePattern(pattern) }
    }

    @Test func adobeListOrderAndISOFallback() {
        // 01-02-2019 is MM-dd-yyyy (January 2nd), Adobe's list order.
        #expect(
            AdobeDateParsing.parse("01-02-2019").map { AdobeDateParsing.iso8601($0, dateOnly: true) } == "2019-01-02")
        #expect(
            AdobeDateParsing.parse("  2019-10-23  ").map { AdobeDateParsing.iso8601($0, dateOnly: true) }
                == "2019-10-23")
        #expect(AdobeDateParsing.parse("2019-10-23T11:24:35.123456789Z")?.epochNanoseconds == 1_571_829_875_123_456_789)
        #expect(AdobeDateParsing.parse("2019-10-23T11:24") != nil)
        #expect(AdobeDateParsing.parse("2019-10-23T25:00") == nil)
        #expect(AdobeDateParsing.parse("yesterday") == nil)
        #expect(AdobeDateParsing.parse("") == nil)
    }

    @Test func iso8601Output() {
        #expect(
            AdobeDateParsing.iso8601(DateTimeValue(epochMilliseconds: 1_571_829_875_000), dateOnly: false)
                == "2019-10-23T11:24:35Z")
        #expect(
            AdobeDateParsing.iso8601(DateTimeValue(epochMilliseconds: 1_571_829_875_100), dateOnly: false)
                == "2019-10-23T11:24:35.100Z")
        #expect(
            AdobeDateParsing.iso8601(DateTimeValue(epochMilliseconds: 1_571_829_875_000), dateOnly: true)
                == "2019-10-23")
        #expect(
            AdobeDateParsing.iso8601(DateTimeValue(epochMilliseconds: -1), dateOnly: false)
                == "1969-12-31T23:59:59.999Z")
        #expect(
            AdobeDateParsing.iso8601(
                DateTimeValue(epochMilliseconds: 0, zoneIdentifier: "Asia/Kolkata"), dateOnly: false)
                == "1970-01-01T05:30:00+05:30")
    }

    @Test func civilArithmeticRoundTrips() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            let date = CivilDateTime.civilFromDays(days)
            #expect(CivilDateTime.daysFromCivil(date.year, date.month, date.day) == days)
        }
        #expect(CivilDateTime(year: 1970, month: 1, day: 1).isoWeekday == 4)
        #expect(CivilDateTime(year: 2024, month: 12, day: 31).dayOfYear == 366)
    }

    @Test func zoneNames() {
        #expect(ZoneResolver.parseOffset("+02:00") == 7200)
        #expect(ZoneResolver.parseOffset("-0530") == -19800)
        #expect(ZoneResolver.parseOffset("+2") == 7200)
        #expect(ZoneResolver.parseOffset("UTC+01:00") == 3600)
        #expect(ZoneResolver.parseOffset("GMT") == 0)
        #expect(ZoneResolver.parseOffset("+25:00") == nil)
        #expect(ZoneResolver.parseOffset("Europe/Paris") == nil)
        #expect(ZoneResolver.resolve("gmt")?.identifier == "UTC")
        #expect(ZoneResolver.resolve("+00:00")?.identifier == "UTC")
        #expect(ZoneResolver.resolve("Europe/Paris")?.identifier == "Europe/Paris")
        #expect(ZoneResolver.resolve("Not/AZone") == nil)
    }
}
