import ArgumentParser

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the local emulator of the Flow Service API and the streaming inlet.",
        discussion: """
            Example:
              pendo-replay serve --host 127.0.0.1 --port 8080 --data /tmp/pendo-data
            """
    )

    func run() async throws {
        throw NotBuiltYet.exit("serve")
    }
}
