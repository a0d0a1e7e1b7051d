import Foundation
import Testing

@testable import PendoEvents

@Suite struct EventModelTests {
    static let example = """
        {"app": {"id": -271828, "name": "acme-web", "platform": "web"}, "accountId": "acct-0042", "subscription": {"id": 5123456789012345, "name": "acme"}, "userAgent": "Mozilla/5.0", "event": "npsSubmitted", "properties": {"guideId": "q3Vw", "guideProperties": {"id": "q3Vw", "name": "Onboarding \\"tour\\" ✨", "createdAt": 1700000000000, "createdByUser": {"username": "a@b"}, "lastUpdatedAt": 1700500000000, "lastUpdatedByUser": {"username": "c@d"}, "steps": [{"id": "Zx81pQ", "lastUpdatedAt": 1700400000000, "resetAt": 1700300000000, "type": ""}]}, "guideStepId": "Zx81pQ", "language": "", "nps": {"rating": 9, "reason": "très bien 👍", "source": "email"}}, "timestamp": 1701234567, "visitorId": "visitor-7781", "uniqueId": "0b9f3c8e7a6d5c4b3a291807f6e5d4c3b2a19080"}
        """

    @Test func decodesEveryFieldAndKeepsTheOriginalBytes() throws {
        let bytes = Array(EventModelTests.example.utf8)
        let event = try PendoEvent.decode(CorpusEvent(bytes: bytes, file: "x.jsonl", line: 3))
        #expect(event.originalBytes == bytes)
        #expect(event.bytes == bytes)
        #expect(event.app == .init(id: -271828, name: "acme-web", platform: "web"))
        #expect(event.subscription?.id == 5_123_456_789_012_345)
        #expect(event.event == .npsSubmitted)
        #expect(event.timestamp == 1_701_234_567)
        #expect(event.properties?.language == "")
        #expect(event.properties?.guideProperties?.name == "Onboarding \"tour\" ✨")
        #expect(event.properties?.guideProperties?.steps.first?.type == "")
        #expect(event.properties?.nps == .init(rating: 9, reason: "très bien 👍", source: "email"))
    }

    @Test func sixtyFourBitIdsSurviveExactly() throws {
        let text = EventModelTests.example.replacingOccurrences(of: "5123456789012345", with: "9007199254740993")
        let event = try PendoEvent.decode(Array(text.utf8))
        #expect(event.subscription?.id == 9_007_199_254_740_993)
        let again = try PendoEvent.decode(event.encoded())
        #expect(again.subscription?.id == 9_007_199_254_740_993)
    }

    @Test func encodingRoundTrips() throws {
        var synthesizer = Synthesizer(options: SynthOptions(events: 500, seed: 9))
        while let e = synthesizer.next() {
            var decoded = try PendoEvent.decode(e.encoded())
            decoded.originalBytes = nil
            #expect(decoded == e)
        }
    }

    @Test func decodeErrorsSayWhere() {
        do {
            _ = try PendoEvent.decode(
                CorpusEvent(bytes: Array("{\"event\": \"guideDisplayed\"}".utf8), file: "f.jsonl", line: 12))
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("f.jsonl:12"))
            #expect("\(error)".contains("timestamp"))
        }
    }

    @Test func kindsKeepUnknownValues() {
        #expect(EventKind(rawValue: "guideDisplayed") == .guideDisplayed)
        #expect(EventKind(rawValue: "guideSeen") == .other("guideSeen"))
        #expect(EventKind.other("x").rawValue == "x")
    }
}
