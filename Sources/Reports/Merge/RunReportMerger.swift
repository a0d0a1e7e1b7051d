import Foundation
import Histogram
import ReplayCommon

/// `report merge`: one report from runs that ran side by side (shards of one load test).
///
/// - Histograms are decoded and added (HdrHistogram `add`: exact, count by count), then the
///   latency summaries are computed again from the merged histograms.
/// - Counts (events, requests, status codes, bytes, errors by class, dropped) are summed.
/// - Per-second intervals are aligned by wall-clock time: each report's interval `second` is moved
///   by its `startedAt` minus the earliest `startedAt`, rounded to the nearest second, and intervals
///   landing on the same second are merged.
/// - The merged run starts at the earliest `startedAt` and ends at the latest end; its duration is
///   that span, and throughput is recomputed over it.
/// - Configuration is the first report's, with `concurrency` summed over the shards; `rate` is summed
///   too, except for shards of one sharded run (`run --shard K/N`), which all record the run's rate.
/// - Shards of one sharded run are checked to be the whole run (`shardPlan`), and the merged report
///   lists them (`shards`).
public enum RunReportMerger {
    /// Merges reports; throws when there are none, or when they cannot be merged exactly.
    ///
    /// Shards run side by side, so their spans overlap: a report that starts after all the ones
    /// before it have ended is refused unless `sequential` says the runs ran one after the other
    /// (the idle time between them then counts in the merged duration, at zero).
    ///
    /// `sources` name the reports in errors (their files); reports without one are "report N".
    /// `allowMissing` merges the shards of a sharded run although some are absent.
    public static func merge(
        _ reports: [RunReport], sources: [String] = [], sequential: Bool = false,
        allowMissing: Bool = false
    ) throws -> RunReport {
        guard let first = reports.first else { throw MergeError("nothing to merge: give at least one report.json") }
        let name = { (index: Int) -> String in sources.indices.contains(index) ? sources[index] : "report \(index + 1)"
        }
        for (index, report) in reports.enumerated() {
            if let problem = report.boundsProblem { throw MergeError("\(name(index)): \(problem)") }
            guard report.schemaVersion == first.schemaVersion else {
                throw MergeError(
                    "reports have schema versions \(first.schemaVersion) and \(report.schemaVersion); re-render them with the same pendo-replay version"
                )
            }
            guard report.histograms.unit == first.histograms.unit else {
                throw MergeError("histogram units differ (\(first.histograms.unit) and \(report.histograms.unit))")
            }
        }
        let starts = try reports.enumerated().map { index, report -> Double in
            guard let start = RFC3339.epochSeconds(report.startedAt) else {
                throw MergeError("\(name(index)): startedAt '\(report.startedAt)' is not an RFC 3339 time")
            }
            return start
        }
        let shardPlan = try self.shardPlan(reports, name: name, allowMissing: allowMissing)
        if !sequential, let gap = self.firstGap(reports: reports, starts: starts) {
            throw MergeError(
                "\(name(gap.index)) started \(ThresholdFormat.number(gap.seconds, fractionDigits: 1)) s after the reports before it had ended: "
                    + "these runs did not overlap in time, so they are not shards of one load test; give --sequential to merge runs made one after the other"
            )
        }
        let mergedStart = starts.min()!
        let mergedEnd = zip(reports, starts).map { $0.1 + $0.0.durationSeconds }.max()!
        let duration = mergedEnd - mergedStart

        var corrected = try self.decode(first.histograms.corrected, "histograms.corrected", name(0))
        var uncorrected = try self.decode(first.histograms.uncorrected, "histograms.uncorrected", name(0))
        var lag = try self.decode(first.histograms.scheduleLag, "histograms.scheduleLag", name(0))
        for (index, report) in reports.enumerated().dropFirst() {
            let files = (name(0), name(index))
            try self.add(
                try self.decode(report.histograms.corrected, "histograms.corrected", name(index)), to: &corrected,
                "histograms.corrected", files)
            try self.add(
                try self.decode(report.histograms.uncorrected, "histograms.uncorrected", name(index)), to: &uncorrected,
                "histograms.uncorrected", files)
            try self.add(
                try self.decode(report.histograms.scheduleLag, "histograms.scheduleLag", name(index)), to: &lag,
                "histograms.scheduleLag", files)
        }

        var events = EventCounts()
        var requests = RequestCounts()
        var dropped = 0
        var queuedAtStop = 0
        var queuedWithoutEvent = 0
        var target = 0.0
        var errors: [String: ErrorEntry] = [:]
        var errorOrder: [String] = []
        var seconds: [Int: (requests: Int, accepted: Int, errors: Int, histogram: Histogram<UInt64>)] = [:]
        for (index, report) in reports.enumerated() {
            // Counts come from files: a sum past Int.max is an error naming the field, not a trap.
            func add(_ total: inout Int, _ value: Int, _ field: String) throws {
                let (sum, overflow) = total.addingReportingOverflow(value)
                guard !overflow else {
                    throw MergeError(
                        "\(name(index)): \(field) \(value) makes the merged count overflow a 64-bit integer")
                }
                total = sum
            }
            try add(&events.planned, report.events.planned, "events.planned")
            try add(&events.sent, report.events.sent, "events.sent")
            try add(&events.accepted, report.events.accepted, "events.accepted")
            try add(&events.rejected, report.events.rejected, "events.rejected")
            try add(&events.failed, report.events.failed, "events.failed")
            try add(&events.unknown, report.events.unknown, "events.unknown")
            try add(&events.unsent, report.events.unsent, "events.unsent")
            try add(&requests.sent, report.requests.sent, "requests.sent")
            try add(&requests.completed, report.requests.completed, "requests.completed")
            try add(&requests.attempts, report.requests.attempts, "requests.attempts")
            try add(&requests.retries, report.requests.retries, "requests.retries")
            try add(&requests.retriedAfterUnknown, report.requests.retriedAfterUnknown, "requests.retriedAfterUnknown")
            try add(&requests.bytesOut, report.requests.bytesOut, "requests.bytesOut")
            try add(&requests.bytesIn, report.requests.bytesIn, "requests.bytesIn")
            for (status, count) in report.requests.byStatus {
                try add(&requests.byStatus[status, default: 0], count, "requests.byStatus[\(status)]")
            }
            try add(&dropped, report.schedule.dropped, "schedule.dropped")
            try add(&queuedAtStop, report.schedule.queuedAtStop, "schedule.queuedAtStop")
            try add(&queuedWithoutEvent, report.schedule.queuedWithoutEvent, "schedule.queuedWithoutEvent")
            target += report.schedule.targetRequestsPerSecond
            for error in report.errors {
                if var known = errors[error.class] {
                    try add(&known.count, error.count, "errors[\(error.class)].count")
                    errors[error.class] = known
                } else {
                    errors[error.class] = error
                    errorOrder.append(error.class)
                }
            }
            let shift = Int((starts[index] - mergedStart).rounded())
            for interval in report.intervals {
                let field = "intervals[second \(interval.second)]"
                let histogram = try self.decode(interval.histogram, field + ".histogram", name(index))
                let (second, overflow) = interval.second.addingReportingOverflow(shift)
                guard !overflow else { throw MergeError("\(name(index)): \(field) is out of range") }
                if var entry = seconds[second] {
                    try add(&entry.requests, interval.requests, field + ".requests")
                    try add(&entry.accepted, interval.accepted, field + ".accepted")
                    try add(&entry.errors, interval.errors, field + ".errors")
                    try self.add(histogram, to: &entry.histogram, field + ".histogram", (name(0), name(index)))
                    seconds[second] = entry
                } else {
                    seconds[second] = (interval.requests, interval.accepted, interval.errors, histogram)
                }
            }
        }
        let intervals = seconds.keys.sorted().map { second -> IntervalSample in
            let entry = seconds[second]!
            return IntervalSample(
                second: second, requests: entry.requests, accepted: entry.accepted, errors: entry.errors,
                latency: LatencySummary(microseconds: entry.histogram),
                histogram: HdrWireFormat.base64Compressed(entry.histogram))
        }
        let errorList = errorOrder.map { errors[$0]! }.enumerated()
            .sorted {
                $0.element.count != $1.element.count ? $0.element.count > $1.element.count : $0.offset < $1.offset
            }
            .map(\.element)

        var configuration = first.configuration
        configuration.concurrency =
            self.total(reports.map(\.configuration.concurrency)) ?? first.configuration.concurrency
        let rates = reports.compactMap(\.configuration.rate)
        if shardPlan == nil {
            configuration.rate = rates.count == reports.count ? rates.reduce(0, +) : first.configuration.rate
        } else {
            // Each shard records its share of the cap and of the request bound.
            configuration.maxInFlight =
                self.total(reports.map(\.configuration.maxInFlight)) ?? first.configuration.maxInFlight
            let bounds = reports.compactMap(\.configuration.requests)
            if bounds.count == reports.count {
                configuration.requests = self.total(bounds) ?? first.configuration.requests
            }
        }
        let stopReason =
            reports.first { $0.stopReason == .interrupted || $0.stopReason == .unreachable }?.stopReason
            ?? first.stopReason

        var merged = RunReport(
            schemaVersion: first.schemaVersion, tool: first.tool, configuration: configuration,
            startedAt: RFC3339.format((mergedStart * 1000).rounded() / 1000),
            endedAt: RFC3339.format((mergedEnd * 1000).rounded() / 1000), durationSeconds: duration,
            stopReason: stopReason, events: events, requests: requests,
            latency: LatencyPair(
                corrected: LatencySummary(microseconds: corrected),
                uncorrected: LatencySummary(microseconds: uncorrected)),
            throughput: Throughput(
                requestsPerSecond: duration > 0 ? Double(requests.completed) / duration : 0,
                eventsPerSecond: duration > 0 ? Double(events.sent) / duration : 0),
            schedule: ScheduleSummary(
                lag: LatencySummary(microseconds: lag), dropped: dropped, targetRequestsPerSecond: target,
                queuedAtStop: queuedAtStop, queuedWithoutEvent: queuedWithoutEvent),
            errors: errorList, intervals: intervals,
            histograms: EncodedHistograms(
                unit: first.histograms.unit, corrected: HdrWireFormat.base64Compressed(corrected),
                uncorrected: HdrWireFormat.base64Compressed(uncorrected),
                scheduleLag: HdrWireFormat.base64Compressed(lag)))
        if let shardPlan {
            merged.runId = shardPlan.runId
            merged.shards = self.shardRows(reports, name: name)
        } else if Set(reports.map(\.runId)).count == 1 {
            merged.runId = first.runId
        }
        return merged
    }

    /// The sum of settings read from files, or nil past `Int.max` (the first report's figure is kept
    /// then, rather than trap).
    static func total(_ values: [Int]) -> Int? {
        var sum = 0
        for value in values {
            let (next, overflow) = sum.addingReportingOverflow(value)
            if overflow { return nil }
            sum = next
        }
        return sum
    }

    private static func decode(_ text: String, _ field: String, _ source: String) throws -> Histogram<UInt64> {
        do {
            return try HdrWireFormat.decode(base64: text)
        } catch {
            throw MergeError("\(source): \(field): \(error)")
        }
    }

    /// Adds `other` into `total` (HdrHistogram's exact `add`), which traps on histograms of different
    /// layouts: these are an error naming both files instead, as is a total count past 64 bits.
    static func add(
        _ other: Histogram<UInt64>, to total: inout Histogram<UInt64>, _ field: String, _ files: (String, String)
    ) throws {
        guard other.numberOfSignificantValueDigits == total.numberOfSignificantValueDigits,
            other.lowestDiscernibleValue == total.lowestDiscernibleValue
        else {
            throw MergeError(
                "\(field) of \(files.0) and \(files.1) have different layouts "
                    + "(\(total.numberOfSignificantValueDigits.rawValue) and \(other.numberOfSignificantValueDigits.rawValue) significant digits, "
                    + "lowest discernible values \(total.lowestDiscernibleValue) and \(other.lowestDiscernibleValue)), so they cannot be added exactly; "
                    + "merge reports written with the same histogram settings")
        }
        guard !total.totalCount.addingReportingOverflow(other.totalCount).overflow else {
            throw MergeError("\(field) of \(files.0) and \(files.1): the merged count overflows 64 bits")
        }
        if !total.autoResize, other.maxRecorded > total.highestTrackableValue { total.autoResize = true }
        total.add(other)
    }
}

/// Reports that cannot be merged, and why.
extension RunReportMerger {
    /// The first report (in start order) that starts after every earlier one has ended, with the
    /// idle seconds before it; nil when the spans overlap into one.
    static func firstGap(reports: [RunReport], starts: [Double]) -> (index: Int, seconds: Double)? {
        let order = starts.indices.sorted { starts[$0] < starts[$1] }
        guard let first = order.first else { return nil }
        var end = starts[first] + reports[first].durationSeconds
        for index in order.dropFirst() {
            // Start times are written to the millisecond: a gap below that is no gap.
            if starts[index] - end > 0.001 { return (index, starts[index] - end) }
            end = max(end, starts[index] + reports[index].durationSeconds)
        }
        return nil
    }
}

public struct MergeError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public var problem: String

    /// Creates an error.
    public init(_ problem: String) {
        self.problem = problem
    }

    public var description: String { "cannot merge: \(self.problem)" }
}
