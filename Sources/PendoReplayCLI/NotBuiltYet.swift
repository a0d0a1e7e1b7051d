import ArgumentParser
import Foundation

/// For a subcommand whose issue has not landed: says so on stderr and gives exit code 2, with no
/// placeholder output on stdout.
enum NotBuiltYet {
    static func exit(_ command: String) -> ExitCode {
        StandardError.write("error: pendo-replay \(command) is not built yet in this version.\n")
        return ExitCode(2)
    }
}
