import Foundation
import Testing
@testable import Reports

@Suite struct MergeTests {
    @Test func mergingARunSplitInTwoEqualsTheSingleRun() throws {
        let samples = Fixtures.samples()
        let single = Fixtures.fixed
        let halfA = Fixtures.report(samples.enumerated().filter { $0.offset % 2 == 0 }.map(\.element))
        let halfB = Fixtures.report(samples.enumerated().filter { $0.offset % 2 == 1 }.map(\.element))
        let merged = try RunReportMerger.merge([halfA, halfB])

        // Histograms and counts are exact.
        #expect(merged.histograms == single.histograms)
        #expect(merged.events == single.events)
        #expect(merged.requests == single.requests)
        #expect(merged.intervals.map(\.histogram) == single.intervals.map(\.histogram))
        #expect(merged.intervals.map(\.requests) == single.intervals.map(\.requests))
        #expect(merged.errors == single.errors)
        #expect(merged.throughput == single.throughput)
        #expect(merged.durationSeconds == single.durationSeconds)
        // Summaries come from the merged histograms: the same as the single run's, where the V2
        // encoding (which does not hold the exact max) is the only rounding.
        var normalized = (try RunReportMerger.merge([single])).withConfiguration(merged.configuration)
        // Each shard aimed at its own rate: the targets add up.
        #expect(merged.schedule.targetRequestsPerSecond == 2 * single.schedule.targetRequestsPerSecond)
        normalized.schedule.targetRequestsPerSecond = merged.schedule.targetRequestsPerSecond
        #expect(merged.latency == normalized.latency)
        #expect(merged.schedule == normalized.schedule)
        #expect(merged.intervals == normalized.intervals)
        #expect(merged.startedAt == normalized.startedAt)
        #expect(merged.endedAt == normalized.endedAt)
        #expect(merged == normalized)
        #expect(abs(merged.latency.corrected.p99 - single.latency.corrected.p99) <= single.latency.corrected.p99 * 0.001)
        #expect(merged.configuration.concurrency == 2 * single.configuration.concurrency)
    }

    @Test func intervalsAlignByWallClock() throws {
        let samples = Fixtures.samples()
        // Shard B started one second after shard A: its seconds count from its own start.
        let halfA = Fixtures.report(samples.filter { $0.status != 200 || $0.second % 2 == 0 })
        let halfB = Fixtures.report(samples.filter { !($0.status != 200 || $0.second % 2 == 0) && $0.second >= 1 },
                                    startedAt: "2026-11-29T10:00:01.000Z", startOffset: 1)
        let merged = try RunReportMerger.merge([halfA, halfB])
        let single = Fixtures.report(samples)
        #expect(merged.startedAt == "2026-11-29T10:00:00.000Z")
        #expect(merged.intervals.map(\.second) == single.intervals.map(\.second))
        #expect(merged.intervals.map(\.histogram) == single.intervals.map(\.histogram))
        #expect(merged.intervals.map(\.requests) == single.intervals.map(\.requests))
        #expect(merged.histograms == single.histograms)
    }

    @Test func refusesWhatCannotMerge() throws {
        #expect(throws: MergeError.self) { try RunReportMerger.merge([]) }
        var broken = Fixtures.fixed
        broken.histograms.corrected = "bm90IGEgaGlzdG9ncmFt"
        #expect(throws: MergeError.self) { try RunReportMerger.merge([Fixtures.fixed, broken]) }
        var newer = Fixtures.fixed
        newer.schemaVersion += 1
        #expect(throws: MergeError.self) { try RunReportMerger.merge([Fixtures.fixed, newer]) }
        var badTime = Fixtures.fixed
        badTime.startedAt = "yesterday"
        #expect(throws: MergeError.self) { try RunReportMerger.merge([badTime]) }
    }
}

extension RunReport {
    func withConfiguration(_ configuration: RunConfigurationRecord) -> RunReport {
        var copy = self
        copy.configuration = configuration
        return copy
    }
}
