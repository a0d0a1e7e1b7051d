import ArgumentParser

struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Say what a corpus holds: counts, kinds, time span, replay length.",
        discussion: """
            Example:
              pendo-replay inspect corpora/pendo-seed
            """
    )

    func run() async throws {
        throw NotBuiltYet.exit("inspect")
    }
}
