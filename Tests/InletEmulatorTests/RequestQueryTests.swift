import Hummingbird
import NIOCore
import Testing

@testable import InletEmulator

/// Query parameters as the inlet and the Flow Service routes read them (`Request.query`,
/// `Request.queryItems`): cut at `&` and `=`, percent-decoded, first occurrence wins.
@Suite struct RequestQueryTests {
    static func request(_ path: String) -> Request {
        Request(
            head: HTTPRequest(method: .post, scheme: "http", authority: "127.0.0.1", path: path),
            body: RequestBody(buffer: ByteBuffer()))
    }

    @Test func parametersByName() {
        let request = Self.request(
            "/collection/abc?x-adobe-flow-id=f%20g&syncValidation=true&&empty=&bare&syncValidation=false")
        #expect(request.query("x-adobe-flow-id") == "f g")
        #expect(request.query("syncValidation") == "true")
        #expect(request.query("empty") == "")
        #expect(request.query("bare") == "")
        #expect(request.query("missing") == nil)
        #expect(request.query("x-adobe") == nil)
        #expect(Self.request("/collection/abc").query("syncValidation") == nil)
    }

    @Test func encodedNamesAndTextOutsideASCII() {
        let request = Self.request("/flows?%73yncValidation=true&n%C3%A4me=w%C3%A9rt&broken=%zz")
        #expect(request.query("syncValidation") == "true")
        #expect(request.query("näme") == "wért")
        #expect(request.query("broken") == "%zz")
        #expect(request.queryItems().map { "\($0.0)=\($0.1)" } == ["syncValidation=true", "näme=wért", "broken=%zz"])
    }

    /// `queryValue` compares names without `%` as bytes; every name of every query built from
    /// these parts (empty pairs, bare names, `=` in values, escapes, repeats, text outside ASCII)
    /// answers as the first pair whose decoded name matches does.
    @Test func scanAgreesWithThePairs() {
        let parts = ["", "a=1", "a=2", "b", "b=", "=x", "c=d=e", "%61=3", "n%C3%A4me=w", "näme=v", "x-adobe-flow-id=f"]
        let names = ["a", "b", "c", "", "näme", "x-adobe-flow-id", "missing"]
        var checked = 0
        for first in parts {
            for second in parts {
                for third in parts {
                    let query = [first, second, third].joined(separator: "&")
                    for name in names {
                        let expected = QueryPairs(query).first { Request.decoded($0.key) == name }
                            .map { Request.decoded($0.value) }
                        #expect(Request.queryValue(name, in: query) == expected, "\(name) in \(query)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked == 11 * 11 * 11 * 7)
        #expect(Request.queryValue("a", in: nil) == nil)
    }

    @Test func pairsAsWritten() {
        let pairs = QueryPairs("&a=1&&b&c=d=e&=x&").map { "\($0.key)|\($0.value)" }
        #expect(pairs == ["a|1", "b|", "c|d=e", "|x"])
        #expect(Array(QueryPairs("")).isEmpty)
        #expect(Array(QueryPairs("&&")).isEmpty)
    }
}
