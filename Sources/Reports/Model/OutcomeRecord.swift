/// One line of `outcomes.jsonl.gz` (`run --outcomes`): a planned event, where it came from, and how it
/// ended. `reconcile` reads these and compares them, per key, with what the inlet stored.
///
/// ```json
/// {"attempts":2,"file":"events.jsonl.gz","key":"9f1c…","keyKind":"uniqueId","line":17,"outcome":"accepted","status":200,"unanswered":1}
/// ```
public struct OutcomeRecord: Codable, Sendable, Equatable {
    /// The event's key: its `uniqueId`, else its source location `file:line`.
    public var key: String
    /// `uniqueId` or `location` (the event has no `uniqueId`; such events cannot be matched to records).
    public var keyKind: KeyKind
    /// The corpus file the event was read from.
    public var file: String
    /// Its line (1-based) in that file.
    public var line: Int
    /// The event's final outcome.
    public var outcome: EventOutcome
    /// Attempts of the request that carried it (0 when unsent).
    public var attempts: Int
    /// Attempts written that got no answer: each may have stored the event once.
    public var unanswered: Int
    /// HTTP status of the last answer, when one came.
    public var status: Int?

    public init(
        key: String, keyKind: KeyKind, file: String, line: Int, outcome: EventOutcome, attempts: Int,
        unanswered: Int, status: Int?
    ) {
        self.key = key
        self.keyKind = keyKind
        self.file = file
        self.line = line
        self.outcome = outcome
        self.attempts = attempts
        self.unanswered = unanswered
        self.status = status
    }

    /// How an event is keyed.
    public enum KeyKind: String, Codable, Sendable {
        case uniqueId
        case location
    }
}

/// The final outcome of one planned event (docs/REPORT.md, "Accounting").
public enum EventOutcome: String, Codable, Sendable, CaseIterable {
    case accepted, rejected, failed, unknown, unsent
}
