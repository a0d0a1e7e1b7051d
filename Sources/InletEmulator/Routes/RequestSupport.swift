import DataPrep
import Foundation
import Hummingbird

/// Who is calling, from the Platform headers, as the resources record it.
struct Caller: Sendable {
    var orgId: String
    var sandboxName: String
    var client: String

    init(orgId: String, sandboxName: String, client: String = "") {
        self.orgId = orgId
        self.sandboxName = sandboxName
        self.client = client
    }

    /// The org and sandbox a stored resource was created in (nil when it records none).
    init?(owner document: JSONValue) {
        guard let org = document["imsOrgId"]?.stringValue, let sandbox = document["sandboxName"]?.stringValue else {
            return nil
        }
        self.init(orgId: org, sandboxName: sandbox)
    }

    init(_ headers: HTTPFields) {
        self.orgId = headers[.orgId] ?? ""
        let sandbox = (headers[.sandboxName] ?? "").trimmingCharacters(in: .whitespaces)
        self.sandboxName = sandbox.isEmpty ? Caller.defaultSandbox : sandbox
        self.client = headers[.apiKey] ?? ""
    }

    /// Adobe resolves a request without `x-sandbox-name` (or with an empty one) to the production
    /// sandbox `prod` (Experience Platform's "getting started with the APIs" guide).
    static let defaultSandbox = "prod"

    /// Adobe writes the user as `name@AdobeID`; the emulator has no users, so one stands in.
    var user: String { "emulator@AdobeID" }
}

extension Request {
    /// The body as bytes (Platform documents are small; 1 MB cap).
    func bodyBytes(limit: Int = 4 * 1_048_576) async throws -> [UInt8] {
        let buffer = try await self.body.collect(upTo: limit)
        return Array(buffer.readableBytesView)
    }

    /// The body as a JSON document, or a 400 that says why not.
    func jsonBody() async throws -> JSONValue {
        let bytes: [UInt8]
        do {
            bytes = try await self.bodyBytes()
        } catch {
            throw Problem.platform(
                413, code: "PLATFORM-0413-413", title: "Payload Too Large", detail: "request body over 4 MB")
        }
        do {
            return try JSONValue.parse(bytes)
        } catch {
            throw Problem.badRequest("The request body is not valid JSON: \(error)")
        }
    }

    /// The query parameters, percent-decoded, in order.
    func queryItems() -> [(String, String)] {
        guard let query = self.uri.query else { return [] }
        return QueryPairs(query).map { (Self.decoded($0.key), Self.decoded($0.value)) }
    }

    /// A query parameter by name (first occurrence), percent-decoded. The inlet reads two on every
    /// request, so the query is cut at its `&` and `=` bytes and a name without `%` is compared
    /// as bytes: splitting it into `Character`s cost about 5 % of the emulator's CPU per message.
    func query(_ name: String) -> String? {
        Self.queryValue(name, in: self.uri.query)
    }

    /// The value of parameter `name` in `query` (first occurrence, percent-decoded); the inlet
    /// reads each request's query so (`uri.query` makes a new `String` at every use).
    static func queryValue(_ name: String, in query: String?) -> String? {
        guard let query else { return nil }
        for pair in QueryPairs(query) {
            let key = pair.key
            let matches =
                key.utf8.contains(UInt8(ascii: "%")) ? Self.decoded(key) == name : key.utf8.elementsEqual(name.utf8)
            if matches { return Self.decoded(pair.value) }
        }
        return nil
    }

    /// Percent-decoded text (as it is, when a `%` escape is broken). Text without `%`, as every
    /// query the inlet's clients send, skips Foundation's decoder, which costs microseconds a call.
    static func decoded(_ text: Substring) -> String {
        guard text.utf8.contains(UInt8(ascii: "%")) else { return String(text) }
        return text.removingPercentEncoding ?? String(text)
    }
}

/// The `name=value` pairs of a query as they are written, one at a time (empty pairs left out; a
/// pair without `=` has an empty value), cut at ASCII bytes so that every part is whole UTF-8.
struct QueryPairs: Sequence, IteratorProtocol {
    private let bytes: Substring.UTF8View
    private var start: Substring.UTF8View.Index

    init(_ query: String) {
        self.bytes = Substring(query).utf8
        self.start = self.bytes.startIndex
    }

    mutating func next() -> (key: Substring, value: Substring)? {
        while self.start < self.bytes.endIndex {
            let pairStart = self.start
            let stop = self.bytes[pairStart...].firstIndex(of: UInt8(ascii: "&")) ?? self.bytes.endIndex
            self.start = stop == self.bytes.endIndex ? stop : self.bytes.index(after: stop)
            guard pairStart < stop else { continue }
            guard let equals = self.bytes[pairStart..<stop].firstIndex(of: UInt8(ascii: "=")) else {
                return (Substring(self.bytes[pairStart..<stop]), "")
            }
            return (
                Substring(self.bytes[pairStart..<equals]), Substring(self.bytes[self.bytes.index(after: equals)..<stop])
            )
        }
        return nil
    }
}
