/// Calendar fields of an instant in a zone (proleptic Gregorian, ISO weekdays), and the way back.
/// Pure arithmetic (Howard Hinnant's day algorithms); only zone offsets come from Foundation.
struct CivilDateTime: Sendable, Hashable {
    var year: Int
    var month: Int
    var day: Int
    var hour: Int
    var minute: Int
    var second: Int
    var nanosecond: Int

    init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0, nanosecond: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.nanosecond = nanosecond
    }

    /// Whether every field is in its range (the day within its month; the year within what the
    /// arithmetic here handles without overflow, far beyond `DateTimeValue`'s 1677-2262).
    var isValid: Bool {
        (-100_000...100_000).contains(self.year) && (1...12).contains(self.month) && self.day >= 1
            && self.day <= CivilDateTime.daysInMonth(self.year, self.month)
            && (0...23).contains(self.hour) && (0...59).contains(self.minute) && (0...59).contains(self.second)
            && (0...999_999_999).contains(self.nanosecond)
    }

    static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    static func daysInMonth(_ year: Int, _ month: Int) -> Int {
        switch month {
        case 2: return Self.isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a civil date.
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a count of days since 1970-01-01.
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Days since 1970-01-01 of this date.
    var epochDays: Int { Self.daysFromCivil(self.year, self.month, self.day) }

    /// 1 (Monday) to 7 (Sunday).
    var isoWeekday: Int {
        let days = self.epochDays
        return ((days % 7 + 7 + 3) % 7) + 1  // 1970-01-01 was a Thursday (4)
    }

    /// Sunday 0 ... Saturday 6: US weeks, which Java's week-based letters follow for the US locale.
    var sundayIndex: Int { self.isoWeekday % 7 }

    /// The week of the month (`W`): week 1 holds the 1st, weeks start on Sunday.
    var weekOfMonth: Int {
        (self.day - 1 + CivilDateTime(year: self.year, month: self.month, day: 1).sundayIndex) / 7 + 1
    }

    /// Days since 1970-01-01 of the Sunday that starts week 1 of `year` (the week holding January 1st).
    static func startOfWeekOne(_ year: Int) -> Int {
        let january1 = CivilDateTime(year: year, month: 1, day: 1)
        return january1.epochDays - january1.sundayIndex
    }

    /// The week-based year (`Y`): the next year for the days of late December in the week that
    /// holds the next January 1st.
    var weekBasedYear: Int {
        self.epochDays >= Self.startOfWeekOne(self.year + 1) ? self.year + 1 : self.year
    }

    /// The week of the week-based year (`w`), 1 to 53.
    var weekOfWeekBasedYear: Int {
        (self.epochDays - Self.startOfWeekOne(self.weekBasedYear)) / 7 + 1
    }

    /// 1 to 366.
    var dayOfYear: Int { self.epochDays - Self.daysFromCivil(self.year, 1, 1) + 1 }

    /// Seconds since the epoch of these fields read as UTC.
    var epochSecondsAsUTC: Int64 {
        Int64(self.epochDays) * 86_400 + Int64(self.hour * 3600 + self.minute * 60 + self.second)
    }

    /// The fields of an instant, `offsetSeconds` east of UTC.
    init(epochNanoseconds: Int64, offsetSeconds: Int) {
        let nanos = epochNanoseconds.remainderReportingOverflow(dividingBy: 1_000_000_000).partialValue
        var seconds = epochNanoseconds / 1_000_000_000
        var nano = Int(nanos)
        if nano < 0 {
            nano += 1_000_000_000
            seconds -= 1
        }
        self.init(epochSeconds: seconds, nanosecond: nano, offsetSeconds: offsetSeconds)
    }

    /// The fields of `epochSeconds` plus `nanosecond` (0 to 999,999,999), `offsetSeconds` east of
    /// UTC; any 64-bit count of seconds from milliseconds (`dformat`) stays in range.
    init(epochSeconds: Int64, nanosecond nano: Int, offsetSeconds: Int) {
        var seconds = epochSeconds
        seconds += Int64(offsetSeconds)
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let date = Self.civilFromDays(Int(days))
        self.init(
            year: date.year, month: date.month, day: date.day, hour: Int(secondOfDay / 3600),
            minute: Int(secondOfDay % 3600 / 60), second: Int(secondOfDay % 60), nanosecond: nano)
    }

    /// The instant these fields name in `zone` (for a local time skipped or repeated by a DST
    /// change, the offset in force just before the change, as `java.time` does).
    func instant(in zone: ResolvedZone) -> DateTimeValue? {
        let local = self.epochSecondsAsUTC
        let offset: Int
        if case .fixed(let fixed) = zone.kind {
            offset = fixed
        } else {
            // The offsets in force a day either side; a valid one maps back onto itself. Both
            // valid is an overlap (java.time keeps the earlier offset), neither a gap (java.time
            // moves the time later by the gap, which is reading it with the earlier offset).
            let before = zone.offsetSeconds(atEpochSeconds: local - 86_400)
            let after = zone.offsetSeconds(atEpochSeconds: local + 86_400)
            if zone.offsetSeconds(atEpochSeconds: local - Int64(before)) == before {
                offset = before
            } else if zone.offsetSeconds(atEpochSeconds: local - Int64(after)) == after {
                offset = after
            } else {
                offset = before
            }
        }
        let (seconds, overflow1) = (local - Int64(offset)).multipliedReportingOverflow(by: 1_000_000_000)
        let (nanos, overflow2) = seconds.addingReportingOverflow(Int64(self.nanosecond))
        guard !overflow1, !overflow2 else { return nil }
        return DateTimeValue(epochNanoseconds: nanos, zoneIdentifier: zone.identifier)
    }
}

extension DateTimeValue {
    /// The calendar fields of this instant in its own zone.
    var civil: CivilDateTime {
        let zone = ZoneResolver.resolve(self.zoneIdentifier) ?? .utc
        return CivilDateTime(
            epochNanoseconds: self.epochNanoseconds,
            offsetSeconds: zone.offsetSeconds(atEpochNanoseconds: self.epochNanoseconds))
    }

    /// The offset east of UTC, in seconds, of this instant in its own zone.
    var offsetSeconds: Int {
        (ZoneResolver.resolve(self.zoneIdentifier) ?? .utc).offsetSeconds(atEpochNanoseconds: self.epochNanoseconds)
    }
}
