/// Compares planned events' outcomes with the records an inlet stored, key by key. Pure: the
/// caller streams `OutcomeRecord`s in (from `outcomes.jsonl.gz`) and gives the stored counts per key
/// (from the emulator's store). Memory grows with the distinct keys, not with the lines.
///
/// Per key, with A accepted, U unknown and R rejected or failed events, N attempts written and never
/// answered (each may have stored the event once more) and S stored records:
/// - `max(0, A - S)` accepted events are missing (data loss);
/// - of the records beyond A, up to U are unknown events that reached the inlet, then up to the
///   extra copies unanswered attempts explain are explained duplicates; anything left is stored
///   although rejected or failed (when R > 0) or an unexplained duplicate.
/// With `--loop`, one key has several events; the rule is the same over their sums.
public struct Reconciler: Sendable {
    struct Tally {
        var accepted: Int32 = 0
        var unknown: Int32 = 0
        var rejectedOrFailed: Int32 = 0
        var unsent: Int32 = 0
        /// Extra copies unanswered attempts may have stored beyond one per accepted or unknown event.
        var extraCopies: Int32 = 0
    }

    /// How many keys of each problem the result names.
    public static let sampleLimit = 5

    private var tallies: [String: Tally] = [:]
    private var outcomes: [String: Int] = [:]
    private var keyed = 0

    public init() {}

    /// Adds one planned event.
    public mutating func add(_ record: OutcomeRecord) {
        self.outcomes[record.outcome.rawValue, default: 0] += 1
        guard record.keyKind == .uniqueId else { return }
        self.keyed += 1
        var tally = self.tallies[record.key] ?? Tally()
        let unanswered = Int32(clamping: max(0, record.unanswered))
        switch record.outcome {
        case .accepted:
            tally.accepted += 1
            tally.extraCopies += unanswered
        case .unknown:
            tally.unknown += 1
            // The first unanswered attempt is the "stored although unknown" copy; later ones are extra.
            tally.extraCopies += max(0, unanswered - 1)
        case .rejected, .failed:
            tally.rejectedOrFailed += 1
        case .unsent:
            tally.unsent += 1
        }
        self.tallies[record.key] = tally
    }

    /// The comparison with `stored` (records per key) and `storedWithoutKey` (records the key could not
    /// be read from).
    public func result(stored: [String: Int], storedWithoutKey: Int) -> PerEventReconciliation {
        var out = PerEventReconciliation(
            outcomes: self.outcomes, keyed: self.keyed,
            stored: stored.values.reduce(storedWithoutKey, +), storedWithoutKey: storedWithoutKey)
        var samples: [String: [String]] = [:]
        func note(_ problem: String, _ key: String) {
            if samples[problem, default: []].count < Self.sampleLimit { samples[problem, default: []].append(key) }
        }
        // Sorted, so that the samples (and the whole result) do not depend on hashing order.
        for key in self.tallies.keys.sorted() {
            let tally = self.tallies[key]!
            let accepted = Int(tally.accepted)
            let unknown = Int(tally.unknown)
            let copies = stored[key] ?? 0
            let missing = max(0, accepted - copies)
            if missing > 0 {
                out.acceptedMissing += missing
                note("acceptedMissing", key)
            }
            var rest = max(0, copies - accepted)
            let fromUnknown = min(rest, unknown)
            out.storedAlthoughUnknown += fromUnknown
            out.unknownNotStored += unknown - fromUnknown
            rest -= fromUnknown
            let explained = min(rest, Int(tally.extraCopies))
            out.duplicates += explained
            out.duplicatesExplained += explained
            rest -= explained
            guard rest > 0 else { continue }
            let refused = min(rest, Int(tally.rejectedOrFailed))
            if refused > 0 {
                out.storedAlthoughRejectedOrFailed += refused
                note("storedAlthoughRejectedOrFailed", key)
                rest -= refused
            }
            if rest > 0 {
                if accepted + unknown > 0 {
                    out.duplicates += rest
                    note("duplicatesUnexplained", key)
                } else {
                    out.storedUnplanned += rest
                    note("storedUnplanned", key)
                }
            }
        }
        for key in stored.keys.sorted() where self.tallies[key] == nil {
            out.storedUnplanned += stored[key]!
            note("storedUnplanned", key)
        }
        out.samples = samples
        return out
    }
}
