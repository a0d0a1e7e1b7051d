import ReplayCommon
import Reports

/// What an answered attempt means for the events it carried. Pure, so the rules are tested directly.
public struct AttemptVerdict: Equatable, Sendable {
    /// Events accepted.
    public var accepted: Int
    /// Events refused (4xx, or failing entries of a 207).
    public var rejected: Int
    /// Events failed (5xx and other non-retryable failures); retryable answers are `retryable` instead.
    public var failed: Int
    /// Events the answer leaves open: a 207 that cannot be read, or that does not list them (the inlet
    /// may have stored them).
    public var unknown: Int
    /// The errors to count: class, occurrences, sample text.
    public var errors: [CountedError]
    /// A 207's outcome of each message, in order (nil: every message shares the one outcome the counts give).
    public var perMessage: [EventOutcome]?
    /// The attempt may be retried (a status the retry policy retries) if retries remain; if none remain, count `failed`.
    public var retryable: Bool

    public init(
        accepted: Int = 0, rejected: Int = 0, failed: Int = 0, unknown: Int = 0, errors: [CountedError] = [],
        retryable: Bool = false
    ) {
        self.accepted = accepted
        self.rejected = rejected
        self.failed = failed
        self.unknown = unknown
        self.errors = errors
        self.retryable = retryable
    }
}

extension AttemptVerdict {
    /// The outcome of message `index`: its own in a 207, else the one the counts give.
    func outcome(ofMessage index: Int) -> EventOutcome {
        if let perMessage = self.perMessage, index < perMessage.count { return perMessage[index] }
        if self.accepted > 0 { return .accepted }
        if self.rejected > 0 { return .rejected }
        if self.failed > 0 { return .failed }
        return .unknown
    }
}

/// An error class with a count and one sample.
public struct CountedError: Equatable, Sendable {
    public var errorClass: ErrorClass
    public var count: Int
    public var sample: String
}

/// Classifies answers: 2xx accepted (a 207 per message; messages it does not account for are unknown),
/// the retry policy's statuses (429 and 503 by default) retryable, other 4xx rejected, other statuses failed.
public enum AttemptClassifier {
    /// The verdict for an answer with `status` and `body` to a request carrying `events` messages.
    public static func classify(
        status: Int, body: [UInt8]?, events: Int, retry: RetryPolicy = RetryPolicy(),
        origin: @autoclosure () -> String
    ) -> AttemptVerdict {
        if status >= 200, status < 300, status != 207 { return AttemptVerdict(accepted: events) }
        let origin = origin()
        if status == 207 {
            guard let body, let entries = BatchAnswer.parse(body) else {
                return AttemptVerdict(
                    unknown: events,
                    errors: [
                        CountedError(
                            errorClass: .protocolError, count: 1,
                            sample: "\(origin): 207 answer without a readable responses array: \(Self.text(body))")
                    ])
            }
            var verdict = AttemptVerdict()
            var byClass: [ErrorClass: CountedError] = [:]
            var perMessage = [EventOutcome](repeating: .unknown, count: events)
            for (index, entry) in entries.prefix(events).enumerated() {
                if entry.accepted {
                    verdict.accepted += 1
                    perMessage[index] = .accepted
                } else {
                    verdict.rejected += 1
                    perMessage[index] = .rejected
                    let cls = ErrorClass.message(entry.status ?? 0)
                    if byClass[cls] == nil {
                        byClass[cls] = CountedError(
                            errorClass: cls, count: 0,
                            sample: "\(origin) message \(index): \(entry.message ?? "(no message)")")
                    }
                    byClass[cls]!.count += 1
                }
            }
            if entries.count < events {
                // Messages the answer does not mention have no known outcome.
                verdict.unknown += events - entries.count
                byClass[.protocolError] = CountedError(
                    errorClass: .protocolError, count: 1,
                    sample: "\(origin): 207 answer lists \(entries.count) of \(events) messages")
            }
            verdict.errors = byClass.values.sorted { $0.errorClass.name < $1.errorClass.name }
            verdict.perMessage = perMessage
            return verdict
        }
        if status >= 200, status < 300 { return AttemptVerdict(accepted: events) }
        let error = CountedError(errorClass: .http(status), count: 1, sample: "\(origin): \(status) \(Self.text(body))")
        if retry.isRetryable(status: status) { return AttemptVerdict(failed: events, errors: [error], retryable: true) }
        if status >= 400, status < 500 { return AttemptVerdict(rejected: events, errors: [error]) }
        return AttemptVerdict(failed: events, errors: [error])
    }

    /// A body as sample text, cut to 512 bytes.
    static func text(_ body: [UInt8]?) -> String {
        guard let body, !body.isEmpty else { return "" }
        let cut = body.prefix(512)
        return String(decoding: cut, as: UTF8.self) + (body.count > 512 ? "…" : "")
    }
}
