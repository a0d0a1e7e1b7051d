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
        guard Self.isAlpha(scalars[0]), scalars[1..<colon].allSatisfy({ Self.isAlpha($0) || ("0"..."9").contains($0) || $0 == "+" || $0 == "-" || $0 == "." }) else { return nil }
        // Characters never allowed unescaped in a URI.
        guard !scalars.contains(where: { $0.value <= 0x20 || $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "\\" || $0 == "^" || $0 == "`" || $0 == "{" || $0 == "|" || $0 == "}" || $0.value == 0x7F }) else { return nil }
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
        guard digits.count <= 5, digits.allSatisfy({ ("0"..."9").contains($0) }), let value = Int64(StringFunctions.string(digits)), value <= 65535 else {
            return nil
        }
        return .some(value)
    }

    private static func isAlpha(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
    }

    private static func parts(_ args: FunctionArguments, count: ClosedRange<Int> = 1...1) throws(FunctionError) -> Parts? {
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
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"):
                out.append(byte)
            default:
                out.append(UInt8(ascii: "%")); out.append(hex[Int(byte >> 4)]); out.append(hex[Int(byte & 0x0F)])
            }
        }
        return .string(String(decoding: out, as: UTF8.self))
    }

    /// `get_url_decoded(text)`: decodes `%XX` sequences (as UTF-8) and `+` as a space, like Java's
    /// `URLDecoder`; a broken `%` sequence is an error.
    static func decoded(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(1)
        guard let text = try args.string(0, "url") else { return .null }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, let high = Self.hexValue(bytes[index + 1]), let low = Self.hexValue(bytes[index + 2]) else {
                    throw args.error("Illegal percent-encoding at position \(index) of '\(text)'")
                }
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        return .string(String(decoding: out, as: UTF8.self))
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
