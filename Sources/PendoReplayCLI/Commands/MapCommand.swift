import ArgumentParser

struct MapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Map events through a Data Prep mapping set; mapped records as JSON Lines on stdout.",
        discussion: """
            Example:
              pendo-replay map --mapping corpora/pendo-seed/mapping.json --schema corpora/pendo-seed/schema.json corpora/pendo-seed/events.jsonl.gz
            """
    )

    func run() async throws {
        throw NotBuiltYet.exit("map")
    }
}
