/// Date and time functions. Dates are `JSONValue.date` values (an instant and a zone); a date
/// argument may also be text, read the way `date(text)` reads it. A null date gives null.
enum DateFunctions {
    /// `now()`: the injected clock's instant (UTC).
    static func now(_ args: FunctionArguments, context: FunctionContext) throws(FunctionError) -> JSONValue {
        try args.expect(0)
        return .date(context.now())
    }

    /// `timestamp()`: the injected clock's instant as epoch milliseconds.
    static func timestamp(_ args: FunctionArguments, context: FunctionContext) throws(FunctionError) -> JSONValue {
        try args.expect(0)
        return .int(context.now().epochMilliseconds)
    }

    /// Argument `index` as a date: a date, or text in one of Adobe's formats. Numbers are not
    /// dates (use `dformat` for epoch milliseconds).
    static func dateArgument(_ args: FunctionArguments, _ index: Int) throws(FunctionError) -> DateTimeValue? {
        switch args[index] {
        case .null: return nil
        case .date(let date): return date
        case .string(let text):
            guard let date = AdobeDateParsing.parse(text) else {
                throw args.error("Unable to parse '\(text)' as a date; give a pattern with date(text, pattern)")
            }
            return date
        default:
            throw args.error("argument \(index + 1) must be a date, got \(args[index].kindName)")
        }
    }

    static func pattern(_ args: FunctionArguments, _ index: Int, context: inout FunctionContext) throws(FunctionError)
        -> JavaDateTimePattern
    {
        guard let text = try args.string(index, "format") else { throw args.error("format must not be null") }
        do {
            return try context.patterns.pattern(text)
        } catch {
            throw args.error(error.message)
        }
    }

    /// `format(date, pattern)`: the date's text in its own zone.
    static func format(_ args: FunctionArguments, context: inout FunctionContext) throws(FunctionError) -> JSONValue {
        try args.expect(2)
        let pattern = try Self.pattern(args, 1, context: &context)
        guard let date = try Self.dateArgument(args, 0) else { return .null }
        return .string(pattern.format(date))
    }

    /// `dformat(epochMillis, pattern)`: epoch milliseconds formatted in UTC (any 64-bit count, as
    /// `Instant.ofEpochMilli` takes).
    static func dformat(_ args: FunctionArguments, context: inout FunctionContext) throws(FunctionError) -> JSONValue {
        try args.expect(2)
        let pattern = try Self.pattern(args, 1, context: &context)
        if args[0].isNullValue { return .null }
        guard let millis = args[0].asInt64 else {
            throw args.error(
                "timestamp must be epoch milliseconds, got \(args[0].kindName) \(args[0].asString.map { "'\($0)'" } ?? "")"
            )
        }
        return .string(pattern.format(epochMilliseconds: millis))
    }

    /// `date(text, pattern?, default?)`: reads a date (with the pattern, else Adobe's list; UTC
    /// unless the text has an offset or zone). Null text gives the default (null without one);
    /// text that does not parse is an error, default or not: Adobe documents the default only
    /// "if the date provided is null".
    static func date(_ args: FunctionArguments, context: inout FunctionContext) throws(FunctionError) -> JSONValue {
        try args.expect(1...3)
        var fallback: JSONValue?
        if args.count == 3 {
            // The default is a date, or text read the way date(text) reads it.
            fallback = args[2].isNullValue ? .null : .date(try Self.dateArgument(args, 2)!)
        }
        if case .date = args[0] { return args[0] }
        guard let text = try args.string(0, "date") else { return fallback ?? .null }
        var parsed: DateTimeValue?
        if args.count >= 2, !args[1].isNullValue {
            let pattern = try Self.pattern(args, 1, context: &context)
            parsed = pattern.parse(text, defaultZone: "UTC")
        } else {
            parsed = AdobeDateParsing.parse(text)
        }
        if let parsed { return .date(parsed) }
        throw args.error(
            "Unable to parse '\(text)' as a date\(args.count >= 2 ? " with pattern '\(args[1].asString ?? "")'" : "")")
    }

    enum Component {
        case year, quarter, month, dayOfYear, day, week, weekday, hour, hour12, minute, second, millisecond
    }

    /// Component names of `date_part`/`set_date_part` (SQL Server's DATEPART names), any case.
    static func component(_ name: String) -> Component? {
        switch name.lowercased() {
        case "year", "yyyy", "yy": return .year
        case "quarter", "qq", "q": return .quarter
        case "month", "mm", "m": return .month
        case "dayofyear", "dy", "y": return .dayOfYear
        case "day", "dd", "d": return .day
        case "week", "ww", "w", "wk": return .week
        case "weekday", "dw": return .weekday
        case "hour", "hh", "hh24": return .hour
        case "hh12": return .hour12
        case "minute", "mi", "n": return .minute
        case "second", "ss", "s": return .second
        case "millisecond", "ms", "sss": return .millisecond
        default: return nil
        }
    }

    /// `date_part(component, date)`: one field of the date in its own zone. `week` counts weeks
    /// starting on Sunday with week 1 holding January 1st, `weekday` is 1 (Sunday) to 7 (Saturday),
    /// as SQL Server's DATEPART (whose names Adobe uses) does.
    static func datePart(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(2)
        guard let name = try args.string(0, "component") else { throw args.error("component must not be null") }
        guard let component = Self.component(name) else { throw args.error("Unknown date component '\(name)'") }
        guard let date = try Self.dateArgument(args, 1) else { return .null }
        let civil = date.civil
        let sundayBasedWeekday = civil.isoWeekday % 7 + 1  // Sunday 1 ... Saturday 7
        let value: Int
        switch component {
        case .year: value = civil.year
        case .quarter: value = (civil.month - 1) / 3 + 1
        case .month: value = civil.month
        case .dayOfYear: value = civil.dayOfYear
        case .day: value = civil.day
        case .week:
            let january1 = CivilDateTime(year: civil.year, month: 1, day: 1)
            let offset = january1.isoWeekday % 7  // days from the Sunday starting week 1
            value = (civil.dayOfYear - 1 + offset) / 7 + 1
        case .weekday: value = sundayBasedWeekday
        case .hour: value = civil.hour
        case .hour12: value = civil.hour % 12 == 0 ? 12 : civil.hour % 12
        case .minute: value = civil.minute
        case .second: value = civil.second
        case .millisecond: value = civil.nanosecond / 1_000_000
        }
        return .int(Int64(value))
    }

    /// `set_date_part(component, value, date)`: the date with one field replaced (in its own zone,
    /// other fields kept); a value out of the field's range is an error.
    static func setDatePart(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(3)
        guard let name = try args.string(0, "component") else { throw args.error("component must not be null") }
        guard let component = Self.component(name) else { throw args.error("Unknown date component '\(name)'") }
        guard let value64 = try args.int(1, "value") else { throw args.error("value must not be null") }
        guard let date = try Self.dateArgument(args, 2) else { return .null }
        guard let value = Int(exactly: value64), value > -1_000_000, value < 1_000_000 else {
            throw args.error("value \(value64) is out of range")
        }
        var civil = date.civil
        switch component {
        case .year: civil.year = value
        case .month: civil.month = value
        case .day: civil.day = value
        case .hour: civil.hour = value
        case .minute: civil.minute = value
        case .second: civil.second = value
        case .millisecond: civil.nanosecond = value * 1_000_000 + civil.nanosecond % 1_000_000
        default: throw args.error("set_date_part cannot set '\(name)'; use year, month, day, hour, minute or second")
        }
        guard civil.isValid, (0...999).contains(component == .millisecond ? value : 0) else {
            throw args.error("\(value) is not a valid \(name) for \(AdobeDateParsing.iso8601(date, dateOnly: false))")
        }
        guard let zone = ZoneResolver.resolve(date.zoneIdentifier), let result = civil.instant(in: zone) else {
            throw args.error("the date is out of range")
        }
        return .date(result)
    }

    /// `make_date_time(year, month, day, hour, minute, second, nanosecond, zone)` (alias
    /// `make_timestamp`): the date at those fields in `zone` (default UTC when null or absent).
    static func makeDateTime(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(7...8)
        let names = ["year", "month", "day", "hour", "minute", "second", "nanosecond"]
        var values: [Int] = []
        for (index, name) in names.enumerated() {
            guard let value = try args.int(index, name) else { return .null }
            guard let int = Int(exactly: value), int > -1_000_000_000_000, int < 1_000_000_000_000 else {
                throw args.error("\(name) \(value) is out of range")
            }
            values.append(int)
        }
        let zoneName = try args.string(7, "zone") ?? "UTC"
        guard let zone = ZoneResolver.resolve(zoneName) else { throw args.error("Unknown time zone '\(zoneName)'") }
        let civil = CivilDateTime(
            year: values[0], month: values[1], day: values[2], hour: values[3], minute: values[4], second: values[5],
            nanosecond: values[6])
        guard civil.isValid else {
            throw args.error("Invalid date-time fields \(values.map(String.init).joined(separator: ", "))")
        }
        guard let date = civil.instant(in: zone) else { throw args.error("the date is out of range") }
        return .date(date)
    }

    /// `zone_date_to_utc(date)`: the same instant expressed in UTC.
    static func zoneDateToUTC(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(1)
        guard var date = try Self.dateArgument(args, 0) else { return .null }
        date.zoneIdentifier = "UTC"
        return .date(date)
    }

    /// `zone_date_to_zone(date, zone)`: the same instant expressed in `zone`.
    static func zoneDateToZone(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(2)
        guard let zoneName = try args.string(1, "zone") else { throw args.error("zone must not be null") }
        guard let zone = ZoneResolver.resolve(zoneName) else { throw args.error("Unknown time zone '\(zoneName)'") }
        guard var date = try Self.dateArgument(args, 0) else { return .null }
        date.zoneIdentifier = zone.identifier
        return .date(date)
    }
}

/// Compiled date patterns by text, one cache per function context (so per worker: no lock, and
/// no pattern object shared between cores). A mapping set uses a handful of patterns, so they are
/// found by comparing texts, which for the same expression's literal is one pointer comparison;
/// the cache starts over when full.
struct PatternCache: Sendable {
    static let capacity = 16
    private var entries: [(text: String, pattern: JavaDateTimePattern)] = []

    mutating func pattern(_ text: String) throws(FunctionError) -> JavaDateTimePattern {
        for entry in self.entries where entry.text == text { return entry.pattern }
        let compiled = try JavaDateTimePattern(text)
        if self.entries.count >= Self.capacity { self.entries.removeAll() }
        self.entries.append((text, compiled))
        return compiled
    }
}
