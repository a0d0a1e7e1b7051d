import ArgumentParser
import Foundation

/// The `pendo-replay` command: subcommands are in `Commands/`, one file each.
@main
struct PendoReplay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pendo-replay",
        abstract: "Replay, map and load-test Pendo webhook events against Adobe Experience Platform streaming inlets.",
        discussion: """
            With no subcommand, `pendo-replay` runs `run` with its defaults: an emulator started in-process,
            the seed's Flow Service chain provisioned in it, and corpora/pendo-seed replayed against its inlet.

            Exit codes: 0 done, 1 failed, 2 usage, 99 a threshold failed.
            """,
        version: ToolVersion.current,
        subcommands: [
            RunCommand.self,
            SynthCommand.self,
            InspectCommand.self,
            MapCommand.self,
            ValidateCommand.self,
            ServeCommand.self,
            ProvisionCommand.self,
            ReportCommand.self,
            ReconcileCommand.self,
            DiffCommand.self,
            CapacityCommand.self,
        ],
        defaultSubcommand: RunCommand.self
    )

    /// ArgumentParser exits 64 (EX_USAGE) on a usage error; the project's contract is 2.
    static func main() async {
        let names = Self.configuration.subcommands.compactMap { $0.configuration.commandName }
        if let problem = CommandSuggestion.problem(arguments: Array(CommandLine.arguments.dropFirst()), commands: names)
        {
            StandardError.write("error: \(problem)\n")
            Foundation.exit(2)
        }
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                StandardError.write(fullMessage(for: error) + "\n")
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
