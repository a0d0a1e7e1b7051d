import Foundation
import PendoEvents
import Testing

/// `pendo-replay map` and `validate`, run as the built binary over both bundles.
@Suite struct MapCommandTests {
    static let root = CLIProcess.root

    static func events(_ path: String) throws -> [[String: Any]] {
        let reader = try CorpusReader(paths: [Self.root + "/" + path])
        var events: [[String: Any]] = []
        while let event = try reader.next() {
            events.append(try JSONSerialization.jsonObject(with: Data(event.bytes)) as! [String: Any])
        }
        return events
    }

    static func object(_ line: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    static func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pendo-map-e2e-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func mapsTheSeedBundleInInputOrder() async throws {
        let result = try await CLIProcess.run([
            "map", "--mapping", "corpora/pendo-seed/mapping.json", "--schema", "corpora/pendo-seed/schema.json",
            "corpora/pendo-seed/events.jsonl.gz",
        ])
        #expect(result.status == 0, "\(result.stderr.prefix(500))")
        let events = try Self.events("corpora/pendo-seed/events.jsonl.gz")
        let lines = result.lines
        #expect(lines.count == events.count)
        for (index, line) in lines.enumerated().prefix(500) {
            let record = try Self.object(line)
            let fields = try #require(record["_extconndev"] as? [String: Any])
            #expect(fields["uniqueid"] as? String == events[index]["uniqueId"] as? String)
            #expect(fields["visitorid"] as? String == events[index]["visitorId"] as? String)
            #expect(
                (fields["timestamp1"] as? NSNumber)?.int64Value == (events[index]["timestamp"] as? NSNumber)?.int64Value
            )
            #expect(Set(record.keys) == ["_extconndev"])
        }
    }

    @Test func mapsTheXDMBundle() async throws {
        let result = try await CLIProcess.run([
            "map", "--mapping", "corpora/pendo-xdm/mapping.json", "--schema", "corpora/pendo-xdm/schema.json",
            "corpora/pendo-xdm",
        ])
        #expect(result.status == 0, "\(result.stderr.prefix(500))")
        let events = try Self.events("corpora/pendo-xdm/events.jsonl.gz")
        let lines = result.lines
        #expect(lines.count == events.count)
        for (index, line) in lines.enumerated().prefix(300) {
            let record = try Self.object(line)
            let event = events[index]
            #expect(record["_id"] as? String == event["uniqueId"] as? String)
            let timestamp = try #require(record["timestamp"] as? String)
            #expect(timestamp.hasPrefix("20") && timestamp.hasSuffix("Z") && timestamp.contains("T"))
            let identities = try #require(record["identityMap"] as? [String: Any])
            let visitor = try #require((identities["PendoVisitor"] as? [[String: Any]])?.first)
            #expect(visitor["id"] as? String == event["visitorId"] as? String)
            let tenant = try #require(record["_extconndev"] as? [String: Any])
            let hashed = try #require((tenant["visitor"] as? [String: Any])?["hashedId"] as? String)
            #expect(hashed.count == 64)
            if event["event"] as? String == "npsSubmitted",
                let nps = (event["properties"] as? [String: Any])?["nps"] as? [String: Any]
            {
                #expect(
                    ((tenant["nps"] as? [String: Any])?["rating"] as? NSNumber)?.intValue
                        == (nps["rating"] as? NSNumber)?.intValue)
            }
            let kind = event["event"] as? String
            let expected = [
                "guideDisplayed": "guide.displayed", "npsSubmitted": "nps.submitted", "pollSubmitted": "poll.submitted",
            ][kind ?? ""]
            if let expected { #expect(record["eventType"] as? String == expected) }
            // 64-bit subscription ids come out digit for digit.
            if let subscription = (event["subscription"] as? [String: Any])?["id"] as? NSNumber {
                #expect(line.contains("\"subscription\":{\"id\":\(subscription.int64Value)}"))
            }
        }
    }

    @Test func rejectedEventsGoToStderrWithTheirLine() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let input = folder + "/events.jsonl"
        let text = """
            {"uniqueId": "u1", "accountId": "a", "timestamp": 1701234567, "visitorId": "v"}
            {"accountId": "no unique id"}
            {"uniqueId": "u3", "timestamp": "not a number"}
            {"uniqueId": broken
            {"uniqueId": ""}

            """
        try text.write(toFile: input, atomically: true, encoding: .utf8)
        let result = try await CLIProcess.run([
            "map", "--mapping", "corpora/pendo-seed/mapping.json", "--schema", "corpora/pendo-seed/schema.json", input,
        ])
        #expect(result.status == 1)
        #expect(
            result.lines == [
                #"{"_extconndev":{"accountid":"a","uniqueid":"u1","timestamp1":1701234567,"visitorid":"v"}}"#,
                #"{"_extconndev":{"uniqueid":"u3"}}"#,
            ])
        #expect(
            result.stderr.contains(
                "\(input):2: rejected: INGEST-1212-400: #/_extconndev: required key [uniqueid] not found"))
        #expect(
            result.stderr.contains(
                "\(input):3: warning: MAPPER-3700-400: mapping #3 (timestamp -> _extconndev.timestamp1)"))
        #expect(result.stderr.contains("\(input):4: rejected:"))
        #expect(
            result.stderr.contains(
                "\(input):5: rejected: INGEST-1212-400: #/_extconndev/uniqueid: expected minLength: 1, actual: 0"))
    }

    @Test func readsStdinWithoutASchema() async throws {
        let result = try await CLIProcess.run(
            ["map", "--mapping", "corpora/pendo-xdm/mapping.json"],
            stdin: #"{"uniqueId": "u", "visitorId": "v", "timestamp": 0, "event": "npsSubmitted"}"# + "\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.lines.count == 1)
        let record = try Self.object(result.lines[0])
        #expect(record["eventType"] as? String == "nps.submitted")
        #expect(record["timestamp"] as? String == "1970-01-01T00:00:00.000Z")
    }

    @Test func unusableMappingOrSchemaIsAUsageError() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let mapping = folder + "/mapping.json"
        try #"{"mappings": [{"sourceType": "EXPRESSION", "source": "lower(a", "destination": "x"}]}"#.write(
            toFile: mapping, atomically: true, encoding: .utf8)
        let bad = try await CLIProcess.run(["map", "--mapping", mapping], stdin: "{}\n")
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("\(mapping): mappings[0].source, column 8"), "\(bad.stderr)")
        let missing = try await CLIProcess.run(["map", "--mapping", folder + "/nope.json"], stdin: "{}\n")
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such file"))
        let schema = folder + "/schema.json"
        try "{\"type\": \"object\",\n \"properties\": {\"a\": {\"type\": \"strin\"}}}".write(
            toFile: schema, atomically: true, encoding: .utf8)
        let badSchema = try await CLIProcess.run(
            ["map", "--mapping", "corpora/pendo-seed/mapping.json", "--schema", schema], stdin: "{}\n")
        #expect(badSchema.status == 2)
        #expect(badSchema.stderr.contains("#/properties/a/type"), "\(badSchema.stderr)")
    }

    @Test func validateWritesReportsForABundle() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try await CLIProcess.run(["validate", "--corpus", "corpora/pendo-xdm", "--out", folder])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("events read"))
        let report = try Self.object(
            String(
                decoding: try #require(FileManager.default.contents(atPath: folder + "/validation.json")), as: UTF8.self
            ))
        let counts = try #require(report["events"] as? [String: Any])
        let events = try Self.events("corpora/pendo-xdm/events.jsonl.gz")
        #expect(counts["read"] as? Int == events.count)
        #expect(counts["mappedClean"] as? Int == events.count)
        let mappings = try #require(report["mappings"] as? [[String: Any]])
        #expect(mappings.count == 23)
        let nps = try #require(mappings.first { $0["destination"] as? String == "_extconndev.nps.rating" })
        let npsCount = events.filter { ($0["properties"] as? [String: Any])?["nps"] != nil }.count
        #expect(nps["present"] as? Int == npsCount)
        #expect(nps["missing"] as? Int == events.count - npsCount)
        #expect(FileManager.default.fileExists(atPath: folder + "/validation.md"))
    }

    @Test func validateSamplesAreTheCorpusFirstEventsWhateverTheWorkers() async throws {
        // Three copies of the 2,000-event file: three batches of 2,048 events spread over three workers.
        // Every event is rejected; the samples are the first three events of the first file.
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for copy in 1...3 {
            try FileManager.default.copyItem(
                atPath: "corpora/pendo-xdm/events.jsonl.gz", toPath: folder + "/events-\(copy).jsonl.gz")
        }
        let mapping = folder + "/mapping.json"
        try #"{"mappings": [{"source": "uniqueId", "destination": "_extconndev.uniqueid"}]}"#.write(
            toFile: mapping, atomically: true, encoding: .utf8)
        let schema = folder + "/schema.json"
        try
            #"{"type": "object", "properties": {"_extconndev": {"type": "object", "properties": {"uniqueid": {"type": "string", "maxLength": 10}}}}}"#
            .write(toFile: schema, atomically: true, encoding: .utf8)
        var samples: [[String]] = []
        for workers in ["1", "3"] {
            let out = folder + "/out-" + workers
            let result = try await CLIProcess.run([
                "validate", "--corpus", folder, "--mapping", mapping, "--schema", schema, "--out", out, "--workers",
                workers,
            ])
            #expect(result.status == 1, "\(result.stderr)")
            let report = try Self.object(
                String(
                    decoding: try #require(FileManager.default.contents(atPath: out + "/validation.json")),
                    as: UTF8.self))
            let rejections = try #require(report["rejections"] as? [[String: Any]])
            samples.append(try #require(rejections.first?["samples"] as? [String]))
        }
        let first = folder + "/events-1.jsonl.gz"
        #expect(samples[0] == [first + ":1", first + ":2", first + ":3"])
        #expect(samples[1] == samples[0])
    }

    @Test func validateNamesADestinationTheSchemaLacksBeforeReading() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let mapping = folder + "/mapping.json"
        try
            #"{"mappings": [{"source": "uniqueId", "destination": "_extconndev.uniqueid"}, {"source": "accountId", "destination": "_extconndev.acount"}]}"#
            .write(toFile: mapping, atomically: true, encoding: .utf8)
        let schema = folder + "/schema.json"
        try
            #"{"type": "object", "properties": {"_extconndev": {"type": "object", "properties": {"uniqueid": {"type": "string"}, "account": {"type": "string"}}}}}"#
            .write(toFile: schema, atomically: true, encoding: .utf8)
        let result = try await CLIProcess.run([
            "validate", "--corpus", "corpora/pendo-xdm/events.jsonl.gz", "--mapping", mapping, "--schema", schema,
            "--out", folder + "/out",
        ])
        let warning =
            "warning: mapping #1 accountId -> _extconndev.acount: the schema has no field acount under _extconndev"
        #expect(result.stderr.hasPrefix(warning), "\(result.stderr)")
        let report = try Self.object(
            String(
                decoding: try #require(FileManager.default.contents(atPath: folder + "/out/validation.json")),
                as: UTF8.self))
        #expect((report["destinationProblems"] as? [String])?.count == 1)
    }

    @Test func validateCountsRejectionsAndExitsOne() async throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let mapping = folder + "/mapping.json"
        // uniqueId into a 10-character field: every 40-character id violates maxLength.
        try
            #"{"mappings": [{"source": "uniqueId", "destination": "_extconndev.uniqueid"}, {"source": "properties.guideId", "destination": "_extconndev.name1"}]}"#
            .write(toFile: mapping, atomically: true, encoding: .utf8)
        let schema = folder + "/schema.json"
        try
            #"{"type": "object", "properties": {"_extconndev": {"type": "object", "properties": {"uniqueid": {"type": "string", "maxLength": 10}, "name1": {"type": "string"}}}}}"#
            .write(toFile: schema, atomically: true, encoding: .utf8)
        let result = try await CLIProcess.run([
            "validate", "--corpus", "corpora/pendo-xdm/events.jsonl.gz", "--mapping", mapping, "--schema", schema,
            "--out", folder + "/out", "--workers", "3",
        ])
        #expect(result.status == 1, "\(result.stderr)")
        let report = try Self.object(
            String(
                decoding: try #require(FileManager.default.contents(atPath: folder + "/out/validation.json")),
                as: UTF8.self))
        let rejections = try #require(report["rejections"] as? [[String: Any]])
        let events = try Self.events("corpora/pendo-xdm/events.jsonl.gz")
        #expect(rejections.count == 1)
        #expect(rejections.first?["rule"] as? String == "maxLength")
        #expect(rejections.first?["count"] as? Int == events.count)
        #expect((rejections.first?["samples"] as? [String])?.count == 3)
    }
}
