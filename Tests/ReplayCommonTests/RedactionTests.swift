import Testing

@testable import ReplayCommon

/// Secrets never leave: what `Redaction` scrubs from quoted answers, how header values and URLs show.
@Suite struct RedactionTests {
    static let token = "eyJhbGciOi.secret-token/part+2"

    @Test("the token and non-harmless header values are scrubbed; harmless header values are not")
    func scrubsSecrets() {
        let redaction = Redaction(
            token: Self.token,
            headers: [
                ("X-Api-Key", "key-12345"), ("Content-Type", "application/json"),
                ("x-gw-ims-org-id", "ORG@AdobeOrg"),
            ])
        let text =
            "400 {\"echo\":\"Bearer \(Self.token)\",\"k\":\"key-12345\",\"ct\":\"application/json\",\"org\":\"ORG@AdobeOrg\"}"
        #expect(
            redaction.scrub(text)
                == "400 {\"echo\":\"Bearer <redacted>\",\"k\":\"<redacted>\",\"ct\":\"application/json\",\"org\":\"<redacted>\"}"
        )
    }

    @Test("JSON-escaped and percent-encoded spellings of a secret go too")
    func otherSpellings() {
        let redaction = Redaction(token: Self.token, headers: [])
        #expect(redaction.scrub("a eyJhbGciOi.secret-token\\/part+2 b") == "a <redacted> b")
        #expect(redaction.scrub("a eyJhbGciOi.secret-token%2Fpart%2B2 b") == "a <redacted> b")
    }

    @Test("a sample cut short inside the token loses the token's beginning too")
    func cutInsideSecret() {
        let redaction = Redaction(token: Self.token, headers: [])
        #expect(redaction.scrub("400 Bearer eyJhbGciOi.sec…") == "400 Bearer <redacted>…")
        // Fewer than `shortestScrubbed` characters of the token are not a secret's beginning worth a mark.
        #expect(redaction.scrub("400 Bearer eyJ…") == "400 Bearer eyJ…")
        #expect(redaction.scrub("no cut eyJhbGciOi.sec") == "no cut eyJhbGciOi.sec")
    }

    @Test("values shorter than four characters are not scrubbed from free text")
    func shortValuesKept() {
        let redaction = Redaction(token: nil, headers: [("X-Debug", "1"), ("X-Secret", "abcd")])
        #expect(redaction.secrets == ["abcd"])
        #expect(redaction.scrub("1 abcd 1") == "1 <redacted> 1")
    }

    @Test("header values show only for names on the allow list, whatever their case")
    func headerValues() {
        #expect(Redaction.headerValue(name: "Content-Type", value: "application/json") == "application/json")
        #expect(Redaction.headerValue(name: "X-ADOBE-FLOW-ID", value: "f-1") == "f-1")
        #expect(Redaction.headerValue(name: "X-Tenant", value: "acme") == "<redacted>")
        #expect(Redaction.headerValue(name: "Authorization", value: "Bearer x") == "<redacted>")
    }

    @Test("URLs lose their user information and every query value but harmless ones")
    func urls() {
        #expect(
            Redaction.url(
                "https://user:pw@inlet.example/collection/abc?syncValidation=true&sig=XYZ&x-adobe-flow-id=f#top")
                == "https://<redacted>@inlet.example/collection/abc?syncValidation=true&sig=<redacted>&x-adobe-flow-id=f#top"
        )
        #expect(Redaction.url("http://127.0.0.1:8080/collection/abc") == "http://127.0.0.1:8080/collection/abc")
        #expect(Redaction.url("http://h/p?flag&api_key=k") == "http://h/p?flag&api_key=<redacted>")
        // An @ in the path is not user information.
        #expect(Redaction.url("http://h/a@b") == "http://h/a@b")
    }
}
