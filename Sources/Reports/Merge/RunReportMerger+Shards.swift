/// The shard rules of `report merge`: reports of `run --shard K/N` are merged only as one whole run.
extension RunReportMerger {
    /// What the reports say about their sharding, once checked.
    struct ShardPlan: Equatable {
        /// The run id they share (nil: none was given to any of them).
        var runId: String?
        /// Shards in the run.
        var count: Int
        /// The shard indices absent from the inputs (only with `allowMissing`).
        var missing: [Int]
    }

    /// Checks that reports carrying a shard are the shards of one run: all of them shards, one run id,
    /// one shard count, no shard twice, and none missing unless `allowMissing`. Nil when no report is a
    /// shard (runs merged as before). The errors name the files.
    static func shardPlan(_ reports: [RunReport], name: (Int) -> String, allowMissing: Bool) throws -> ShardPlan? {
        guard let firstSharded = reports.firstIndex(where: { $0.shard != nil }) else {
            if allowMissing {
                throw MergeError(
                    "--allow-missing applies to shards of one run (run --shard K/N), and none of these reports is a shard"
                )
            }
            return nil
        }
        let reference = reports[firstSharded]
        let count = reference.shard!.count
        var seen: [Int: Int] = [:]
        for (index, report) in reports.enumerated() {
            guard let shard = report.shard else {
                throw MergeError(
                    "\(name(firstSharded)) is shard \(reference.shard!) of a sharded run and \(name(index)) is no shard: "
                        + "merge the shards of one run alone")
            }
            guard report.runId == reference.runId else {
                throw MergeError(
                    "\(name(firstSharded)) is of run '\(reference.runId ?? "(no id)")' and \(name(index)) of run '\(report.runId ?? "(no id)")': "
                        + "shards merge only with the shards of their own run (the same --run-id)")
            }
            guard shard.count == count else {
                throw MergeError(
                    "\(name(firstSharded)) is shard \(reference.shard!) and \(name(index)) is shard \(shard): "
                        + "the shards of one run share their count N")
            }
            if let earlier = seen[shard.index] {
                throw MergeError(
                    "shard \(shard) is given twice (\(name(earlier)) and \(name(index))): give each shard's report once"
                )
            }
            seen[shard.index] = index
        }
        let missing = (0..<count).filter { seen[$0] == nil }
        if !missing.isEmpty, !allowMissing {
            throw MergeError(
                "run '\(reference.runId ?? "(no id)")' has \(count) shards and shard\(missing.count == 1 ? "" : "s") "
                    + "\(Self.list(missing)) of \(count) \(missing.count == 1 ? "is" : "are") missing: give every shard's report, "
                    + "or --allow-missing to merge what there is (the merged counts are then not the whole run's)")
        }
        return ShardPlan(runId: reference.runId, count: count, missing: missing)
    }

    /// One row per shard, in shard order.
    static func shardRows(_ reports: [RunReport], name: (Int) -> String) -> [ShardSummary] {
        reports.enumerated().compactMap { index, report -> ShardSummary? in
            guard let shard = report.shard else { return nil }
            return ShardSummary(
                shard: shard, source: name(index), startedAt: report.startedAt, durationSeconds: report.durationSeconds,
                events: report.events, requestsCompleted: report.requests.completed,
                requestsPerSecond: report.throughput.requestsPerSecond, correctedP99: report.latency.corrected.p99,
                lagP99: report.schedule.lag.p99, dropped: report.schedule.dropped,
                errors: report.errors.reduce(0) {
                    $0.addingReportingOverflow($1.count).overflow ? Int.max : $0 + $1.count
                })
        }.sorted { $0.shard.index < $1.shard.index }
    }

    /// `0, 2 and 5`.
    static func list(_ indices: [Int]) -> String {
        let names = indices.map(String.init)
        guard names.count > 1 else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " and " + names.last!
    }
}
