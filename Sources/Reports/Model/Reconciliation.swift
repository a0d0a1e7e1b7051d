/// The `reconciliation` section of `report.json`: what the inlet stored, compared with what the run
/// says it accepted. Per event (`method: perEvent`) when the run wrote `outcomes.jsonl.gz` and the
/// store can be read (the emulator); by counts (`method: counts`) against a real platform, where
/// only the flow's `/runs` record summary exists, read before and after the run.
public struct Reconciliation: Codable, Sendable, Equatable {
    /// How the comparison was made.
    public enum Method: String, Codable, Sendable {
        case perEvent
        case counts
    }

    public var method: Method
    /// Whether nothing accepted is missing, nothing rejected or failed was stored, and every duplicate
    /// is explained by a retry after an unanswered attempt (per event); whether the flow's new records
    /// equal the accepted events (counts).
    public var holds: Bool
    /// Per event: the comparison by key.
    public var perEvent: PerEventReconciliation?
    /// Counts: the flow's record summary before and after the run.
    public var counts: CountReconciliation?
    /// Why it could not be done per event, when it was not.
    public var note: String?

    public init(
        method: Method, holds: Bool, perEvent: PerEventReconciliation? = nil, counts: CountReconciliation? = nil,
        note: String? = nil
    ) {
        self.method = method
        self.holds = holds
        self.perEvent = perEvent
        self.counts = counts
        self.note = note
    }

    /// Events stored by the inlet, as far as this reconciliation can tell (for `stored==accepted`).
    public var stored: Int? {
        if let perEvent { return perEvent.stored }
        return self.counts?.inputDifference
    }
}

/// Outcomes compared with stored records, key by key (`reconcile`).
public struct PerEventReconciliation: Codable, Sendable, Equatable {
    /// Planned events read from `outcomes.jsonl.gz`, by final outcome.
    public var outcomes: [String: Int]
    /// Planned events keyed by `uniqueId` (the rest, keyed by location, cannot be matched to records).
    public var keyed: Int
    /// Records the store holds for the flow.
    public var stored: Int
    /// Stored records without the key (not matched).
    public var storedWithoutKey: Int
    /// Accepted events with no stored record: data loss, must be 0.
    public var acceptedMissing: Int
    /// Copies stored beyond one per event.
    public var duplicates: Int
    /// Of `duplicates`, those a retry after an unanswered attempt explains (the inlet is at-least-once).
    public var duplicatesExplained: Int
    /// Events whose outcome is `unknown` that were stored (the attempt reached the inlet).
    public var storedAlthoughUnknown: Int
    /// Events whose outcome is `unknown` that were not stored.
    public var unknownNotStored: Int
    /// Events `rejected` or `failed` that were stored anyway: must be 0.
    public var storedAlthoughRejectedOrFailed: Int
    /// Stored records whose key no planned event has (another run on the same flow, or a harness bug).
    public var storedUnplanned: Int
    /// Some keys of each problem, for a first look.
    public var samples: [String: [String]]

    public init(
        outcomes: [String: Int] = [:], keyed: Int = 0, stored: Int = 0, storedWithoutKey: Int = 0,
        acceptedMissing: Int = 0,
        duplicates: Int = 0, duplicatesExplained: Int = 0, storedAlthoughUnknown: Int = 0, unknownNotStored: Int = 0,
        storedAlthoughRejectedOrFailed: Int = 0, storedUnplanned: Int = 0, samples: [String: [String]] = [:]
    ) {
        self.outcomes = outcomes
        self.keyed = keyed
        self.stored = stored
        self.storedWithoutKey = storedWithoutKey
        self.acceptedMissing = acceptedMissing
        self.duplicates = duplicates
        self.duplicatesExplained = duplicatesExplained
        self.storedAlthoughUnknown = storedAlthoughUnknown
        self.unknownNotStored = unknownNotStored
        self.storedAlthoughRejectedOrFailed = storedAlthoughRejectedOrFailed
        self.storedUnplanned = storedUnplanned
        self.samples = samples
    }

    /// Duplicates no retry after an unanswered attempt explains.
    public var duplicatesUnexplained: Int { self.duplicates - self.duplicatesExplained }

    /// No loss, nothing stored that the inlet refused, every duplicate explained.
    public var holds: Bool {
        self.acceptedMissing == 0 && self.storedAlthoughRejectedOrFailed == 0 && self.duplicatesUnexplained == 0
    }
}

/// The flow's `/runs` record summary before and after the run (the counts are cumulative per flow).
public struct CountReconciliation: Codable, Sendable, Equatable {
    /// Read before the first send; nil when it could not be read.
    public var before: PlatformRecordSummary?
    /// Read after the run.
    public var after: PlatformRecordSummary?
    /// Events the run says were accepted.
    public var accepted: Int
    /// Events the run left unknown (they may or may not be among the new records).
    public var unknown: Int
    /// Retries sent after an unanswered attempt (each may have added a duplicate record).
    public var retriedAfterUnknown: Int

    public init(
        before: PlatformRecordSummary?, after: PlatformRecordSummary?, accepted: Int, unknown: Int,
        retriedAfterUnknown: Int
    ) {
        self.before = before
        self.after = after
        self.accepted = accepted
        self.unknown = unknown
        self.retriedAfterUnknown = retriedAfterUnknown
    }

    /// Records the flow received during the run: after minus before.
    public var inputDifference: Int? {
        guard let after = self.after else { return nil }
        return after.inputRecordCount - (self.before?.inputRecordCount ?? 0)
    }

    /// Whether the new records lie between the accepted events and the accepted plus unknown events
    /// plus the retries after no answer (possible duplicates).
    public var holds: Bool {
        guard let difference = self.inputDifference else { return false }
        return difference >= self.accepted && difference <= self.accepted + self.unknown + self.retriedAfterUnknown
    }
}
