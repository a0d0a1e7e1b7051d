import ArgumentParser
import Foundation
import Reports

/// `report compare BASELINE CANDIDATE`: side by side, with deltas and verdicts.
struct ReportCompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare two run reports (or two validate reports); exit 99 on a regression.",
        // The generated usage line runs past 80 columns.
        usage: "pendo-replay report compare <baseline> <candidate> [<options>]",
        discussion: """
            Runs: a regression is the candidate's p99 or error rate worse, or its requests/s lower, by more
            than the tolerance. Validate reports (validation.json): new rejection reasons, or more
            rejections or warnings beyond the tolerance. A folder stands for the report.json (else the
            validation.json) in it. Runs whose setups differ (load model, rate, concurrency, payload,
            target) are compared with a warning naming each difference.

            Example:
              pendo-replay report compare reports/base/report.json reports/new/report.json --tolerance 10%
            """
    )

    @Argument(help: "The baseline report.json (or validation.json), or the run's folder.")
    var baseline: String

    @Argument(help: "The candidate report.json (or validation.json), or the run's folder.")
    var candidate: String

    @Option(help: "Relative change allowed before a worse metric is a regression: 10% or 0.1 (a bare 10 is refused).")
    var tolerance: String = "10%"

    @Option(help: "Write the Markdown table to FILE instead of stdout.")
    var out: String?

    func run() throws {
        try ReportCLI.exitOnError {
            let tolerance: Double
            do {
                tolerance = try Tolerance.parse(self.tolerance)
            } catch {
                throw ReportCLI.UsageError(message: "--tolerance: \(error)")
            }
            let baseline = ReportCLI.reportFile(self.baseline)
            let candidate = ReportCLI.reportFile(self.candidate)
            let baselineData = try ReportCLI.read(baseline)
            let candidateData = try ReportCLI.read(candidate)
            let baselineIsValidation = ValidationFacts.looksLikeValidation(baselineData)
            let candidateIsValidation = ValidationFacts.looksLikeValidation(candidateData)
            guard baselineIsValidation == candidateIsValidation else {
                throw ReportCLI.UsageError(
                    message: "cannot compare a run report with a validate report (\(baseline), \(candidate))")
            }
            let markdown: String
            let regression: Bool
            if baselineIsValidation {
                let comparison = ValidationComparison(
                    baseline: try ValidationFacts(json: baselineData, path: baseline),
                    candidate: try ValidationFacts(json: candidateData, path: candidate), tolerance: tolerance)
                markdown = comparison.markdown(baselineName: self.baseline, candidateName: self.candidate)
                regression = comparison.hasRegression
            } else {
                let baselineReport = try ReportFiles.load(baseline)
                let candidateReport = try ReportFiles.load(candidate)
                for difference in SetupDifferences.between(baselineReport.configuration, candidateReport.configuration)
                {
                    StandardError.write("warning: the runs' setups differ, \(difference)\n")
                }
                let comparison = RunComparison(
                    baseline: RunReportMetrics(report: baselineReport),
                    candidate: RunReportMetrics(report: candidateReport), tolerance: tolerance)
                markdown = comparison.markdown(baselineName: self.baseline, candidateName: self.candidate)
                regression = comparison.hasRegression
            }
            try ReportCLI.output(markdown, to: self.out)
            if regression {
                StandardError.write("report compare: regression beyond the \(self.tolerance) tolerance\n")
                throw ExitCode(99)
            }
        }
    }
}
