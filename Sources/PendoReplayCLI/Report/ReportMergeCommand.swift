import ArgumentParser
import Foundation
import Reports

/// `report merge REPORT... --out DIR`: one report from shards that ran side by side.
struct ReportMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge reports of runs that ran side by side into one, and render all its files.",
        // The generated usage line runs past 80 columns.
        usage: "pendo-replay report merge <reports> ... --out <out> [<options>]",
        discussion: """
            Histograms are added exactly (HdrHistogram add), counts summed, per-second intervals aligned
            by wall-clock time. Runs that did not overlap in time are refused unless --sequential says they
            ran one after the other. Shards of one run (run --shard K/N) merge only as that run: one
            --run-id, one N, no shard twice and none missing (unless --allow-missing); rates are the
            run's, and summary.md and report.html get a table of the shards. Writes report.json, summary.md, report.html, latency.hgrm,
            intervals.hlog, junit.xml and thresholds.json into DIR.

            Example:
              pendo-replay report merge reports/shard-a/report.json reports/shard-b/report.json --out reports/merged
            """
    )

    @Argument(help: "The report.json files to merge.")
    var reports: [String]

    @Option(help: "The folder to write the merged report and its renderings into.")
    var out: String

    @Flag(help: "The runs ran one after the other, not side by side: merge them although their times do not overlap.")
    var sequential = false

    @Flag(
        help:
            "Shards of one run: merge although some shards' reports are missing (the merged counts are then not the whole run's)."
    )
    var allowMissing = false

    @Option(name: .customLong("threshold"), help: "A threshold to evaluate on the merged run (repeatable).")
    var thresholds: [String] = []

    func run() throws {
        try ReportCLI.exitOnError {
            guard !self.reports.isEmpty else {
                throw ReportCLI.UsageError(message: "give at least one report.json to merge")
            }
            let set = try ReportCLI.thresholds(self.thresholds)
            let merged = try RunReportMerger.merge(
                try self.reports.map(ReportFiles.load), sources: self.reports, sequential: self.sequential,
                allowMissing: self.allowMissing)
            let verdicts = set.evaluate(against: RunReportMetrics(report: merged))
            let paths = try ReportFiles.write(report: merged, verdicts: verdicts, to: self.out)
            StandardError.write(
                "merged \(self.reports.count) reports into \(self.out): \(paths.map { ($0 as NSString).lastPathComponent }.joined(separator: ", "))\n"
            )
            if !verdicts.allPassed {
                for verdict in verdicts where !verdict.passed {
                    StandardError.write("threshold failed: \(verdict.threshold.expression): \(verdict.explanation)\n")
                }
                throw ExitCode(99)
            }
        }
    }
}
