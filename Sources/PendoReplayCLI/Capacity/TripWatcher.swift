import Dispatch
import LoadDriver
import Reports

/// Ends a capacity step early: twice a second after the warm-up, asks the search whether the
/// step's live metrics trip it badly (`CapacitySearch.trip`) and stops the run when they do.
final class TripWatcher: @unchecked Sendable {
    private let run: LoadRun
    private let search: CapacitySearch
    private let warmupSeconds: Double
    private let queue = DispatchQueue(label: "pendo-replay.capacity-trip")
    private var timer: (any DispatchSourceTimer)?
    private var reason: String?

    init(run: LoadRun, search: CapacitySearch, warmupSeconds: Double) {
        self.run = run
        self.search = search
        self.warmupSeconds = warmupSeconds
    }

    func start() {
        let timer = DispatchSource.makeTimerSource(queue: self.queue)
        timer.schedule(deadline: .now() + 0.5, repeating: 0.5)
        timer.setEventHandler { [weak self] in self?.check() }
        self.timer = timer
        timer.resume()
    }

    /// Stops watching; returns why the step was stopped, if it was.
    func cancel() -> String? {
        self.queue.sync {
            self.timer?.cancel()
            self.timer = nil
            return self.reason
        }
    }

    private func check() {
        guard self.reason == nil else { return }
        let progress = self.run.progress()
        guard progress.elapsed >= self.warmupSeconds, let reason = self.search.trip(ProgressMetrics(progress)) else {
            return
        }
        self.reason = reason
        self.run.stop()
    }
}
