import Testing

@testable import DataPrep

@Suite struct RegexAndHashTests {
    /// A pattern that backtracks exponentially stops at the time limit with an error, instead
    /// of stalling the run (Java itself would not stop).
    @Test func hostilePatternIsStopped() {
        let text = String(repeating: "a", count: 64) + "!"
        do {
            _ = try call("matches_regex", s(text), s("(a+)+$"))
            Issue.record("expected the time limit")
        } catch {
            #expect(error.message.contains("ran longer than 250 ms"))
        }
    }

    static let vectors: [Vector] = [
        Vector("extract_regex", [s("order-123-x"), s("(\\d+)")], arr(s("123"), s("123"))),
        Vector("extract_regex", [s("abc"), s("(x)?(b)")], arr(s("b"), null, s("b"))),
        Vector("extract_regex", [s("abc"), s("\\d")], null),
        Vector("extract_regex", [null, s("a")], null),
        Vector("extract_regex", [s("héllo wörld"), s("(w\\S+)")], arr(s("wörld"), s("wörld"))),
        Vector("matches_regex", [s("abc"), s("b")], b(false)),
        Vector("matches_regex", [s("abc"), s("a.c")], b(true)),
        Vector("matches_regex", [s("ab"), s("a|ab")], b(true)),
        Vector("matches_regex", [s(""), s(".*")], b(true)),
        Vector("matches_regex", [s("ABC"), s("(?i)abc")], b(true)),
        // java.util.regex defaults: (?i) and \w \d \s are ASCII, \b (Java 17) knows letters.
        Vector("matches_regex", [s("Straße"), s("(?i)strasse")], b(false)),
        Vector("matches_regex", [s("É"), s("(?i)é")], b(false)),
        Vector("matches_regex", [s("É"), s("(?iu)é")], b(true)),
        Vector("matches_regex", [s("\u{212A}"), s("(?iu)k")], b(true)),
        Vector("matches_regex", [s("STRASSE"), s("(?i)stra(?-i)SSE")], b(true)),
        Vector("matches_regex", [s("straSSE"), s("(?i:STRA)SSE")], b(true)),
        Vector("matches_regex", [s("ab"), s("(?i:A)B")], b(false)),
        Vector("matches_regex", [s("٤٢"), s("\\d+")], b(false)),
        Vector("matches_regex", [s("über"), s("\\w+")], b(false)),
        Vector("matches_regex", [s("über"), s("(?U)\\w+")], b(true)),
        Vector("matches_regex", [s("x\u{A0}y"), s("x\\sy")], b(false)),
        Vector("matches_regex", [s("é"), s("\\p{Alpha}")], b(false)),
        Vector("matches_regex", [s("é"), s("\\p{IsAlphabetic}")], b(true)),
        Vector("matches_regex", [s("Q"), s("(?i)[a-z]")], b(true)),
        Vector("extract_regex", [s("xé é"), s("\\bé")], arr(s("é"))),
        Vector("extract_regex", [s("über_all"), s("\\w+")], arr(s("ber_all"))),
        Vector("matches_regex", [null, s("a")], null),
        // Hashes of "my text" in other charsets, and edge inputs.
        Vector("sha256", [s("my text")], s("7330d2b39ca35eaf4cb95fc846c21ee6a39af698154a83a586ee270a0d372104")),
        Vector("sha256", [s("")], s("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")),
        Vector("md5", [s("")], s("d41d8cd98f00b204e9800998ecf8427e")),
        Vector("sha1", [s("abc")], s("a9993e364706816aba3e25717850c26c9cd0d89d")),
        Vector("crc32", [s("123456789")], s("2639f4cb")),  // standard cbf43926, bytes reversed
        Vector("crc32", [s("")], s("00000000")),
        // "é" is C3 A9 in UTF-8, E9 in ISO-8859-1, FE FF 00 E9 in Java's UTF-16.
        Vector("md5", [s("é"), s("ISO-8859-1")], s("3406877694691ddd1dfb0aca54681407")),
        Vector("md5", [s("é"), s("UTF-8")], s("66ddcd97cfdeabb2f6fb8a999b4bc76f")),
        Vector("sha1", [s("é"), s("US-ASCII")], s("5bab61eb53176449e25c2c82f172b82cb13ffb9d")),  // "?"
        Vector("sha1", [s("é"), s("UTF-16")], s("fac1d8905f1c89711b42c005bed34583b4da98a6")),
        Vector("sha1", [null], null),
        Vector("sha1", [i(42)], s("92cfceb39d57d914ed8b14d0e37643de0797ae56")),
    ]

    @Test(arguments: RegexAndHashTests.vectors)
    func vector(_ vector: Vector) throws {
        #expect(try callArray(vector.name, vector.arguments) == vector.expected)
    }

    static let failures: [FailingVector] = [
        FailingVector("extract_regex", [s("abc"), s("([a-")]),
        FailingVector("matches_regex", [s("abc"), s("*")]),
        FailingVector("matches_regex", [s("abc"), null]),
        FailingVector("matches_regex", [s("abc")]),
        FailingVector("sha256", [s("abc"), s("EBCDIC")]),
        FailingVector("md5", [arr(s("abc"))]),
        FailingVector("crc32", []),
    ]

    @Test(arguments: RegexAndHashTests.failures)
    func failure(_ vector: FailingVector) {
        #expect(throws: FunctionError.self) { try callArray(vector.name, vector.arguments) }
    }

    @Test func charsetEncodingsFollowJava() {
        #expect(HashCharset(name: "UTF-16")?.encode("é") == [0xFE, 0xFF, 0x00, 0xE9])
        #expect(HashCharset(name: "utf-16le")?.encode("é") == [0xE9, 0x00])
        #expect(HashCharset(name: "ISO-8859-1")?.encode("é€") == [0xE9, UInt8(ascii: "?")])
        #expect(HashCharset(name: "US-ASCII")?.encode("aé") == [UInt8(ascii: "a"), UInt8(ascii: "?")])
        #expect(HashCharset(name: "UTF-16")?.encode("") == [])
        #expect(HashCharset(name: "KOI8-R") == nil)
    }
}
