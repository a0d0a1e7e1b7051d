import Foundation

/// Diagnostics, progress and warnings go to stderr; stdout is kept for machine-readable output.
enum StandardError {
    static func write(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Whether stderr is a terminal (progress lines are shown only then).
    static var isTerminal: Bool { isatty(2) == 1 }
}
