import Testing

@testable import Reports

/// `report merge` of runs that did not overlap, and `report compare` of runs set up differently.
@Suite struct RunSetupTests {
    @Test("runs 29 s apart are refused as shards, merged with --sequential, and the idle seconds plot at zero")
    func mergeRefusesRunsThatDidNotOverlap() throws {
        let first = Fixtures.fixed  // 20 s from 10:00:00
        var later = Fixtures.fixed
        later.startedAt = "2026-11-29T10:00:49.000Z"
        #expect(RunReportMerger.firstGap(reports: [first, later], starts: [0, 49]).map { $0.index } == 1)
        do {
            _ = try RunReportMerger.merge([first, later])
            Issue.record("merged runs that did not overlap")
        } catch let error as MergeError {
            #expect(error.description.contains("report 2 started 29 s after the reports before it had ended"))
            #expect(error.description.contains("--sequential"))
        }
        let merged = try RunReportMerger.merge([first, later], sequential: true)
        #expect(merged.durationSeconds == 69)
        let seconds = PerSecondSeries(intervals: merged.intervals, durationSeconds: merged.durationSeconds).seconds
        #expect(seconds.count == 69)
        #expect(seconds[20..<49].allSatisfy { $0.sample == nil })
        // Overlapping shards (the same span twice) merge without the flag; so do runs that touch.
        _ = try RunReportMerger.merge([first, first])
        var touching = Fixtures.fixed
        touching.startedAt = "2026-11-29T10:00:20.000Z"
        _ = try RunReportMerger.merge([first, touching])
    }

    @Test("setups that differ are named one by one; the same setup has none")
    func setupDifferences() {
        let base = Fixtures.configuration
        #expect(SetupDifferences.between(base, base).isEmpty)
        var other = base
        other.loadModel = "closed"
        other.rate = nil
        other.concurrency = 64
        other.payload = "xdm"
        other.inlet = "https://dcs.adobedc.net/collection/other"
        #expect(
            SetupDifferences.between(base, other) == [
                "load model: constant → closed", "rate: 50 → -", "concurrency: 8 → 64", "payload: raw → xdm",
                "target: http://127.0.0.1:8080/collection/abc123 → https://dcs.adobedc.net/collection/other",
            ])
    }
}
