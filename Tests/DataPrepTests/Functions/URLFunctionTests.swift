import Testing

@testable import DataPrep

@Suite struct URLFunctionTests {
    static let vectors: [Vector] = [
        Vector("get_url_protocol", [s("HTTP://Example.com")], s("HTTP")),
        Vector("get_url_protocol", [s("mailto:joe@example.com")], s("mailto")),
        Vector("get_url_protocol", [s("not a url")], null),
        Vector("get_url_protocol", [s("example.com/home")], null),
        Vector("get_url_protocol", [s("")], null),
        Vector("get_url_protocol", [null], null),
        Vector("get_url_host", [s("https://user:pw@api.example.com:8443/v1?x=1")], s("api.example.com")),
        Vector("get_url_host", [s("http://[::1]:8080/")], s("[::1]")),
        Vector("get_url_host", [s("mailto:joe@example.com")], null),
        Vector("get_url_host", [s("https://exa mple.com/")], null),
        Vector("get_url_port", [s("https://example.com/")], i(443)),
        Vector("get_url_port", [s("http://example.com/")], i(80)),
        Vector("get_url_port", [s("HTTP://example.com/")], i(80)),
        Vector("get_url_port", [s("https://example.com:8443/")], i(8443)),
        Vector("get_url_port", [s("http://[::1]:8080/")], i(8080)),
        Vector("get_url_port", [s("foo://example.com:8042/over/there")], i(8042)),
        Vector("get_url_port", [s("foo://example.com/over/there")], null),
        Vector("get_url_port", [s("http://example.com:99999/")], null),
        Vector("get_url_port", [s("http://example.com:80a/")], null),
        Vector("get_url_path", [s("https://example.com")], s("")),
        Vector("get_url_path", [s("https://example.com/a/b.html?x=1#top")], s("/a/b.html")),
        Vector("get_url_path", [s("sftp://example.com//home/joe/employee.csv"), b(false)], s("employee.csv")),
        Vector(
            "get_url_path", [s("sftp://example.com//home/joe/employee.csv"), b(true)], s("//home/joe/employee.csv")),
        Vector("get_url_path", [s("mailto:joe@example.com")], s("joe@example.com")),
        Vector(
            "get_url_query_str", [s("https://x.com/p?a=1&b=&c&a=2"), s("remove")],
            obj(("a", s("2")), ("b", s("")), ("c", s("")))),
        Vector(
            "get_url_query_str", [s("https://x.com/p?q=caf%C3%A9+au+lait"), s("remove")],
            obj(("q", s("caf%C3%A9+au+lait")))),
        Vector("get_url_query_str", [s("https://x.com/p#frag"), s("append")], null),
        Vector("get_url_query_str", [s("https://x.com/p?a=1"), s("append")], obj(("a", s("1")))),
        Vector("get_url_query_str", [s("https://x.com/p?a=1#f"), s("RETAIN")], obj(("a", s("1#f")))),
        Vector("get_url_query_str", [null, s("retain")], null),
        Vector("get_url_encoded", [s("a b&c=d/é~*")], s("a%20b%26c%3Dd%2F%C3%A9%7E%2A")),
        Vector("get_url_encoded", [s("")], s("")),
        Vector("get_url_encoded", [null], null),
        Vector("get_url_decoded", [s("a%20b+c%C3%A9%7e")], s("a b cé~")),
        Vector("get_url_decoded", [s("plain")], s("plain")),
        // The JDK's replacement of malformed UTF-8: an encoded surrogate is one U+FFFD, an
        // overlong sequence one per byte, a cut sequence one; %+1 is Integer.parseInt's 1.
        Vector("get_url_decoded", [s("%ED%A0%80x")], s("\u{FFFD}x")),
        Vector("get_url_decoded", [s("%E0%80%80")], s("\u{FFFD}\u{FFFD}\u{FFFD}")),
        Vector("get_url_decoded", [s("%E2%82x%82")], s("\u{FFFD}x\u{FFFD}")),
        Vector("get_url_decoded", [s("%F0%9F%98%80%+1")], s("😀\u{1}")),
        Vector("get_url_decoded", [null], null),
    ]

    @Test(arguments: URLFunctionTests.vectors)
    func vector(_ vector: Vector) throws {
        #expect(try callArray(vector.name, vector.arguments) == vector.expected)
    }

    static let failures: [FailingVector] = [
        FailingVector("get_url_query_str", [s("https://x.com/?a=1"), s("keep")]),
        FailingVector("get_url_decoded", [s("100%")]),
        FailingVector("get_url_decoded", [s("%zz")]),
        FailingVector("get_url_decoded", [s("%-1")]),
        FailingVector("get_url_host", []),
        FailingVector("get_url_host", [arr()]),
    ]

    @Test(arguments: URLFunctionTests.failures)
    func failure(_ vector: FailingVector) {
        #expect(throws: FunctionError.self) { try callArray(vector.name, vector.arguments) }
    }

    @Test func encodeDecodeRoundTrip() throws {
        let text = "https://example.com/päth?q=1 2&r=€#frag"
        let encoded = try call("get_url_encoded", s(text))
        #expect(try call("get_url_decoded", encoded) == s(text))
    }
}
