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
/// - Configuration is the first report's, with `concurrency` and `rate` summed over the shards.
public enum RunReportMerger {
    /// Merges reports; throws when there are none, or when they cannot be merged exactly.
    ///
    /// Shards run side by side, so their spans overlap: a report that starts after all the ones
    /// before it have ended is refused unless `sequential` says the runs ran one after the other
    /// (the idle time between them then counts in the merged duration, at zero).
    public static func merge(_ reports: [RunReport], sequential: Bool = false) throws -> RunReport {
        guard let first = reports.first else { throw MergeError("nothing to merge: give at least one report.json") }
        for report in reports {
            guard report.schemaVersion == first.schemaVersion else {
                throw MergeError("reports have schema versions \(first.schemaVersion) and \(report.schemaVersion); re-render them with the same pendo-replay version")
            }
            guard report.histograms.unit == first.histograms.unit else {
                throw MergeError("histogram units differ (\(first.histograms.unit) and \(report.histograms.unit))")
            }
        }
        let starts = try reports.enumerated().map { index, report -> Double in
            guard let start = RFC3339.epochSeconds(report.startedAt) else {
                throw MergeError("report \(index + 1): startedAt '\(report.startedAt)' is not an RFC 3339 time")
            }
            return start
        }
        if !sequential, let gap = self.firstGap(reports: reports, starts: starts) {
            throw MergeError("report \(gap.index + 1) started \(ThresholdFormat.number(gap.seconds, fractionDigits: 1)) s after the reports before it had ended: "
                + "these runs did not overlap in time, so they are not shards of one load test; give --sequential to merge runs made one after the other")
        }
        let mergedStart = starts.min()!
        let mergedEnd = zip(reports, starts).map { $0.1 + $0.0.durationSeconds }.max()!
        let duration = mergedEnd - mergedStart

        var corrected = try self.decode(first.histograms.corrected, "histograms.corrected", 0)
        var uncorrected = try self.decode(first.histograms.uncorrected, "histograms.uncorrected", 0)
        var lag = try self.decode(first.histograms.scheduleLag, "histograms.scheduleLag", 0)
        for (index, report) in reports.enumerated().dropFirst() {
            corrected.add(try self.decode(report.histograms.corrected, "histograms.corrected", index))
            uncorrected.add(try self.decode(report.histograms.uncorrected, "histograms.uncorrected", index))
            lag.add(try self.decode(report.histograms.scheduleLag, "histograms.scheduleLag", index))
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
            events.planned += report.events.planned
            events.sent += report.events.sent
            events.accepted += report.events.accepted
            events.rejected += report.events.rejected
            events.failed += report.events.failed
            events.unknown += report.events.unknown
            events.unsent += report.events.unsent
            requests.sent += report.requests.sent
            requests.completed += report.requests.completed
            requests.attempts += report.requests.attempts
            requests.retries += report.requests.retries
            requests.retriedAfterUnknown += report.requests.retriedAfterUnknown
            requests.bytesOut += report.requests.bytesOut
            requests.bytesIn += report.requests.bytesIn
            for (status, count) in report.requests.byStatus { requests.byStatus[status, default: 0] += count }
            dropped += report.schedule.dropped
            queuedAtStop += report.schedule.queuedAtStop
            queuedWithoutEvent += report.schedule.queuedWithoutEvent
            target += report.schedule.targetRequestsPerSecond
            for error in report.errors {
                if var known = errors[error.class] {
                    known.count += error.count
                    errors[error.class] = known
                } else {
                    errors[error.class] = error
                    errorOrder.append(error.class)
                }
            }
            let shift = Int((starts[index] - mergedStart).rounded())
            for interval in report.intervals {
                let histogram = try self.decode(interval.histogram, "intervals[second \(interval.second)].histogram", index)
                let second = interval.second + shift
                if var entry = seconds[second] {
                    entry.requests += interval.requests
                    entry.accepted += interval.accepted
                    entry.errors += interval.errors
                    entry.histogram.add(histogram)
                    seconds[second] = entry
                } else {
                    seconds[second] = (interval.requests, interval.accepted, interval.errors, histogram)
                }
            }
        }
        let intervals = seconds.keys.sorted().map { second -> IntervalSample in
            let entry = seconds[second]!
            return IntervalSample(second: second, requests: entry.requests, accepted: entry.accepted, errors: entry.errors,
                                  latency: LatencySummary(microseconds: entry.histogram),
                                  histogram: HdrWireFormat.base64Compressed(entry.histogram))
        }
        let errorList = errorOrder.map { errors[$0]! }.enumerated()
            .sorted { $0.element.count != $1.element.count ? $0.element.count > $1.element.count : $0.offset < $1.offset }
            .map(\.element)

        var configuration = first.configuration
        configuration.concurrency = reports.reduce(0) { $0 + $1.configuration.concurrency }
        let rates = reports.compactMap(\.configuration.rate)
        configuration.rate = rates.count == reports.count ? rates.reduce(0, +) : first.configuration.rate
        let stopReason = reports.first { $0.stopReason == .interrupted || $0.stopReason == .unreachable }?.stopReason ?? first.stopReason

        return RunReport(
            schemaVersion: first.schemaVersion, tool: first.tool, configuration: configuration,
            startedAt: RFC3339.format((mergedStart * 1000).rounded() / 1000), endedAt: RFC3339.format((mergedEnd * 1000).rounded() / 1000), durationSeconds: duration,
            stopReason: stopReason, events: events, requests: requests,
            latency: LatencyPair(corrected: LatencySummary(microseconds: corrected), uncorrected: LatencySummary(microseconds: uncorrected)),
            throughput: Throughput(requestsPerSecond: duration > 0 ? Double(requests.completed) / duration : 0,
                                   eventsPerSecond: duration > 0 ? Double(events.sent) / duration : 0),
            schedule: ScheduleSummary(lag: LatencySummary(microseconds: lag), dropped: dropped, targetRequestsPerSecond: target,
                                      queuedAtStop: queuedAtStop, queuedWithoutEvent: queuedWithoutEvent),
            errors: errorList, intervals: intervals,
            histograms: EncodedHistograms(unit: first.histograms.unit, corrected: HdrWireFormat.base64Compressed(corrected),
                                          uncorrected: HdrWireFormat.base64Compressed(uncorrected),
                                          scheduleLag: HdrWireFormat.base64Compressed(lag)))
    }

    private static func decode(_ text: String, _ field: String, _ index: Int) throws -> Histogram<UInt64> {
        do {
            return try HdrWireFormat.decode(base64: text)
        } catch {
            throw MergeError("report \(index + 1): \(field): \(error)")
        }
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
