import ArgumentParser

struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Map a whole corpus on all cores and report what Adobe would store, warn about and reject.",
        discussion: """
            Example:
              pendo-replay validate --corpus corpora/pendo-seed --out reports/validate
            """
    )

    func run() async throws {
        throw NotBuiltYet.exit("validate")
    }
}
