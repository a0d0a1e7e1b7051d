import Foundation
import Testing

/// `pendo-replay synth` and `inspect`, run as the built binary.
@Suite struct CorpusCommandTests {
    /// The `pendo-replay` binary next to the test bundle (same build folder).
    static var binary: String {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("pendo-replay").path,
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("pendo-replay").path,
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent(".build/debug/pendo-replay").path,
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates[0]
    }

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CorpusCommandTests.binary)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }

    static func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pendo-e2e-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func synthIsDeterministicAndInspectCountsIt() throws {
        let folder = try CorpusCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let a = folder + "/a.jsonl.gz"
        let b = folder + "/b.jsonl.gz"
        let mix = "guideDisplayed=60,npsSubmitted=25,pollSubmitted=15"
        for path in [a, b] {
            let synth = try CorpusCommandTests.run(["synth", "--events", "3000", "--seed", "12", "--span", "2h", "--start", "2026-03-01T08:00:00Z", "--mix", mix, "--output", path])
            #expect(synth.status == 0, "\(synth.stderr)")
        }
        #expect(FileManager.default.contents(atPath: a) == FileManager.default.contents(atPath: b))

        let inspect = try CorpusCommandTests.run(["inspect", a, "--json", "--replay-speed", "1", "--replay-speed", "4"])
        #expect(inspect.status == 0, "\(inspect.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any])
        #expect(json["events"] as? Int == 3000)
        let kinds = try #require(json["kinds"] as? [[String: Any]])
        #expect(Set(kinds.compactMap { $0["kind"] as? String }) == ["guideDisplayed", "npsSubmitted", "pollSubmitted"])
        #expect(kinds.compactMap { $0["events"] as? Int }.reduce(0, +) == 3000)
        let first = try #require(json["firstTimestamp"] as? Int)
        let last = try #require(json["lastTimestamp"] as? Int)
        #expect(first >= 1_772_352_000 && last < 1_772_352_000 + 7200)
        let replay = try #require(json["replay"] as? [[String: Any]])
        #expect(replay.count == 2)
        #expect(replay[1]["seconds"] as? Double == Double(last - first) / 4)
        #expect((json["peakMinuteEvents"] as? Int ?? 0) > 25)

        let text = try CorpusCommandTests.run(["inspect", a])
        #expect(text.status == 0)
        #expect(text.stdout.contains("events:     3000"))
        #expect(text.stdout.contains("2026-03-01T"))
    }

    @Test func inspectNamesBadLinesAndFails() throws {
        let folder = try CorpusCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/bad.jsonl"
        let text = "{\"event\":\"guideDisplayed\",\"timestamp\":1}\n{\"event\":\n{\"event\":\"npsSubmitted\",\"timestamp\":2}\n"
        FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        let inspect = try CorpusCommandTests.run(["inspect", path])
        #expect(inspect.status == 1)
        #expect(inspect.stdout.contains("events:     2"))
        #expect(inspect.stdout.contains("\(path):2: invalid JSON"))
    }

    @Test func usageErrorsExitTwo() throws {
        let badSpan = try CorpusCommandTests.run(["synth", "--events", "10", "--seed", "1", "--span", "forever", "--output", "/tmp/x.jsonl"])
        #expect(badSpan.status == 2)
        let badMix = try CorpusCommandTests.run(["synth", "--events", "10", "--seed", "1", "--mix", "guideSeen=3", "--output", "/tmp/x.jsonl"])
        #expect(badMix.status == 2)
        #expect(badMix.stderr.contains("guideSeen"))
        let noEvents = try CorpusCommandTests.run(["synth", "--seed", "1", "--output", "/tmp/x.jsonl"])
        #expect(noEvents.status == 2)
        #expect(noEvents.stderr.contains("--events"))
        let noPaths = try CorpusCommandTests.run(["inspect"])
        #expect(noPaths.status == 2)
        let missing = try CorpusCommandTests.run(["inspect", "/nonexistent/corpus.jsonl.gz"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/nonexistent/corpus.jsonl.gz"))
    }

    @Test func seedBundleHoldsTwentyThousandEvents() throws {
        let bundle = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("corpora/pendo-seed").path
        let inspect = try CorpusCommandTests.run(["inspect", bundle, "--json"])
        #expect(inspect.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any])
        #expect(json["events"] as? Int == 20_000)
        #expect((json["fileBytes"] as? Int ?? .max) < 2_000_000)
    }
}
