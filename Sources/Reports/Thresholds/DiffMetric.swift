/// The metrics `pendo-replay diff --allow` names (docs/DIFF.md): counts of events, fields,
/// reasons and ids from `diff.json`, and `changed`, the share of events whose outcome differs.
public enum DiffMetric: String, Sendable, CaseIterable, Hashable {
    /// Events whose outcome differs in any way (`events.differing`), as a share of `total`.
    case changed
    /// Events compared.
    case total
    /// Events both sets store as equal records.
    case identical
    /// Events whose outcome differs in any way (a count; `changed` is the share).
    case differing
    /// Events both sets store with records that differ (`events.changed`).
    case changedRecords = "changed_records"
    /// Events the old set stores and the new one rejects.
    case rejectedNew = "rejected_new"
    /// Events the old set rejects and the new one stores.
    case mappedNew = "mapped_new"
    /// Events both sets reject (for whatever reasons).
    case bothRejected = "both_rejected"
    /// Events both sets reject, for different reasons.
    case reasonChanged = "reason_changed"
    /// Rejection reasons (code, rule, path) the new set gives and the old one never does.
    case newRejectionReasons = "new_rejection_reasons"
    /// Warnings (fields dropped) of kinds (code, path) the old set never gives, counted on the new side.
    case newWarnings = "new_warnings"
    /// Leaf paths that differ in at least one record.
    case fieldsChanged = "fields_changed"
    /// New records whose `_id` is absent, null or empty.
    case emptyIds = "empty_ids"
    /// New records whose `_id` an earlier new record already had.
    case repeatedIds = "repeated_ids"
    /// Events the corpus reader could not deliver.
    case unreadable

    /// What the metric measures.
    public var kind: MetricKind { self == .changed ? .ratio : .count }
}

/// Which metrics a threshold may name: a load run's (`run --threshold`, the default) or a
/// mapping diff's (`diff --allow`).
public enum ThresholdVocabulary: Sendable, Equatable {
    case run
    case diff
}
