/// What a new mapping set changes against an old one, event by event and field by field: the
/// I/O-free core of `pendo-replay diff`. Each worker records the two outcomes of its events
/// (`record(old:new:event:)`) into a diff of its own; diffs are merged at the end.
///
/// Definitions (docs/DIFF.md):
/// - an event's *transition*: `identical` and `changed` (both sets store a record: equal or not,
///   leaving out ignored and non-deterministic paths), `mappedToRejected`, `rejectedToMapped`,
///   and rejected by both with the same reason (code, rule and path) or another;
/// - *fields*: the leaf paths of the records both sets store (scalars, and empty objects and
///   arrays); per record and leaf path: identical, changed (same JSON type, other value),
///   typeChanged (another JSON type, containers included), added (only in the new record) or
///   removed (only in the old one).
public struct MappingDiff: Sendable {
    /// One event's fate under the two mapping sets.
    public enum Transition: String, Sendable, CaseIterable {
        case identical, changed, mappedToRejected, rejectedToMapped, bothRejectedSameReason, bothRejectedOtherReason
    }

    /// How a leaf path differs in one record.
    public enum Change: String, Sendable, CaseIterable {
        case changed, typeChanged, added, removed
    }

    /// Counts of one leaf path over the records both sets store.
    public struct FieldCounts: Sendable, Hashable {
        public var identical = 0
        /// Indexed like `Change.allCases`.
        public var changes = [0, 0, 0, 0]
        /// Indexed like `Change.allCases`.
        public var samples = [SampleList<DiffSample>](repeating: SampleList(), count: 4)

        public subscript(change: Change) -> Int { self.changes[change.index] }
        /// Records where the path differs in any way.
        public var different: Int { self.changes.reduce(0, +) }
    }

    /// Counts of one rejection reason (`code rule path`) or warning (`code path`) on one side.
    public struct ReasonCounts: Sendable, Hashable {
        public var code: String
        /// The schema rule, for rejections; nil for warnings.
        public var rule: String?
        public var path: String
        public var count = 0
        /// The first message seen (in the order recorded).
        public var exampleMessage: String
        public var samples = SampleList<DiffSample>()
    }

    /// What one mapping set did with the corpus.
    public struct Side: Sendable {
        public var mapped = 0
        public var rejected = 0
        /// Fields dropped with a warning.
        public var warnings = 0
        /// Keyed by `code rule path`.
        public var rejections: [String: ReasonCounts] = [:]
        /// Keyed by `code path`.
        public var warningReasons: [String: ReasonCounts] = [:]
        /// Stored records whose `_id` is absent, null or empty.
        public var emptyIds = 0
        public var emptyIdSamples = SampleList<DiffSample>()
        /// The `_id`s of stored records, not yet handed out (`takeIdentities`).
        public var identities = IdentityRun()
    }

    public let options: DiffOptions
    var trie: FieldTrie
    /// By trie node.
    var fields: [FieldCounts] = [FieldCounts()]
    /// Indexed like `Transition.allCases`.
    public private(set) var transitions = Array(repeating: 0, count: Transition.allCases.count)
    public private(set) var transitionSamples = Array(
        repeating: SampleList<DiffSample>(), count: Transition.allCases.count)
    public internal(set) var old = Side()
    public internal(set) var new = Side()
    /// Events the corpus reader could not deliver (neither set saw them).
    public private(set) var unreadable = 0
    public private(set) var unreadableSamples: [String] = []

    // The event being compared, for samples.
    private var currentEvent = DiffEventReference(ordinal: 0, file: "", line: 0)
    private var currentKey: String?
    private var currentDifferences = 0

    public init(options: DiffOptions = DiffOptions()) {
        self.options = options
        self.trie = FieldTrie(ignoring: options.ignore + options.nonDeterministic)
    }

    public subscript(transition: Transition) -> Int { self.transitions[transition.index] }

    /// Events compared (both sets saw them).
    public var total: Int { self.transitions.reduce(0, +) }

    /// The counts of every leaf path seen (ignored paths left out), by path.
    public var fieldCounts: [String: FieldCounts] {
        var byPath: [String: FieldCounts] = [:]
        for node in 1..<min(self.trie.nodes.count, self.fields.count) where !self.trie.isIgnored(Int32(node)) {
            let counts = self.fields[node]
            if counts.identical == 0 && counts.different == 0 { continue }
            byPath[self.trie.path(of: Int32(node))] = counts
        }
        return byPath
    }

    /// Records one event's outcomes under the old and the new mapping set.
    public mutating func record(old: MapOutcome, new: MapOutcome, event: DiffEventReference) {
        self.currentEvent = event
        self.currentKey = Self.identity(of: new) ?? Self.identity(of: old)
        Self.tally(old, into: &self.old, event: event, key: self.currentKey, limit: self.options.samples)
        Self.tally(new, into: &self.new, event: event, key: self.currentKey, limit: self.options.samples)
        let transition: Transition
        self.currentDifferences = 0
        // One outcome at a time (a tuple of both would copy them).
        if case .mapped(let a, _) = old, case .mapped(let b, _) = new {
            // Equal records (most of them, when a change touches few events) are counted in one
            // walk of one side, without comparing leaf by leaf.
            if a == b {
                self.countIdentical(a, node: FieldTrie.root)
            } else {
                self.compare(a, b, node: FieldTrie.root)
            }
            transition = self.currentDifferences == 0 ? .identical : .changed
        } else if case .mapped = old {
            transition = .mappedToRejected
        } else if case .mapped = new {
            transition = .rejectedToMapped
        } else {
            // Both rejected.
            var same = false
            if case .rejected(let a) = old, case .rejected(let b) = new {
                same = a.code == b.code && a.rule == b.rule && a.path == b.path
            }
            transition = same ? .bothRejectedSameReason : .bothRejectedOtherReason
        }
        self.transitions[transition.index] += 1
        if transition != .identical {
            // The sample's texts are made only when it is kept.
            let key = self.currentKey
            let differences = self.currentDifferences
            self.transitionSamples[transition.index].offer(limit: self.options.samples) {
                let detail = Self.detail(transition, old: old, new: new, differences: differences)
                return DiffSample(event: event, key: key, old: detail.old, new: detail.new)
            }
        }
    }

    /// What a transition sample shows of the two outcomes.
    private static func detail(_ transition: Transition, old: MapOutcome, new: MapOutcome, differences: Int) -> (
        old: String?, new: String?
    ) {
        switch (old, new) {
        case (.mapped, .mapped): return (nil, transition == .changed ? "\(differences) field(s) differ" : nil)
        case (.mapped, .rejected(let r)): return (nil, r.description)
        case (.rejected(let r), .mapped): return (r.description, nil)
        case (.rejected(let a), .rejected(let b)): return (a.description, b.description)
        }
    }

    /// Records an event the reader could not deliver (`reference` names its file and line).
    public mutating func recordUnreadable(_ reference: String) {
        self.unreadable += 1
        if self.unreadableSamples.count < max(self.options.samples, 1) { self.unreadableSamples.append(reference) }
    }

    private static func tally(
        _ outcome: MapOutcome, into side: inout Side, event: DiffEventReference, key: String?, limit: Int
    ) {
        switch outcome {
        case .mapped(let record, let warnings):
            side.mapped += 1
            side.warnings += warnings.count
            for warning in warnings {
                let reason = "\(warning.code) \(warning.path)"
                var counts =
                    side.warningReasons[reason]
                    ?? ReasonCounts(
                        code: warning.code, rule: nil, path: warning.path, exampleMessage: warning.description)
                counts.count += 1
                counts.samples.offer(limit: limit) {
                    DiffSample(event: event, key: key, old: nil, new: warning.description)
                }
                side.warningReasons[reason] = counts
            }
            if let id = Self.identityValue(of: record) {
                side.identities.append(id, event: event)
            } else {
                side.emptyIds += 1
                side.emptyIdSamples.offer(limit: limit) { DiffSample(event: event, key: nil, old: nil, new: nil) }
            }
        case .rejected(let rejection):
            side.rejected += 1
            let reason = "\(rejection.code) \(rejection.rule.rawValue) \(rejection.path)"
            // Counted in place: one look-up, and no copy of the counts' samples.
            Self.count(
                &side.rejections[
                    reason,
                    default: ReasonCounts(
                        code: rejection.code, rule: rejection.rule.rawValue, path: rejection.path,
                        exampleMessage: rejection.message)
                ], limit: limit
            ) { DiffSample(event: event, key: key, old: nil, new: rejection.message) }
        }
    }

    private static func count(_ counts: inout ReasonCounts, limit: Int, _ sample: () -> DiffSample) {
        counts.count += 1
        counts.samples.offer(limit: limit, sample)
    }

    /// The `_id`s gathered on one side since the last call, sorted (a run for `IdentityRun.repeats`).
    public mutating func takeIdentities(old: Bool) -> [IdentityRun.Entry] {
        if old { return self.old.identities.take() }
        return self.new.identities.take()
    }

    /// Adds another worker's diff (made with the same options).
    public mutating func merge(_ other: MappingDiff) {
        let limit = self.options.samples
        for index in self.transitions.indices {
            self.transitions[index] += other.transitions[index]
            self.transitionSamples[index].merge(other.transitionSamples[index], limit: limit)
        }
        self.unreadable += other.unreadable
        self.unreadableSamples = Array((self.unreadableSamples + other.unreadableSamples).prefix(max(limit, 1)))
        Self.merge(&self.old, other.old, limit: limit)
        Self.merge(&self.new, other.new, limit: limit)
        // The other trie numbers its nodes its own way: map them by path.
        var mapped = [Int32](repeating: 0, count: other.trie.nodes.count)
        for node in 1..<other.trie.nodes.count {
            let theirs = other.trie.nodes[node]
            let parent = mapped[Int(theirs.parent)]
            let mine: Int32
            switch theirs.component {
            case .key(let key): mine = self.trie.child(parent, key: key)
            case .index(let index): mine = self.trie.child(parent, index: index)
            case .wildcard: continue
            }
            mapped[node] = mine
            guard node < other.fields.count else { continue }
            self.growFields()
            let counts = other.fields[node]
            self.fields[Int(mine)].identical += counts.identical
            for change in 0..<4 {
                self.fields[Int(mine)].changes[change] += counts.changes[change]
                self.fields[Int(mine)].samples[change].merge(counts.samples[change], limit: limit)
            }
        }
    }

    private static func merge(_ mine: inout Side, _ theirs: Side, limit: Int) {
        mine.mapped += theirs.mapped
        mine.rejected += theirs.rejected
        mine.warnings += theirs.warnings
        mine.emptyIds += theirs.emptyIds
        mine.emptyIdSamples.merge(theirs.emptyIdSamples, limit: limit)
        mine.identities.absorb(theirs.identities)
        for (key, counts) in theirs.rejections { Self.merge(&mine.rejections, key, counts, limit: limit) }
        for (key, counts) in theirs.warningReasons { Self.merge(&mine.warningReasons, key, counts, limit: limit) }
    }

    private static func merge(_ table: inout [String: ReasonCounts], _ key: String, _ counts: ReasonCounts, limit: Int)
    {
        guard var existing = table[key] else {
            table[key] = counts
            return
        }
        existing.count += counts.count
        // The example message of the earlier event.
        if let a = existing.samples.samples.first, let b = counts.samples.samples.first,
            b.event.ordinal < a.event.ordinal
        {
            existing.exampleMessage = counts.exampleMessage
        }
        existing.samples.merge(counts.samples, limit: limit)
        table[key] = existing
    }

    mutating func growFields() {
        if self.fields.count < self.trie.nodes.count {
            self.fields.append(
                contentsOf: repeatElement(FieldCounts(), count: self.trie.nodes.count - self.fields.count))
        }
    }

    // MARK: Comparing two records

    /// Compares the values at `node` on both sides and counts each leaf under it.
    mutating func compare(_ old: JSONValue, _ new: JSONValue, node: Int32) {
        if self.trie.isIgnored(node) { return }
        // One value at a time (a tuple of both would copy them).
        if case .object(let a) = old, case .object(let b) = new {
            if a.isEmpty && b.isEmpty { return self.countIdentical(node) }
            let ea = a.entries
            let eb = b.entries
            // A member the new record shares with the old one (`ValueHandOff`) is equal throughout.
            if Self.sameStorage(ea, eb) { return self.countIdentical(old, node: node) }
            // Records of one mapping set share their key order: compare in place when they do.
            if ea.count == eb.count && zip(ea, eb).allSatisfy({ $0.key == $1.key }) {
                for index in ea.indices {
                    let child = self.trie.child(node, key: ea[index].key, position: index)
                    self.compare(ea[index].value, eb[index].value, node: child)
                }
                return
            }
            var positions: [String: Int] = [:]
            positions.reserveCapacity(eb.count)
            for (index, entry) in eb.enumerated() where positions[entry.key] == nil { positions[entry.key] = index }
            var matched = Array(repeating: false, count: eb.count)
            for (position, entry) in ea.enumerated() {
                let child = self.trie.child(node, key: entry.key, position: position)
                if let index = positions[entry.key] {
                    matched[index] = true
                    self.compare(entry.value, eb[index].value, node: child)
                } else {
                    self.countOneSide(entry.value, node: child, change: .removed)
                }
            }
            for (index, entry) in eb.enumerated() where !matched[index] {
                self.countOneSide(
                    entry.value, node: self.trie.child(node, key: entry.key, position: index), change: .added)
            }
        } else if case .array(let a) = old, case .array(let b) = new {
            if a.isEmpty && b.isEmpty { return self.countIdentical(node) }
            for index in 0..<max(a.count, b.count) {
                let child = self.trie.child(node, index: index)
                if index >= b.count {
                    self.countOneSide(a[index], node: child, change: .removed)
                } else if index >= a.count {
                    self.countOneSide(b[index], node: child, change: .added)
                } else {
                    self.compare(a[index], b[index], node: child)
                }
            }
        } else {
            let kindA = Self.kind(old)
            let kindB = Self.kind(new)
            if kindA != kindB {
                self.count(.typeChanged, node: node, old: old, new: new)
            } else if Self.sameScalar(old, new) {
                self.countIdentical(node)
            } else {
                self.count(.changed, node: node, old: old, new: new)
            }
        }
    }

    /// Whether two non-empty arrays are one (the same elements in the same memory).
    @inline(__always)
    static func sameStorage<T>(_ a: [T], _ b: [T]) -> Bool {
        a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { y in x.baseAddress == y.baseAddress } }
    }

    /// Counts every leaf of a value present on one side only.
    mutating func countOneSide(_ value: JSONValue, node: Int32, change: Change) {
        if self.trie.isIgnored(node) { return }
        switch value {
        case .object(let object) where !object.isEmpty:
            for (position, entry) in object.entries.enumerated() {
                self.countOneSide(
                    entry.value, node: self.trie.child(node, key: entry.key, position: position), change: change)
            }
        case .array(let elements) where !elements.isEmpty:
            for (index, element) in elements.enumerated() {
                self.countOneSide(element, node: self.trie.child(node, index: index), change: change)
            }
        default:
            self.count(change, node: node, old: change == .removed ? value : nil, new: change == .added ? value : nil)
        }
    }

    /// Counts every leaf of a value both records hold, equal (what `compare` counts for it).
    mutating func countIdentical(_ value: JSONValue, node: Int32) {
        if self.trie.isIgnored(node) { return }
        switch value {
        case .object(let object) where !object.isEmpty:
            for (position, entry) in object.entries.enumerated() {
                self.countIdentical(entry.value, node: self.trie.child(node, key: entry.key, position: position))
            }
        case .array(let elements) where !elements.isEmpty:
            for (index, element) in elements.enumerated() {
                self.countIdentical(element, node: self.trie.child(node, index: index))
            }
        default:
            self.countIdentical(node)
        }
    }

    private mutating func countIdentical(_ node: Int32) {
        self.growFields()
        self.fields[Int(node)].identical += 1
    }

    private mutating func count(_ change: Change, node: Int32, old: JSONValue?, new: JSONValue?) {
        self.growFields()
        self.currentDifferences += 1
        self.fields[Int(node)].changes[change.index] += 1
        let event = self.currentEvent
        let key = self.currentKey
        let limit = self.options.sampleValueLimit
        self.fields[Int(node)].samples[change.index].offer(limit: self.options.samples) {
            DiffSample(
                event: event, key: key, old: old.map { Self.text($0, limit: limit) },
                new: new.map { Self.text($0, limit: limit) })
        }
    }

    /// The JSON type a value is written as (dates are written as text).
    static func kind(_ value: JSONValue) -> ValueKind {
        value.kind == .date ? .string : value.kind
    }

    /// Whether two scalars of one JSON type are written as equal values.
    static func sameScalar(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if a == b { return true }
        switch (a, b) {
        case (.number(let x), .number(let y)): return x.doubleValue == y.doubleValue
        case (.date, _), (_, .date): return a.jsonText == b.jsonText
        default: return false
        }
    }

    /// A value's JSON text, cut to `limit` characters.
    static func text(_ value: JSONValue, limit: Int) -> String {
        let text = value.jsonText
        return text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    // MARK: Identity

    /// A stored record's `_id` as text, nil when absent, null or empty.
    static func identityValue(of record: JSONValue) -> String? {
        guard case .object(let object) = record, let id = object["_id"] else { return nil }
        switch id {
        case .null: return nil
        case .string(let text): return text.isEmpty ? nil : text
        default: return id.jsonText
        }
    }

    static func identity(of outcome: MapOutcome) -> String? {
        if case .mapped(let record, _) = outcome { return Self.identityValue(of: record) }
        return nil
    }
}

extension MappingDiff.Transition {
    /// Position in `allCases`.
    public var index: Int {
        switch self {
        case .identical: return 0
        case .changed: return 1
        case .mappedToRejected: return 2
        case .rejectedToMapped: return 3
        case .bothRejectedSameReason: return 4
        case .bothRejectedOtherReason: return 5
        }
    }
}

extension MappingDiff.Change {
    /// Position in `allCases`.
    public var index: Int {
        switch self {
        case .changed: return 0
        case .typeChanged: return 1
        case .added: return 2
        case .removed: return 3
        }
    }
}
