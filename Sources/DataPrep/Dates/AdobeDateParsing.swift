// STAND-IN: replaced by the function-library branch
/// Adobe's date coercion (stand-in: ISO 8601 `yyyy-MM-dd'T'HH:mm:ss(.SSS)?(Z|±hh:mm)` and `yyyy-MM-dd` only).
public enum AdobeDateParsing {
    public static func parse(_ text: String) -> DateTimeValue? {
        let c = Array(text.utf8)
        func num(_ from: Int, _ count: Int) -> Int64? {
            guard from + count <= c.count else { return nil }
            var v: Int64 = 0
            for i in from..<(from + count) {
                guard c[i] >= 48, c[i] <= 57 else { return nil }
                v = v * 10 + Int64(c[i] - 48)
            }
            return v
        }
        guard let y = num(0, 4), c.count >= 10, c[4] == 45, let mo = num(5, 2), c[7] == 45, let d = num(8, 2),
              (1...12).contains(mo), (1...31).contains(d) else { return nil }
        var seconds = CivilTime.days(year: y, month: mo, day: d) * 86400
        if c.count == 10 { return DateTimeValue(epochNanoseconds: seconds * 1_000_000_000) }
        guard c.count >= 20, c[10] == 84 || c[10] == 32, let h = num(11, 2), c[13] == 58, let mi = num(14, 2), c[16] == 58,
              let s = num(17, 2), h < 24, mi < 60, s < 61 else { return nil }
        seconds += h * 3600 + mi * 60 + s
        var i = 19
        var nanos: Int64 = 0
        if c[i] == 46 {
            i += 1
            var digits = 0
            while i < c.count, c[i] >= 48, c[i] <= 57 {
                if digits < 9 { nanos = nanos * 10 + Int64(c[i] - 48); digits += 1 }
                i += 1
            }
            while digits < 9 { nanos *= 10; digits += 1 }
        }
        guard i < c.count else { return nil }
        if c[i] == 90, i + 1 == c.count {
        } else if c[i] == 43 || c[i] == 45, let oh = num(i + 1, 2), i + 3 < c.count, c[i + 3] == 58, let om = num(i + 4, 2), i + 6 == c.count {
            let offset = oh * 3600 + om * 60
            seconds -= c[i] == 43 ? offset : -offset
        } else {
            return nil
        }
        return DateTimeValue(epochNanoseconds: seconds * 1_000_000_000 + nanos)
    }

    public static func iso8601(_ date: DateTimeValue, dateOnly: Bool) -> String {
        let p = CivilTime(date)
        func pad(_ v: Int64, _ n: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, n - s.count)) + s }
        let day = "\(pad(p.year, 4))-\(pad(p.month, 2))-\(pad(p.day, 2))"
        if dateOnly { return day }
        let fraction = p.nanos == 0 ? "" : "." + pad(p.nanos / 1_000_000, 3)
        return "\(day)T\(pad(p.hour, 2)):\(pad(p.minute, 2)):\(pad(p.second, 2))\(fraction)Z"
    }
}
