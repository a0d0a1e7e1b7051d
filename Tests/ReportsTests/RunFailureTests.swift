import Testing

@testable import Reports

@Suite struct RunFailureTests {
    static let emulatorAnswer =
        "corpora/pendo-seed/events.jsonl.gz:1: 400 {\"type\":\"http://ns.adobe.com/adobecloud/problem/data-collection-service/inlet\","
        + "\"status\":400,\"title\":\"Bad Request\",\"report\":{\"message\":\"inletId: [abc] imsOrgId: [emulator@AdobeOrg] This dataflow maps raw data: "
        + "send its flow id as the header x-adobe-flow-id or the query parameter ?x-adobe-flow-id=\"}}"

    @Test("the inlet's own message is drawn out of its problem document, on one line")
    func messageFromTheProblemDocument() {
        let line = ErrorSampleText.oneLine(Self.emulatorAnswer, limit: 1000)
        #expect(
            line
                == "corpora/pendo-seed/events.jsonl.gz:1: 400 Bad Request: inletId: [abc] imsOrgId: [emulator@AdobeOrg] This dataflow maps raw data: "
                + "send its flow id as the header x-adobe-flow-id or the query parameter ?x-adobe-flow-id=")
    }

    @Test("a long message is cut at a word boundary, never mid-word")
    func cutAtAWord() {
        let line = ErrorSampleText.oneLine(Self.emulatorAnswer, limit: 100)
        #expect(line.count <= 100)
        #expect(line.hasSuffix(" …"))
        let kept = line.dropLast(2)
        let full = ErrorSampleText.oneLine(Self.emulatorAnswer, limit: 1000)
        #expect(full.hasPrefix(kept))
        // The next character of the full text after the kept part is the space it was cut at.
        #expect(full[full.index(full.startIndex, offsetBy: kept.count)] == " ")
    }

    @Test("a body cut short is read as far as its message goes; newlines fold into spaces")
    func truncatedBody() {
        let sample = "f.jsonl:2: 400 {\"title\":\"Bad Request\",\"report\":{\"message\":\"first\\nsecond and more"
        #expect(ErrorSampleText.oneLine(sample) == "f.jsonl:2: 400 first second and more…")
        #expect(ErrorSampleText.oneLine("f.jsonl:3: connection\n  reset") == "f.jsonl:3: connection reset")
    }

    @Test("a run that planned nothing fails with the reader's first located error")
    func nothingPlanned() {
        var report = Fixtures.fixed
        report.events = EventCounts(planned: 0, sent: 0, accepted: 0, rejected: 0, failed: 0, unsent: 0)
        report.errors = [ErrorEntry(class: "corpus", count: 3, sample: "data.csv:1: not JSON")]
        #expect(RunFailure.check(report) == .noReadableEvent(unreadable: 3, sample: "data.csv:1: not JSON"))
        #expect(RunFailure.check(report)?.message.contains("data.csv:1: not JSON") == true)
    }

    @Test("a run in which nothing was accepted fails with the inlet's message; one accepted event is enough to pass")
    func nothingAccepted() {
        var report = Fixtures.fixed
        report.events = EventCounts(planned: 3000, sent: 3000, accepted: 0, rejected: 3000, failed: 0, unsent: 0)
        report.errors = [ErrorEntry(class: "http-400", count: 3000, sample: Self.emulatorAnswer)]
        let failure = RunFailure.check(report)
        #expect(
            failure == .nothingAccepted(sent: 3000, reason: ErrorSampleText.oneLine(Self.emulatorAnswer, limit: 1000)))
        #expect(failure?.message.hasSuffix("or the query parameter ?x-adobe-flow-id=") == true)
        #expect(
            failure?.message.hasPrefix(
                "no event was accepted (3000 sent); the inlet said: corpora/pendo-seed/events.jsonl.gz:1: 400 Bad Request: "
            ) == true)
        report.events.accepted = 1
        report.events.rejected = 2999
        #expect(RunFailure.check(report) == nil)
    }

    @Test("stopped by the user before any answer: not counted as the inlet's failure")
    func interruptedBeforeAnswers() {
        var report = Fixtures.fixed
        report.events = EventCounts(planned: 10, sent: 10, accepted: 0, rejected: 0, failed: 0, unknown: 10, unsent: 0)
        report.requests.completed = 0
        report.stopReason = .interrupted
        #expect(RunFailure.check(report) == nil)
        report.stopReason = .duration
        #expect(
            RunFailure.check(report)
                == .nothingAccepted(sent: 10, reason: ErrorSampleText.oneLine(report.errors[0].sample, limit: 1000)))
    }
}
