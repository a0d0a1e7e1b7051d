import ArgumentParser

struct SynthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Synthesize a realistic, seeded Pendo event corpus.",
        discussion: """
            Example:
              pendo-replay synth --events 1000000 --seed 7 --span 24h --output corpora/big.jsonl.gz
            """
    )

    func run() async throws {
        throw NotBuiltYet.exit("synth")
    }
}
