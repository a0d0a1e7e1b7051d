/// How a `Mapper` runs.
public struct MapperOptions: Sendable {
    /// The clock for `now()` and `timestamp()`.
    public var now: @Sendable () -> DateTimeValue
    /// The seed of `uuid()`/`guid()`.
    public var seed: UInt64
    /// Overrides the mapping set's `allowNullValues` when set.
    public var allowNullValues: Bool?
    /// Parse only the parts of each event the mapping set reads (true, the fast way), or build the
    /// whole tree (false; the same results, kept for comparison and debugging).
    public var selectiveParsing: Bool
    /// Assemble each record in one pass when the mapping set allows it (true, the fast way), or
    /// write each value in turn (false; the same records, kept for comparison).
    public var recordPlan: Bool
    /// Prepare calculated fields once (true, the fast way: functions resolved, paths read from
    /// the parser's source slots), or evaluate each from its syntax tree (false; the same values).
    public var compileExpressions: Bool

    public init(now: @escaping @Sendable () -> DateTimeValue = FunctionContext.systemNow, seed: UInt64 = 0,
                allowNullValues: Bool? = nil, selectiveParsing: Bool = true, recordPlan: Bool = true, compileExpressions: Bool = true) {
        self.compileExpressions = compileExpressions
        self.now = now
        self.seed = seed
        self.allowNullValues = allowNullValues
        self.selectiveParsing = selectiveParsing
        self.recordPlan = recordPlan
    }
}

/// Per-worker mutable state of mapping: the function context (its random source advances from
/// event to event) and what each mapping did with the last event.
public struct MappingState: Sendable {
    public var context: FunctionContext
    /// One entry per mapping, for the last event mapped.
    public internal(set) var observations: [MappingObservation]
    /// The values of the event being mapped, by mapping (see `RecordPlan`).
    var slots: [JSONValue?] = []
    /// The source values the parser found for the event being mapped, by mapping (see `Mapper.init`).
    var sources: [JSONValue?] = []

    public init(context: FunctionContext, mappingCount: Int) {
        self.context = context
        self.observations = Array(repeating: .missing, count: mappingCount)
    }
}
