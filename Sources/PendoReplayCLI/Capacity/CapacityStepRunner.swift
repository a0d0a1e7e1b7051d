import Foundation
import LoadDriver
import Reports

/// Runs the steps a `CapacitySearch` asks for, each an open-loop constant-rate `LoadRun` against
/// the same inlet, and turns each step's report into the `CapacityStepResult` the search judges.
struct CapacityStepRunner {
    /// The load settings every step shares (target, payload, connections, in-flight cap).
    var base: LoadConfig
    /// The events.
    var feed: EventFeedFactory
    /// Where each step's `report.json` goes: `steps/NN-RATE/` under this folder.
    var outDir: String
    /// Whether to draw the live line (stderr is a terminal and not `--quiet`).
    var live = false
    /// The connections the steps share: each step starts on those the step before left open.
    var keep: KeptConnections?

    /// Runs `step` (the `index`th) and measures it. Throws when the inlet cannot be reached.
    func run(
        _ step: CapacityStep, index: Int, search: CapacitySearch, label: String = "",
        started: (LoadRun) -> Void = { _ in }
    ) async throws -> CapacityStepResult {
        var config = self.base
        config.model = .constant(rate: step.rate)
        config.duration = step.durationSeconds
        config.requests = nil
        config.loop = true
        config.outcomesPath = nil
        let run = try LoadRun(config: config, feed: self.feed, toolVersion: ToolVersion.current, keep: self.keep)
        started(run)
        let watcher = TripWatcher(run: run, search: search, warmupSeconds: step.warmupSeconds)
        watcher.start()
        let liveLine = self.live ? LiveLine(run: run, prefix: label) : nil
        liveLine?.start()
        let report: RunReport
        let cpuBefore = ProcessCPUTime.seconds()
        let wallBefore = DispatchTime.now().uptimeNanoseconds
        do {
            report = try await run.run()
        } catch {
            liveLine?.stop()
            _ = watcher.cancel()
            throw error
        }
        liveLine?.stop()
        let wallSeconds = Double(DispatchTime.now().uptimeNanoseconds &- wallBefore) / 1e9
        let cpuAfter = ProcessCPUTime.seconds()
        let cpuSeconds = cpuBefore.flatMap { before in cpuAfter.map { $0 - before } }
        let cpu = ProcessCPUTime.share(
            cpuSeconds: cpuSeconds, wallSeconds: wallSeconds,
            cores: ProcessInfo.processInfo.activeProcessorCount)
        let tripped = watcher.cancel()
        if report.stopReason == .unreachable {
            throw CLIError("the inlet \(config.record().inlet) could not be reached")
        }
        let folder = "steps/" + String(format: "%02d", index) + "-" + CapacityText.number(step.rate)
        let path = (self.outDir as NSString).appendingPathComponent(folder)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        try Data(ReportFiles.encode(report).utf8).write(
            to: URL(fileURLWithPath: (path as NSString).appendingPathComponent(ReportFiles.reportJSON)),
            options: .atomic)
        return try Self.result(
            of: report, step: step, batch: config.batch, slos: search.config.slos,
            config: search.config, tripped: tripped, reportPath: folder + "/" + ReportFiles.reportJSON,
            cpu: cpu)
    }

    /// The result of a step from its report: the windows are the whole seconds after the warm-up
    /// that each window's span covers; `cpu` is the share of the machine's cores the process used.
    static func result(
        of report: RunReport, step: CapacityStep, batch: Int, slos: ThresholdSet, config: CapacitySearchConfig,
        tripped: String?, reportPath: String?, cpu: Double? = nil
    ) throws -> CapacityStepResult {
        var windows: [CapacityWindow] = []
        var measured: [IntervalSample] = []
        for index in 0..<step.windows {
            let from = step.warmupSeconds + Double(index) * step.windowSeconds
            let to = from + step.windowSeconds
            let seconds = report.intervals.filter { Double($0.second) >= from && Double($0.second) < to }
            let span = (Int(to.rounded(.up)) - Int(from.rounded(.up)))
            // A window the run did not reach (it ended early) is missing, not empty.
            guard report.durationSeconds >= to || tripped == nil else { break }
            let window = try IntervalWindow(intervals: seconds, seconds: Double(Swift.max(span, 1)))
            windows.append(CapacityWindow(samples: window.samples, metrics: window.table(for: slos)))
            measured += seconds
        }
        let measuredSeconds = Swift.max(
            1,
            Int((step.warmupSeconds + step.windowSeconds * Double(step.windows)).rounded(.up))
                - Int(step.warmupSeconds.rounded(.up)))
        let whole = try IntervalWindow(intervals: measured, seconds: Double(measuredSeconds))
        let delivered = Double(whole.accepted) / Double(Swift.max(1, batch)) / Double(measuredSeconds)
        let lag = report.schedule.lag.p99 / 1000
        // One request in flight per connection (HTTP/1.1 without pipelining), at most the cap.
        let slots = Swift.min(report.configuration.concurrency, report.configuration.maxInFlight)
        let keptUp = config.generatorKeptUp(
            scheduleLagP99: lag, offered: step.rate,
            serviceTimeP99: report.latency.uncorrected.p99 / 1000, slots: slots, cpu: cpu)
        return CapacityStepResult(
            offered: step.rate, delivered: delivered, windows: windows, scheduleLagP99: lag,
            generatorKeptUp: keptUp, generatorCPU: cpu,
            endedEarly: tripped != nil, tripReason: tripped, latency: whole.latency,
            errorRate: whole.value(of: .errorRate),
            errorsByClass: Dictionary(report.errors.map { ($0.class, $0.count) }, uniquingKeysWith: +),
            report: reportPath)
    }
}
