import Dispatch
import Foundation
import InletEmulator
import LoadDriver
import Reports

/// The live progress line on a terminal (stderr), 4 times a second; `LiveStatus` writes its text.
final class LiveLine: @unchecked Sendable {
    private let run: LoadRun
    private let status: LiveStatus
    private let queue = DispatchQueue(label: "pendo-replay.live")
    private var timer: (any DispatchSourceTimer)?
    private var lastCompleted = 0
    private var lastElapsed = 0.0
    private var shown = false
    private let prefix: String

    /// `prefix` goes before the run's status (`capacity` puts the step and the bracket there).
    init(run: LoadRun, prefix: String = "") {
        self.run = run
        self.status = LiveStatus(configuration: run.config.record())
        self.prefix = prefix
    }

    func start() {
        let timer = DispatchSource.makeTimerSource(queue: self.queue)
        timer.schedule(deadline: .now() + 0.25, repeating: 0.25)
        timer.setEventHandler { [weak self] in self?.draw() }
        self.timer = timer
        timer.resume()
    }

    func stop() {
        self.queue.sync {
            self.timer?.cancel()
            self.timer = nil
            if self.shown {
                StandardError.write("\r\u{1B}[2K")
                self.shown = false
            }
        }
    }

    private func draw() {
        let p = self.run.progress()
        let dt = p.elapsed - self.lastElapsed
        let rate = dt > 0 ? Double(p.requestsCompleted - self.lastCompleted) / dt : 0
        self.lastCompleted = p.requestsCompleted
        self.lastElapsed = p.elapsed
        let text = self.status.line(
            elapsed: p.elapsed, sent: p.requestsSent, completed: p.requestsCompleted, errors: p.errors,
            rate: rate, p99Milliseconds: p.p99Milliseconds)
        StandardError.write("\r\u{1B}[2K" + self.prefix + text)
        self.shown = true
    }
}

/// The SIGINT/SIGTERM handler of `run`, `validate` and `serve`, the one rule (`ShutdownSequence`):
/// the first signal stops the work (a run stops sending and awaits answers in flight, validate stops
/// reading, serve answers what is in flight), which then writes what happened; a second signal
/// exits at once (130), after `quitting` (serve removes its temporary database).
final class SignalStopper: @unchecked Sendable {
    private var sources: [any DispatchSourceSignal] = []
    private var sequence = ShutdownSequence()
    private let queue = DispatchQueue(label: "pendo-replay.signals")

    init(
        notice: String = "stopping: waiting for answers in flight (Ctrl-C again to quit at once)",
        quitting: @escaping @Sendable () -> Void = {},
        _ stop: @escaping @Sendable () -> Void
    ) {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: self.queue)
            source.setEventHandler { [weak self] in
                guard let self else { return }
                switch self.sequence.signalled() {
                case .shutDownGracefully:
                    StandardError.write("\n" + notice + "\n")
                    stop()
                case .cancel:
                    quitting()
                    exit(130)
                case .nothing: break
                }
            }
            source.resume()
            self.sources.append(source)
        }
    }

    func cancel() {
        for source in self.sources { source.cancel() }
        signal(SIGINT, SIG_DFL)
        signal(SIGTERM, SIG_DFL)
    }
}
