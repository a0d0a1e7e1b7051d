import Foundation

/// A progress line on stderr, redrawn at most a few times a second, only when stderr is a terminal.
struct ProgressLine {
    private let enabled: Bool
    private let started = DispatchTime.now().uptimeNanoseconds
    private var lastDraw: UInt64 = 0
    private var drawn = false

    init(enabled: Bool = StandardError.isTerminal) {
        self.enabled = enabled
    }

    /// Seconds since the line was made.
    var elapsed: Double { Double(DispatchTime.now().uptimeNanoseconds - self.started) / 1e9 }

    /// Redraws with `text` when 250 ms have passed since the last draw.
    mutating func update(_ text: @autoclosure () -> String) {
        guard self.enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        guard now - self.lastDraw > 250_000_000 else { return }
        self.lastDraw = now
        self.drawn = true
        StandardError.write("\r\u{1B}[2K" + text())
    }

    /// Clears the line.
    mutating func finish() {
        guard self.enabled, self.drawn else { return }
        StandardError.write("\r\u{1B}[2K")
        self.drawn = false
    }
}
