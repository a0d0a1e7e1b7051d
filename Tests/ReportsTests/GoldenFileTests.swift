import Foundation
import Testing

@testable import Reports

/// Each renderer's output on the fixed report, against the files in Golden/. Regenerate after an
/// intended change with `UPDATE_GOLDEN=1 swift test --filter GoldenFileTests` and review the diff.
@Suite struct GoldenFileTests {
    static let goldenDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Golden")

    static func check(_ name: String, _ contents: String) throws {
        let url = self.goldenDirectory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: self.goldenDirectory, withIntermediateDirectories: true)
            try Data(contents.utf8).write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if expected != contents {
            let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let b = contents.split(separator: "\n", omittingEmptySubsequences: false)
            let line = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            Issue.record(
                "\(name) differs from Golden/\(name) at line \(line + 1): expected \(line < a.count ? String(a[line]) : "<end>"), got \(line < b.count ? String(b[line]) : "<end>")"
            )
        }
    }

    static func rendered() throws -> [String: String] {
        let files = try ReportFiles.render(
            report: Fixtures.fixed, verdicts: Fixtures.verdicts, stored: Fixtures.fixed.events.accepted)
        return Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.contents) })
    }

    @Test(arguments: [
        ReportFiles.reportJSON, ReportFiles.summary, ReportFiles.html, ReportFiles.hgrm,
        ReportFiles.uncorrectedHgrm, ReportFiles.hlog, ReportFiles.junit, ReportFiles.thresholds,
    ])
    func matchesGolden(_ name: String) throws {
        let files = try Self.rendered()
        try Self.check(name, try #require(files[name]))
    }

    @Test func renderingIsDeterministic() throws {
        let first = try Self.rendered()
        let second = try Self.rendered()
        #expect(first == second)
    }

    @Test func htmlIsSelfContained() throws {
        let html = try #require(try Self.rendered()[ReportFiles.html])
        #expect(!html.contains("<script"))
        #expect(!html.contains("src=\""))
        #expect(!html.contains("href=\"http"))
        #expect(!html.contains("@import"))
        // Latency over time, throughput, errors, the spectrum, status codes.
        #expect(html.components(separatedBy: "<svg").count - 1 == 5)
        #expect(html.contains("99.9999%"))
    }

    @Test func junitHasOneCasePerThreshold() throws {
        let xml = try #require(try Self.rendered()[ReportFiles.junit])
        #expect(xml.components(separatedBy: "<testcase ").count - 1 == Fixtures.verdicts.count)
        let failures = Fixtures.verdicts.filter { !$0.passed }.count
        #expect(failures > 0)
        #expect(xml.components(separatedBy: "<failure ").count - 1 == failures)
        #expect(xml.contains("name=\"p99&lt;250ms\""))
    }

    @Test func intervalLogDecodesBackToTheIntervals() throws {
        let hlog = try #require(try Self.rendered()[ReportFiles.hlog])
        let lines = hlog.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.hasPrefix("\"") }
        let report = Fixtures.fixed
        #expect(lines.count == report.intervals.count)
        for (line, interval) in zip(lines, report.intervals) {
            let fields = line.split(separator: ",", maxSplits: 3)
            #expect(Double(fields[0]) == Double(interval.second))
            #expect(fields[1] == "1.000")
            let decoded = try HdrWireFormat.decode(base64: String(fields[3]))
            let original = try HdrWireFormat.decode(base64: interval.histogram)
            #expect(decoded == original)
        }
        #expect(hlog.contains("#[StartTime: 1795946400.000 (seconds since epoch), 2026-11-29T10:00:00.000Z]"))
    }
}

@Suite struct EdgeCaseRenderingTests {
    @Test func anEmptyRunRendersEverything() throws {
        let empty = Fixtures.report([])
        let files = try ReportFiles.render(
            report: empty,
            verdicts: try ThresholdSet(parsing: ["p99<1s", "stored==accepted"]).evaluate(
                against: RunReportMetrics(report: empty)))
        let byName = Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.contents) })
        #expect(byName.count == 8)
        #expect(byName[ReportFiles.html]!.contains("no data"))
        #expect(byName[ReportFiles.summary]!.contains("p(99) is unknown for this run"))
        #expect(byName[ReportFiles.summary]!.contains("No HTTP answers."))
        #expect(byName[ReportFiles.junit]!.contains("failures=\"2\""))
    }

    @Test func aBrokenHistogramIsNamedNotHidden() throws {
        var broken = Fixtures.fixed
        broken.histograms.uncorrected = "AAAA"
        let summary = SummaryRenderer.render(broken, verdicts: [])
        #expect(summary.contains("## Problems"))
        #expect(summary.contains("histograms.uncorrected: invalid HdrHistogram encoding"))
    }

    @Test func writesTheFilesAndReadsTheReportBack() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("reports-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let paths = try ReportFiles.write(report: Fixtures.fixed, verdicts: Fixtures.verdicts, to: directory)
        #expect(paths.count == 8)
        let reportPath = (directory as NSString).appendingPathComponent(ReportFiles.reportJSON)
        #expect(try ReportFiles.load(reportPath) == Fixtures.fixed)
        #expect(try ReportFiles.loadVerdicts(besideReport: reportPath) == Fixtures.verdicts)
        try Data("{\"schemaVersion\": 1}".utf8).write(to: URL(fileURLWithPath: reportPath))
        #expect(throws: ReportFileError.self) { try ReportFiles.load(reportPath) }
        try Data("{\"schemaVersion\": 99}".utf8).write(to: URL(fileURLWithPath: reportPath))
        do {
            _ = try ReportFiles.load(reportPath)
            Issue.record("a newer schema loaded")
        } catch let error as ReportFileError {
            #expect(error.problem.contains("newer"))
        }
    }
}

@Suite struct FinishRunTests {
    @Test func writesEveryFileAndReturnsTheVerdicts() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("finish-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let verdicts = try ReportFiles.finishRun(
            report: Fixtures.fixed, thresholds: try ThresholdSet(parsing: ["p99<1ms", "rps>=45"]),
            stored: nil, to: directory)
        #expect(verdicts.map(\.passed) == [false, true])
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        #expect(
            names
                == [
                    ReportFiles.hlog, ReportFiles.junit, ReportFiles.uncorrectedHgrm, ReportFiles.hgrm,
                    ReportFiles.html, ReportFiles.reportJSON, ReportFiles.summary, ReportFiles.thresholds,
                ].sorted())
        let junit = try String(
            contentsOfFile: (directory as NSString).appendingPathComponent(ReportFiles.junit), encoding: .utf8)
        #expect(junit.contains("failures=\"1\""))
    }
}

extension GoldenFileTests {
    @Test func onePageWithItsThresholdsIsTheGoldenPage() throws {
        // `report summary` / `report html`: thresholds evaluated on the run decoded for the page give the
        // same verdicts and bytes as the whole set of files; with none, the recorded verdicts are shown.
        let set = try ThresholdSet(parsing: [
            "p99<250ms", "p(99.9)<1s", "error_rate<0.1%", "rps>=45", "rejected==0", "stored==accepted",
        ])
        let stored = Fixtures.fixed.events.accepted
        let summary = ReportFiles.renderPage(
            .summary, report: Fixtures.fixed, thresholds: set, recorded: [], stored: stored)
        #expect(summary.verdicts == Fixtures.verdicts)
        try Self.check(ReportFiles.summary, summary.text)
        let html = ReportFiles.renderPage(
            .html, report: Fixtures.fixed, thresholds: ThresholdSet([]), recorded: Fixtures.verdicts, stored: stored)
        #expect(html.verdicts == Fixtures.verdicts)
        try Self.check(ReportFiles.html, html.text)
    }
}
