import Foundation
import Testing

@testable import Reports

/// The per-key rules of `Reconciler`: loss, duplicates explained or not, unknown stored or not, refused stored.
@Suite struct ReconcilerTests {
    private func line(
        _ key: String, _ outcome: EventOutcome, attempts: Int = 1, unanswered: Int = 0, keyed: Bool = true
    ) -> OutcomeRecord {
        OutcomeRecord(
            key: key, keyKind: keyed ? .uniqueId : .location, file: "events.jsonl", line: 1, outcome: outcome,
            attempts: attempts, unanswered: unanswered, status: outcome == .accepted ? 200 : nil)
    }

    private func reconcile(_ lines: [OutcomeRecord], stored: [String: Int], withoutKey: Int = 0)
        -> PerEventReconciliation
    {
        var reconciler = Reconciler()
        for line in lines { reconciler.add(line) }
        return reconciler.result(stored: stored, storedWithoutKey: withoutKey)
    }

    @Test func everyAcceptedEventStoredOnceHolds() {
        let r = self.reconcile(
            [line("a", .accepted), line("b", .accepted), line("c", .rejected), line("d", .unsent)],
            stored: ["a": 1, "b": 1])
        #expect(r.holds)
        #expect(r.outcomes == ["accepted": 2, "rejected": 1, "unsent": 1])
        #expect(r.keyed == 4 && r.stored == 2)
        #expect(r.acceptedMissing == 0 && r.duplicates == 0 && r.storedAlthoughRejectedOrFailed == 0)
    }

    @Test func anAcceptedEventNotStoredIsLoss() {
        let r = self.reconcile([line("a", .accepted), line("b", .accepted)], stored: ["a": 1])
        #expect(r.acceptedMissing == 1)
        #expect(r.samples["acceptedMissing"] == ["b"])
        #expect(!r.holds)
    }

    @Test func aDuplicateAfterARetryAfterNoAnswerIsExplained() {
        // Reset after the write, retried, accepted: the first attempt may have been stored too.
        let r = self.reconcile([line("a", .accepted, attempts: 2, unanswered: 1)], stored: ["a": 2])
        #expect(r.duplicates == 1 && r.duplicatesExplained == 1 && r.duplicatesUnexplained == 0)
        #expect(r.holds)
    }

    @Test func aDuplicateWithoutARetryIsUnexplained() {
        let r = self.reconcile([line("a", .accepted)], stored: ["a": 2])
        #expect(r.duplicates == 1 && r.duplicatesExplained == 0)
        #expect(r.samples["duplicatesUnexplained"] == ["a"])
        #expect(!r.holds)
    }

    @Test func unknownEventsStoredOrNotBothHold() {
        let r = self.reconcile(
            [
                line("a", .unknown, unanswered: 1), line("b", .unknown, unanswered: 1),
                line("c", .unknown, attempts: 3, unanswered: 3),
            ],
            stored: ["a": 1, "c": 3])
        // c: stored once as "stored although unknown", twice more explained by its later unanswered attempts.
        #expect(r.storedAlthoughUnknown == 2 && r.unknownNotStored == 1)
        #expect(r.duplicatesExplained == 2 && r.duplicatesUnexplained == 0)
        #expect(r.holds)
    }

    @Test func aRejectedOrFailedEventStoredFails() {
        let r = self.reconcile([line("a", .rejected), line("b", .failed, attempts: 3)], stored: ["a": 1, "b": 1])
        #expect(r.storedAlthoughRejectedOrFailed == 2)
        #expect(r.samples["storedAlthoughRejectedOrFailed"] == ["a", "b"])
        #expect(!r.holds)
    }

    @Test func loopedKeysAreReconciledOverTheirSums() {
        // --loop: one key sent three times, accepted twice and unknown once; stored three times.
        let r = self.reconcile(
            [line("a", .accepted), line("a", .accepted), line("a", .unknown, unanswered: 1)], stored: ["a": 3])
        #expect(r.acceptedMissing == 0 && r.storedAlthoughUnknown == 1 && r.duplicates == 0)
        #expect(r.holds)
        let short = self.reconcile(
            [line("a", .accepted), line("a", .accepted), line("a", .unknown, unanswered: 1)], stored: ["a": 1])
        #expect(short.acceptedMissing == 1 && short.unknownNotStored == 1)
    }

    @Test func recordsNoEventPlannedAndLocationKeysAreCountedApart() {
        let r = self.reconcile(
            [line("events.jsonl:7", .accepted, keyed: false), line("a", .accepted)],
            stored: ["a": 1, "zz": 2], withoutKey: 1)
        #expect(r.keyed == 1)
        #expect(r.storedUnplanned == 2 && r.storedWithoutKey == 1)
        #expect(r.stored == 4)
        #expect(r.holds)  // another run's records on the flow are reported, not a failure
    }

    @Test func countsBeforeAndAfterUseTheDifference() {
        func summary(_ input: Int) -> PlatformRecordSummary {
            PlatformRecordSummary(flowId: "f", inputRecordCount: input, outputRecordCount: input, failedRecordCount: 0)
        }
        // A second run on a flow that already holds 1,000 records: 500 new, 500 accepted.
        let second = CountReconciliation(
            before: summary(1000), after: summary(1500), accepted: 500, unknown: 0, retriedAfterUnknown: 0)
        #expect(second.inputDifference == 500 && second.holds)
        // Unknown events and retries after no answer widen what the difference may be.
        let widened = CountReconciliation(
            before: summary(1000), after: summary(1503), accepted: 500, unknown: 2, retriedAfterUnknown: 1)
        #expect(widened.holds)
        let over = CountReconciliation(
            before: summary(1000), after: summary(1504), accepted: 500, unknown: 2, retriedAfterUnknown: 1)
        #expect(!over.holds)
        let lost = CountReconciliation(
            before: summary(1000), after: summary(1499), accepted: 500, unknown: 0, retriedAfterUnknown: 0)
        #expect(!lost.holds)
        let unread = CountReconciliation(before: nil, after: nil, accepted: 1, unknown: 0, retriedAfterUnknown: 0)
        #expect(unread.inputDifference == nil && !unread.holds)
        let section = Reconciliation(method: .counts, holds: second.holds, counts: second)
        #expect(section.stored == 500)
    }

    @Test func theSectionRendersItsVerdictAndProblems() {
        let r = self.reconcile([line("a", .accepted), line("b", .accepted)], stored: ["a": 1])
        let section = Reconciliation(method: .perEvent, holds: r.holds, perEvent: r)
        let md = ReconciliationRenderer.markdown(section)
        #expect(md.contains("## Reconciliation (per event)"))
        #expect(md.contains("| accepted but missing (data loss) | **1** |"))
        #expect(md.contains("**Does not hold**: per event: 1 accepted events missing (data loss)"))
        #expect(md.contains("acceptedMissing: b"))
        let text = ReconciliationRenderer.text(section)
        #expect(text[0].hasPrefix("reconciliation FAILED"))
        let data = try! JSONEncoder().encode(section)
        #expect(try! JSONDecoder().decode(Reconciliation.self, from: data) == section)
    }
}

@Suite struct ReconciliationRenderingTests {
    @Test func theRunFilesShowTheSectionInsteadOfTheCountOnlyCheck() throws {
        var report = Fixtures.fixed
        let perEvent = PerEventReconciliation(
            outcomes: ["accepted": report.events.accepted], keyed: report.events.accepted,
            stored: report.events.accepted)
        report.reconciliation = Reconciliation(method: .perEvent, holds: true, perEvent: perEvent)
        let files = Dictionary(
            uniqueKeysWithValues: try ReportFiles.render(report: report, verdicts: [], stored: report.events.accepted)
                .map { ($0.name, $0.contents) })
        let summary = try #require(files[ReportFiles.summary])
        let html = try #require(files[ReportFiles.html])
        #expect(summary.contains("## Reconciliation (per event)"))
        #expect(!summary.contains("stored (emulator)"))
        #expect(html.contains("<h2>Reconciliation (per event)</h2>"))
        #expect(html.contains("accepted but missing (data loss)"))
        #expect(!html.contains("stored = accepted"))
        let json = try #require(files[ReportFiles.reportJSON])
        #expect(try ReportFiles.decodeForTest(json).reconciliation == report.reconciliation)
    }
}

extension ReportFiles {
    static func decodeForTest(_ json: String) throws -> RunReport {
        try JSONDecoder().decode(RunReport.self, from: Data(json.utf8))
    }
}
