import Foundation
import Histogram
import NIOCore
import ReplayCommon
import Reports

extension LoadRun {
    /// The report of the run: counts from the workers' tallies, latency from the merged histograms.
    func makeReport(
        tally: WorkerTally,
        results: (
            samples: [IntervalSample], corrected: Histogram<UInt64>,
            uncorrected: Histogram<UInt64>, lag: Histogram<UInt64>
        ),
        endNanos: UInt64, startNanos: UInt64?, stopReason: StopReason, startedWall: Date
    ) -> RunReport {
        // nil: sending never started.
        let duration = startNanos.map { Double(endNanos &- $0) / 1e9 } ?? 0
        let endedWall = startedWall.addingTimeInterval(duration)
        // Samples quote the inlet's answers, and an inlet (or a proxy) may echo the request's headers.
        let redaction = Redaction(token: self.config.token, headers: self.config.headers)
        var errors = tally.errors.map {
            ErrorEntry(class: $0.key.name, count: $0.value.count, sample: redaction.scrub($0.value.sample))
        }
        errors.sort { $0.count != $1.count ? $0.count > $1.count : $0.class < $1.class }
        var byStatus: [String: Int] = [:]
        for (status, count) in tally.byStatus { byStatus[String(status)] = count }
        let events = EventCounts(
            planned: tally.planned, sent: tally.sent, accepted: tally.accepted,
            rejected: tally.rejected, failed: tally.failed, unknown: tally.unknown, unsent: tally.unsent)
        let requests = RequestCounts(
            sent: tally.requestsSent, completed: tally.requestsCompleted, attempts: tally.attempts,
            retries: tally.retries, retriedAfterUnknown: tally.retriedAfterUnknown, byStatus: byStatus,
            bytesOut: tally.bytesOut, bytesIn: tally.bytesIn)
        let target: Double
        switch self.config.model {
        case .constant(let rate): target = rate
        case .stages(let stages):
            let schedule = StagedRate(stages: stages)
            let length = schedule.length ?? 0
            target = length > 0 ? Double(schedule.sendsDue(by: length)) / length : 0
        default: target = 0
        }
        var report = RunReport(
            tool: ToolInfo(version: self.toolVersion),
            configuration: self.config.record(),
            startedAt: RFC3339.format(startedWall),
            endedAt: RFC3339.format(endedWall),
            durationSeconds: duration,
            stopReason: stopReason,
            events: events,
            requests: requests,
            latency: LatencyPair(
                corrected: LatencySummary(microseconds: results.corrected),
                uncorrected: LatencySummary(microseconds: results.uncorrected)),
            throughput: Throughput(
                requestsPerSecond: duration > 0 ? Double(tally.requestsCompleted) / duration : 0,
                eventsPerSecond: duration > 0 ? Double(tally.sent) / duration : 0),
            schedule: ScheduleSummary(
                lag: LatencySummary(microseconds: results.lag), dropped: tally.dropped,
                targetRequestsPerSecond: target, queuedAtStop: tally.queuedAtStop,
                queuedWithoutEvent: tally.queuedWithoutEvent),
            errors: errors,
            intervals: results.samples,
            histograms: EncodedHistograms(
                corrected: HdrWireFormat.base64Compressed(results.corrected),
                uncorrected: HdrWireFormat.base64Compressed(results.uncorrected),
                scheduleLag: HdrWireFormat.base64Compressed(results.lag)))
        report.runId = self.config.runId
        if let shard = self.config.shard {
            report.shard = shard
            // Its part of the run's target: the shards' targets add up to the run's.
            report.schedule.targetRequestsPerSecond = target / Double(shard.count)
        }
        return report
    }
}

extension LoadConfig {
    /// The configuration as a report records it: the token and header values redacted (but those of
    /// harmless names), the inlet URL in its redacted form.
    public func record() -> RunConfigurationRecord {
        var rate: Double?
        var stages: String?
        var speed: Double?
        var maxGap: Double?
        switch self.model {
        case .closed: break
        case .constant(let r): rate = r
        case .stages(let s):
            stages = s.map { "\(Self.formatSeconds($0.duration)):\(Self.formatNumber($0.target))" }.joined(
                separator: ",")
        case .replay(let s, let g):
            speed = s
            maxGap = g
        }
        var headers: [String: String] = [:]
        for header in self.headers {
            headers[header.name] = Redaction.headerValue(name: header.name, value: header.value)
        }
        return RunConfigurationRecord(
            inlet: Redaction.url(self.inlet), corpus: self.corpusPaths, payload: self.payloadName, batch: self.batch,
            concurrency: self.concurrency, loadModel: self.model.name, rate: rate, stages: stages, replaySpeed: speed,
            maxGapSeconds: maxGap, maxInFlight: self.maxInFlight ?? self.concurrency, atCap: self.atCap.rawValue,
            durationSeconds: self.duration, requests: self.requests, loop: self.loop, retries: self.retry.maxRetries,
            connectTimeoutSeconds: self.connectTimeout, requestTimeoutSeconds: self.requestTimeout,
            syncValidation: self.syncValidation, insecure: self.insecure, flowId: self.flowId, headers: headers,
            token: self.token == nil ? nil : Redaction.mark,
            eventLoops: self.eventLoops > 0 ? self.eventLoops : System.coreCount)
    }

    static func formatSeconds(_ s: Double) -> String {
        s == s.rounded() ? "\(Int(s))s" : "\(s)s"
    }

    static func formatNumber(_ n: Double) -> String {
        n == n.rounded() ? "\(Int(n))" : "\(n)"
    }
}
