import ArgumentParser
import Foundation
import Reports

/// `report summary`: summary.md from a report.json.
struct ReportSummaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Render summary.md from a report.json or a validation.json (to stdout, or --out FILE).",
        discussion: """
            Thresholds: the verdicts saved beside the report (thresholds.json), or evaluated again with
            --threshold (then exit 99 when one fails).

            Example:
              pendo-replay report summary reports/run1/report.json --threshold 'p99<250ms' --out summary.md
            """
    )

    @Argument(help: "The report.json to render.")
    var report: String

    @OptionGroup var options: RenderOptions

    func run() throws {
        try ReportCLI.exitOnError {
            if let facts = try ReportCLI.validationFacts(self.report) {
                try ReportCLI.output(ValidationRenderer.markdown(facts), to: self.options.out)
                return
            }
            let rendered = try self.options.render(self.report, .summary)
            try ReportCLI.output(rendered.text, to: self.options.out)
            if !rendered.passed { throw ExitCode(99) }
        }
    }
}

/// `report html`: report.html from a report.json.
struct ReportHTMLCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "html",
        abstract: "Render report.html (self-contained, inline SVG) from a report.json or a validation.json.",
        discussion: """
            Example:
              pendo-replay report html reports/run1/report.json --out reports/run1/report.html
            """
    )

    @Argument(help: "The report.json to render.")
    var report: String

    @OptionGroup var options: RenderOptions

    func run() throws {
        try ReportCLI.exitOnError {
            if let facts = try ReportCLI.validationFacts(self.report) {
                try ReportCLI.output(ValidationRenderer.html(facts), to: self.options.out)
                return
            }
            let rendered = try self.options.render(self.report, .html)
            try ReportCLI.output(rendered.text, to: self.options.out)
            if !rendered.passed { throw ExitCode(99) }
        }
    }
}

/// Options shared by `report summary` and `report html`.
struct RenderOptions: ParsableArguments {
    @Option(name: .customLong("threshold"), help: "A threshold to evaluate, e.g. 'p99<250ms' (repeatable).")
    var thresholds: [String] = []

    @Option(help: "Events the emulator stored (enables 'stored==accepted').")
    var stored: Int?

    @Option(help: "Write to FILE instead of stdout.")
    var out: String?

    func render(_ path: String, _ page: ReportFiles.Page) throws -> (text: String, passed: Bool) {
        let set = try ReportCLI.thresholds(self.thresholds)
        let report = try ReportFiles.load(path)
        let recorded = set.thresholds.isEmpty ? try ReportFiles.loadVerdicts(besideReport: path) : []
        let rendered = ReportFiles.renderPage(
            page, report: report, thresholds: set, recorded: recorded, stored: self.stored)
        return (rendered.text, set.thresholds.isEmpty || rendered.verdicts.allPassed)
    }
}
