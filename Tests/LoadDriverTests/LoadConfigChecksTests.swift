import Testing

@testable import LoadDriver

/// What a run refuses before anything is sent: line breaks in what goes into a request head, and
/// settings that cannot work together. And what its report records of secrets.
@Suite struct LoadConfigChecksTests {
    static let inlet = "http://127.0.0.1:8080/collection/abc"

    @Test("a CR or LF in the inlet, flow id, a header's name or value, or the token is refused, naming where")
    func lineBreaksRefused() {
        let cases: [(LoadConfig, String)] = [
            (LoadConfig(inlet: Self.inlet + "\r\nX-Evil: 1"), "--inlet"),
            (LoadConfig(inlet: Self.inlet, flowId: "f\n1"), "--flow-id"),
            (LoadConfig(inlet: Self.inlet, headers: [("X-A\r", "v")]), "--header (name)"),
            (LoadConfig(inlet: Self.inlet, headers: [("X-A", "v\nX-B: 2")]), "--header X-A"),
            (LoadConfig(inlet: Self.inlet, token: "tok\r\nX: y"), "the token (--token-file or PENDO_REPLAY_TOKEN)"),
        ]
        for (config, option) in cases {
            #expect(throws: LoadConfigError.self) { try config.checkHeaderText() }
            do {
                try config.checkHeaderText()
            } catch let LoadConfigError.invalid(found, _, why) {
                #expect(found == option)
                #expect(why.contains("line break"))
            } catch {
                Issue.record("unexpected \(error)")
            }
        }
        #expect(throws: Never.self) {
            try LoadConfig(inlet: Self.inlet, flowId: "f-1", headers: [("X-A", "v")], token: "t").checkHeaderText()
        }
    }

    @Test("a refused token or secret header value is not quoted in the message")
    func refusedSecretNotQuoted() {
        let token = "secret-token-value\n"
        do {
            try LoadConfig(inlet: Self.inlet, token: token).checkHeaderText()
            Issue.record("not refused")
        } catch {
            #expect(!"\(error)".contains("secret-token-value"))
        }
        do {
            try LoadConfig(inlet: Self.inlet, headers: [("X-Api-Key", "key-value-1\n")]).checkHeaderText()
            Issue.record("not refused")
        } catch {
            #expect(!"\(error)".contains("key-value-1"))
        }
    }

    @Test("LoadRun refuses a line break before anything starts")
    func loadRunRefuses() {
        #expect(throws: LoadConfigError.self) {
            _ = try LoadRun(
                config: LoadConfig(inlet: Self.inlet, headers: [("X-A", "a\r\nb")]),
                feed: feed(makeEvents(1)), toolVersion: "test")
        }
    }

    @Test("--batch above 1 with --payload raw is refused with the reason and the fix; batch 1 raw and batch xdm pass")
    func batchWithRaw() throws {
        do {
            try LoadConfig(inlet: Self.inlet, payloadName: "raw", batch: 10).checkCombinations()
            Issue.record("not refused")
        } catch let LoadConfigError.invalid(option, value, why) {
            #expect(option == "--batch")
            #expect(value == "10")
            #expect(why.contains("XDM messages only"))
            #expect(why.contains("use --payload xdm with --batch, or --batch 1"))
        }
        try LoadConfig(inlet: Self.inlet, payloadName: "raw", batch: 1).checkCombinations()
        try LoadConfig(inlet: Self.inlet, payloadName: "xdm", batch: 10).checkCombinations()
    }

    @Test("the report's configuration redacts the token, non-harmless header values and the inlet's query")
    func recordRedacts() {
        let config = LoadConfig(
            inlet: Self.inlet + "?syncValidation=true&sig=s3cr3t",
            headers: [("X-Tenant", "acme-secret"), ("Content-Type", "application/json")], token: "tok-1234")
        let record = config.record()
        #expect(record.inlet == Self.inlet + "?syncValidation=true&sig=<redacted>")
        #expect(record.headers == ["X-Tenant": "<redacted>", "Content-Type": "application/json"])
        #expect(record.token == "<redacted>")
    }
}

/// The other combinations `run` refuses before it starts.
@Suite struct LoadConfigCombinationTests {
    static let inlet = "http://127.0.0.1:8080/collection/abc"

    static func option(_ config: LoadConfig) -> String? {
        do {
            try config.checkCombinations()
            return nil
        } catch let LoadConfigError.invalid(option, _, _) {
            return option
        } catch {
            return "unexpected \(error)"
        }
    }

    @Test(
        "open-loop settings in a closed loop, an endless --loop, and --insecure beside --ca-cert are refused, naming the flag"
    )
    func refused() {
        #expect(Self.option(LoadConfig(inlet: Self.inlet, maxInFlight: 10)) == "--max-in-flight")
        #expect(Self.option(LoadConfig(inlet: Self.inlet, atCap: .drop)) == "--at-cap")
        #expect(Self.option(LoadConfig(inlet: Self.inlet, loop: true)) == "--loop")
        #expect(Self.option(LoadConfig(inlet: Self.inlet, model: .constant(rate: 5), loop: true)) == "--loop")
        #expect(
            Self.option(LoadConfig(inlet: Self.inlet, insecure: true, trustedCertificatesPath: "ca.pem"))
                == "--insecure")
    }

    @Test("the same settings where they mean something pass")
    func accepted() throws {
        #expect(
            Self.option(LoadConfig(inlet: Self.inlet, model: .constant(rate: 5), maxInFlight: 10, atCap: .drop)) == nil)
        #expect(Self.option(LoadConfig(inlet: Self.inlet, duration: 5, loop: true)) == nil)
        #expect(Self.option(LoadConfig(inlet: Self.inlet, requests: 5, loop: true)) == nil)
        #expect(
            Self.option(LoadConfig(inlet: Self.inlet, model: .stages(try StagesParser.parse("1s:10")), loop: true))
                == nil)
        #expect(Self.option(LoadConfig(inlet: Self.inlet, insecure: true)) == nil)
    }
}
