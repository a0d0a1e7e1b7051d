import Foundation

/// A path into a JSON value, as Data Prep writes them: `a.b`, `a[0].b`, `a[*].b` (element-wise),
/// `${First Name}` for names that are not identifiers, and `street\.name` for a dot inside a name.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    public enum Component: Sendable, Hashable {
        /// An object member.
        case key(String)
        /// An array element (0-based).
        case index(Int)
        /// Every element of an array (`[*]`), mapped element-wise.
        case wildcard
    }

    public var components: [Component]

    /// The most components a written path may have: reading and writing recurse once per
    /// component, and no XDM schema nests anywhere near this deep.
    public static let maximumComponents = 100
    /// The largest array index a written path may hold: writing `a[n]` fills the elements before
    /// it with nulls, so a far index is memory the record never needed.
    public static let maximumIndex = 100_000

    public init(components: [Component]) {
        self.components = components
    }

    /// Parses a path's text.
    public init(parsing text: String) throws(PathError) {
        self.components = try FieldPathParser.parse(Array(text.unicodeScalars), text: text)
    }

    /// Whether the path has a `[*]` anywhere.
    public var hasWildcard: Bool { self.components.contains(.wildcard) }

    /// The path written back in Data Prep syntax.
    public var description: String {
        var text = ""
        for component in self.components {
            switch component {
            case .key(let key):
                if !text.isEmpty { text += "." }
                text += FieldPath.quoted(key)
            case .index(let index): text += "[\(index)]"
            case .wildcard: text += "[*]"
            }
        }
        return text
    }

    /// The path as a JSON pointer fragment (`#/a/0/b`), as schema validation messages write paths.
    /// Rejection messages are built per rejected event: keys without `~` or `/` (nearly all) are
    /// appended as they are, without Foundation's search and replace.
    public var pointer: String {
        var text = "#"
        for component in self.components {
            switch component {
            case .key(let key):
                text += "/"
                if key.utf8.contains(where: { $0 == UInt8(ascii: "~") || $0 == UInt8(ascii: "/") }) {
                    for character in key.unicodeScalars {
                        switch character {
                        case "~": text += "~0"
                        case "/": text += "~1"
                        default: text.unicodeScalars.append(character)
                        }
                    }
                } else {
                    text += key
                }
            case .index(let index): text += "/\(index)"
            case .wildcard: text += "/*"
            }
        }
        return text
    }

    static func quoted(_ key: String) -> String {
        // The alphabetic ASCII characters are the letters: bytes, without Unicode properties
        // (every rejection message names its path).
        let plain =
            key.utf8.enumerated().allSatisfy { offset, byte in
                byte == UInt8(ascii: "_") || byte == UInt8(ascii: "$")
                    || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20)
                    || (offset > 0 && (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte))
            } && !key.isEmpty && !key.hasPrefix("${")
        if plain { return key }
        if !key.contains(".") && !key.contains("}") { return "${\(key)}" }
        return key.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ".", with: "\\.")
            .replacingOccurrences(of: "[", with: "\\[")
    }
}

/// A path whose text could not be read: what and at which column (1-based).
public struct PathError: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var column: Int
    public var message: String

    public init(path: String, column: Int, message: String) {
        self.path = path
        self.column = column
        self.message = message
    }

    public var description: String { "path \"\(self.path)\", column \(self.column): \(self.message)" }
}

enum FieldPathParser {
    static func parse(_ scalars: [Unicode.Scalar], text: String) throws(PathError) -> [FieldPath.Component] {
        var components: [FieldPath.Component] = []
        var index = 0
        func fail(_ message: String, _ at: Int) -> PathError { PathError(path: text, column: at + 1, message: message) }
        if scalars.isEmpty { throw fail("empty path", 0) }
        var expectSegment = true
        while index < scalars.count {
            if components.count > FieldPath.maximumComponents {
                throw fail(
                    "a path has at most \(FieldPath.maximumComponents) parts (names and indexes); this one has more",
                    index)
            }
            if expectSegment {
                if scalars[index] == "$", index + 1 < scalars.count, scalars[index + 1] == "{" {
                    guard let close = scalars[(index + 2)...].firstIndex(of: "}") else {
                        throw fail("'${' without a closing '}'", index)
                    }
                    let name = String(String.UnicodeScalarView(scalars[(index + 2)..<close]))
                    if name.isEmpty { throw fail("empty name in '${}'", index) }
                    components.append(.key(name))
                    index = close + 1
                } else {
                    var name = String.UnicodeScalarView()
                    let start = index
                    while index < scalars.count, scalars[index] != ".", scalars[index] != "[" {
                        if scalars[index] == "\\" {
                            guard index + 1 < scalars.count else {
                                throw fail("a '\\' at the end escapes nothing", index)
                            }
                            name.append(scalars[index + 1])
                            index += 2
                            continue
                        }
                        if scalars[index] == "]" { throw fail("']' without '['", index) }
                        name.append(scalars[index])
                        index += 1
                    }
                    if name.isEmpty {
                        throw fail(start == 0 ? "a path starts with a name" : "empty name between dots", start)
                    }
                    components.append(.key(String(name)))
                }
                expectSegment = false
                continue
            }
            switch scalars[index] {
            case ".":
                index += 1
                expectSegment = true
                if index == scalars.count { throw fail("a path cannot end with '.'", index - 1) }
            case "[":
                guard let close = scalars[(index + 1)...].firstIndex(of: "]") else {
                    throw fail("'[' without a closing ']'", index)
                }
                let inside = String(String.UnicodeScalarView(scalars[(index + 1)..<close])).trimmingCharacters(
                    in: .whitespaces)
                if inside == "*" {
                    components.append(.wildcard)
                } else if let number = Int(inside), number >= 0, inside.allSatisfy(\.isASCII) {
                    guard number <= FieldPath.maximumIndex else {
                        throw fail(
                            "array index \(inside) is past the largest one accepted, \(FieldPath.maximumIndex)",
                            index + 1)
                    }
                    components.append(.index(number))
                } else {
                    throw fail("an array index is a number or '*', not \"\(inside)\"", index + 1)
                }
                index = close + 1
            default:
                throw fail("expected '.' or '[' after a name", index)
            }
        }
        if components.count > FieldPath.maximumComponents {
            throw fail(
                "a path has at most \(FieldPath.maximumComponents) parts (names and indexes); this one has more",
                scalars.count - 1)
        }
        return components
    }
}
