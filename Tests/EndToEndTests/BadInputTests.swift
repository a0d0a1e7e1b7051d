import Foundation
import Testing

/// Bad numbers and shapes of each class (flags, files), through the built binary: each ends with
/// exit 1 or 2 and a message naming the input, never a signal or a hang.
@Suite struct BadInputTests {
    /// Runs `arguments` and checks the exit code and that stderr names `names`.
    private func expectRefused(
        _ arguments: [String], status: Int32, names: [String],
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws {
        let result = try await CLIProcess.run(arguments, timeout: 60)
        #expect(!result.timedOut, "\(arguments) hung", sourceLocation: sourceLocation)
        #expect(
            result.status == status, "\(arguments): exit \(result.status), stderr: \(result.stderr.prefix(600))",
            sourceLocation: sourceLocation)
        for name in names {
            #expect(
                result.stderr.contains(name),
                "\(arguments): stderr does not name \(name): \(result.stderr.prefix(600))",
                sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [
        (["--rate", "1e300"], "--rate"), (["--rate", "inf"], "--rate"), (["--rate", "nan"], "--rate"),
        (["--stages", "30s:1e300"], "--stages"), (["--stages", "1e300:10"], "--stages"),
        (["--stages", "30s:100,36500d:5"], "--stages"),
        (["--replay-speed", "1e300"], "--replay-speed"), (["--replay-speed", "nan"], "--replay-speed"),
        (["--timeout", "1e300"], "--timeout"), (["--connect-timeout", "inf"], "--connect-timeout"),
        (["--duration", "-5s"], "--duration"), (["--drain-timeout", "99999999999d"], "--drain-timeout"),
        (["--threshold", "rejected<18446744073709551616"], "--threshold"),
        (["--concurrency", "9223372036854775807"], "--concurrency"), (["--batch", "9223372036854775807"], "--batch"),
        (["--max-in-flight", "9223372036854775807", "--rate", "10"], "--max-in-flight"),
        (["--retries", "-1"], "--retries"),
        (["--event-loops", "9223372036854775807"], "--event-loops"),
    ])
    func runRefusesNumbersOutOfRange(flags: [String], flag: String) async throws {
        let arguments =
            [
                "run", "--inlet", "http://127.0.0.1:9/collection/abc", "--corpus", "corpora/pendo-seed/events.jsonl.gz",
                "--requests", "1",
            ] + flags
        try await self.expectRefused(arguments, status: 2, names: [flag])
    }

    @Test func inspectRefusesSpeedsAndCountsTimestampsAtTheEndsOfInt64() async throws {
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let corpus = folder + "/extremes.jsonl"
        let lines = ["9223372036854775807", "-9223372036854775807", "1700000000"].map {
            #"{"event": "pageLoaded", "visitorId": "v", "timestamp": \#($0)}"#
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: corpus, atomically: true, encoding: .utf8)
        for speed in ["1e300", "inf", "0"] {
            try await self.expectRefused(
                ["inspect", corpus, "--replay-speed", speed], status: 2, names: ["--replay-speed"])
        }
        let inspect = try await CLIProcess.run(["inspect", corpus, "--replay-speed", "1000000"], timeout: 60)
        #expect(inspect.status == 0, "\(inspect.stderr)")
        #expect(
            inspect.stdout.contains("9223372036854775807 (epoch seconds, outside the years 1 to 9999)"),
            "\(inspect.stdout)")
        let json = try await CLIProcess.run(["inspect", corpus, "--json"], timeout: 60)
        #expect(json.status == 0, "\(json.stderr)")
    }

    @Test(arguments: [
        (["--start", "9223372036854775807"], "--start"), (["--start", "-9223372036854775807"], "--start"),
        (["--start", "9999-12-31T23:00:00Z", "--span", "2h"], "--start"), (["--span", "1e300"], "--span"),
        (["--bursts-per-day", "1e300"], "--bursts-per-day"), (["--bursts-per-day", "nan"], "--bursts-per-day"),
        (["--bursts-per-day", "-3"], "--bursts-per-day"), (["--guides", "9223372036854775807"], "--guides"),
    ])
    func synthRefusesInstantsOutOfRange(flags: [String], flag: String) async throws {
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await self.expectRefused(
            ["synth", "--events", "10", "--seed", "1", "--output", folder + "/out.jsonl"] + flags, status: 2,
            names: [flag])
    }

    @Test(arguments: [
        (["--port", "99999"], "--port"), (["--port", "-1"], "--port"),
        (["--commit-window-ms", "nan"], "--commit-window-ms"),
        (["--checkpoint-interval-ms", "inf"], "--checkpoint-interval-ms"),
        (["--checkpoint-interval-ms", "-1"], "--checkpoint-interval-ms"),
        (["--commit-window-ms", "1e300"], "--commit-window-ms"), (["--retry-after", "-5"], "--retry-after"),
        (["--rate-limit", "inf"], "--rate-limit"), (["--latency", "p50=1ms,p99=1e300s"], "--latency"),
        (["--idle-timeout", "inf"], "--idle-timeout"), (["--max-request-bytes", "0"], "--max-request-bytes"),
    ])
    func serveRefusesNumbersOutOfRange(flags: [String], flag: String) async throws {
        try await self.expectRefused(["serve", "--host", "127.0.0.1"] + flags, status: 2, names: [flag])
    }

    /// Two reports whose histograms have different layouts: an error naming both files.
    @Test func reportMergeOfDifferentLayoutsNamesBothFiles() async throws {
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let golden = CLIProcess.root + "/Tests/ReportsTests/Golden/report.json"
        var report = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: golden))) as? [String: Any])
        let a = folder + "/shard-a.json"
        let b = folder + "/shard-b.json"
        try FileManager.default.copyItem(atPath: golden, toPath: a)
        var histograms = try #require(report["histograms"] as? [String: Any])
        histograms["corrected"] = Self.twoDigitHistogram
        report["histograms"] = histograms
        try JSONSerialization.data(withJSONObject: report).write(to: URL(fileURLWithPath: b))
        try await self.expectRefused(
            ["report", "merge", a, b, "--out", folder + "/merged"], status: 1,
            names: ["histograms.corrected of \(a) and \(b) have different layouts"])

        var huge = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: golden))) as? [String: Any])
        var events = try #require(huge["events"] as? [String: Any])
        events["planned"] = Int.max
        huge["events"] = events
        try JSONSerialization.data(withJSONObject: huge).write(to: URL(fileURLWithPath: b))
        try await self.expectRefused(
            ["report", "merge", a, b, "--out", folder + "/merged"], status: 1, names: [b, "events.planned"])
    }

    /// A report whose duration or interval seconds would trap when converted, or size the per-second
    /// series past memory: `report html` refuses it naming the file.
    @Test(arguments: [("durationSeconds", 1e300), ("durationSeconds", -1.0), ("second", 9.2e18)])
    func reportHTMLRefusesNumbersOutOfRange(field: String, value: Double) async throws {
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let golden = CLIProcess.root + "/Tests/ReportsTests/Golden/report.json"
        var report = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: golden))) as? [String: Any])
        if field == "second" {
            var intervals = try #require(report["intervals"] as? [[String: Any]])
            intervals[0]["second"] = Int64(value)
            report["intervals"] = intervals
        } else {
            report[field] = value
        }
        let path = folder + "/report.json"
        try JSONSerialization.data(withJSONObject: report).write(to: URL(fileURLWithPath: path))
        try await self.expectRefused(
            ["report", "html", path, "--out", folder + "/report.html"], status: 1, names: [path, field])
    }

    /// A V2 histogram encoding (uncompressed) with 2 significant digits and one count, in base64:
    /// the golden report's histograms have 3.
    static let twoDigitHistogram: String = {
        var bytes: [UInt8] = []
        func put(_ value: UInt64, _ width: Int) {
            for shift in stride(from: (width - 1) * 8, through: 0, by: -8) {
                bytes.append(UInt8((value >> UInt64(shift)) & 0xFF))
            }
        }
        put(0x1c84_9313, 4)  // V2 cookie
        put(1, 4)  // payload length
        put(0, 4)  // normalizing index offset
        put(2, 4)  // significant digits
        put(1, 8)  // lowest discernible value
        put(3_600_000_000, 8)  // highest trackable value
        put(Double(1).bitPattern, 8)  // integer-to-double conversion ratio
        bytes.append(2)  // one count at index 0 (zigzag LEB128)
        return Data(bytes).base64EncodedString()
    }()

    @Test func mappingsThatAreTooDeepOrFarAreRefusedNamingTheFile() async throws {
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let deep = Array(repeating: "a", count: 5000).joined(separator: ".")
        let chain = Array(repeating: "1", count: 1500).joined(separator: " + ")
        let cases: [(String, String)] = [
            (
                "far.json",
                #"{"sourceType": "ATTRIBUTE", "source": "visitorId", "destination": "_t.ids[9223372036854775807]"}"#
            ),
            ("deep.json", #"{"sourceType": "ATTRIBUTE", "source": "visitorId", "destination": "\#(deep)"}"#),
            ("chain.json", #"{"sourceType": "EXPRESSION", "source": "\#(chain)", "destination": "_t.n"}"#),
        ]
        for (name, mapping) in cases {
            let path = folder + "/" + name
            try #"{"mappings": [\#(mapping)]}"#.write(toFile: path, atomically: true, encoding: .utf8)
            let result = try await CLIProcess.run(
                ["map", "--mapping", path, "corpora/pendo-seed/events.jsonl.gz"], timeout: 120)
            #expect(!result.timedOut, "\(name) hung")
            #expect(
                result.status == 1 || result.status == 2, "\(name): exit \(result.status): \(result.stderr.prefix(400))"
            )
            #expect(result.stderr.contains(name), "\(name): \(result.stderr.prefix(400))")
        }
    }

    /// A date pattern with a run of thousands of letters: as Data Prep does with a calculated field
    /// that fails, each record's field is dropped with a warning naming the file, line and cause.
    @Test func longPatternLetterRunsFailTheFieldOfEachRecord() async throws {
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/letters.json"
        try
            #"{"mappings": [{"sourceType": "EXPRESSION", "source": "dformat(timestamp * 1000, \"\#(String(repeating: "y", count: 3000))\")", "destination": "_t.d"}]}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        let corpus = folder + "/events.jsonl"
        try #"{"event": "pageLoaded", "visitorId": "v", "timestamp": 1700000000}"#.write(
            toFile: corpus, atomically: true, encoding: .utf8)
        let result = try await CLIProcess.run(["map", "--mapping", path, corpus], timeout: 60)
        #expect(!result.timedOut)
        #expect(result.status == 0, "\(result.stderr.prefix(400))")
        #expect(result.stderr.contains(corpus + ":1: warning"), "\(result.stderr.prefix(400))")
        #expect(
            result.stderr.contains("too many pattern letters 'y' (3000; at most 19); field _t.d dropped"),
            "\(result.stderr.suffix(300))")
    }

    /// A schema pattern that backtracks without end: each record fails with a clear error and the
    /// command ends.
    @Test func backtrackingSchemaPatternFailsRecordsAndEnds() async throws {
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let corpus = folder + "/events.jsonl"
        let event =
            #"{"event": "pageLoaded", "visitorId": "\#(String(repeating: "a", count: 48))!", "timestamp": 1700000000}"#
        try (event + "\n" + event + "\n").write(toFile: corpus, atomically: true, encoding: .utf8)
        try #"{"mappings": [{"sourceType": "ATTRIBUTE", "source": "visitorId", "destination": "_t.v"}]}"#.write(
            toFile: folder + "/m.json", atomically: true, encoding: .utf8)
        try
            #"{"type": "object", "properties": {"_t": {"type": "object", "properties": {"v": {"type": "string", "pattern": "^(a+)+$"}}}}}"#
            .write(toFile: folder + "/s.json", atomically: true, encoding: .utf8)
        let result = try await CLIProcess.run(
            [
                "validate", "--corpus", corpus, "--mapping", folder + "/m.json", "--schema", folder + "/s.json",
                "--out", folder + "/out",
            ], timeout: 120)
        #expect(!result.timedOut)
        #expect(result.status == 1, "exit \(result.status): \(result.stderr.prefix(600))")
        let output =
            result.stdout + result.stderr
            + ((try? String(contentsOfFile: folder + "/out/summary.md", encoding: .utf8)) ?? "")
        #expect(output.contains("ran longer than 250 ms"), "\(output.prefix(2000))")
    }
}
