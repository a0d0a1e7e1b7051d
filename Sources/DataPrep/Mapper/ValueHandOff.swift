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
    /// The values of the event being mapped, one per lending mapping.
    var entries: [Entry]
    var role = Role.none

    /// Hands nothing over.
    static let none = ValueHandOff(lenders: [], borrowers: [], entries: [])

    private init(lenders: [Int], borrowers: [Int], entries: [Entry]) {
        self.lenders = lenders
        self.borrowers = borrowers
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
        self.init(lenders: lenders, borrowers: borrowers, entries: Array(repeating: .none, count: count))
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
