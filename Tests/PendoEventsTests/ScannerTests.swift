import Foundation
import Testing

@testable import PendoEvents

@Suite struct JSONSyntaxTests {
    @Test(arguments: [
        "{}", " { \"a\" : [ 1 , -2.5e+3 , true , false , null , \"x\" , { } , [ ] ] } ",
        "{\"s\":\"\\u00e9\\n\\\"\\\\\\/\"}", "{\"é\":\"日本語 🎉\"}", "{\"a\":0.5,\"b\":-0,\"c\":1E9}",
    ])
    func acceptsValidObjects(_ text: String) {
        #expect(JSONSyntax.check(Array(text.utf8)) == nil)
    }

    @Test(arguments: [
        "", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{\"a\":01}", "{\"a\":1.}", "{\"a\":tru}", "{\"a\":\"x}",
        "{\"a\":\"\\x\"}", "{\"a\":[1,2}", "{} {}", "{'a':1}", "{\"a\":\"\u{1}\"}", "{\"a\":1 2}",
        "{\"a\":\"\\u12G4\"}",
    ])
    func rejectsInvalidJSON(_ text: String) {
        let problem = JSONSyntax.check(Array(text.utf8))
        guard case .invalidJSON = problem?.kind else {
            Issue.record("\(text): \(String(describing: problem))")
            return
        }
    }

    @Test func rejectsBadUTF8AndNonObjects() {
        let cases: [[UInt8]] = [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xFF]]
        for bad in cases {
            let bytes = Array("{\"a\":\"".utf8) + bad + Array("\"}".utf8)
            #expect(JSONSyntax.check(bytes) == JSONSyntaxProblem(offset: 6, kind: .invalidUTF8))
        }
        #expect(JSONSyntax.check(Array("[1]".utf8))?.kind == .notAnObject)
        #expect(JSONSyntax.check(Array("[1]".utf8), requireObject: false) == nil)
        let deep = String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
        #expect(JSONSyntax.check(Array("{\"a\":\(deep)}".utf8)) != nil)
    }
}

@Suite struct EventFieldsTests {
    @Test func findsTopLevelFieldsOnly() {
        let text = """
            {"properties": {"event": "nested", "timestamp": 1, "uniqueId": "no", "s": "a \\" } { ["}, "event" : "pollSubmitted", "timestamp": 1701234567.25, "visitorId": "v\\u00e9\\"1", "accountId": "acct", "uniqueId": "0b9f3c8e7a6d5c4b3a291807f6e5d4c3b2a19080"}
            """
        let bytes = Array(text.utf8)
        #expect(EventFields.kind(in: bytes) == "pollSubmitted")
        #expect(EventFields.timestampSeconds(in: bytes) == 1_701_234_567)
        #expect(EventFields.uniqueId(in: bytes) == "0b9f3c8e7a6d5c4b3a291807f6e5d4c3b2a19080")
        #expect(EventFields.visitorId(in: bytes) == "vé\"1")
        #expect(EventFields.accountId(in: bytes) == "acct")
    }

    @Test func absentOrMistypedFieldsAreNil() {
        let bytes = Array("{\"timestamp\": \"soon\", \"event\": 3}".utf8)
        #expect(EventFields.timestampSeconds(in: bytes) == nil)
        #expect(EventFields.kind(in: bytes) == nil)
        #expect(EventFields.uniqueId(in: bytes) == nil)
        #expect(EventFields.kind(in: Array("not json".utf8)) == nil)
        #expect(EventFields.kind(in: []) == nil)
        #expect(EventFields.timestampSeconds(in: Array("{\"timestamp\": 1.7e9}".utf8)) == 1_700_000_000)
    }

    @Test func agreesWithTheModelOnSynthesizedEvents() throws {
        var synthesizer = Synthesizer(options: SynthOptions(events: 300, seed: 4))
        while let e = synthesizer.next() {
            let bytes = e.encoded()
            #expect(EventFields.kind(in: bytes) == e.event.rawValue)
            #expect(EventFields.timestampSeconds(in: bytes) == e.timestamp)
            #expect(EventFields.uniqueId(in: bytes) == e.uniqueId)
            #expect(EventFields.visitorId(in: bytes) == e.visitorId)
        }
    }
}

@Suite struct TextParsingTests {
    @Test func durations() throws {
        #expect(try DurationText.seconds("24h") == 86_400)
        #expect(try DurationText.seconds("90m") == 5400)
        #expect(try DurationText.seconds("30s") == 30)
        #expect(try DurationText.seconds("250ms") == 0.25)
        #expect(try DurationText.seconds("1h30m") == 5400)
        #expect(try DurationText.seconds("2d") == 172_800)
        #expect(try DurationText.seconds("1.5h") == 5400)
        #expect(try DurationText.seconds("45") == 45)
        #expect(try DurationText.parse("90m") == .seconds(5400))
        #expect(try DurationText.seconds("100us") == 0.000_1)
        #expect(try DurationText.seconds("1m30s") == 90)
        for bad in ["", "h", "10x", "-5s", "1h-2m", "1e300", "inf", "nan", "-1", "1.2.3", "٤٢s", "0x10"] {
            #expect(throws: DurationText.ParseError.self, "\(bad)") { try DurationText.seconds(bad) }
        }
        #expect(try DurationText.seconds("36500d") == DurationText.maximumSeconds)
        for tooLong in ["36501d", "99999999999999999999", "1000000000000h"] {
            #expect(throws: DurationText.ParseError(text: tooLong, tooLong: true)) { try DurationText.seconds(tooLong) }
        }
        #expect(DurationText.format(seconds: 86_399) == "23h59m59s")
        #expect(DurationText.format(seconds: 1e300) == "∞")
    }

    @Test func mixes() throws {
        let mix = try EventMix.parse("guideDisplayed=40, npsSubmitted=5")
        #expect(mix.share(of: .guideDisplayed) == 40.0 / 45)
        #expect(mix.share(of: .pollDisplayed) == 0)
        for bad in [
            "guideSeen=4", "guideDisplayed", "guideDisplayed=x", "guideDisplayed=0",
            "guideDisplayed=1,guideDisplayed=2",
        ] {
            #expect(throws: EventMix.ParseError.self) { try EventMix.parse(bad) }
        }
    }
}

@Suite struct CorpusStatisticsTests {
    @Test func countsKindsSpanPeakAndDistinct() {
        var stats = CorpusStatistics()
        let lines = [
            "{\"event\":\"guideDisplayed\",\"timestamp\":600,\"visitorId\":\"a\",\"accountId\":\"x\"}",
            "{\"event\":\"guideDisplayed\",\"timestamp\":610,\"visitorId\":\"b\",\"accountId\":\"x\"}",
            "{\"event\":\"npsSubmitted\",\"timestamp\":650,\"visitorId\":\"a\",\"accountId\":\"y\"}",
            "{\"event\":\"guideDisplayed\",\"timestamp\":1260,\"visitorId\":\"c\",\"accountId\":\"y\"}",
            "{\"event\":\"pageLoaded\",\"visitorId\":\"c\"}",
        ]
        for line in lines { stats.add(Array(line.utf8)) }
        #expect(stats.events == 5)
        #expect(stats.kinds.map(\.kind) == ["guideDisplayed", "npsSubmitted", "pageLoaded"])
        #expect(stats.kinds.map(\.count) == [3, 1, 1])
        #expect(stats.firstTimestamp == 600 && stats.lastTimestamp == 1260)
        #expect(stats.spanSeconds == 660)
        #expect(stats.withoutTimestamp == 1)
        #expect(stats.peakMinute?.start == 600 && stats.peakMinute?.events == 3)
        #expect(stats.visitors.count == 3 && stats.accounts.count == 2)
        #expect(stats.replaySeconds(speed: 2) == 330)
        #expect(abs(stats.meanEventsPerSecond - 4.0 / 660) < 1e-12)
    }

    @Test func distinctCountsStayCloseBeyondTheExactLimit() {
        var counter = DistinctCounter(exactLimit: 1000)
        for k in 0..<100_000 {
            let bytes = Array("visitor-\(k)".utf8)
            bytes.withUnsafeBufferPointer { counter.add($0) }
        }
        #expect(!counter.countIsExact)
        #expect(abs(counter.count - 100_000) < 3000)
    }
}
