import ArgumentParser

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Re-render, compare or merge run reports.",
        discussion: """
            Example:
              pendo-replay report compare reports/base/report.json reports/new/report.json --tolerance 10%

            Exit codes: 0 done, 1 failed (unreadable report), 2 usage, 99 a threshold failed or compare
            found a regression. Grammar of --threshold and what each file holds: docs/REPORT-RENDERING.md.
            """,
        subcommands: [
            ReportSummaryCommand.self,
            ReportHTMLCommand.self,
            ReportCompareCommand.self,
            ReportMergeCommand.self,
        ]
    )
}
