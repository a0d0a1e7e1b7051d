import Foundation

/// The one place that decides what a secret is and what it becomes in reports, messages and logs:
/// the token and every configured header value (except those of the few known-harmless names) are
/// scrubbed out of text that quotes a server's answer; header values in reports show as
/// ``mark`` unless their name is harmless; URLs are printed without user information and with every
/// query value but harmless ones redacted.
///
/// An allow list rather than a list of secret-looking names: a header named `x-tenant` or
/// `x-gw-ims-org-id` carries what its owner says it carries, and a name nobody listed leaking its
/// value is the failure this prevents.
public struct Redaction: Sendable, Equatable {
    /// What a secret becomes.
    public static let mark = "<redacted>"

    /// Header and query-parameter names (lower case) whose values are printed as they are.
    public static let harmlessNames: Set<String> = [
        "content-type", "content-encoding", "accept", "accept-encoding", "user-agent",
        "x-adobe-flow-id", "x-sandbox-name", "x-request-id", "syncvalidation",
    ]

    /// Secrets shorter than this are not scrubbed from free text: replacing every `1` or `on` in a
    /// server's message garbles it, and a value that short guards nothing.
    public static let shortestScrubbed = 4

    /// The secrets to scrub, longest first (so that a secret containing another goes whole).
    public let secrets: [String]

    /// Scrubs `secrets` (empty and too-short ones dropped).
    public init(secrets: [String]) {
        let kept = Set(secrets.filter { $0.count >= Self.shortestScrubbed })
        self.secrets = kept.sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
    }

    /// Scrubs the bearer `token` and the value of every header whose name is not harmless.
    public init(token: String?, headers: [(name: String, value: String)]) {
        var secrets = headers.filter { !Self.isHarmless($0.name) }.map(\.value)
        if let token { secrets.append(token) }
        self.init(secrets: secrets)
    }

    /// True when `name`'s value may be printed.
    public static func isHarmless(_ name: String) -> Bool {
        Self.harmlessNames.contains(name.lowercased())
    }

    /// A header's value as a report shows it.
    public static func headerValue(name: String, value: String) -> String {
        Self.isHarmless(name) ? value : Self.mark
    }

    /// `text` with every secret replaced by ``mark``: as written, JSON-escaped (`/` as `\/`) and
    /// percent-encoded, and a secret's beginning where `text` was cut short (ends with `…`) inside it.
    public func scrub(_ text: String) -> String {
        guard !self.secrets.isEmpty else { return text }
        var result = text
        for secret in self.secrets {
            for form in Self.forms(of: secret) where result.contains(form) {
                result = result.replacingOccurrences(of: form, with: Self.mark)
            }
        }
        return self.scrubCutTail(result)
    }

    /// The spellings of `secret` that a server's answer may quote.
    static func forms(of secret: String) -> [String] {
        var forms = [secret]
        let escaped = secret.replacingOccurrences(of: "/", with: "\\/")
        if escaped != secret { forms.append(escaped) }
        let encoded = Self.percentEncoded(secret)
        if encoded != secret { forms.append(encoded) }
        return forms
    }

    /// A text cut at a length limit (marked by a final `…`) may end inside a secret: that beginning goes too.
    private func scrubCutTail(_ text: String) -> String {
        guard text.hasSuffix("…") else { return text }
        let body = text.dropLast()
        for secret in self.secrets {
            var length = min(secret.count - 1, body.count)
            while length >= Self.shortestScrubbed {
                if body.hasSuffix(secret.prefix(length)) {
                    return String(body.dropLast(length)) + Self.mark + "…"
                }
                length -= 1
            }
        }
        return text
    }

    /// `url` as printed anywhere: user information dropped and every query value redacted but those
    /// of harmless names. Text that is not a URL comes back with its query treated the same way.
    public static func url(_ url: String) -> String {
        var text = url
        if let scheme = text.range(of: "://") {
            let authorityStart = scheme.upperBound
            let authorityEnd = text[authorityStart...].firstIndex(where: { "/?#".contains($0) }) ?? text.endIndex
            if let at = text[authorityStart..<authorityEnd].lastIndex(of: "@") {
                text.replaceSubrange(authorityStart...at, with: Self.mark + "@")
            }
        }
        guard let question = text.firstIndex(of: "?") else { return text }
        let base = text[..<question]
        var query = text[text.index(after: question)...]
        var fragment = ""
        if let hash = query.firstIndex(of: "#") {
            fragment = String(query[hash...])
            query = query[..<hash]
        }
        let parts = query.split(separator: "&", omittingEmptySubsequences: false).map { part -> String in
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pieces.count == 2 else { return String(part) }
            return Self.isHarmless(String(pieces[0])) ? String(part) : "\(pieces[0])=\(Self.mark)"
        }
        return base + "?" + parts.joined(separator: "&") + fragment
    }

    /// RFC 3986 unreserved characters kept, everything else as `%XX`.
    static func percentEncoded(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.append(Character(Unicode.Scalar(byte)))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}
