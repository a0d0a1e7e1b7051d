/// Substring search over UTF-8 bytes. Foundation's `String.contains`/`range(of:)` go through
/// `NSString` on Linux and cost microseconds each; the user-agent parser and plain-text splitting
/// run per event, so they search bytes instead.
struct ByteSearch {
    let bytes: [UInt8]

    init(_ text: String) {
        self.bytes = Array(text.utf8)
    }

    /// The offset of the first occurrence of `needle` at or after `start`.
    func firstIndex(of needle: String, from start: Int = 0) -> Int? {
        var needle = needle
        return needle.withUTF8 { needleBytes -> Int? in
            self.bytes.withUnsafeBufferPointer { haystack -> Int? in
                ByteSearch.search(haystack, needleBytes, from: start)
            }
        }
    }

    static func search(_ haystack: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>, from start: Int)
        -> Int?
    {
        guard !needle.isEmpty else { return start <= haystack.count ? start : nil }
        guard haystack.count >= needle.count else { return nil }
        let first = needle[0]
        var index = max(0, start)
        let last = haystack.count - needle.count
        while index <= last {
            if haystack[index] == first {
                var matched = 1
                while matched < needle.count, haystack[index + matched] == needle[matched] { matched += 1 }
                if matched == needle.count { return index }
            }
            index += 1
        }
        return nil
    }

    func contains(_ needle: String) -> Bool {
        self.firstIndex(of: needle) != nil
    }

    func hasPrefix(_ prefix: String) -> Bool {
        self.firstIndex(of: prefix) == 0
    }

    /// The text of `bytes[range]`.
    func text(_ range: Range<Int>) -> String {
        String(decoding: self.bytes[range], as: UTF8.self)
    }

    /// Splits `text` on every occurrence of the plain text `separator` (not empty), keeping empty parts.
    static func split(_ text: String, separator: String) -> [String] {
        let search = ByteSearch(text)
        var separator = separator
        return separator.withUTF8 { separatorBytes -> [String] in
            search.bytes.withUnsafeBufferPointer { haystack -> [String] in
                var parts: [String] = []
                var start = 0
                while let found = ByteSearch.search(haystack, separatorBytes, from: start) {
                    parts.append(
                        String(decoding: UnsafeBufferPointer(rebasing: haystack[start..<found]), as: UTF8.self))
                    start = found + separatorBytes.count
                }
                parts.append(String(decoding: UnsafeBufferPointer(rebasing: haystack[start...]), as: UTF8.self))
                return parts
            }
        }
    }
}
