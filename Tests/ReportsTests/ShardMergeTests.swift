import Foundation
import Testing

@testable import Reports

/// `report merge` of the shards of one run (`run --shard K/N`): one run, checked; merged exactly.
@Suite struct ShardMergeTests {
    /// The fixture run split as `run --shards 3` splits it: request `g` to shard `g mod 3`.
    static func shards(_ count: Int = 3, runId: String? = "run-7") throws -> [RunReport] {
        let samples = Fixtures.samples()
        return try (0..<count).map { index in
            var report = Fixtures.report(samples.enumerated().filter { $0.offset % count == index }.map(\.element))
            report.runId = runId
            report.shard = try ShardPosition(index: index, count: count)
            return report
        }
    }

    @Test func threeShardsMergeIntoTheSingleRunWithARowEach() throws {
        let single = Fixtures.fixed
        let parts = try Self.shards()
        // Given out of order: the rows come back in shard order.
        let merged = try RunReportMerger.merge(
            [parts[2], parts[0], parts[1]], sources: ["c.json", "a.json", "b.json"])
        #expect(merged.histograms == single.histograms)
        #expect(merged.events == single.events)
        #expect(merged.requests == single.requests)
        #expect(merged.intervals.map(\.histogram) == single.intervals.map(\.histogram))
        #expect(merged.intervals.map(\.requests) == single.intervals.map(\.requests))
        // Every shard records the run's rate: the merged rate is the run's, not three times it.
        #expect(merged.configuration.rate == 50)
        #expect(merged.configuration.concurrency == 24)
        #expect(merged.configuration.maxInFlight == 3_000)  // each shard records its share of the cap
        #expect(merged.runId == "run-7" && merged.shard == nil)
        let rows = try #require(merged.shards)
        #expect(rows.map(\.shard.index) == [0, 1, 2])
        #expect(rows.map(\.source) == ["a.json", "b.json", "c.json"])
        #expect(rows.map(\.events.planned) == [334, 333, 333])
        #expect(rows.map(\.events.planned).reduce(0, +) == single.events.planned)
        #expect(rows[1].correctedP99 == parts[1].latency.corrected.p99)
        // The table is in both renderings.
        let md = SummaryRenderer.render(merged, verdicts: [])
        #expect(md.contains("## Shards (run `run-7`, 3 shards)"))
        #expect(md.contains("| 1/3 | 2026-11-29T10:00:00.000Z | 20 | 333 | 333 |"))
        let html = HTMLRenderer.render(merged, verdicts: [])
        #expect(html.contains("<h2>Shards</h2>") && html.contains("<td>2/3</td>"))
        // A shard's own summary names its place.
        #expect(SummaryRenderer.render(parts[1], verdicts: []).contains("- shard 1/3 of run `run-7`\n"))
    }

    @Test func theShardsMustBeOneWholeRun() throws {
        let parts = try Self.shards()
        let names = ["s0.json", "s1.json", "s2.json", "s3.json"]
        func problem(_ reports: [RunReport], allowMissing: Bool = false) -> String? {
            do {
                _ = try RunReportMerger.merge(reports, sources: names, allowMissing: allowMissing)
                return nil
            } catch let error as MergeError {
                return error.problem
            } catch {
                return "\(error)"
            }
        }
        #expect(
            problem([parts[0], parts[1], parts[1]])
                == "shard 1/3 is given twice (s1.json and s2.json): give each shard's report once")
        #expect(
            problem([parts[0], parts[1]])
                == "run 'run-7' has 3 shards and shard 2 of 3 is missing: give every shard's report, "
                + "or --allow-missing to merge what there is (the merged counts are then not the whole run's)")
        #expect(problem([parts[1]])?.hasPrefix("run 'run-7' has 3 shards and shards 0 and 2 of 3 are missing") == true)
        var other = parts[2]
        other.runId = "run-8"
        #expect(
            problem([parts[0], parts[1], other]) == "s0.json is of run 'run-7' and s2.json of run 'run-8': "
                + "shards merge only with the shards of their own run (the same --run-id)")
        var four = parts[2]
        four.shard = try ShardPosition(index: 2, count: 4)
        #expect(
            problem([parts[0], parts[1], four])
                == "s0.json is shard 0/3 and s2.json is shard 2/4: the shards of one run share their count N")
        var whole = parts[2]
        whole.shard = nil
        #expect(
            problem([parts[0], parts[1], whole])
                == "s0.json is shard 0/3 of a sharded run and s2.json is no shard: merge the shards of one run alone")
        #expect(
            problem([Fixtures.fixed], allowMissing: true)?.hasPrefix("--allow-missing applies to shards of one run")
                == true)

        // --allow-missing merges what there is, and says what is missing.
        let partial = try RunReportMerger.merge([parts[0], parts[2]], allowMissing: true)
        #expect(partial.events.planned == parts[0].events.planned + parts[2].events.planned)
        #expect(partial.shards?.map(\.shard.index) == [0, 2])
        #expect(
            SummaryRenderer.render(partial, verdicts: []).contains(
                "**Missing shards: 1** (merged with --allow-missing)"))
    }

    @Test func thresholdsAreJudgedOnTheMergedRunNotPerShard() throws {
        let parts = try Self.shards()
        let merged = try RunReportMerger.merge(parts)
        // A bound on rejected events above every shard's count and below the run's: only the merged
        // report fails it.
        let limit = try #require(parts.map(\.events.rejected).max()) + 1
        try #require(merged.events.rejected >= limit)
        let rejected = try ThresholdSet(parsing: ["rejected<\(limit)"])
        for part in parts { #expect(rejected.evaluate(against: RunReportMetrics(report: part)).allPassed) }
        #expect(!rejected.evaluate(against: RunReportMetrics(report: merged)).allPassed)
        // The p99 is the merged histogram's, not an average of the shards' p99s.
        let p99 = merged.latency.corrected.p99
        let mean = parts.map(\.latency.corrected.p99).reduce(0, +) / 3
        #expect(p99 != mean)
        #expect(
            p99
                == LatencySummary(microseconds: try HdrWireFormat.decode(base64: Fixtures.fixed.histograms.corrected))
                .p99)
    }

    @Test func shardPositionsAreCheckedWhereverTheyAreRead() throws {
        #expect(try ShardPosition(parsing: "2/3") == ShardPosition(index: 2, count: 3))
        #expect(
            throws: ShardPositionError(
                text: "3/3", problem: "the shard index must be 0 to 2 (0-based, below the count 3), not 3")
        ) {
            try ShardPosition(parsing: "3/3")
        }
        #expect(throws: ShardPositionError(text: "0/0", problem: "the shard count must be 1 to 10000, not 0")) {
            try ShardPosition(parsing: "0/0")
        }
        #expect(throws: ShardPositionError.self) { try ShardPosition(parsing: "-1/3") }
        #expect(throws: ShardPositionError.self) { try ShardPosition(parsing: "1-3") }
        #expect(throws: ShardPositionError.self) { try ShardPosition(parsing: "1/99999999999999999999") }
        // 64 connections over 3 shards: 22, 21, 21; the shares always add up to the whole.
        #expect(try (0..<3).map { try ShardPosition(index: $0, count: 3).share(of: 64) } == [22, 21, 21])
        for total in [0, 1, 2, 999, 1_000] {
            #expect(try (0..<7).map { try ShardPosition(index: $0, count: 7).share(of: total) }.reduce(0, +) == total)
        }
        // A report is outside input: a shard out of range in report.json is refused when read.
        let bad = Data(#"{"index": 3, "count": 3}"#.utf8)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(ShardPosition.self, from: bad) }
        // Reports without the fields (written before them) still read.
        let old = try JSONEncoder().encode(Fixtures.fixed)
        let decoded = try JSONDecoder().decode(RunReport.self, from: old)
        #expect(decoded.runId == nil && decoded.shard == nil && decoded.shards == nil)
    }
}
