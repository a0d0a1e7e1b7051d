import Foundation

/// An error sample (`file:line: 400 {problem document}`) as one readable line: the inlet's own
/// `message` (or `detail`, `title`) drawn out of its JSON answer, whitespace folded, and cut at a
/// word boundary, never mid-word, when longer than the limit.
public enum ErrorSampleText {
    /// `sample` on one line of at most `limit` characters (an ellipsis marks a cut).
    public static func oneLine(_ sample: String, limit: Int = 240) -> String {
        var text = sample
        if let brace = sample.firstIndex(of: "{") {
            let head = String(sample[..<brace]).trimmingCharacters(in: .whitespaces)
            let body = String(sample[brace...])
            if let said = Self.message(inBody: body) {
                text = head.isEmpty ? said : head + " " + said
            }
        }
        return Self.cut(Self.fold(text), limit: limit)
    }

    /// The fields of a problem document (DCS's `report.message`, RFC 7807's `title` and `detail`)
    /// that a sample line quotes.
    struct Problem: Decodable {
        struct Report: Decodable {
            var message: String?
        }

        var title: String?
        var message: String?
        var detail: String?
        var report: Report?
    }

    /// The problem document's title and message, when the body is (or starts like) one.
    static func message(inBody body: String) -> String? {
        if let object = try? JSONDecoder().decode(Problem.self, from: Data(body.utf8)) {
            let message = object.report?.message ?? object.message ?? object.detail
            let title = object.title
            switch (title, message) {
            case (let title?, let message?): return "\(title): \(message)"
            case (nil, let message?): return message
            case (let title?, nil): return title
            default: return nil
            }
        }
        // A body cut short (samples keep 512 bytes) is no longer JSON: read the message's string alone.
        return Self.stringValue(of: "message", in: body)
    }

    /// The JSON string value after the first `"key":` in `text`, unescaped, read to its closing quote
    /// or to the end of the text.
    static func stringValue(of key: String, in text: String) -> String? {
        guard let keyRange = text.range(of: "\"\(key)\"") else { return nil }
        var index = keyRange.upperBound
        while index < text.endIndex, text[index] == " " || text[index] == ":" { index = text.index(after: index) }
        guard index < text.endIndex, text[index] == "\"" else { return nil }
        index = text.index(after: index)
        var value = ""
        var escaped = false
        while index < text.endIndex {
            let character = text[index]
            if escaped {
                switch character {
                case "n", "t", "r": value.append(" ")
                default: value.append(character)
                }
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                return value
            } else {
                value.append(character)
            }
            index = text.index(after: index)
        }
        return value.isEmpty ? nil : value + "…"
    }

    /// Runs of whitespace (newlines included) as one space.
    static func fold(_ text: String) -> String {
        text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// `text` cut to at most `limit` characters at the last space before the limit, with an ellipsis.
    static func cut(_ text: String, limit: Int) -> String {
        guard text.count > limit, limit > 1 else { return text }
        let window = text.prefix(limit - 1)
        guard let space = window.lastIndex(of: " "), space > window.startIndex else { return String(window) + "…" }
        return String(window[..<space]) + " …"
    }
}
