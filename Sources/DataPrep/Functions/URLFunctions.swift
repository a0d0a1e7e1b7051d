/// URL functions. A URL is split as RFC 3986 does (`scheme:[//authority]path[?query][#fragment]`);
/// text that is no absolute URL (no scheme, spaces, a bad port) gives null, as Adobe documents.
enum URLFunctions {
    /// Default ports of well-known schemes, for `get_url_port` when the URL names none.
    static let defaultPorts: [String: Int64] = [
        "http": 80, "https": 443, "ws": 80, "wss": 443, "ftp": 21, "ftps": 990, "sftp": 22, "ssh": 22,
        "scp": 22, "telnet": 23, "smtp": 25, "dns": 53, "gopher": 70, "pop3": 110, "nntp": 119,
        "imap": 143, "ldap": 389, "ldaps": 636, "imaps": 993, "pop3s": 995, "rtsp": 554, "git": 9418,
    ]

    struct Parts {
        var scheme: String
        var userInfo: String?
        var host: String?
        var port: Int64?
        var path: String
        var query: String?
        var fragment: String?
    }

    static func parse(_ text: String) -> Parts? {
        let scalars = Array(text.unicodeScalars)
        guard let colon = scalars.firstIndex(of: ":"), colon > 0 else { return nil }
        guard Self.isAlpha(scalars[0]),
            scalars[1..<colon].allSatisfy({
                Self.isAlpha($0) || ("0"..."9").contains($0) || $0 == "+" || $0 == "-" || $0 == "."
            })
        else { return nil }
        // Characters never allowed unescaped in a URI.
        guard
            !scalars.contains(where: {
                $0.value <= 0x20 || $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "\\" || $0 == "^" || $0 == "`"
                    || $0 == "{" || $0 == "|" || $0 == "}" || $0.value == 0x7F
            })
        else { return nil }
        var parts = Parts(scheme: StringFunctions.string(scalars[0..<colon]), path: "")
        let index = colon + 1
        if let hash = scalars[index...].firstIndex(of: "#") {
            parts.fragment = StringFunctions.string(scalars[(hash + 1)...])
            guard !parts.fragment!.contains("#") else { return nil }
            return Self.parseHierarchy(scalars[index..<hash], into: &parts)
        }
        return Self.parseHierarchy(scalars[index...], into: &parts)
    }

    private static func parseHierarchy(_ scalars: ArraySlice<Unicode.Scalar>, into parts: inout Parts) -> Parts? {
        var rest = scalars
        if let question = rest.firstIndex(of: "?") {
            parts.query = StringFunctions.string(rest[(question + 1)...])
            rest = rest[..<question]
        }
        if rest.starts(with: ["/", "/"]) {
            let afterSlashes = rest.index(rest.startIndex, offsetBy: 2)
            let authorityEnd = rest[afterSlashes...].firstIndex(of: "/") ?? rest.endIndex
            var authority = rest[afterSlashes..<authorityEnd]
            parts.path = StringFunctions.string(rest[authorityEnd...])
            if let at = authority.lastIndex(of: "@") {
                parts.userInfo = StringFunctions.string(authority[..<at])
                authority = authority[(at + 1)...]
            }
            var host = authority
            if authority.first == "[" {
                guard let close = authority.firstIndex(of: "]") else { return nil }
                host = authority[...close]
                let afterHost = authority[(close + 1)...]
                if !afterHost.isEmpty {
                    guard afterHost.first == ":" else { return nil }
                    guard let port = Self.port(afterHost.dropFirst()) else { return nil }
                    parts.port = port
                }
            } else if let colon = authority.lastIndex(of: ":") {
                host = authority[..<colon]
                guard let port = Self.port(authority[(colon + 1)...]) else { return nil }
                parts.port = port
            }
            parts.host = host.isEmpty ? nil : StringFunctions.string(host)
        } else {
            parts.path = StringFunctions.string(rest)
        }
        return parts
    }

    /// A port's digits; empty means "no port" (`-1` is stored as nil by the caller).
    private static func port(_ digits: ArraySlice<Unicode.Scalar>) -> Int64?? {
        if digits.isEmpty { return .some(nil) }
        guard digits.count <= 5, digits.allSatisfy({ ("0"..."9").contains($0) }),
            let value = Int64(StringFunctions.string(digits)), value <= 65535
        else {
            return nil
        }
        return .some(value)
    }

    private static func isAlpha(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private static func parts(_ args: FunctionArguments, count: ClosedRange<Int> = 1...1) throws(FunctionError)
        -> Parts?
    {
        try args.expect(count)
        guard let url = try args.string(0, "url") else { return nil }
        return Self.parse(url)
    }

    /// `get_url_protocol(url)`: the scheme, as written.
    static func `protocol`(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        guard let parts = try Self.parts(args) else { return .null }
        return .string(parts.scheme)
    }

    /// `get_url_host(url)`: the host; null for a URL without one (`mailto:`).
    static func host(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        guard let host = try Self.parts(args)?.host else { return .null }
        return .string(host)
    }

    /// `get_url_port(url)`: the port, else the scheme's well-known port, else null.
    static func port(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        guard let parts = try Self.parts(args) else { return .null }
        if let port = parts.port { return .int(port) }
        if let port = Self.defaultPorts[parts.scheme.lowercased()] { return .int(port) }
        return .null
    }

    /// `get_url_path(url, full = true)`: the path; with `false` only its last segment.
    static func path(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        guard let parts = try Self.parts(args, count: 1...2) else { return .null }
        let full = try args.bool(1, "full path") ?? true
        if full { return .string(parts.path) }
        let segment = parts.path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? ""
        return .string(segment)
    }

    /// `get_url_query_str(url, anchor)`: the query as an object of names and (raw) values.
    /// `retain` leaves `#fragment` on the last value, `remove` drops it, `append` adds it under
    /// `_anchor_`. Null when the URL has no query.
    static func queryString(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        guard let parts = try Self.parts(args, count: 1...2) else { return .null }
        let mode = (try args.string(1, "anchor") ?? "retain").lowercased()
        guard ["retain", "remove", "append"].contains(mode) else {
            throw args.error("anchor must be \"retain\", \"remove\" or \"append\", got \"\(mode)\"")
        }
        guard var query = parts.query else { return .null }
        if mode == "retain", let fragment = parts.fragment { query += "#" + fragment }
        var object = JSONObject()
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            if let equals = pair.firstIndex(of: "=") {
                object[String(pair[..<equals])] = .string(String(pair[pair.index(after: equals)...]))
            } else {
                object[String(pair)] = .string("")
            }
        }
        if mode == "append", let fragment = parts.fragment { object["_anchor_"] = .string(fragment) }
        return .object(object)
    }

    /// `get_url_encoded(text)`: percent-encodes (UTF-8, uppercase hex) everything but letters,
    /// digits, `-`, `.` and `_`; a space is `%20` (Adobe's table of special characters).
    static func encoded(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(1)
        guard let text = try args.string(0, "url") else { return .null }
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"):
                out.append(byte)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return .string(String(decoding: out, as: UTF8.self))
    }

    /// `get_url_decoded(text)`: Java's `URLDecoder.decode(text, UTF_8)`: `+` is a space, each run
    /// of `%XX` escapes is decoded as UTF-8 with the JDK's replacement of malformed bytes (one
    /// U+FFFD per malformed sequence, `JavaUTF8`), other characters stay. A `%` not followed by
    /// two hexadecimal digits is an error.
    static func decoded(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(1)
        guard let text = try args.string(0, "url") else { return .null }
        guard text.utf8.contains(UInt8(ascii: "%")) || text.utf8.contains(UInt8(ascii: "+")) else {
            return .string(text)
        }
        let units = Array(text.utf16)
        var out: [UInt16] = []
        out.reserveCapacity(units.count)
        var index = 0
        while index < units.count {
            let unit = units[index]
            if unit == 0x2B {
                out.append(0x20)
                index += 1
            } else if unit == 0x25 {
                var bytes: [UInt8] = []
                while index + 2 < units.count, units[index] == 0x25 {
                    guard let value = Self.javaHexByte(units[index + 1], units[index + 2]) else {
                        throw args.error(
                            "Illegal hex characters in escape (%) pattern at position \(index) of '\(text)'")
                    }
                    bytes.append(value)
                    index += 3
                }
                if index < units.count, units[index] == 0x25 {
                    throw args.error("Incomplete trailing escape (%) pattern at position \(index) of '\(text)'")
                }
                JavaUTF8.decode(bytes, into: &out)
            } else {
                out.append(unit)
                index += 1
            }
        }
        return .string(String(decoding: out, as: UTF16.self))
    }

    /// `Integer.parseInt(two characters, 16)`, which also takes a sign (`%+1` is 1; a negative
    /// value is an error) and the digits of other scripts.
    static func javaHexByte(_ first: UInt16, _ second: UInt16) -> UInt8? {
        func digit(_ unit: UInt16) -> Int? {
            guard let scalar = Unicode.Scalar(unit) else { return nil }
            switch unit {
            case 0x30...0x39: return Int(unit - 0x30)
            case 0x41...0x46: return Int(unit - 0x41 + 10)
            case 0x61...0x66: return Int(unit - 0x61 + 10)
            case 0xFF21...0xFF26: return Int(unit - 0xFF21 + 10)
            case 0xFF41...0xFF46: return Int(unit - 0xFF41 + 10)
            default: return JavaNumberText.digit(scalar)
            }
        }
        if first == 0x2B || first == 0x2D {
            guard let value = digit(second) else { return nil }
            return first == 0x2D && value != 0 ? nil : UInt8(value)
        }
        guard let high = digit(first), let low = digit(second) else { return nil }
        return UInt8(high * 16 + low)
    }
}
