/// Why a run that ended without a crash still failed: a run that read no event, or one in which
/// the inlet accepted nothing, tells the user nothing about the inlet and must not exit 0.
public enum RunFailure: Equatable, Sendable {
    /// The corpus yielded no readable event: nothing was planned. `unreadable` events were skipped
    /// by the reader, `sample` is its first located error.
    case noReadableEvent(unreadable: Int, sample: String?)
    /// Events were sent and answered, and the inlet accepted none; `reason` is the most frequent
    /// error's sample in one readable line.
    case nothingAccepted(sent: Int, reason: String?)

    /// The failure `report` shows, if any. A run stopped by the user before any answer came back
    /// (`interrupted` with no completed request) is not counted as a failure of the inlet.
    public static func check(_ report: RunReport) -> RunFailure? {
        let corpus = report.errors.first { $0.class == "corpus" }
        if report.events.planned == 0 {
            return .noReadableEvent(unreadable: corpus?.count ?? 0, sample: corpus?.sample)
        }
        guard report.events.sent > 0, report.events.accepted == 0 else { return nil }
        if report.stopReason == .interrupted && report.requests.completed == 0 { return nil }
        let top = report.errors.first { $0.class != "corpus" }
        // The whole message: it is the one line that says why the run failed.
        return .nothingAccepted(
            sent: report.events.sent, reason: top.map { ErrorSampleText.oneLine($0.sample, limit: 1000) })
    }

    /// What to print, on one line per fact.
    public var message: String {
        switch self {
        case .noReadableEvent(let unreadable, let sample):
            if unreadable == 0 { return "the corpus holds no event: nothing was sent (check --corpus)" }
            return
                "the corpus yielded no readable event (\(unreadable) unreadable): nothing was sent; first: \(sample ?? "?")"
        case .nothingAccepted(let sent, let reason):
            return "no event was accepted (\(sent) sent)" + (reason.map { "; the inlet said: \($0)" } ?? "")
        }
    }
}
