import Testing

@testable import DataPrep

@Suite struct ValidationStatisticsTests {
    /// Maps `events` as a worker would, the first being the corpus's event number `first` (0-based).
    static func run(
        _ events: [String], mapper: Mapper, into statistics: inout ValidationStatistics, file: String, first: Int = 0
    ) {
        var state = mapper.makeState()
        for (index, event) in events.enumerated() {
            let outcome = mapper.map(Array(event.utf8), state: &state)
            statistics.record(outcome, observations: state.observations, ordinal: first + index) {
                "\(file):\(index + 1)"
            }
        }
    }

    @Test func countsOutcomesPerMappingAndMergesWorkers() throws {
        let mapper = try TestSupport.mapper(TestSupport.seedMapping, schema: TestSupport.seedSchema)
        let good = TestSupport.guideEvent.replacingOccurrences(of: "\n", with: " ")
        let events = [
            good, good, #"{"uniqueId": "u", "timestamp": "soon"}"#, #"{"accountId": "a"}"#, #"{"uniqueId": ""}"#,
            "not json",
            #"{"accountId": "b"}"#, #"{"accountId": "c"}"#, #"{"accountId": "d"}"#,
        ]
        var first = ValidationStatistics(mappingSet: mapper.mappingSet)
        var second = ValidationStatistics(mappingSet: mapper.mappingSet)
        Self.run(Array(events.prefix(4)), mapper: mapper, into: &first, file: "a")
        Self.run(Array(events.dropFirst(4)), mapper: mapper, into: &second, file: "b", first: 4)
        second.recordUnreadable("b:99: line too long", ordinal: 9)
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

    @Test func samplesAreTheFirstInCorpusOrderWhicheverWorkerSawThem() throws {
        // Events 0-2 went to one worker and 3-5 to another; merged either way round, the samples
        // and example messages are those of the corpus's first events.
        let mapper = try TestSupport.mapper(TestSupport.seedMapping, schema: TestSupport.seedSchema)
        let missingId = #"{"accountId": "a"}"#
        let soon = #"{"uniqueId": "u", "timestamp": "soon"}"#
        let later = #"{"uniqueId": "v", "timestamp": "later"}"#
        var early = ValidationStatistics(mappingSet: mapper.mappingSet)
        var late = ValidationStatistics(mappingSet: mapper.mappingSet)
        Self.run([missingId, soon, missingId], mapper: mapper, into: &early, file: "a", first: 0)
        Self.run([later, missingId, missingId], mapper: mapper, into: &late, file: "b", first: 3)
        early.recordUnreadable("a:9: line too long", ordinal: 3)
        late.recordUnreadable("b:2: line too long", ordinal: 1)
        var lateFirst = late
        lateFirst.merge(early)
        var earlyFirst = early
        earlyFirst.merge(late)
        for total in [lateFirst, earlyFirst] {
            let required = try #require(total.rejections["required _extconndev.uniqueid"])
            #expect(required.samples == ["a:1", "a:3", "b:2"])
            #expect(total.mappings[3].failedSamples == ["a:2", "b:1"])
            #expect(total.mappings[3].exampleFailure?.contains("soon") == true)
            #expect(total.unreadableSamples == ["b:2: line too long", "a:9: line too long"])
        }
        #expect(lateFirst == earlyFirst)
    }

    @Test func reportRendersJSONAndMarkdown() throws {
        let mapper = try TestSupport.mapper(TestSupport.seedMapping, schema: TestSupport.seedSchema)
        var statistics = ValidationStatistics(mappingSet: mapper.mappingSet)
        Self.run(
            [#"{"uniqueId": "u|1", "timestamp": 5}"#, #"{"accountId": "x"}"#], mapper: mapper, into: &statistics,
            file: "f")
        let report = ValidationReport(
            corpus: ["f"], mappingSource: "m.json", schemaSource: "s.json", seconds: 2, workers: 2,
            statistics: statistics)
        let json = try JSONValue.parse(report.json())
        guard case .object(let root) = json, case .object(let events)? = root["events"],
            case .array(let rejections)? = root["rejections"]
        else {
            Issue.record("shape")
            return
        }
        #expect(root["formatVersion"] == .int(1))
        #expect(events["read"] == .int(2))
        #expect(events["rejected"] == .int(1))
        #expect(rejections.count == 1)
        #expect(root["eventsPerSecond"] == .int(1))
        let markdown = report.markdown()
        #expect(markdown.contains("## Mappings"))
        #expect(
            markdown.contains("| 1 | required | `_extconndev.uniqueid` |")
                || markdown.contains("| 1 | INGEST-1212-400 | required | `_extconndev.uniqueid` |"))
        #expect(report.summary().contains("rejected             1"))
    }

    @Test("a source path with a typo maps nothing and rejects nothing: validate warns about it by name")
    func absentSourceIsWarned() throws {
        let mapper = try TestSupport.mapper(
            #"""
            {"mappings": [{"sourceType": "ATTRIBUTE", "source": "visitorID", "destination": "_x.visitor"},
                          {"sourceType": "ATTRIBUTE", "source": "accountId", "destination": "_x.account"}]}
            """#)
        var statistics = ValidationStatistics(mappingSet: mapper.mappingSet)
        Self.run(
            Array(repeating: #"{"visitorId": "v", "accountId": "a"}"#, count: 3), mapper: mapper, into: &statistics,
            file: "f")
        let report = ValidationReport(
            corpus: ["f"], mappingSource: "m.json", schemaSource: nil, seconds: 1, workers: 1, statistics: statistics)
        #expect(statistics.rejected == 0)
        #expect(report.absentSourceWarnings.count == 1)
        #expect(
            report.absentSourceWarnings.first?.contains(
                "visitorID -> _x.visitor: the source was present in 0 of 3 events") == true)
        #expect(report.summary().contains("warning: mapping #"))
        #expect(report.markdown().contains("Sources absent in (nearly) every event"))
    }
}

extension ValidationStatisticsTests {
    @Test func destinationsTheSchemaLacksAreNamedAtLoadAndInTheReport() throws {
        let schema =
            #"{"type": "object", "properties": {"_t": {"type": "object", "properties": {"name": {"type": "string"}, "tags": {"type": "string"}}}}}"#
        let mapper = try TestSupport.mapper(
            #"{"mappings": [{"source": "a", "destination": "_t.name"}, {"source": "b", "destination": "_t.nmae"}, {"source": "c", "destination": "_t.tags[*]"}, {"source": "d", "destination": "other"}]}"#,
            schema: schema)
        #expect(
            mapper.destinationProblems == [
                "mapping #1 b -> _t.nmae: the schema has no field nmae under _t; every event that maps a value there is rejected (extraneous key)",
                "mapping #2 c -> _t.tags[*]: _t.tags is of type String in the schema, not an array; every event that maps a value there is rejected",
                "mapping #3 d -> other: the schema has no field other at the top level; every event that maps a value there is rejected (extraneous key)",
            ])
        let report = ValidationReport(
            corpus: ["f"], mappingSource: "m.json", schemaSource: "s.json", seconds: 1, workers: 1,
            statistics: ValidationStatistics(mappingSet: mapper.mappingSet),
            destinationProblems: mapper.destinationProblems)
        guard case .object(let root) = try JSONValue.parse(report.json()),
            case .array(let listed)? = root["destinationProblems"]
        else {
            Issue.record("validation.json lists the destination problems")
            return
        }
        #expect(listed.count == 3)
        #expect(report.markdown().contains("Destinations the schema does not have"))
        #expect(report.summary().contains("warning: mapping #1 b -> _t.nmae"))
        // Without a schema there is nothing to check.
        #expect(
            try TestSupport.mapper(#"{"mappings": [{"source": "b", "destination": "_t.nmae"}]}"#).destinationProblems
                .isEmpty)
    }
}
