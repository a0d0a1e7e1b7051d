import Foundation
import Histogram
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
        #expect(
            abs(merged.latency.corrected.p99 - single.latency.corrected.p99) <= single.latency.corrected.p99 * 0.001)
        #expect(merged.configuration.concurrency == 2 * single.configuration.concurrency)
    }

    @Test func intervalsAlignByWallClock() throws {
        let samples = Fixtures.samples()
        // Shard B started one second after shard A: its seconds count from its own start.
        let halfA = Fixtures.report(samples.filter { $0.status != 200 || $0.second % 2 == 0 })
        let halfB = Fixtures.report(
            samples.filter { !($0.status != 200 || $0.second % 2 == 0) && $0.second >= 1 },
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

    /// Histograms of different layouts trap in HdrHistogram's `add`; here they are an error naming
    /// both files.
    @Test func histogramsOfDifferentLayoutsAreAnErrorNamingBothFiles() throws {
        var twoDigits = Fixtures.fixed
        var histogram = Histogram<UInt64>(highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .two)
        histogram.record(1_500)
        twoDigits.histograms.corrected = HdrWireFormat.base64Compressed(histogram)
        let error = try #require(throws: MergeError.self) {
            try RunReportMerger.merge(
                [Fixtures.fixed, twoDigits], sources: ["shard-a/report.json", "shard-b/report.json"])
        }
        #expect(
            error.description.contains(
                "histograms.corrected of shard-a/report.json and shard-b/report.json have different layouts"))
        #expect(error.description.contains("3 and 2 significant digits"))

        var coarse = Fixtures.fixed
        var lowest = Histogram<UInt64>(
            lowestDiscernibleValue: 1000, highestTrackableValue: 60_000_000, numberOfSignificantValueDigits: .three)
        lowest.record(2_000)
        coarse.histograms.scheduleLag = HdrWireFormat.base64Compressed(lowest)
        let other = try #require(throws: MergeError.self) {
            try RunReportMerger.merge([Fixtures.fixed, coarse], sources: ["a.json", "b.json"])
        }
        #expect(other.description.contains("histograms.scheduleLag of a.json and b.json have different layouts"))
    }

    /// Counts from files that add past Int.max are an error naming the file and the field.
    @Test func countsThatOverflowWhenAddedAreAnError() throws {
        var huge = Fixtures.fixed
        huge.events.planned = Int.max
        let error = try #require(throws: MergeError.self) {
            try RunReportMerger.merge([Fixtures.fixed, huge], sources: ["a.json", "b.json"])
        }
        #expect(
            error.description
                == "cannot merge: b.json: events.planned \(Int.max) makes the merged count overflow a 64-bit integer")

        var farSecond = Fixtures.fixed
        farSecond.startedAt = "2026-11-29T10:00:01.000Z"
        farSecond.intervals[0].second = Int.max
        #expect(throws: MergeError.self) {
            try RunReportMerger.merge([Fixtures.fixed, farSecond], sources: ["a.json", "b.json"])
        }

        var endless = Fixtures.fixed
        endless.durationSeconds = .infinity
        let duration = try #require(throws: MergeError.self) {
            try RunReportMerger.merge([endless], sources: ["a.json"])
        }
        #expect(duration.description.hasPrefix("cannot merge: a.json: durationSeconds inf"))
    }

    /// A report file whose numbers cannot be rendered is refused when read, naming the file.
    @Test func reportFilesWithNumbersOutOfRangeAreRefused() throws {
        var report = Fixtures.fixed
        report.durationSeconds = 1e300
        #expect(report.boundsProblem == "durationSeconds 1e+300 is not a duration from 0 to 3153600000 seconds")
        report = Fixtures.fixed
        report.intervals[0].second = Int.max
        #expect(report.boundsProblem?.hasPrefix("intervals[0].second \(Int.max) is outside the run") == true)
        #expect(Fixtures.fixed.boundsProblem == nil)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bounds-\(UUID().uuidString).json")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let encoder = JSONEncoder()
        try encoder.encode(report).write(to: URL(fileURLWithPath: path))
        let error = try #require(throws: ReportFileError.self) { try ReportFiles.load(path) }
        #expect(error.path == path)
    }
}

extension RunReport {
    func withConfiguration(_ configuration: RunConfigurationRecord) -> RunReport {
        var copy = self
        copy.configuration = configuration
        return copy
    }
}
