import ArgumentParser

struct ProvisionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provision",
        abstract: "Create the seed's Flow Service chain and print the flow id and inlet URL.",
        discussion: """
            Example:
              pendo-replay provision --flow-service http://127.0.0.1:8080 --corpus corpora/pendo-seed
            """
    )

    func run() async throws {
        throw NotBuiltYet.exit("provision")
    }
}
