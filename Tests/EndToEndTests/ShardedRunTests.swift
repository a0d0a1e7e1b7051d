import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Sharded runs as a Kubernetes Indexed Job runs them: N processes of the built binary with the same
/// command line, each told its index by `JOB_COMPLETION_INDEX`, against one `serve` on loopback, then
/// `report merge` of their reports. A single-process run of the same command is the reference.
@Suite("sharded runs", .serialized)
struct ShardedRunTests {
    /// A corpus of `events` synthesized events (each with its own `uniqueId`) in `folder`.
    static func corpus(events: Int, in folder: String) async throws -> String {
        let path = (folder as NSString).appendingPathComponent("corpus.jsonl.gz")
        let synth = try await CLIProcess.run(
            ["synth", "--events", "\(events)", "--seed", "20", "--output", path], timeout: 60)
        guard synth.status == 0 else { throw CLIProcess.Failure("synth failed: \(synth.stderr)") }
        return path
    }

    /// `run --flow ... ARGUMENTS --out FOLDER/NAME` in `shards` processes at once, each with
    /// `JOB_COMPLETION_INDEX` set, all told to start at the same instant; their report folders.
    static func shardedRun(
        _ bench: FaultBench, corpus: String, shards: Int, runId: String, name: String,
        _ arguments: [String]
    ) async throws -> [String] {
        let start = Date().addingTimeInterval(3)
        let startAt = ISO8601DateFormatter().string(from: start)
        return try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for index in 0..<shards {
                let out = (bench.folder as NSString).appendingPathComponent("\(name)-\(index)")
                group.addTask {
                    let result = try await CLIProcess.run(
                        [
                            "run", "--flow", bench.flowFile, "--corpus", corpus, "--quiet", "--out", out, "--shards",
                            "\(shards)",
                            "--run-id", runId, "--start-at", startAt,
                        ] + arguments,
                        timeout: 120, environment: ["JOB_COMPLETION_INDEX": "\(index)"])
                    #expect(result.status == 0, "shard \(index): \(result.stderr)")
                    return (index, out)
                }
            }
            var outs = [String](repeating: "", count: shards)
            for try await (index, out) in group { outs[index] = out }
            return outs
        }
    }

    /// `report merge` of `folders`' reports into FOLDER/NAME: its result and merged report (empty
    /// when the merge wrote none).
    static func merge(_ bench: FaultBench, _ folders: [String], name: String, _ extra: [String] = []) async throws -> (
        CLIProcess.Result, [String: Any]
    ) {
        let out = (bench.folder as NSString).appendingPathComponent(name)
        let result = try await CLIProcess.run(
            ["report", "merge"] + folders.map { $0 + "/report.json" } + ["--out", out] + extra, timeout: 60)
        return (result, (try? CLIProcess.report(in: out)) ?? [:])
    }

    /// A report's `intervals` as second → requests.
    static func requestsBySecond(_ report: [String: Any]) throws -> [Int: Int] {
        let intervals = try #require(report["intervals"] as? [[String: Any]])
        return try Dictionary(
            uniqueKeysWithValues: intervals.map {
                (try #require($0["second"] as? Int), try #require($0["requests"] as? Int))
            })
    }

    /// A report's `startedAt`.
    static func startedAt(_ report: [String: Any]) throws -> Date {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return try #require((report["startedAt"] as? String).flatMap(formatter.date(from:)))
    }

    static func counts(_ report: [String: Any]) -> [String: Int] {
        let events = report["events"] as? [String: Any] ?? [:]
        let requests = report["requests"] as? [String: Any] ?? [:]
        return [
            "planned": events["planned"] as? Int ?? -1, "sent": events["sent"] as? Int ?? -1,
            "accepted": events["accepted"] as? Int ?? -1, "requests": requests["sent"] as? Int ?? -1,
        ]
    }

    /// The `uniqueId` of each record stored after the first `skip`, in arrival order.
    static func storedKeys(_ bench: FaultBench, skip: Int) async throws -> [String] {
        try await bench.storedRecords().dropFirst(skip).map { record in
            try #require((record["raw"] as? [String: Any])?["uniqueId"] as? String)
        }
    }

    /// Every `uniqueId` of the corpus, in order.
    static func corpusKeys(_ path: String) async throws -> [String] {
        let unzip = try await CLIProcess.run(["-c", "gzip -dc '\(path)'"], timeout: 60, executable: "/bin/sh")
        return try unzip.lines.map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try #require(object["uniqueId"] as? String)
        }
    }

    static func closedLoop(shards: Int) async throws {
        let bench = try await FaultBench.start([])
        defer { Task { await bench.finish() } }
        let corpus = try await Self.corpus(events: 3_000, in: bench.folder)
        let arguments = ["--concurrency", "8"]
        // The single process first: the reference counts.
        let single = try await CLIProcess.run(
            [
                "run", "--flow", bench.flowFile, "--corpus", corpus, "--quiet",
                "--out", bench.folder + "/single",
            ] + arguments, timeout: 120)
        #expect(single.status == 0, "\(single.stderr)")
        let reference = Self.counts(try CLIProcess.report(in: bench.folder + "/single"))
        let storedBefore = try await bench.storedRecords().count
        #expect(reference["accepted"] == 3_000 && storedBefore == 3_000)

        let folders = try await Self.shardedRun(
            bench, corpus: corpus, shards: shards, runId: "closed-\(shards)", name: "closed", arguments)
        let parts = try folders.map { try CLIProcess.report(in: $0) }
        // Each shard ran its share of the connections: 8 over 3 is 3, 3, 2.
        let concurrency = parts.map { ($0["configuration"] as? [String: Any])?["concurrency"] as? Int ?? -1 }
        #expect(concurrency == (shards == 3 ? [3, 3, 2] : [4, 4]))
        #expect(parts.map { ($0["shard"] as? [String: Any])?["index"] as? Int ?? -1 } == Array(0..<shards))
        let (merge, merged) = try await Self.merge(bench, folders, name: "closed-merged")
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(Self.counts(merged) == reference)
        #expect(merged["runId"] as? String == "closed-\(shards)")
        #expect((merged["shards"] as? [[String: Any]])?.count == shards)
        // The union of what the shards stored is the corpus, no event twice.
        let keys = try await Self.storedKeys(bench, skip: storedBefore)
        #expect(keys.count == 3_000)
        #expect(Set(keys).count == keys.count)
        #expect(Set(keys) == Set(try await Self.corpusKeys(corpus)))
        // A merge without one shard is refused unless --allow-missing.
        let (partial, refused) = try await Self.merge(bench, Array(folders.dropLast()), name: "closed-partial")
        #expect(partial.status == 1 && refused.isEmpty)
        #expect(partial.stderr.contains("shard \(shards - 1) of \(shards) is missing"), "\(partial.stderr)")
        let (allowed, allowedReport) = try await Self.merge(
            bench, Array(folders.dropLast()), name: "closed-allowed", ["--allow-missing"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(Self.counts(allowedReport)["planned"] == 3_000 - Self.counts(parts.last!)["planned"]!)
    }

    @Test func threeClosedLoopShardsStoreTheCorpusOnceAndMergeToTheSingleRun() async throws {
        try await Self.closedLoop(shards: 3)
    }

    @Test func twoClosedLoopShardsToo() async throws {
        try await Self.closedLoop(shards: 2)
    }

    @Test func openLoopShardsSplitTheRateAndTheMergeJudgesTheWhole() async throws {
        let bench = try await FaultBench.start([])
        defer { Task { await bench.finish() } }
        let corpus = try await Self.corpus(events: 2_000, in: bench.folder)
        // 300/s for 4 s over 3 shards: 1,200 sends of 2,000 events, 100/s each (bounded by the count,
        // so that a stop landing late on a busy machine cannot cut the plan short). Connections and the
        // in-flight cap to spare, so that a slow answer does not hold sends back.
        let arguments = ["--rate", "300", "--requests", "1200", "--concurrency", "12", "--max-in-flight", "600"]
        let single = try await CLIProcess.run(
            [
                "run", "--flow", bench.flowFile, "--corpus", corpus, "--quiet",
                "--out", bench.folder + "/single",
            ] + arguments, timeout: 120)
        #expect(single.status == 0, "\(single.stderr)")
        let reference = Self.counts(try CLIProcess.report(in: bench.folder + "/single"))
        #expect(reference == ["planned": 1_200, "sent": 1_200, "accepted": 1_200, "requests": 1_200])
        let storedBefore = try await bench.storedRecords().count

        let folders = try await Self.shardedRun(
            bench, corpus: corpus, shards: 3, runId: "open-3", name: "open", arguments)
        let parts = try folders.map { try CLIProcess.report(in: $0) }
        #expect(parts.map { Self.counts($0)["planned"] ?? -1 } == [400, 400, 400])
        let (merge, merged) = try await Self.merge(bench, folders, name: "open-merged")
        #expect(merge.status == 0, "\(merge.stderr)")
        #expect(Self.counts(merged) == reference)
        #expect((merged["configuration"] as? [String: Any])?["rate"] as? Double == 300)
        // The merged per-second series is the shards' series added second by second, each moved by its
        // start's distance from the earliest, rounded to the second.
        let series = try Self.requestsBySecond(merged)
        var added: [Int: Int] = [:]
        let starts = try parts.map(Self.startedAt)
        for (part, start) in zip(parts, starts) {
            let shift = Int(start.timeIntervalSince(starts.min()!).rounded())
            for (second, requests) in try Self.requestsBySecond(part) { added[second + shift, default: 0] += requests }
        }
        #expect(series == added)
        // It holds the run's rate: every whole second within 1 % of 300. A second counts the answers
        // that came in it, so a shard's 100 sends due in a second are all in it unless their answers
        // came later than its end; a shard's corrected latency (from the intended send) bounds how
        // many did not, at 100 × its longest in seconds. A machine that keeps pace answers within
        // milliseconds and the bound is the 1 %; a loaded one widens it by what the shards report.
        let late = try parts.map { part -> Int in
            let latency = try #require((part["latency"] as? [String: Any])?["corrected"] as? [String: Any])
            let longest = try #require(latency["max"] as? Double)
            return Int((longest / 10).rounded(.up))
        }
        let allowed = max(3, late.reduce(0, +))
        #expect((0..<4).allSatisfy { series[$0] != nil }, "\(series)")
        for second in 0..<4 {
            let requests = series[second] ?? 0
            #expect(
                abs(requests - 300) <= allowed,
                "second \(second): \(requests) requests; the shards' longest corrected latencies allow ±\(allowed)")
        }
        // The stored events: the corpus's first 1,200, each once.
        let keys = try await Self.storedKeys(bench, skip: storedBefore)
        #expect(Set(keys) == Set(try await Self.corpusKeys(corpus).prefix(1_200)) && keys.count == 1_200)

        // A threshold that each shard passes and the whole run fails: the merge exits 99.
        let threshold = ["--threshold", "accepted<1000"]
        for part in folders {
            let alone = try await CLIProcess.run(["report", "summary", part + "/report.json"] + threshold, timeout: 60)
            #expect(alone.status == 0, "\(alone.stderr)")
        }
        let (judged, _) = try await Self.merge(bench, folders, name: "open-judged", threshold)
        #expect(judged.status == 99, "\(judged.stderr)")
        #expect(judged.stderr.contains("threshold failed: accepted<1000"))
    }

    @Test(
        arguments: [
            (["--shard", "3/3"], [:], "--shard 3/3: the shard index must be 0 to 2"),
            (["--shard", "1/3"], [:], "--shard 1/3 needs --run-id ID"),
            (["--shards", "3", "--run-id", "r"], [:], "--shards 3: JOB_COMPLETION_INDEX is not set"),
            (
                ["--shards", "3", "--run-id", "r"], ["JOB_COMPLETION_INDEX": "5"],
                "--shards 3 with JOB_COMPLETION_INDEX=5: the shard index must be 0 to 2"
            ),
            (
                ["--shards", "0", "--run-id", "r"], ["JOB_COMPLETION_INDEX": "0"],
                "the shard count must be 1 to 10000, not 0"
            ),
            (
                ["--shard", "0/2", "--shards", "2", "--run-id", "r"], [:],
                "--shard K/N and --shards N both name the shard"
            ),
            (["--shard", "0/2", "--run-id", "a b"], [:], "--run-id 'a b': a run id is 1 to 128 letters"),
            (["--start-at", "tomorrow"], [:], "--start-at tomorrow: not an RFC 3339 time"),
            (["--start-at", "+2d"], [:], "--start-at +2d: more than a day from now"),
            (
                ["--shard", "2/3", "--run-id", "r", "--concurrency", "2"], [:],
                "--concurrency 2: gives shard 2/3 no connection"
            ),
        ] as [([String], [String: String], String)])
    func badShardFlagsExit2NamingTheFlag(flags: [String], environment: [String: String], message: String) async throws {
        let result = try await CLIProcess.run(
            [
                "run", "--inlet", "http://127.0.0.1:9/collection/abc", "--flow-id", "f",
                "--corpus", "corpora/pendo-seed",
            ] + flags, timeout: 60, environment: environment)
        #expect(result.status == 2, "\(result.stderr)")
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }
}
