import DataPrep
import Foundation

/// Requests written as text, one after another, as the route fuzz target (`Fuzz/`'s
/// FuzzEmulatorRoutes) and its replayed fail cases give them: any bytes read leniently, never
/// refused, so that every mutation of an input still reaches the router.
///
/// ```
/// POST /data/foundation/flowservice/flows
/// content-type: application/json
///
/// {"sourceConnectionIds": ["{{3}}"], ...}
/// ===
/// GET /data/foundation/flowservice/flows/{{6}}
/// ```
/// A request is a request line (`METHOD PATH`), header lines (`name: value`) up to an empty line,
/// and the body up to a line `===` (or the end). `{{1}}` to `{{9}}` in a path, a header value or
/// a body stand for the ids that earlier answers gave (``remember(status:body:)``), so that one
/// input can create a chain and then use it: on a fresh emulator with a fixed id seed, the same
/// input always makes the same ids.
struct RouteScript {
    /// One request to send.
    struct Step: Equatable {
        var method: String
        var path: String
        var headers: [Header]
        var body: [UInt8]
    }

    /// A header line, name and value as written.
    struct Header: Equatable {
        var name: String
        var value: String
    }

    /// At most this many requests are read from one input: a chain (schema, dataset, source,
    /// target, mapping set, flow, the flow read back) and a few sends.
    static let maximumSteps = 12

    /// The requests, in order.
    let steps: [Step]
    /// Ids from earlier answers, `{{1}}` first.
    private(set) var ids: [String] = []

    init(_ bytes: [UInt8]) {
        var steps: [Step] = []
        for chunk in Self.split(bytes, separator: Array("\n===\n".utf8)).prefix(Self.maximumSteps) {
            steps.append(Self.step(chunk))
        }
        self.steps = steps
    }

    /// `text` with `{{n}}` replaced by the n-th id remembered (left as written when there is none).
    func substituted(_ text: String) -> String {
        guard text.contains("{{") else { return text }
        var text = text
        for (index, id) in self.ids.enumerated().prefix(9) {
            text = text.replacingOccurrences(of: "{{\(index + 1)}}", with: id)
        }
        return text
    }

    /// The same for a body's bytes.
    func substituted(_ body: [UInt8]) -> [UInt8] {
        guard !self.ids.isEmpty, body.contains(UInt8(ascii: "{")) else { return body }
        return Array(self.substituted(String(decoding: body, as: UTF8.self)).utf8)
    }

    /// Keeps the ids a successful answer names: a resource's `id` or `$id`, the dataset of the
    /// Catalog's `["@/dataSets/ID"]`, and the path of a flow's `inletUrl` and then its inlet id.
    mutating func remember(status: Int, body: [UInt8]) {
        guard (200..<300).contains(status), let document = try? JSONValue.parse(body) else { return }
        if let id = document["id"]?.stringValue ?? document["$id"]?.stringValue {
            self.ids.append(id)
        }
        if let reference = document[0]?.stringValue, reference.hasPrefix("@/dataSets/") {
            self.ids.append(String(reference.dropFirst("@/dataSets/".count)))
        }
        if let url = document["items"]?[0]?["options"]?["inletUrl"]?.stringValue,
            let path = url.range(of: "/collection/")
        {
            self.ids.append(String(url[path.lowerBound...]))
            self.ids.append(String(url[path.upperBound...]))
        }
    }

    /// One request from its text.
    private static func step(_ bytes: ArraySlice<UInt8>) -> Step {
        let newline = UInt8(ascii: "\n")
        var lines: [ArraySlice<UInt8>] = []
        var rest = bytes[...]
        var body: [UInt8] = []
        while true {
            guard let end = rest.firstIndex(of: newline) else {
                lines.append(rest)
                break
            }
            let line = rest[rest.startIndex..<end]
            rest = rest[(end + 1)...]
            if Self.trimmed(line).isEmpty && !lines.isEmpty {
                body = Array(rest)
                break
            }
            lines.append(line)
        }
        let requestLine = String(decoding: Self.trimmed(lines.first ?? []), as: UTF8.self)
        let words = requestLine.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        let headers = lines.dropFirst().compactMap { line -> Header? in
            let text = String(decoding: Self.trimmed(line), as: UTF8.self)
            guard let colon = text.firstIndex(of: ":") else { return nil }
            return Header(
                name: String(text[..<colon]),
                value: String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        }
        return Step(
            method: words.first.map(String.init) ?? "GET",
            path: words.count > 1 ? String(words[1]) : "/",
            headers: headers,
            body: body
        )
    }

    /// `line` without the CR of a CRLF.
    private static func trimmed(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        line.last == UInt8(ascii: "\r") ? line.dropLast() : line
    }

    /// The parts of `bytes` between occurrences of `separator`.
    private static func split(_ bytes: [UInt8], separator: [UInt8]) -> [ArraySlice<UInt8>] {
        var parts: [ArraySlice<UInt8>] = []
        var start = 0
        var index = 0
        while index + separator.count <= bytes.count {
            if bytes[index] == separator[0] && bytes[index..<(index + separator.count)].elementsEqual(separator) {
                parts.append(bytes[start..<index])
                index += separator.count
                start = index
            } else {
                index += 1
            }
        }
        parts.append(bytes[start...])
        return parts
    }
}
