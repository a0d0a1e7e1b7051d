import Foundation
import Testing

/// `pendo-replay synth` and `inspect`, run as the built binary.
@Suite struct CorpusCommandTests {
    static func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pendo-e2e-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func synthIsDeterministicAndInspectCountsIt() async throws {
        let folder = try CorpusCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let a = folder + "/a.jsonl.gz"
        let b = folder + "/b.jsonl.gz"
        let mix = "guideDisplayed=60,npsSubmitted=25,pollSubmitted=15"
        for path in [a, b] {
            let synth = try await CLIProcess.run([
                "synth", "--events", "3000", "--seed", "12", "--span", "2h", "--start", "2026-03-01T08:00:00Z", "--mix",
                mix, "--output", path,
            ])
            #expect(synth.status == 0, "\(synth.stderr)")
        }
        #expect(FileManager.default.contents(atPath: a) == FileManager.default.contents(atPath: b))

        let inspect = try await CLIProcess.run(["inspect", a, "--json", "--replay-speed", "1", "--replay-speed", "4"])
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

        let text = try await CLIProcess.run(["inspect", a])
        #expect(text.status == 0)
        #expect(text.stdout.contains("events:     3000"))
        #expect(text.stdout.contains("2026-03-01T"))
    }

    @Test func inspectNamesBadLinesAndFails() async throws {
        let folder = try CorpusCommandTests.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/bad.jsonl"
        let text =
            "{\"event\":\"guideDisplayed\",\"timestamp\":1}\n{\"event\":\n{\"event\":\"npsSubmitted\",\"timestamp\":2}\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        let inspect = try await CLIProcess.run(["inspect", path])
        #expect(inspect.status == 1)
        #expect(inspect.stdout.contains("events:     2"))
        #expect(inspect.stdout.contains("\(path):2: invalid JSON"))
    }

    @Test func usageErrorsExitTwo() async throws {
        let badSpan = try await CLIProcess.run([
            "synth", "--events", "10", "--seed", "1", "--span", "forever", "--output", "/tmp/x.jsonl",
        ])
        #expect(badSpan.status == 2)
        let badMix = try await CLIProcess.run([
            "synth", "--events", "10", "--seed", "1", "--mix", "guideSeen=3", "--output", "/tmp/x.jsonl",
        ])
        #expect(badMix.status == 2)
        #expect(badMix.stderr.contains("guideSeen"))
        let noEvents = try await CLIProcess.run(["synth", "--seed", "1", "--output", "/tmp/x.jsonl"])
        #expect(noEvents.status == 2)
        #expect(noEvents.stderr.contains("--events"))
        let noPaths = try await CLIProcess.run(["inspect"])
        #expect(noPaths.status == 2)
        let missing = try await CLIProcess.run(["inspect", "/nonexistent/corpus.jsonl.gz"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/nonexistent/corpus.jsonl.gz"))
    }

    @Test func seedBundleHoldsTwentyThousandEvents() async throws {
        let bundle = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
            .appendingPathComponent("corpora/pendo-seed").path
        let inspect = try await CLIProcess.run(["inspect", bundle, "--json"])
        #expect(inspect.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(inspect.stdout.utf8)) as? [String: Any])
        #expect(json["events"] as? Int == 20_000)
        #expect((json["fileBytes"] as? Int ?? .max) < 2_000_000)
    }
}
