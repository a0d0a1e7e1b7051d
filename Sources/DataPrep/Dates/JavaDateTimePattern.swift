// STAND-IN: replaced by the function-library branch
/// A Java `DateTimeFormatter` pattern (stand-in: yyyy MM dd HH mm ss SSS X and quoted literals, UTC).
public struct JavaDateTimePattern: Sendable {
    enum Piece: Sendable { case literal(String), field(Character, Int) }
    let pieces: [Piece]

    public init(_ pattern: String) throws(FunctionError) {
        var pieces: [Piece] = []
        let chars = Array(pattern)
        var index = 0
        while index < chars.count {
            let c = chars[index]
            if c == "'" {
                var end = index + 1
                var text = ""
                while end < chars.count, chars[end] != "'" { text.append(chars[end]); end += 1 }
                guard end < chars.count else { throw FunctionError(function: "pattern", message: "unterminated quote in \(pattern)") }
                pieces.append(.literal(text))
                index = end + 1
            } else if c.isLetter {
                guard "yMdHmsSX".contains(c) else { throw FunctionError(function: "pattern", message: "letter \(c) is not supported in \(pattern)") }
                var end = index
                while end < chars.count, chars[end] == c { end += 1 }
                pieces.append(.field(c, end - index))
                index = end
            } else {
                pieces.append(.literal(String(c)))
                index += 1
            }
        }
        self.pieces = pieces
    }

    public func format(_ date: DateTimeValue) -> String {
        let p = CivilTime(date)
        var out = ""
        func pad(_ v: Int64, _ n: Int) -> String { let s = String(v); return String(repeating: "0", count: max(0, n - s.count)) + s }
        for piece in self.pieces {
            switch piece {
            case .literal(let t): out += t
            case .field(let c, let n):
                switch c {
                case "y": out += pad(p.year, n == 2 ? 2 : 4)
                case "M": out += pad(p.month, n)
                case "d": out += pad(p.day, n)
                case "H": out += pad(p.hour, n)
                case "m": out += pad(p.minute, n)
                case "s": out += pad(p.second, n)
                case "S": out += pad(p.nanos / 1_000_000, 3)
                default: out += "Z"
                }
            }
        }
        return out
    }

    public func parse(_ text: String, defaultZone: String) -> DateTimeValue? {
        AdobeDateParsing.parse(text)
    }
}

/// UTC calendar fields of an instant (stand-in helper).
struct CivilTime {
    var year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64, nanos: Int64

    init(_ date: DateTimeValue) {
        var seconds = date.epochNanoseconds / 1_000_000_000
        var nanos = date.epochNanoseconds % 1_000_000_000
        if nanos < 0 { nanos += 1_000_000_000; seconds -= 1 }
        var days = seconds / 86400
        var rest = seconds % 86400
        if rest < 0 { rest += 86400; days -= 1 }
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        self.day = doy - (153 * mp + 2) / 5 + 1
        self.month = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (self.month <= 2 ? 1 : 0)
        self.hour = rest / 3600
        self.minute = rest % 3600 / 60
        self.second = rest % 60
        self.nanos = nanos
    }

    static func days(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
