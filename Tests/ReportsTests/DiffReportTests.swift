import Foundation
import Testing

@testable import Reports

/// `diff.json` read back (`DiffFacts`), the `--allow` vocabulary and the pages of a mapping diff.
@Suite struct DiffReportTests {
    static let json = """
        {"formatVersion": 1, "corpus": ["c/events.jsonl"], "old": {"mapping": "old.json", "schema": "s.json"},
         "new": {"mapping": "new.json", "schema": null}, "seconds": 0.5, "workers": 2, "eventsPerSecond": 2000,
         "events": {"total": 1000, "identical": 990, "changed": 6, "mappedToRejected": 2, "rejectedToMapped": 1, "bothRejected": 1,
                    "bothRejectedSameReason": 0, "bothRejectedOtherReason": 1, "differing": 10, "unreadable": 0},
         "transitions": [{"transition": "identical", "count": 990, "samples": []},
                         {"transition": "changed", "count": 6, "samples": [{"event": "c/events.jsonl:4", "key": "k4", "new": "1 field(s) differ"}]},
                         {"transition": "mappedToRejected", "count": 2, "samples": [{"event": "c/events.jsonl:9", "key": null, "new": "INGEST-1212-400: bad <kind>"}]},
                         {"transition": "rejectedToMapped", "count": 1, "samples": []},
                         {"transition": "bothRejectedSameReason", "count": 0, "samples": []},
                         {"transition": "bothRejectedOtherReason", "count": 1, "samples": []}],
         "fields": [{"path": "_t.label", "identical": 990, "changed": 5, "typeChanged": 0, "added": 0, "removed": 0,
                     "samples": {"changed": [{"event": "c/events.jsonl:4", "key": "k4", "old": "\\"A\\"", "new": "\\"a\\""}], "typeChanged": [], "added": [], "removed": []}},
                    {"path": "_t.extra", "identical": 0, "changed": 0, "typeChanged": 0, "added": 1, "removed": 0,
                     "samples": {"changed": [], "typeChanged": [], "added": [], "removed": []}},
                    {"path": "_id", "identical": 996, "changed": 0, "typeChanged": 0, "added": 0, "removed": 0,
                     "samples": {"changed": [], "typeChanged": [], "added": [], "removed": []}}],
         "nonDeterministic": ["_t.token"], "ignored": [], "noiseSample": 1000,
         "ids": {"old": {"empty": 0, "repeated": 0, "repeatedIds": 0, "emptySamples": [], "repeatedSamples": []},
                 "new": {"empty": 3, "repeated": 2, "repeatedIds": 1, "emptySamples": [],
                         "repeatedSamples": [{"event": "c/events.jsonl:7", "firstSeen": "c/events.jsonl:2"}]}},
         "outcomes": {"old": {"mapped": 997, "rejected": 3, "warnings": 0}, "new": {"mapped": 997, "rejected": 3, "warnings": 4}},
         "rejections": [{"code": "INGEST-1212-400", "rule": "enum", "path": "_t.kind", "old": 0, "new": 2, "newReason": true, "exampleMessage": "m", "samples": []},
                        {"code": "INGEST-1212-400", "rule": "type", "path": "_t.n", "old": 3, "new": 1, "newReason": false, "exampleMessage": "m", "samples": []}],
         "warnings": [{"code": "MAPPER-3700-400", "path": "_t.count", "old": 0, "new": 4, "newReason": true, "exampleMessage": "w", "samples": []}],
         "allow": [], "unreadableSamples": []}
        """

    static func facts() throws -> DiffFacts {
        try DiffFacts(json: Data(Self.json.utf8), path: "diff.json")
    }

    @Test func everyDiffMetricReadsItsCount() throws {
        let facts = try Self.facts()
        let expected: [DiffMetric: Double] = [
            .changed: 0.01, .total: 1000, .identical: 990, .differing: 10, .changedRecords: 6, .rejectedNew: 2,
            .mappedNew: 1,
            .bothRejected: 1, .reasonChanged: 1, .newRejectionReasons: 1, .newWarnings: 4, .fieldsChanged: 2,
            .emptyIds: 3, .repeatedIds: 2, .unreadable: 0,
        ]
        #expect(Set(expected.keys) == Set(DiffMetric.allCases))
        for (metric, value) in expected { #expect(facts.value(of: .diff(metric)) == value, "\(metric)") }
        #expect(facts.value(of: .count(.rejected)) == nil)
    }

    @Test func allowRulesUseTheThresholdGrammarWithTheDiffVocabulary() throws {
        let rules = try ThresholdSet(
            parsing: ["changed<0.1%", "rejected_new==0", "changed_records<=6", "new_warnings < 5"], vocabulary: .diff)
        let verdicts = rules.evaluate(against: try Self.facts())
        #expect(verdicts.map(\.passed) == [false, false, true, true])
        #expect(verdicts[0].explanation == "changed = 1%, not < 0.1%")
        #expect(verdicts[1].explanation == "rejected_new = 2, not == 0")
        // Each vocabulary knows only its own metrics.
        #expect(throws: ThresholdSyntaxError.self) { try Threshold.parse("p99<1ms", vocabulary: .diff) }
        #expect(throws: ThresholdSyntaxError.self) { try Threshold.parse("rejected_new==0") }
        do {
            _ = try Threshold.parse("chnaged<1%", vocabulary: .diff)
            Issue.record("parsed")
        } catch {
            #expect(error.column == 1 && error.problem == "unknown metric 'chnaged'")
            #expect(error.expected.hasPrefix("a diff metric: changed, total, identical"))
        }
        do {
            _ = try Threshold.parse("rejected_new<1%", vocabulary: .diff)
            Issue.record("parsed")
        } catch {
            #expect(error.problem == "rejected_new is a count and takes no unit '%'")
        }
    }

    @Test func aNewerFormatIsRefusedWithWhatToDo() {
        let newer = Self.json.replacingOccurrences(of: #""formatVersion": 1"#, with: #""formatVersion": 2"#)
        #expect(throws: ReportFileError.self) { try DiffFacts(json: Data(newer.utf8), path: "x/diff.json") }
        do {
            _ = try DiffFacts(json: Data(newer.utf8), path: "x/diff.json")
        } catch {
            #expect("\(error)".contains("x/diff.json") && "\(error)".contains("use a newer pendo-replay"))
        }
    }

    @Test func thePageHasOneBarPerFieldMostChangedFirstAndEscapesText() throws {
        let facts = try Self.facts()
        let html = DiffRenderer.html(facts)
        let label = try #require(html.range(of: ">_t.label<"))
        let extra = try #require(html.range(of: ">_t.extra<"))
        let id = try #require(html.range(of: ">_id<"))
        #expect(label.lowerBound < extra.lowerBound && extra.lowerBound < id.lowerBound)
        #expect(html.contains("INGEST-1212-400: bad &lt;kind&gt;"))
        #expect(!html.contains("bad <kind>"))
        #expect(html.contains("10 of 1000 events changed"))
        // One row of segments per field: _t.label has identical and changed segments.
        #expect(html.components(separatedBy: "<title>_t.label: ").count == 3)
        let md = DiffRenderer.markdown(facts)
        #expect(md.contains("| `_t.label` | 990 | 5 | 0 | 0 | 0 |"))
        #expect(md.contains("| mapped → rejected | 2 |"))
        #expect(md.contains("`c/events.jsonl:7` repeats `c/events.jsonl:2`"))
    }

    @Test func theVerdictIsTheAllowRulesWhenThereAreAny() throws {
        var facts = try Self.facts()
        #expect(DiffRenderer.verdict(facts).passed == false)
        facts.allow = [DiffFacts.Allow(expression: "changed<2%", passed: true, explanation: "")]
        #expect(DiffRenderer.verdict(facts).passed == true)
        facts.allow = []
        facts.events.differing = 0
        #expect(DiffRenderer.verdict(facts).passed == true)
    }
}
