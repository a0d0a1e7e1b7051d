import Foundation
import Histogram

/// Every file a run writes into its `--out` folder, rendered from a `RunReport` and the threshold
/// verdicts: `report.json`, `summary.md`, `report.html`, `latency.hgrm`, `intervals.hlog`,
/// `junit.xml`, and `thresholds.json` (the verdicts, for re-rendering).
public enum ReportFiles {
    /// File names, in the order they are written.
    public static let reportJSON = "report.json"
    public static let summary = "summary.md"
    public static let html = "report.html"
    public static let hgrm = "latency.hgrm"
    public static let uncorrectedHgrm = "latency-uncorrected.hgrm"
    public static let hlog = "intervals.hlog"
    public static let junit = "junit.xml"
    public static let thresholds = "thresholds.json"
    /// Written by `run --outcomes` (and always with the emulator), during the run, not rendered.
    public static let outcomes = "outcomes.jsonl.gz"

    /// Renders every file (name -> contents) without touching the disk. Deterministic: the same
    /// inputs give the same bytes (no current time is read).
    ///
    /// - Parameters:
    ///   - report: The run.
    ///   - verdicts: The thresholds' verdicts (`ThresholdSet.evaluate(against: RunReportMetrics(...))`).
    ///   - stored: Events the emulator stored, when the run targeted it.
    ///   - includeReportJSON: Whether to render `report.json` too (false when the caller writes it).
    public static func render(
        report: RunReport, verdicts: [ThresholdVerdict], stored: Int? = nil,
        includeReportJSON: Bool = true
    ) throws -> [(name: String, contents: String)] {
        try self.render(
            run: DecodedRun(report, stored: stored), verdicts: verdicts, includeReportJSON: includeReportJSON)
    }

    /// The page `report summary` or `report html` renders from a report.json.
    public enum Page: Sendable {
        case summary
        case html
    }

    /// One page of a run with its threshold verdicts, the histograms decoded once for both: `thresholds`
    /// are evaluated on the run when there are any, else the verdicts recorded beside it (`recorded`)
    /// are shown.
    public static func renderPage(
        _ page: Page, report: RunReport, thresholds: ThresholdSet, recorded: [ThresholdVerdict],
        stored: Int? = nil
    ) -> (text: String, verdicts: [ThresholdVerdict]) {
        let run = DecodedRun(report, stored: stored)
        let verdicts =
            thresholds.thresholds.isEmpty ? recorded : thresholds.evaluate(against: RunReportMetrics(run: run))
        switch page {
        case .summary: return (SummaryRenderer.render(run, verdicts: verdicts), verdicts)
        case .html: return (HTMLRenderer.render(run, verdicts: verdicts), verdicts)
        }
    }

    /// Every file of a run decoded once: the renderers share its histograms and its `stored`.
    static func render(run: DecodedRun, verdicts: [ThresholdVerdict], includeReportJSON: Bool) throws -> [(
        name: String, contents: String
    )] {
        let report = run.report
        var files: [(name: String, contents: String)] = []
        if includeReportJSON { files.append((Self.reportJSON, try Self.encode(report))) }
        files.append((Self.summary, SummaryRenderer.render(run, verdicts: verdicts)))
        files.append((Self.html, HTMLRenderer.render(run, verdicts: verdicts)))
        files.append(
            (Self.hgrm, PercentileDistributionRenderer.render(run.corrected, outputValueUnitScalingRatio: 1000)))
        files.append(
            (
                Self.uncorrectedHgrm,
                PercentileDistributionRenderer.render(run.uncorrected, outputValueUnitScalingRatio: 1000)
            ))
        let intervals = zip(report.intervals, run.intervalHistograms).compactMap { sample, histogram in
            histogram.map {
                IntervalLogRenderer.Interval(startOffsetSeconds: Double(sample.second), lengthSeconds: 1, histogram: $0)
            }
        }
        files.append(
            (
                Self.hlog,
                IntervalLogRenderer.render(
                    intervals: intervals, startTimeEpochSeconds: run.startEpochSeconds ?? 0, maxValueUnitRatio: 1000,
                    comment:
                        "Logged with \(report.tool.name) \(report.tool.version); values in microseconds, Interval_Max in milliseconds"
                )
            ))
        files.append(
            (
                Self.junit,
                JUnitRenderer.render(
                    verdicts: verdicts, durationSeconds: report.durationSeconds, timestamp: report.startedAt)
            ))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        files.append(
            (
                Self.thresholds,
                String(decoding: try encoder.encode(verdicts.map(ThresholdRecord.init)), as: UTF8.self) + "\n"
            ))
        return files
    }

    /// Writes every file into `directory` (created if missing) and returns their paths. This is
    /// what `run` calls at its end, thresholds failed or not; it then exits 99 when
    /// `!verdicts.allPassed`.
    @discardableResult
    public static func write(
        report: RunReport, verdicts: [ThresholdVerdict], stored: Int? = nil,
        to directory: String, includeReportJSON: Bool = true
    ) throws -> [String] {
        try self.write(
            run: DecodedRun(report, stored: stored), verdicts: verdicts, to: directory,
            includeReportJSON: includeReportJSON)
    }

    static func write(run: DecodedRun, verdicts: [ThresholdVerdict], to directory: String, includeReportJSON: Bool)
        throws -> [String]
    {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var paths: [String] = []
        for file in try self.render(run: run, verdicts: verdicts, includeReportJSON: includeReportJSON) {
            let path = (directory as NSString).appendingPathComponent(file.name)
            try OutputFile.write(Data(file.contents.utf8), to: path)
            paths.append(path)
        }
        return paths
    }

    /// `report.json` as written: pretty-printed, keys sorted.
    public static func encode(_ report: RunReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
    }

    /// Reads a `report.json`, saying which file and what is wrong when it cannot.
    public static func load(_ path: String) throws -> RunReport {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ReportFileError(path: path, problem: "cannot read: \(error.localizedDescription)")
        }
        struct Version: Decodable { var schemaVersion: Int? }
        if let version = try? JSONDecoder().decode(Version.self, from: data).schemaVersion,
            version > RunReport.currentSchemaVersion
        {
            throw ReportFileError(
                path: path,
                problem:
                    "schemaVersion \(version) is newer than this program reads (\(RunReport.currentSchemaVersion)); use a newer pendo-replay"
            )
        }
        let report: RunReport
        do {
            report = try JSONDecoder().decode(RunReport.self, from: data)
        } catch let error as DecodingError {
            throw ReportFileError(path: path, problem: "not a run report: \(Self.describe(error))")
        } catch {
            throw ReportFileError(path: path, problem: "not a run report: \(error)")
        }
        if let problem = report.boundsProblem { throw ReportFileError(path: path, problem: problem) }
        return report
    }

    /// Reads `thresholds.json` beside a `report.json`; empty when there is none.
    public static func loadVerdicts(besideReport reportPath: String) throws -> [ThresholdVerdict] {
        let path = ((reportPath as NSString).deletingLastPathComponent as NSString).appendingPathComponent(
            Self.thresholds)
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        do {
            let records = try JSONDecoder().decode(
                [ThresholdRecord].self, from: Data(contentsOf: URL(fileURLWithPath: path)))
            return try records.map { try $0.verdict() }
        } catch {
            throw ReportFileError(path: path, problem: "not a thresholds file: \(error)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
            return keys.isEmpty ? "the top level" : String(keys.drop { $0 == "." })
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing field \(key.stringValue) at \(path(context))"
        case .typeMismatch(_, let context): return "wrong type at \(path(context)): \(context.debugDescription)"
        case .valueNotFound(_, let context): return "missing value at \(path(context))"
        case .dataCorrupted(let context): return "\(context.debugDescription) at \(path(context))"
        @unknown default: return "\(error)"
        }
    }
}

/// A report file that cannot be read or written: which file, and what is wrong.
public struct ReportFileError: Error, Sendable, CustomStringConvertible {
    /// The file.
    public var path: String
    /// What went wrong, and what to do when it is not obvious.
    public var problem: String

    /// Creates an error.
    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    public var description: String { "\(self.path): \(self.problem)" }
}

extension ReportFiles {
    /// The end of a run in one call: evaluates the thresholds against the report, writes every file
    /// (report.json included unless `includeReportJSON` is false) whatever the verdicts, and returns
    /// the verdicts. The caller exits 99 when `!verdicts.allPassed`.
    ///
    /// - Parameters:
    ///   - report: The finished (or partial, after Ctrl-C) run.
    ///   - thresholds: From `ThresholdSet(parsing: flags)`, parsed before the run starts.
    ///   - stored: Events the emulator stored, when the run targeted it (nil otherwise).
    ///   - directory: The run's `--out` folder.
    @discardableResult
    public static func finishRun(
        report: RunReport, thresholds: ThresholdSet, stored: Int? = nil,
        to directory: String, includeReportJSON: Bool = true
    ) throws -> [ThresholdVerdict] {
        let run = DecodedRun(report, stored: stored)
        let verdicts = thresholds.evaluate(against: RunReportMetrics(run: run))
        try self.write(run: run, verdicts: verdicts, to: directory, includeReportJSON: includeReportJSON)
        return verdicts
    }
}
