import Dispatch
import LoadDriver
import Reports

/// `--abort-on-fail`: once a second, evaluates the thresholds against the run's live counts and
/// stops the run at the first failure `AbortOnFail` says to act on.
final class AbortWatcher: @unchecked Sendable {
    private let run: LoadRun
    private let rule: AbortOnFail
    private let queue = DispatchQueue(label: "pendo-replay.abort-on-fail")
    private var timer: (any DispatchSourceTimer)?
    /// The verdict that stopped the run, if one did (read after `cancel()`).
    private(set) var abortedBy: ThresholdVerdict?

    init(run: LoadRun, thresholds: ThresholdSet, graceSeconds: Double) {
        self.run = run
        self.rule = AbortOnFail(thresholds: thresholds, graceSeconds: graceSeconds)
    }

    func start() {
        let timer = DispatchSource.makeTimerSource(queue: self.queue)
        timer.schedule(deadline: .now() + 1, repeating: 1)
        timer.setEventHandler { [weak self] in self?.check() }
        self.timer = timer
        timer.resume()
    }

    func cancel() {
        self.queue.sync {
            self.timer?.cancel()
            self.timer = nil
        }
    }

    private func check() {
        guard self.abortedBy == nil else { return }
        let progress = self.run.progress()
        guard let verdict = self.rule.check(ProgressMetrics(progress), elapsedSeconds: progress.elapsed) else { return }
        self.abortedBy = verdict
        StandardError.write("\nabort-on-fail: \(verdict.explanation); stopping the run\n")
        self.run.stop()
    }
}

/// The metrics a run in progress can tell (`RunProgress`); the others are unknown mid-run, and an
/// unknown value never stops a run.
struct ProgressMetrics: MetricSource {
    let progress: RunProgress

    init(_ progress: RunProgress) {
        self.progress = progress
    }

    func value(of metric: Metric) -> Double? {
        let p = self.progress
        switch metric {
        case .percentile(let percentile, corrected: true) where percentile == 99:
            return p.requestsCompleted > 0 ? p.p99Milliseconds / 1000 : nil
        case .errorRate:
            return p.requestsCompleted > 0 ? Double(p.errors) / Double(p.requestsCompleted) : nil
        case .requestsPerSecond:
            return p.elapsed > 0 ? Double(p.requestsCompleted) / p.elapsed : nil
        case .count(.requests):
            return Double(p.requestsCompleted)
        case .count(.accepted):
            return Double(p.accepted)
        case .count(.rejected):
            return Double(p.rejected)
        case .count(.failed):
            return Double(p.failed)
        default:
            return nil
        }
    }
}
