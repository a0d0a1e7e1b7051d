import Testing
@testable import DataPrep

@Suite struct ValidationStatisticsTests {
    static func run(_ events: [String], mapper: Mapper, into statistics: inout ValidationStatistics, file: String) {
        var state = mapper.makeState()
        for (index, event) in events.enumerated() {
            let outcome = mapper.map(Array(event.utf8), state: &state)
            statistics.record(outcome, observations: state.observations) { "\(file):\(index + 1)" }
        }
    }

    @Test func countsOutcomesPerMappingAndMergesWorkers() throws {
        let mapper = try TestSupport.mapper(TestSupport.seedMapping, schema: TestSupport.seedSchema)
        let good = TestSupport.guideEvent.replacingOccurrences(of: "\n", with: " ")
        let events = [
            good, good, #"{"uniqueId": "u", "timestamp": "soon"}"#, #"{"accountId": "a"}"#, #"{"uniqueId": ""}"#, "not json",
            #"{"accountId": "b"}"#, #"{"accountId": "c"}"#, #"{"accountId": "d"}"#,
        ]
        var first = ValidationStatistics(mappingSet: mapper.mappingSet)
        var second = ValidationStatistics(mappingSet: mapper.mappingSet)
        Self.run(Array(events.prefix(4)), mapper: mapper, into: &first, file: "a")
        Self.run(Array(events.dropFirst(4)), mapper: mapper, into: &second, file: "b")
        second.recordUnreadable("b:99: line too long")
        var total = first
        total.merge(second)

        #expect(total.eventsRead == 10)
        #expect(total.mappedClean == 2)
        #expect(total.mappedWithWarnings == 1)
        // "not json" is unreadable, as the corpus reader counts it, not rejected.
        #expect(total.rejected == 5)
        #expect(total.unreadable == 2)
        #expect(total.warnings == 1)
        // timestamp: present in the two good events, failed to convert in the "soon" one, missing elsewhere.
        let timestamp = total.mappings[3]
        #expect(timestamp.present == 2)
        #expect(timestamp.missing == 5)
        #expect(timestamp.failed == 1)
        #expect(timestamp.failedSamples == ["a:3"])
        #expect(timestamp.typesSeen == ["integer": 2])
        #expect(timestamp.exampleFailure?.contains("MAPPER-3700-400") == true)
        let required = try #require(total.rejections["required _extconndev.uniqueid"])
        #expect(required.count == 4)
        #expect(required.samples == ["a:4", "b:3", "b:4"])
        #expect(required.exampleMessage == "#/_extconndev: required key [uniqueid] not found")
        #expect(total.rejections["minLength _extconndev.uniqueid"]?.count == 1)
        #expect(total.rejections["invalid-json "] == nil)
        #expect(total.unreadableSamples.first?.hasPrefix("b:2: ") == true)
        #expect(total.unreadableSamples.last == "b:99: line too long")
        // Invalid JSON says nothing about the mappings.
        #expect(total.mappings[0].present + total.mappings[0].missing + total.mappings[0].failed == 8)
    }

    @Test func reportRendersJSONAndMarkdown() throws {
        let mapper = try TestSupport.mapper(TestSupport.seedMapping, schema: TestSupport.seedSchema)
        var statistics = ValidationStatistics(mappingSet: mapper.mappingSet)
        Self.run([#"{"uniqueId": "u|1", "timestamp": 5}"#, #"{"accountId": "x"}"#], mapper: mapper, into: &statistics, file: "f")
        let report = ValidationReport(corpus: ["f"], mappingSource: "m.json", schemaSource: "s.json", seconds: 2, workers: 2, statistics: statistics)
        let json = try JSONValue.parse(report.json())
        guard case .object(let root) = json, case .object(let events)? = root["events"], case .array(let rejections)? = root["rejections"] else {
            Issue.record("shape"); return
        }
        #expect(root["formatVersion"] == .int(1))
        #expect(events["read"] == .int(2))
        #expect(events["rejected"] == .int(1))
        #expect(rejections.count == 1)
        #expect(root["eventsPerSecond"] == .int(1))
        let markdown = report.markdown()
        #expect(markdown.contains("## Mappings"))
        #expect(markdown.contains("| 1 | required | `_extconndev.uniqueid` |") || markdown.contains("| 1 | INGEST-1212-400 | required | `_extconndev.uniqueid` |"))
        #expect(report.summary().contains("rejected             1"))
    }

    @Test("a source path with a typo maps nothing and rejects nothing: validate warns about it by name")
    func absentSourceIsWarned() throws {
        let mapper = try TestSupport.mapper(#"""
            {"mappings": [{"sourceType": "ATTRIBUTE", "source": "visitorID", "destination": "_x.visitor"},
                          {"sourceType": "ATTRIBUTE", "source": "accountId", "destination": "_x.account"}]}
            """#)
        var statistics = ValidationStatistics(mappingSet: mapper.mappingSet)
        Self.run(Array(repeating: #"{"visitorId": "v", "accountId": "a"}"#, count: 3), mapper: mapper, into: &statistics, file: "f")
        let report = ValidationReport(corpus: ["f"], mappingSource: "m.json", schemaSource: nil, seconds: 1, workers: 1, statistics: statistics)
        #expect(statistics.rejected == 0)
        #expect(report.absentSourceWarnings.count == 1)
        #expect(report.absentSourceWarnings.first?.contains("visitorID -> _x.visitor: the source was present in 0 of 3 events") == true)
        #expect(report.summary().contains("warning: mapping #"))
        #expect(report.markdown().contains("Sources absent in (nearly) every event"))
    }
}
