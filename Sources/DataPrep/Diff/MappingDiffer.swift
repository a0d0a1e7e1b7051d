import ReplayCommon

/// One worker's comparison of two mapping sets: maps each event with both (same clock, and the
/// same random draws per event, so `uuid()` in both sets gives equal values for an event
/// whatever worker maps it) and records both outcomes in its `MappingDiff`. Both sets read one
/// parse of each event (`SharedParse`) when their selections allow it, and then the mappings they
/// have in common are evaluated once for both (`ValueHandOff`); a record only one set stores is
/// made with only its `_id`, all that the diff reads of it.
public struct MappingDiffer: Sendable {
    public let old: Mapper
    public let new: Mapper
    /// The seed of the per-event random draws.
    public let seed: UInt64
    public var diff: MappingDiff
    var oldState: MappingState
    var newState: MappingState
    /// Nil when each set parses the event on its own.
    let shared: SharedParse?
    /// The shared parse's source values, reused from event to event.
    var sources: [JSONValue?] = []
    /// The values the old set's mappings hand to their twins in the new set.
    var handOff: ValueHandOff

    /// - Parameters:
    ///   - now: the clock both sets read (one instant, so `now()` agrees between them).
    ///   - seed: event `n` draws from `SeededRandom(seed: seed, stream: n)` in both sets.
    public init(old: Mapper, new: Mapper, options: DiffOptions, now: DateTimeValue, seed: UInt64) {
        self.old = old
        self.new = new
        self.seed = seed
        self.diff = MappingDiff(options: options)
        self.oldState = old.makeState()
        self.newState = new.makeState()
        self.oldState.context = FunctionContext(now: { now }, seed: seed)
        self.newState.context = FunctionContext(now: { now }, seed: seed)
        self.shared = SharedParse(old, new)
        self.handOff = self.shared == nil ? .none : ValueHandOff(first: old, second: new)
    }

    /// Whether both sets read one parse of each event.
    public var sharesParse: Bool { self.shared != nil }

    /// Maps one event with both sets and records the outcomes.
    public mutating func compare(_ event: [UInt8], reference: DiffEventReference) {
        let random = SeededRandom(seed: self.seed, stream: UInt64(max(reference.ordinal, 0)))
        self.oldState.context.random = random
        self.newState.context.random = random
        let old: MapOutcome
        let new: MapOutcome
        if let shared = self.shared {
            (old, new) = shared.map(
                event, first: self.old, state: &self.oldState, second: self.new, state: &self.newState,
                sources: &self.sources, handOff: &self.handOff, wholeRecords: false)
        } else {
            old = self.old.map(event, state: &self.oldState)
            new = self.new.map(event, state: &self.newState)
        }
        self.diff.record(old: old, new: new, event: reference)
    }

    /// The paths either set fills non-deterministically over `sample` (`NoiseProbe`), sorted.
    public static func nonDeterministicPaths(
        old: Mapper, new: Mapper, sample: [[UInt8]], now: DateTimeValue, seed: UInt64
    ) -> [FieldPath] {
        let found =
            NoiseProbe.nonDeterministicPaths(mapper: old, events: sample, now: now, seed: seed)
            + NoiseProbe.nonDeterministicPaths(mapper: new, events: sample, now: now, seed: seed)
        return Array(Set(found)).sorted { $0.description < $1.description }
    }
}
