import ReplayCommon
import Reports

/// The parts of an inlet URL a connection needs.
public struct InletAddress: Sendable, Equatable {
    /// Whether the scheme is `https`.
    public var tls: Bool
    /// Host name or address, without brackets.
    public var host: String
    /// Port (80 / 443 by default).
    public var port: Int
    /// Path of the one-message endpoint, e.g. `/collection/abc`.
    public var path: String
    /// Query string without `?`, possibly empty.
    public var query: String

    /// Parses `http(s)://host[:port]/path[?query]`.
    public init(parsing url: String) throws {
        func bad(_ why: String) -> LoadConfigError { .invalid(option: "--inlet", value: Redaction.url(url), why: why) }
        let rest: Substring
        if url.hasPrefix("http://") {
            self.tls = false
            rest = url.dropFirst(7)
        } else if url.hasPrefix("https://") {
            self.tls = true
            rest = url.dropFirst(8)
        } else {
            throw bad("the URL must start with http:// or https://")
        }
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" }) ?? rest.endIndex
        let authority = rest[..<authorityEnd]
        var pathAndQuery = String(rest[authorityEnd...])
        if pathAndQuery.isEmpty || pathAndQuery.hasPrefix("?") { pathAndQuery = "/" + pathAndQuery }
        if let q = pathAndQuery.firstIndex(of: "?") {
            self.path = String(pathAndQuery[..<q])
            self.query = String(pathAndQuery[pathAndQuery.index(after: q)...])
        } else {
            self.path = pathAndQuery
            self.query = ""
        }
        var host = String(authority)
        var port = self.tls ? 443 : 80
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { throw bad("unclosed [ in the host") }
            let after = host[host.index(after: close)...]
            let inner = String(host[host.index(after: host.startIndex)..<close])
            if after.hasPrefix(":") {
                guard let p = Int(after.dropFirst()), (1...65535).contains(p) else { throw bad("bad port") }
                port = p
            }
            host = inner
        } else if let colon = host.lastIndex(of: ":") {
            guard let p = Int(host[host.index(after: colon)...]), (1...65535).contains(p) else { throw bad("bad port") }
            port = p
            host = String(host[..<colon])
        }
        guard !host.isEmpty else { throw bad("no host") }
        self.host = host
        self.port = port
    }

    /// `host:port` for messages and the `Host` header.
    public var authority: String {
        let h = self.host.contains(":") ? "[\(self.host)]" : self.host
        let defaultPort = self.tls ? 443 : 80
        return self.port == defaultPort ? h : "\(h):\(self.port)"
    }

    /// The path requests go to: the batch endpoint (`/collection/batch/{id}`) when `batch`.
    public func requestTarget(batch: Bool, syncValidation: Bool) -> String {
        var path = self.path
        if batch, let range = path.range(of: "/collection/"), !path.contains("/collection/batch/") {
            path.replaceSubrange(range, with: "/collection/batch/")
        }
        var query = self.query
        if syncValidation { query += (query.isEmpty ? "" : "&") + "syncValidation=true" }
        return query.isEmpty ? path : path + "?" + query
    }
}
