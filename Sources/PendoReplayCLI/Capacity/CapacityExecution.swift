import Foundation
import LoadDriver
import Reports

/// Drives a `CapacitySearch` with real steps, shows each step on stderr, and writes
/// `capacity.json`, `capacity.md` and `capacity.html`. Returns the exit code: 0 a capacity was found, 99 even the
/// first step failed, 1 an error (or this machine too slow for the first step).
struct CapacityExecution {
    var search: CapacitySearch
    var runner: CapacityStepRunner
    var outDir: String
    var batch: Int
    var quiet: Bool

    func execute() async -> Int32 {
        // Connections stay open from one step to the next, as a client's would.
        let keep = KeptConnections(for: self.runner.base)
        var runner = self.runner
        runner.keep = keep
        let code = await self.search(with: runner)
        await keep.close()
        return code
    }

    private func search(with runner: CapacityStepRunner) async -> Int32 {
        var search = self.search
        var action = search.begin()
        var index = 0
        let interrupt = CapacityInterrupt()
        let signals = SignalStopper { interrupt.interrupt() }
        defer { signals.cancel() }
        while case .run(let step) = action {
            index += 1
            self.show(
                "capacity: step \(index) at \(CapacityText.rate(step.rate)) (\(step.purpose.rawValue), \(CapacityText.number(step.durationSeconds))s), bracket "
                    + Self.bracket(search))
            let result: CapacityStepResult
            do {
                let label = "step \(index) \(CapacityText.rate(step.rate)) [\(Self.bracket(search))] "
                result = try await runner.run(step, index: index, search: search, label: label) {
                    interrupt.running($0)
                }
            } catch {
                StandardError.write("error: step \(index) at \(CapacityText.rate(step.rate)): \(error)\n")
                self.write(search, answer: nil)
                return 1
            }
            if interrupt.isInterrupted {
                StandardError.write(
                    "capacity: interrupted during step \(index); capacity.json holds the steps before it, and no answer\n"
                )
                self.write(search, answer: nil)
                return 1
            }
            action = search.record(result)
            if let record = search.records.last {
                self.show(
                    "  \(record.verdict.rawValue): "
                        + (record.reason ?? "delivered \(CapacityText.rate(record.delivered))"))
            }
        }
        guard case .finish(let answer) = action else { return 1 }
        guard let report = self.write(search, answer: answer) else { return 1 }
        if !self.quiet {
            print("capacity: " + CapacityMarkdown.answer(report))
            print(
                "report: " + (self.outDir as NSString).appendingPathComponent(CapacityFiles.json)
                    + " (capacity.md, capacity.html and steps/ beside it)")
        }
        if answer.maxSustainableRate != nil { return 0 }
        return answer.limitedBy == .inlet ? 99 : 1
    }

    private func show(_ line: String) {
        if !self.quiet { StandardError.write(line + "\n") }
    }

    static func bracket(_ search: CapacitySearch) -> String {
        (search.passing.map(CapacityText.rate) ?? "-") + " .. " + (search.failing.map(CapacityText.rate) ?? "-")
    }

    @discardableResult
    private func write(_ search: CapacitySearch, answer: CapacityAnswer?) -> CapacityReport? {
        let config = search.config
        let report = CapacityReport(
            tool: ToolInfo(version: ToolVersion.current), maxSustainableRate: answer?.maxSustainableRate,
            bracket: answer?.bracket ?? CapacityBracket(passing: search.passing, failing: search.failing),
            limitedBy: answer?.limitedBy ?? .inlet, generatorLimitRate: answer?.generatorLimitRate,
            slos: config.slos.thresholds.map(\.expression),
            settings: CapacitySettingsRecord(
                start: config.start, max: config.ceiling, stepSeconds: config.stepSeconds,
                warmupSeconds: config.warmupSeconds, windows: config.windows, precision: config.precision,
                batch: self.batch),
            steps: search.records)
        do {
            try CapacityFiles.write(report, to: self.outDir)
        } catch {
            StandardError.write("error: cannot write capacity.json to \(self.outDir): \(error)\n")
            return nil
        }
        return report
    }
}

/// Ctrl-C or SIGTERM during a search: the running step is stopped and the search ends.
final class CapacityInterrupt: @unchecked Sendable {
    private let lock = NSLock()
    private var run: LoadRun?
    private var interrupted = false

    /// The step now running (stopped at once if the search was interrupted already).
    func running(_ run: LoadRun) {
        let stopNow = self.lock.withLock {
            self.run = run
            return self.interrupted
        }
        if stopNow { run.stop() }
    }

    func interrupt() {
        let run = self.lock.withLock {
            self.interrupted = true
            return self.run
        }
        run?.stop()
    }

    var isInterrupted: Bool { self.lock.withLock { self.interrupted } }
}
