import ArgumentParser

/// A usage error of `synth` or `inspect`: the message on stderr and exit code 2 (the project's
/// usage code; ArgumentParser's own `ValidationError` would exit 64).
enum UsageFailure {
    static func exit(_ command: String, _ message: String) -> ExitCode {
        StandardError.write("error: \(message)\nSee 'pendo-replay \(command) --help'.\n")
        return ExitCode(2)
    }
}
