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
}
