import ArgumentParser

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Re-render, compare or merge run reports.",
        discussion: """
            Example:
              pendo-replay report compare reports/base/report.json reports/new/report.json --tolerance 10%
            """
    )

    func run() async throws {
        throw NotBuiltYet.exit("report")
    }
}
