/// The converted values of the mappings two mapping sets have in common, handed from the first
/// set's mapping of an event to the second's (the two sets of a diff, `SharedParse`). A mapping of
/// the second set with the same kind, source and destination as one of the first, and an equal
/// schema node there (`SchemaNode ==`), gives for every event the value the first set's twin
/// gives, so the second set takes that value instead of evaluating and converting it again.
///
/// Mappings that read the clock or the random source (`Mapping.isDeterministic`) are never
/// handed over: in the second set they draw their own values, in their own order. Only values
/// the first set took without a warning are handed over; when the first set's mapping failed,
/// dropped its value or was never reached (an earlier mapping rejected the event), the second
/// set evaluates the mapping itself, so each set's outcome is the one it gives alone.
///
/// Records are handed over by member too, when both sets assemble them with a `RecordPlan`: a
/// member of the second set's record made the same way (same keys, in the same order) of twins
/// of the first set's mappings is, when all its values were handed over for the event, the first
/// set's record's member itself: one more reference instead of a copy made value by value (and
/// `MappingDiff` finds such a member equal without comparing it).
struct ValueHandOff: Sendable {
    enum Entry: Sendable {
        /// Nothing handed over for this event: the second set evaluates the mapping itself.
        case none
        /// The source value was absent or null.
        case missing
        /// The converted value, and the JSON type of the source value (`MappingObservation`).
        case value(JSONValue, kind: ValueKind)
    }

    /// Which set's mapping of the event runs now.
    enum Role: Sendable {
        case none, lending, borrowing
    }

    /// By mapping index of the first set: the entry its value goes to, or -1.
    let lenders: [Int]
    /// By mapping index of the second set: the entry its value comes from, or -1.
    let borrowers: [Int]
    /// By node of the second set's plan: the node of the first set's plan it is the twin of, or -1.
    let memberTwins: [Int]
    /// The values of the event being mapped, one per lending mapping.
    var entries: [Entry]
    /// The first set's record members of the event, by node of its plan, once it is assembled.
    var members: [JSONValue?] = []
    /// `members` holds the event's members (the first set stored the event, and its record is made).
    var membersLent = false
    var role = Role.none

    /// Hands nothing over.
    static let none = ValueHandOff(lenders: [], borrowers: [], memberTwins: [], entries: [])

    private init(lenders: [Int], borrowers: [Int], memberTwins: [Int], entries: [Entry]) {
        self.lenders = lenders
        self.borrowers = borrowers
        self.memberTwins = memberTwins
        self.entries = entries
    }

    /// Pairs each mapping of `second` with its first twin in `first`, if any.
    init(first: Mapper, second: Mapper) {
        var lenders = Array(repeating: -1, count: first.mappingSet.mappings.count)
        var borrowers = Array(repeating: -1, count: second.mappingSet.mappings.count)
        var count = 0
        for mapping in second.mappingSet.mappings where mapping.isDeterministic {
            guard let twin = first.mappingSet.mappings.first(where: { Self.twins($0, in: first, mapping, in: second) })
            else { continue }
            if lenders[twin.index] < 0 {
                lenders[twin.index] = count
                count += 1
            }
            borrowers[mapping.index] = lenders[twin.index]
        }
        var memberTwins = Array(repeating: -1, count: second.plan?.nodeCount ?? 0)
        // A missing value leaves a slot empty or null as each set's `allowNullValues` says.
        if let a = first.plan, let b = second.plan, first.allowNullValues == second.allowNullValues {
            Self.pairMembers(b.roots, a.roots, borrowers: borrowers, lenders: lenders, into: &memberTwins)
        }
        self.init(
            lenders: lenders, borrowers: borrowers, memberTwins: memberTwins,
            entries: Array(repeating: .none, count: count))
    }

    /// Pairs the second plan's members (`nodes`, one object's) with the first plan's of the same
    /// key (`others`) that are made the same way, and so down their objects (not into spreads,
    /// whose members are made element by element).
    private static func pairMembers(
        _ nodes: [RecordPlan.Node], _ others: [RecordPlan.Node], borrowers: [Int], lenders: [Int],
        into twins: inout [Int]
    ) {
        for node in nodes {
            if case .leaf = node.kind { continue }
            guard let other = others.first(where: { $0.key == node.key }) else { continue }
            if Self.sameMember(node, other, borrowers: borrowers, lenders: lenders) { twins[node.id] = other.id }
            if case .object(let children) = node.kind, case .object(let otherChildren) = other.kind {
                Self.pairMembers(children, otherChildren, borrowers: borrowers, lenders: lenders, into: &twins)
            }
        }
    }

    /// Whether `node` (second plan) and `other` (first plan) have the same keys in the same order,
    /// down to leaves written by twin mappings.
    private static func sameMember(_ node: RecordPlan.Node, _ other: RecordPlan.Node, borrowers: [Int], lenders: [Int])
        -> Bool
    {
        guard node.key == other.key else { return false }
        switch (node.kind, other.kind) {
        case (.leaf(let mine), .leaf(let theirs)):
            return borrowers[mine] >= 0 && borrowers[mine] == lenders[theirs]
        case (.object(let mine), .object(let theirs)), (.spread(let mine), .spread(let theirs)):
            return mine.count == theirs.count
                && zip(mine, theirs).allSatisfy {
                    Self.sameMember($0, $1, borrowers: borrowers, lenders: lenders)
                }
        default:
            return false
        }
    }

    /// Whether `a` of `first` gives, for every event, the converted value `b` of `second` gives.
    static func twins(_ a: Mapping, in first: Mapper, _ b: Mapping, in second: Mapper) -> Bool {
        guard a.kind == b.kind, a.sourcePath == b.sourcePath, a.sourceExpression == b.sourceExpression,
            a.staticValue == b.staticValue,
            a.destinationPath == b.destinationPath, a.isDeterministic, b.isDeterministic
        else { return false }
        switch (first.schemaRoot, second.schemaRoot) {
        case (nil, nil):
            return true
        case (.some, .some):
            guard case .found(let x) = first.destinationLookups[a.index],
                case .found(let y) = second.destinationLookups[b.index]
            else { return false }
            return x == y
        default:
            return false
        }
    }

    /// How many mappings of the second set take their values from the first.
    var borrowing: Int { self.borrowers.count(where: { $0 >= 0 }) }

    /// Forgets the last event's values.
    mutating func reset() {
        for index in self.entries.indices { self.entries[index] = .none }
        self.membersLent = false
    }

    /// Readies `members` for the first set's record of the event (`RecordPlan.record`).
    mutating func lendingMembers(_ count: Int) {
        if self.members.count != count { self.members = Array(repeating: nil, count: count) }
        self.membersLent = true
    }

    /// The first plan's node whose member of the event is `node`'s (second plan) member, nil
    /// when it must be made: no twin, or some value below it was not handed over.
    @inline(__always)
    func sharedMember(_ node: RecordPlan.Node) -> Int? {
        guard self.membersLent, node.id < self.memberTwins.count else { return nil }
        let twin = self.memberTwins[node.id]
        guard twin >= 0 else { return nil }
        for index in node.leaves {
            let slot = self.borrowers[index]
            guard slot >= 0 else { return nil }
            if case .none = self.entries[slot] { return nil }
        }
        return twin
    }

    /// Records a value of the first set's mapping `index`, when it lends.
    @inline(__always)
    mutating func lend(_ index: Int, _ entry: Entry) {
        guard self.role == .lending else { return }
        let slot = self.lenders[index]
        if slot >= 0 { self.entries[slot] = entry }
    }

    /// The value handed over to the second set's mapping `index` (`.none` when it evaluates the
    /// mapping itself).
    @inline(__always)
    func borrowed(_ index: Int) -> Entry {
        guard self.role == .borrowing else { return .none }
        let slot = self.borrowers[index]
        return slot >= 0 ? self.entries[slot] : .none
    }
}
