import ArgumentParser

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Fire a corpus at a streaming inlet with a load shape, and report what happened.",
        discussion: """
            Example:
              pendo-replay run --inlet http://127.0.0.1:8080/collection/INLET --corpus corpora/pendo-seed --rate 500 --duration 30s
            """
    )

    func run() async throws {
        throw NotBuiltYet.exit("run")
    }
}
