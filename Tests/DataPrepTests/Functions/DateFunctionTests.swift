import Testing

@testable import DataPrep

@Suite struct DateFunctionTests {
    /// Date-valued results, compared by their ISO 8601 text.
    static let dateVectors: [Vector] = [
        Vector("date", [s("2019-10-23")], s("2019-10-23T00:00:00Z")),
        Vector("date", [s("2019-10-23T11:24:35Z")], s("2019-10-23T11:24:35Z")),
        Vector("date", [s("2019-10-23T11:24:35.5+02:00")], s("2019-10-23T11:24:35.500+02:00")),
        Vector("date", [s("2019-10-23 11:24:35+0000")], s("2019-10-23T11:24:35Z")),
        Vector("date", [s("2019-10-23 11:24:35.123-0530")], s("2019-10-23T11:24:35.123-05:30")),
        Vector("date", [s("2019/10/23")], s("2019-10-23T00:00:00Z")),
        Vector("date", [s("2019.10.23")], s("2019-10-23T00:00:00Z")),
        Vector("date", [s("2019-Oct-23")], s("2019-10-23T00:00:00Z")),
        Vector("date", [s("20191023")], s("2019-10-23T00:00:00Z")),
        Vector("date", [s("10-23-2019")], s("2019-10-23T00:00:00Z")),
        Vector("date", [s("10232019")], s("2019-10-23T00:00:00Z")),
        Vector("date", [s("1/23/2019")], s("2019-01-23T00:00:00Z")),
        Vector("date", [s("23.1.2019")], s("2019-01-23T00:00:00Z")),
        Vector("date", [s("1/23/2019 01:02:03 PM")], s("2019-01-23T13:02:03Z")),
        Vector("date", [s("23.1.2019 12:02:03 AM")], s("2019-01-23T00:02:03Z")),
        Vector("date", [s("23.Oct.2019")], s("2019-10-23T00:00:00Z")),
        Vector("date", [s("23-Oct-2019")], s("2019-10-23T00:00:00Z")),
        Vector("date", [s("2019-10-23T11:24:35+02:00[Europe/Paris]")], s("2019-10-23T11:24:35+02:00")),
        Vector("date", [s("23/10/2019 11h24"), s("dd/MM/yyyy HH'h'mm")], s("2019-10-23T11:24:00Z")),
        Vector("date", [s("2019-10-23 11:24 PDT"), s("yyyy-MM-dd HH:mm z")], s("2019-10-23T11:24:00-07:00")),
        Vector("date", [s("2019-10-23 11:24 +0200"), s("yyyy-MM-dd HH:mm Z")], s("2019-10-23T11:24:00+02:00")),
        Vector("date", [null, s("yyyy"), s("2000-01-01")], s("2000-01-01T00:00:00Z")),
        // Adobe's list resolves as SMART does: 30 February is the month's last day.
        Vector("date", [s("2019-02-30")], s("2019-02-28T00:00:00Z")),
        Vector("zone_date_to_zone", [s("2019-10-17T19:55:12Z"), s("Europe/Paris")], s("2019-10-17T21:55:12+02:00")),
        Vector("zone_date_to_zone", [s("2019-01-17T19:55:12Z"), s("Europe/Paris")], s("2019-01-17T20:55:12+01:00")),
        Vector("zone_date_to_zone", [s("2019-01-17T19:55:12Z"), s("+05:30")], s("2019-01-18T01:25:12+05:30")),
        Vector("zone_date_to_utc", [s("2019-10-17T11:55:12-07:00")], s("2019-10-17T18:55:12Z")),
        Vector(
            "make_date_time", [i(2024), i(2), i(29), i(23), i(59), i(59), i(123_456_789), s("UTC")],
            s("2024-02-29T23:59:59.123Z")),
        Vector(
            "make_timestamp", [i(2019), i(1), i(17), i(11), i(55), i(12), i(0), s("America/Los_Angeles")],
            s("2019-01-17T11:55:12-08:00")),
        Vector(
            "make_date_time", [i(1969), i(12), i(31), i(23), i(59), i(59), i(500_000_000), s("UTC")],
            s("1969-12-31T23:59:59.500Z")),
        Vector(
            "make_date_time", [i(2019), i(10), i(17), i(11), i(55), i(12), i(0), s("PST")],
            s("2019-10-17T11:55:12-07:00")),
        Vector("make_date_time", [i(2019), i(10), i(17), i(11), i(55), i(12), i(0), null], s("2019-10-17T11:55:12Z")),
        Vector(
            "make_date_time", [i(2019), i(11), i(3), i(1), i(30), i(0), i(0), s("America/Los_Angeles")],
            s("2019-11-03T01:30:00-07:00")),
        Vector("zone_date_to_utc", [s("2019-11-03T01:30:00-08:00")], s("2019-11-03T09:30:00Z")),
        Vector("set_date_part", [s("year"), i(2020), s("2019-10-23T11:24:35Z")], s("2020-10-23T11:24:35Z")),
        Vector("set_date_part", [s("dd"), i(1), s("2019-10-23T11:24:35Z")], s("2019-10-01T11:24:35Z")),
        Vector("set_date_part", [s("hh"), i(0), s("2019-10-23T11:24:35Z")], s("2019-10-23T00:24:35Z")),
        Vector("set_date_part", [s("mi"), i(59), s("2019-10-23T11:24:35Z")], s("2019-10-23T11:59:35Z")),
        Vector("set_date_part", [s("s"), i(0), s("2019-10-23T11:24:35Z")], s("2019-10-23T11:24:00Z")),
        Vector("set_date_part", [s("month"), i(4), s("2019-10-23T11:24:35+02:00")], s("2019-04-23T11:24:35+02:00")),
    ]

    @Test(arguments: DateFunctionTests.dateVectors)
    func dateVector(_ vector: Vector) throws {
        let result = try callArray(vector.name, vector.arguments)
        #expect(isoText(result) == vector.expected.asString)
    }

    static let vectors: [Vector] = [
        Vector("dformat", [i(0), s("yyyy-MM-dd HH:mm:ss")], s("1970-01-01 00:00:00")),
        Vector("dformat", [i(-1), s("yyyy-MM-dd HH:mm:ss.SSS")], s("1969-12-31 23:59:59.999")),
        Vector("dformat", [s("1571829875000"), s("yyyyMMdd")], s("20191023")),
        Vector(
            "dformat", [i(1_571_829_875_123), s("EEE, d MMM yyyy hh:mm:ss a Z")],
            s("Wed, 23 Oct 2019 11:24:35 AM +0000")),
        Vector(
            "dformat", [i(1_571_829_875_123), s("EEEE MMMM dd 'at' h 'o''clock' z, D")],
            s("Wednesday October 23 at 11 o'clock UTC, 296")),
        Vector("dformat", [null, s("yyyy")], null),
        Vector(
            "format", [s("2019-10-23T11:24:35+02:00"), s("yyyy-MM-dd HH:mm:ss XXX")], s("2019-10-23 11:24:35 +02:00")),
        Vector("format", [s("2019-10-23T11:24:35Z"), s("yy-M-d H:m:s X")], s("19-10-23 11:24:35 Z")),
        Vector("format", [null, s("yyyy")], null),
        // date_part on 2019-10-17 11:55:12.345 (a Thursday, day 290).
        Vector("date_part", [s("year"), s("2019-10-17T11:55:12.345Z")], i(2019)),
        Vector("date_part", [s("yy"), s("2019-10-17T11:55:12.345Z")], i(2019)),
        Vector("date_part", [s("quarter"), s("2019-10-17T11:55:12.345Z")], i(4)),
        Vector("date_part", [s("m"), s("2019-10-17T11:55:12.345Z")], i(10)),
        Vector("date_part", [s("dayofyear"), s("2019-10-17T11:55:12.345Z")], i(290)),
        Vector("date_part", [s("dd"), s("2019-10-17T11:55:12.345Z")], i(17)),
        Vector("date_part", [s("week"), s("2019-10-17T11:55:12.345Z")], i(42)),
        Vector("date_part", [s("week"), s("2019-01-05T00:00:00Z")], i(1)),  // Saturday
        Vector("date_part", [s("week"), s("2019-01-06T00:00:00Z")], i(2)),  // Sunday
        Vector("date_part", [s("dw"), s("2019-10-17T11:55:12.345Z")], i(5)),  // Thursday
        Vector("date_part", [s("weekday"), s("2019-10-20T00:00:00Z")], i(1)),  // Sunday
        Vector("date_part", [s("hour"), s("2019-10-17T23:55:12.345Z")], i(23)),
        Vector("date_part", [s("hh12"), s("2019-10-17T23:55:12.345Z")], i(11)),
        Vector("date_part", [s("hh12"), s("2019-10-17T00:55:12.345Z")], i(12)),
        Vector("date_part", [s("mi"), s("2019-10-17T11:55:12.345Z")], i(55)),
        Vector("date_part", [s("n"), s("2019-10-17T11:55:12.345Z")], i(55)),
        Vector("date_part", [s("ss"), s("2019-10-17T11:55:12.345Z")], i(12)),
        Vector("date_part", [s("millisecond"), s("2019-10-17T11:55:12.345Z")], i(345)),
        Vector("date_part", [s("SSS"), s("2019-10-17T11:55:12.345Z")], i(345)),
        Vector("date_part", [s("hour"), s("2019-10-17T23:55:12+02:00")], i(23)),
        Vector("date_part", [s("day"), null], null),
    ]

    @Test(arguments: DateFunctionTests.vectors)
    func vector(_ vector: Vector) throws {
        #expect(try callArray(vector.name, vector.arguments) == vector.expected)
    }

    static let failures: [FailingVector] = [
        FailingVector("date", [s("not a date")]),
        FailingVector("date", [s("2019-02-32")]),
        // The default stands in for null text only (Adobe: "if the date provided is null").
        FailingVector("date", [s("garbage"), s("yyyy-MM-dd"), s("2000-01-01")]),
        FailingVector("date", [s("2019-10-23"), s("yyyy-MM-dd HH:mm")]),
        FailingVector("date", [s("2019-10-23"), s("yyyy-qq")]),
        FailingVector("date", [s("2019"), s("yyyy'")]),
        FailingVector("date", [s("2019"), s("[yyyy]")]),
        FailingVector("date", []),
        FailingVector("dformat", [s("soon"), s("yyyy")]),
        FailingVector("dformat", [i(0), s("bogus pattern P")]),
        FailingVector("format", [i(1_571_829_875_000), s("yyyy")]),
        FailingVector("date_part", [s("fortnight"), s("2019-10-17")]),
        FailingVector("date_part", [s("day"), s("yesterday")]),
        FailingVector("set_date_part", [s("month"), i(13), s("2019-10-17")]),
        FailingVector("set_date_part", [s("day"), i(31), s("2019-02-17")]),
        FailingVector("set_date_part", [s("quarter"), i(1), s("2019-02-17")]),
        FailingVector("set_date_part", [s("day"), s("x"), s("2019-02-17")]),
        FailingVector("make_date_time", [i(2019), i(2), i(29), i(0), i(0), i(0), i(0), s("UTC")]),
        FailingVector("make_date_time", [i(2019), i(1), i(1), i(24), i(0), i(0), i(0), s("UTC")]),
        FailingVector("make_date_time", [i(999_999_999_999), i(1), i(1), i(0), i(0), i(0), i(0), s("UTC")]),
        FailingVector("make_date_time", [i(3000), i(1), i(1), i(0), i(0), i(0), i(0), s("UTC")]),
        FailingVector("set_date_part", [s("year"), i(99_999), s("2019-02-17")]),
        FailingVector("date", [s("999999999-01-01"), s("yyyy-MM-dd")]),
        FailingVector("make_date_time", [i(2019), i(1), i(1), i(0), i(0), i(0), i(0), s("Mars/Olympus_Mons")]),
        FailingVector("zone_date_to_zone", [s("2019-10-17"), s("Nowhere/City")]),
        FailingVector("zone_date_to_zone", [s("2019-10-17"), null]),
        FailingVector("now", [i(1)]),
        FailingVector("timestamp", [s("x")]),
    ]

    @Test(arguments: DateFunctionTests.failures)
    func failure(_ vector: FailingVector) {
        #expect(throws: FunctionError.self) { try callArray(vector.name, vector.arguments) }
    }

    @Test func nowUsesTheInjectedClock() throws {
        var context = FunctionContext(now: { DateTimeValue(epochMilliseconds: 86_400_000) })
        #expect(try FunctionLibrary.call("timestamp", [], context: &context) == .int(86_400_000))
        #expect(
            try FunctionLibrary.call("now", [], context: &context)
                == .date(DateTimeValue(epochMilliseconds: 86_400_000)))
        let formatted = try FunctionLibrary.call(
            "format", [try FunctionLibrary.call("now", [], context: &context), .string("yyyy-MM-dd")], context: &context
        )
        #expect(formatted == .string("1970-01-02"))
    }

    @Test func systemClockIsNearNow() {
        let millis = FunctionContext.systemNow().epochMilliseconds
        #expect(millis > 1_700_000_000_000)
        #expect(FunctionContext.systemNow().zoneIdentifier == "UTC")
    }

    @Test func dateOfADateIsItself() throws {
        let date = try call("date", s("2019-10-23T11:24:35Z"))
        #expect(try call("date", date) == date)
    }

    @Test func springForwardGapUsesOffsetBeforeTheChange() throws {
        // 2019-03-10 02:30 does not exist in Los Angeles; java.time moves it to 03:30 PDT.
        let date = try call("make_date_time", i(2019), i(3), i(10), i(2), i(30), i(0), i(0), s("America/Los_Angeles"))
        #expect(isoText(try call("zone_date_to_utc", date)) == "2019-03-10T10:30:00Z")
    }
}
