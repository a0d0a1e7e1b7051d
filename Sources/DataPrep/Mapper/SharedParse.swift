/// One parse of each event for two mappers (the two mapping sets of a diff): the event is parsed
/// once against the union of both selections (`PathSelection.merged`), the first mapper's source
/// slots first and the second's after them, and each mapper maps that tree with its own slots.
/// The outcomes are those of `Mapper.map(_:state:)` on each mapper alone. The mappings both sets
/// have in common are evaluated once, by the first mapper, which hands their converted values to
/// the second (`ValueHandOff`).
///
/// The union parse builds every value either selection builds, so it is at least as strict as
/// each parse alone; an event it finds malformed is parsed again by each mapper on its own, so
/// that a flaw in a member only one set reads rejects the event for that set only.
struct SharedParse: Sendable {
    let table: SelectionTable
    let firstCount: Int
    let secondCount: Int

    /// Nil when the selections cannot share a parse (one reads the whole event, or a spread source
    /// of one lies under a value the other reads whole).
    init?(_ first: Mapper, _ second: Mapper) {
        guard !first.selection.isEverything, !second.selection.isEverything,
            let merged = first.selection.merged(with: second.selection, slotOffset: first.sourceCount)
        else { return nil }
        self.table = SelectionTable(merged)
        self.firstCount = first.sourceCount
        self.secondCount = second.sourceCount
    }

    /// Maps `event` with both mappers. `sources` is scratch space kept between calls; `handOff`
    /// pairs the two mappers' mappings (`ValueHandOff(first:second:)`, or `.none`).
    /// `wholeRecords: false`: when only one set stores the event, its record holds only its `_id`
    /// member (all that `MappingDiff` reads of it; with a `RecordPlan`, the rest is not assembled).
    func map(
        _ event: [UInt8], first: Mapper, state firstState: inout MappingState, second: Mapper,
        state secondState: inout MappingState,
        sources: inout [JSONValue?], handOff: inout ValueHandOff, wholeRecords: Bool = true
    ) -> (first: MapOutcome, second: MapOutcome) {
        let count = self.firstCount + self.secondCount
        if sources.count != count { sources = Array(repeating: nil, count: count) }
        for index in sources.indices { sources[index] = nil }
        let input: JSONValue
        do {
            input = try JSONValue.parse(event, table: self.table, sources: &sources, depositing: true)
        } catch {
            return Self.cut(
                (first.map(event, state: &firstState), second.map(event, state: &secondState)),
                wholeRecords: wholeRecords)
        }
        Self.move(&sources, from: 0, count: self.firstCount, into: &firstState)
        Self.move(&sources, from: self.firstCount, count: self.secondCount, into: &secondState)
        // Without entries (`.none`, or no mapping in common) nothing is handed over.
        let handing = !handOff.entries.isEmpty
        handOff.reset()
        if handing { handOff.role = .lending }
        // With plans, the records are assembled once both outcomes are known: the second's may
        // share members with the first's, and a record the other set does not store may be cut
        // to its `_id`.
        let later = first.plan != nil && second.plan != nil
        let firstOutcome = first.map(
            value: input, state: &firstState, assemble: true, sourcesParsed: true, event: nil, handOff: &handOff,
            later: later)
        if handing { handOff.role = .borrowing }
        let secondOutcome = second.map(
            value: input, state: &secondState, assemble: true, sourcesParsed: true, event: nil, handOff: &handOff,
            later: later)
        handOff.role = .none
        guard later, let firstPlan = first.plan, let secondPlan = second.plan else {
            return Self.cut((firstOutcome, secondOutcome), wholeRecords: wholeRecords)
        }
        var bothStore = false
        if case .mapped = firstOutcome, case .mapped = secondOutcome { bothStore = true }
        var records: (first: JSONValue, second: JSONValue) = (.null, .null)
        if case .mapped = firstOutcome {
            if bothStore || wholeRecords {
                if handing { handOff.role = .lending }
                records.first = firstPlan.record(
                    firstState.slots, identities: firstState.identities, handOff: &handOff)
            } else {
                records.first = firstPlan.identityRecord(firstState.slots)
            }
        }
        if case .mapped = secondOutcome {
            if bothStore || wholeRecords {
                handOff.role = handing ? .borrowing : .none
                records.second = secondPlan.record(
                    secondState.slots, identities: secondState.identities, handOff: &handOff)
            } else {
                records.second = secondPlan.identityRecord(secondState.slots)
            }
        }
        handOff.role = .none
        return (Self.withRecord(firstOutcome, records.first), Self.withRecord(secondOutcome, records.second))
    }

    /// Records assembled whole, cut to their `_id` where the other set rejects the event (unless
    /// `wholeRecords`).
    private static func cut(_ outcomes: (MapOutcome, MapOutcome), wholeRecords: Bool) -> (
        first: MapOutcome, second: MapOutcome
    ) {
        if wholeRecords { return outcomes }
        func cut(_ outcome: MapOutcome, _ other: MapOutcome) -> MapOutcome {
            guard case .rejected = other, case .mapped(.object(let record), _) = outcome else { return outcome }
            return Self.withRecord(outcome, .object(JSONObject(record.entries.filter { $0.key == "_id" })))
        }
        return (cut(outcomes.0, outcomes.1), cut(outcomes.1, outcomes.0))
    }

    /// A `.mapped` outcome with its record put in.
    private static func withRecord(_ outcome: MapOutcome, _ record: JSONValue) -> MapOutcome {
        guard case .mapped(_, let warnings) = outcome else { return outcome }
        return .mapped(record: record, warnings: warnings)
    }

    /// Moves `count` source values from `start` on into a mapper's slots (leaving nil behind).
    private static func move(_ sources: inout [JSONValue?], from start: Int, count: Int, into state: inout MappingState)
    {
        if state.sources.count != count { state.sources = Array(repeating: nil, count: count) }
        for index in 0..<count { state.sources[index] = sources[start + index].take() }
    }
}
