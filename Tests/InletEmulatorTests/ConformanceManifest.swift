import DataPrep
import Foundation

@testable import InletEmulator

/// `Conformance/adobe-collections.json`: Adobe's collection requests in run order with the answers
/// Adobe documents (the same file `scripts/replay-adobe-collections.py` replays against `serve`).
struct ConformanceManifest {
    struct Step {
        var collection: String?
        var name: String
        var method: String
        var url: String
        var headers: [(String, String)]
        var body: String?
        var set: [(String, JSONValue)]
        var expect: JSONValue
        var capture: [(String, String)]

        var label: String { "\(self.collection.map { "[\($0)] " } ?? "[setup] ")\(self.name)" }
    }

    var variables: [(String, String)]
    var steps: [Step]

    static func load() throws -> ConformanceManifest {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Conformance/adobe-collections.json")
        let document = try JSONValue.parse(Array(try Data(contentsOf: url)))
        let variables = (document["variables"]?.objectValue ?? []).map { ($0.0, $0.1.stringValue ?? "") }
        let steps = (document["steps"]?.arrayValue ?? []).map { step -> Step in
            let request = step["request"] ?? .obj()
            return Step(
                collection: step["collection"]?.stringValue,
                name: step["name"]?.stringValue ?? "",
                method: request["method"]?.stringValue ?? "GET",
                url: request["url"]?.stringValue ?? "",
                headers: (request["headers"]?.arrayValue ?? []).map {
                    ($0[0]?.stringValue ?? "", $0[1]?.stringValue ?? "")
                },
                body: request["body"]?.stringValue,
                set: (step["set"]?.objectValue ?? []).map { ($0.key, $0.value) },
                expect: step["expect"] ?? .obj(),
                capture: (step["capture"]?.objectValue ?? []).map { ($0.0, $0.1.stringValue ?? "") }
            )
        }
        return ConformanceManifest(variables: variables, steps: steps)
    }
}

/// One replay: the variables the steps set and read, request resolution and answer checks.
struct ConformanceRun {
    struct Request {
        var method: String
        var path: String
        var headers: [(String, String)]
        var body: String?
    }

    var variables: [String: String]
    let base: String
    let gateway: String

    init(manifest: ConformanceManifest, base: String, gateway: String) {
        self.variables = Dictionary(manifest.variables, uniquingKeysWith: { a, _ in a })
        self.variables["PLATFORM_GATEWAY"] = gateway
        self.base = base
        self.gateway = gateway
    }

    /// `{{NAME}}` replaced by the variable's value (unset: empty, see the manifest's rules).
    func substitute(_ text: String) -> String {
        var result = ""
        var rest = Substring(text)
        while let open = rest.range(of: "{{"), let close = rest[open.upperBound...].range(of: "}}") {
            result += rest[..<open.lowerBound]
            result += self.variables[String(rest[open.upperBound..<close.lowerBound])] ?? ""
            rest = rest[close.upperBound...]
        }
        return result + rest
    }

    /// The request to send: `set` values applied, placeholders and path variables resolved, the
    /// URL made relative to this server, the collection's bearer auth added where it has none.
    mutating func resolve(_ step: ConformanceManifest.Step) throws -> Request {
        for (name, value) in step.set {
            self.variables[name] = self.substitute(
                value.stringValue ?? String(decoding: value.serialized(), as: UTF8.self))
        }
        var url = ""
        var rest = Substring(step.url)
        while let colon = rest.range(of: "/:") {
            url += rest[..<colon.lowerBound] + "/{{"
            let tail = rest[colon.upperBound...]
            let name = tail.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            url += name + "}}"
            rest = tail.dropFirst(name.count)
        }
        url = Self.escaped(self.substitute(url + rest))
        for prefix in ["https://platform.adobe.io", "https://\(self.gateway)", "http://\(self.gateway)", self.base]
        where url.hasPrefix(prefix) {
            url = String(url.dropFirst(prefix.count))
            break
        }
        guard url.hasPrefix("/") else {
            throw ConformanceError(message: "\(step.label): \(url) is not on the emulator")
        }
        var headers = step.headers.map { ($0.0, self.substitute($0.1)) }
        if !headers.contains(where: { $0.0.lowercased() == "authorization" })
            && step.collection == "Check_Streaming_to_Profile.json"
        {
            headers.append(("Authorization", "Bearer \(self.variables["ACCESS_TOKEN"] ?? "")"))
        }
        return Request(method: step.method, path: url, headers: headers, body: step.body.map { self.substitute($0) })
    }

    /// `url` with the characters a request line cannot carry percent-encoded, as Postman sends them
    /// (an etag's quotes in `?if-match=`).
    static func escaped(_ url: String) -> String {
        let codes: [Character: String] = [
            "\"": "%22", " ": "%20", "<": "%3C", ">": "%3E", "{": "%7B", "}": "%7D", "|": "%7C", "\\": "%5C",
            "^": "%5E", "`": "%60",
        ]
        return url.map { codes[$0] ?? String($0) }.joined()
    }

    /// What differs from the step's expectations (empty: conformant); captures what later steps read.
    mutating func check(_ step: ConformanceManifest.Step, status: Int, headers: [(String, String)], body: [UInt8])
        -> [String]
    {
        var failures: [String] = []
        let text = String(decoding: body, as: UTF8.self)
        if let expected = step.expect["status"]?.intValue, Int64(status) != expected {
            failures.append("status \(status), expected \(expected): \(text.prefix(400))")
        }
        func header(_ name: String) -> String? { headers.first { $0.0.lowercased() == name.lowercased() }?.1 }
        if let contentType = step.expect["contentType"]?.stringValue,
            header("content-type")?.hasPrefix(contentType) != true
        {
            failures.append("Content-Type \(header("content-type") ?? "none"), expected \(contentType)")
        }
        for (name, rule) in step.expect["headers"]?.objectValue ?? [] {
            if let problem = self.mismatch(header(name).map(JSONValue.string), rule: rule.stringValue ?? "") {
                failures.append("header \(name): \(problem)")
            }
        }
        let json = try? JSONValue.parse(body)
        for (path, rule) in step.expect["body"]?.objectValue ?? [] {
            let value = json.flatMap { Self.value(at: self.substitute(path), in: $0) }
            if let problem = self.mismatch(value, rule: rule.stringValue ?? "") {
                failures.append("body \(path): \(problem) in \(text.prefix(300))")
            }
        }
        for (name, source) in step.capture {
            if let value = self.captured(source, headers: headers, json: json) {
                self.variables[name] = value
            } else {
                failures.append("nothing to capture as \(name) from \(source)")
            }
        }
        return failures
    }

    func captured(_ source: String, headers: [(String, String)], json: JSONValue?) -> String? {
        let parts = source.split(separator: "|", maxSplits: 1).map(String.init)
        var value: String?
        if parts[0].hasPrefix("header:") {
            let name = parts[0].dropFirst("header:".count).lowercased()
            value = headers.first { $0.0.lowercased() == name }?.1
        } else if parts[0].hasPrefix("body:"), let json {
            let found = Self.value(at: String(parts[0].dropFirst("body:".count)), in: json)
            value = found?.stringValue ?? found.map { String(decoding: $0.serialized(), as: UTF8.self) }
        }
        if let value, parts.count > 1, parts[1].hasPrefix("/"), let index = Int(parts[1].dropFirst()) {
            let segments = value.split(separator: "/", omittingEmptySubsequences: false)
            return index < segments.count ? String(segments[index]) : nil
        }
        return value
    }

    /// Why `value` does not satisfy `rule` (a type name, `=literal`, `~regex` or `absent`), or nil.
    func mismatch(_ value: JSONValue?, rule: String) -> String? {
        if rule == "absent" { return value == nil ? nil : "present, expected absent" }
        guard let value else { return "absent, expected \(rule)" }
        let shown = value.stringValue ?? String(decoding: value.serialized(), as: UTF8.self)
        if rule.hasPrefix("=") {
            let expected = self.substitute(String(rule.dropFirst()))
            return shown == expected ? nil : "\(shown), expected \(expected)"
        }
        if rule.hasPrefix("~") {
            let pattern = String(rule.dropFirst())
            return shown.range(of: pattern, options: .regularExpression) != nil
                ? nil : "\(shown) does not match \(pattern)"
        }
        let kind = value.kindName
        return kind == rule || (rule == "number" && kind == "integer") ? nil : "\(kind), expected \(rule)"
    }

    /// The value at `a.b[0].c` (keys may hold `:` and `$`).
    static func value(at path: String, in root: JSONValue) -> JSONValue? {
        var current: JSONValue? = root
        for token in path.split(separator: ".", omittingEmptySubsequences: false) {
            var key = Substring(token)
            var indices: [Int] = []
            while key.hasSuffix("]"), let open = key.lastIndex(of: "[") {
                guard let index = Int(key[key.index(after: open)..<key.index(before: key.endIndex)]) else { return nil }
                indices.insert(index, at: 0)
                key = key[..<open]
            }
            if !key.isEmpty { current = current?[String(key)] }
            for index in indices {
                guard case .array(let items)? = current, index < items.count else { return nil }
                current = items[index]
            }
        }
        return current
    }
}

struct ConformanceError: Error, CustomStringConvertible {
    var message: String
    var description: String { self.message }
}
