import Foundation
import LoadDriver
import Reports

/// What `run` does around the load run: the thresholds, and what to read once it is over.
struct RunFinishing: Sendable {
    /// From `--threshold` (parsed before the run).
    var thresholds = ThresholdSet([])
    /// `--abort-on-fail`: stop the run at the first threshold that fails.
    var abortOnFail = false
    /// `--abort-grace`: seconds from the start before a recoverable failure (a percentile, a rate, a
    /// ratio) stops the run; a count that can only grow (`failed<2`) stops it at once.
    var abortGraceSeconds: Double = 10
    /// Reads the platform's side after the run (the flow's `/runs`, the emulator's store), given the
    /// report and the path of `outcomes.jsonl.gz` when the run wrote it.
    var afterRun: (@Sendable (RunReport, String?) async -> AfterRun)?
    /// `--metrics-port`: serve the run's Prometheus metrics while it runs.
    var metricsServer: MetricsServer?
}

/// What the platform said after the run.
struct AfterRun: Sendable {
    /// The flow's record summary, put into the report.
    var platform: PlatformRecordSummary?
    /// Events the emulator stored, when the target was the in-process emulator (for thresholds).
    var stored: Int?
    /// The comparison of what was stored with the run's outcomes, put into the report.
    var reconciliation: Reconciliation?
    /// Lines printed after the summary (the reconciliation).
    var lines: [String] = []
    /// Whether the check failed (exit 1).
    var failed = false
}

/// Runs a load test in-process: the `run` command and the default job (`pendo-replay` with no
/// arguments) both come through here. Handles Ctrl-C / SIGTERM (stop, drain, write the partial
/// report), the live line, `--abort-on-fail`, every report file and the summary. Returns the exit
/// code: 1 when the run or the after-run check failed, else 99 when a threshold failed, else 0.
enum RunExecution {
    static func execute(
        config: LoadConfig, feed: @escaping EventFeedFactory, outDir: String, live: Bool,
        printSummary: Bool, finishing: RunFinishing = RunFinishing()
    ) async -> Int32 {
        let run: LoadRun
        do {
            run = try LoadRun(config: config, feed: feed, toolVersion: ToolVersion.current)
        } catch {
            StandardError.write("error: \(error)\n")
            return 2
        }
        let signals = SignalStopper { run.stop() }
        let liveLine = live ? LiveLine(run: run) : nil
        liveLine?.start()
        let watcher =
            finishing.abortOnFail && !finishing.thresholds.thresholds.isEmpty
            ? AbortWatcher(run: run, thresholds: finishing.thresholds, graceSeconds: finishing.abortGraceSeconds) : nil
        watcher?.start()
        defer {
            watcher?.cancel()
            liveLine?.stop()
            signals.cancel()
        }
        var report: RunReport
        var code: Int32 = 0
        do {
            if let server = finishing.metricsServer {
                let metrics = RunMetrics(labels: config.shard.map { [("shard", String($0.index))] } ?? [])
                run.observeIntervals { metrics.add($0) }
                report = try await server.serving(run: run, metrics: metrics) { try await run.run() }
            } else {
                report = try await run.run()
            }
        } catch let error as LoadRunError {
            liveLine?.stop()
            StandardError.write("error: \(error)\n")
            guard let partial = error.partialReport else { return 1 }
            report = partial
            code = 1
        } catch {
            StandardError.write("error: \(error)\n")
            return 1
        }
        watcher?.cancel()
        liveLine?.stop()
        if let verdict = watcher?.abortedBy {
            report.stopReason = .aborted
            report.abortedBy = verdict.threshold.expression
        }
        var after = AfterRun()
        if let afterRun = finishing.afterRun {
            after = await afterRun(report, config.outcomesPath)
            report.platform = after.platform
            report.reconciliation = after.reconciliation
            if let reconciliation = after.reconciliation {
                after.lines += ReconciliationRenderer.text(reconciliation)
                // Against the emulator every event is checked: a loss fails the run. By counts the
                // platform may still be counting, so the section reports without failing it.
                if reconciliation.method == .perEvent, !reconciliation.holds { after.failed = true }
                if after.stored == nil { after.stored = reconciliation.stored }
            }
        }
        let verdicts: [ThresholdVerdict]
        do {
            verdicts = try ReportFiles.finishRun(
                report: report, thresholds: finishing.thresholds, stored: after.stored, to: outDir)
        } catch {
            StandardError.write("error: cannot write the report to \(outDir): \(error)\n")
            return 1
        }
        let path = (outDir as NSString).appendingPathComponent(ReportFiles.reportJSON)
        if printSummary {
            var text = SummaryRenderer.console(report, reportPath: path, verdicts: verdicts)
            for line in after.lines { text += "\n" + line }
            print(text)
        } else {
            for line in after.lines where after.failed { StandardError.write(line + "\n") }
        }
        if after.failed { code = 1 }
        if let failure = RunFailure.check(report) {
            StandardError.write("error: \(failure.message)\n")
            code = 1
        }
        if code == 0 && !verdicts.allPassed { code = 99 }
        return code
    }
}

/// Where and how report.json is written.
enum RunOutput {
    /// `reports/<UTC time>`, created now and this run's alone (`-2`, `-3`, ... when another run
    /// started in the same second).
    static func claimDefaultFolder() throws -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return try OutputFile.claimFolder(in: "reports", stem: formatter.string(from: Date()))
    }

    static func write(_ report: RunReport, to folder: String) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(report)
        let path = (folder as NSString).appendingPathComponent("report.json")
        try OutputFile.write(data, to: path)
        return path
    }
}
