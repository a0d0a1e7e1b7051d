import Foundation
import LoadDriver
import Reports

/// Runs a load test in-process: the `run` command and the default job (`pendo-replay` with no
/// arguments) both come through here. Handles Ctrl-C / SIGTERM (stop, drain, write the partial
/// report), the live line, report.json and the summary. Returns the exit code.
enum RunExecution {
    static func execute(config: LoadConfig, feed: @escaping EventFeedFactory, outDir: String, live: Bool,
                        printSummary: Bool) async -> Int32 {
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
        defer {
            liveLine?.stop()
            signals.cancel()
        }
        let report: RunReport
        var code: Int32 = 0
        do {
            report = try await run.run()
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
        liveLine?.stop()
        do {
            let path = try RunOutput.write(report, to: outDir)
            if printSummary { print(RunSummary.text(report, reportPath: path)) }
        } catch {
            StandardError.write("error: cannot write the report to \(outDir): \(error)\n")
            return 1
        }
        return code
    }
}

/// Where and how report.json is written.
enum RunOutput {
    static func defaultFolder() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return "reports/" + formatter.string(from: Date())
    }

    static func write(_ report: RunReport, to folder: String) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(report)
        let path = (folder as NSString).appendingPathComponent("report.json")
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }
}

/// The summary printed at the end of a run.
enum RunSummary {
    static func text(_ r: RunReport, reportPath: String) -> String {
        func ms(_ v: Double) -> String { String(format: "%.2f", v) }
        var lines: [String] = []
        lines.append("run: \(r.stopReason.rawValue) after \(String(format: "%.1f", r.durationSeconds))s, \(r.configuration.loadModel) load model, \(r.configuration.concurrency) connections")
        let e = r.events
        lines.append("events: planned \(e.planned), sent \(e.sent), accepted \(e.accepted), rejected \(e.rejected), failed \(e.failed), unsent \(e.unsent)")
        let statuses = r.requests.byStatus.keys.sorted().map { "\($0)=\(r.requests.byStatus[$0]!)" }.joined(separator: " ")
        lines.append("requests: sent \(r.requests.sent), completed \(r.requests.completed), retries \(r.requests.retries), status \(statuses.isEmpty ? "-" : statuses)")
        lines.append("throughput: \(String(format: "%.1f", r.throughput.requestsPerSecond)) requests/s, \(String(format: "%.1f", r.throughput.eventsPerSecond)) events/s")
        let c = r.latency.corrected
        let u = r.latency.uncorrected
        lines.append("latency corrected ms: p50 \(ms(c.p50)) p90 \(ms(c.p90)) p99 \(ms(c.p99)) p99.9 \(ms(c.p999)) max \(ms(c.max))")
        lines.append("latency service   ms: p50 \(ms(u.p50)) p90 \(ms(u.p90)) p99 \(ms(u.p99)) p99.9 \(ms(u.p999)) max \(ms(u.max))")
        if r.configuration.loadModel != "closed" {
            lines.append("schedule: lag p99 \(ms(r.schedule.lag.p99)) ms, max \(ms(r.schedule.lag.max)) ms, dropped \(r.schedule.dropped)")
        }
        for error in r.errors.prefix(8) {
            lines.append("error \(error.class) x\(error.count): \(error.sample.prefix(160))")
        }
        lines.append("report: \(reportPath)")
        return lines.joined(separator: "\n")
    }
}
