import Foundation

/// Compiled regular expressions by pattern, shared by all threads. Compiling an
/// `NSRegularExpression` costs far more than a locked dictionary look-up, and a mapping set uses a
/// handful of patterns, so the cache is small and cleared when it fills up (a pathological mapping
/// that builds patterns from event data only loses the cache, never memory). Patterns are Java's
/// (`java.util.regex`), rewritten for ICU by `JavaRegexTranslator`.
final class RegexCache: @unchecked Sendable {
    static let shared = RegexCache()
    private static let capacity = 256
    /// How long one search may run: a pattern such as `(a+)+$` backtracks exponentially (in Java
    /// too); past this the call is an error that drops the field instead of stalling the run.
    static let timeLimitNanoseconds: UInt64 = 250_000_000

    private let lock = NSLock()
    // Guarded by `lock`. NSRegularExpression is immutable and documented as thread-safe.
    private var compiled: [String: NSRegularExpression] = [:]

    func regex(_ pattern: String, function: String) throws(FunctionError) -> NSRegularExpression {
        self.lock.lock()
        let cached = self.compiled[pattern]
        self.lock.unlock()
        if let cached { return cached }
        let regex: NSRegularExpression
        do {
            regex = try NSRegularExpression(pattern: JavaRegexTranslator.translate(pattern), options: [])
        } catch {
            throw FunctionError(
                function: function, message: "Invalid regular expression '\(pattern)': \(error.localizedDescription)")
        }
        self.lock.lock()
        if self.compiled.count >= Self.capacity { self.compiled.removeAll(keepingCapacity: true) }
        self.compiled[pattern] = regex
        self.lock.unlock()
        return regex
    }

    /// The matches of `regex` in `text` (the first only when `first`), or an error when the search
    /// runs past `timeLimitNanoseconds`.
    static func matches(
        _ regex: NSRegularExpression, in text: String, length: Int, options: NSRegularExpression.MatchingOptions = [],
        first: Bool, function: String
    ) throws(FunctionError) -> [NSTextCheckingResult] {
        let start = DispatchTime.now().uptimeNanoseconds
        var results: [NSTextCheckingResult] = []
        var timedOut = false
        regex.enumerateMatches(
            in: text, options: options.union(.reportProgress), range: NSRange(location: 0, length: length)
        ) { match, _, stop in
            if let match {
                results.append(match)
                if first { stop.pointee = true }
            }
            if DispatchTime.now().uptimeNanoseconds &- start > Self.timeLimitNanoseconds {
                timedOut = true
                stop.pointee = true
            }
        }
        if timedOut {
            throw FunctionError(
                function: function,
                message:
                    "the regular expression '\(regex.pattern)' ran longer than \(Self.timeLimitNanoseconds / 1_000_000) ms on a text of \(length) UTF-16 units; simplify the pattern (nested quantifiers backtrack exponentially)"
            )
        }
        return results
    }

    /// The literal text a pattern stands for, when it has no regex operators (`","`, `" "`,
    /// `"\\|"`); lets the common cases skip the regex engine.
    static func literal(of pattern: String) -> String? {
        let metacharacters: Set<Unicode.Scalar> = [
            "\\", "^", "$", ".", "|", "?", "*", "+", "(", ")", "[", "]", "{", "}",
        ]
        let scalars = Array(pattern.unicodeScalars)
        if scalars.count == 2, scalars[0] == "\\", metacharacters.contains(scalars[1]) {
            return String(scalars[1])
        }
        guard !scalars.isEmpty, !scalars.contains(where: { metacharacters.contains($0) }) else { return nil }
        return pattern
    }

    /// Java's `String.split(regex, -1)`: every part, empty ones included, except that a zero-width
    /// match at the very start does not produce a leading empty part (a zero-width match at the
    /// end does produce a trailing one, as in Java).
    static func split(_ input: String, pattern: String, function: String) throws(FunctionError) -> [String] {
        if let literal = Self.literal(of: pattern) {
            return ByteSearch.split(input, separator: literal)
        }
        let regex = try Self.shared.regex(pattern, function: function)
        let text = NSString(string: input)
        var parts: [String] = []
        var start = 0
        for match in try Self.matches(regex, in: input, length: text.length, first: false, function: function) {
            let range = match.range
            if start == 0 && range.location == 0 && range.length == 0 { continue }
            parts.append(text.substring(with: NSRange(location: start, length: range.location - start)))
            start = range.location + range.length
        }
        if start == 0 { return [input] }
        parts.append(text.substring(from: start))
        return parts
    }
}

/// `extract_regex` and `matches_regex`.
enum RegexFunctions {
    /// `extract_regex(s, regex)`: for the first match, an array of the whole match and then each
    /// group (null for a group that took no part); null when nothing matches.
    static func extractRegex(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(2)
        guard let input = try args.string(0) else { return .null }
        guard let pattern = try args.string(1, "regex") else { throw args.error("regex must not be null") }
        let regex = try RegexCache.shared.regex(pattern, function: args.function)
        let text = NSString(string: input)
        guard
            let match = try RegexCache.matches(
                regex, in: input, length: text.length, first: true, function: args.function
            ).first
        else {
            return .null
        }
        var groups: [JSONValue] = []
        for index in 0..<match.numberOfRanges {
            let range = match.range(at: index)
            groups.append(range.location == NSNotFound ? .null : .string(text.substring(with: range)))
        }
        return .array(groups)
    }

    /// `matches_regex(s, regex)`: whether the whole string matches (Java's `String.matches`).
    static func matchesRegex(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(2)
        guard let input = try args.string(0) else { return .null }
        guard let pattern = try args.string(1, "regex") else { throw args.error("regex must not be null") }
        let regex = try RegexCache.shared.regex(pattern, function: args.function)
        let length = NSString(string: input).length
        guard
            let match = try RegexCache.matches(
                regex, in: input, length: length, options: [.anchored], first: true, function: args.function
            ).first
        else {
            return .bool(false)
        }
        if match.range.length == length { return .bool(true) }
        // The first anchored match can be shorter than a whole-string one ("a|ab" on "ab"): retry
        // with the pattern pinned to the end.
        let pinned = try RegexCache.shared.regex("(?:\(pattern))\\z", function: args.function)
        return .bool(
            try !RegexCache.matches(
                pinned, in: input, length: length, options: [.anchored], first: true, function: args.function
            ).isEmpty)
    }
}
