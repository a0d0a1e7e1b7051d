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
    /// Let `check` take plain text and integers straight from the event's bytes where the
    /// destination can be checked on them (true, the fast way: see `RawSource`), or build every
    /// source value (false; the same verdicts).
    public var rawValues: Bool
    /// Remember the converted values of calculated fields that call a pure function of one
    /// variable argument (true, the fast way: see `ResultMemo`), or evaluate and convert each
    /// (false; the same values). Library calls are remembered per call site either way.
    public var rememberResults: Bool

    public init(
        now: @escaping @Sendable () -> DateTimeValue = FunctionContext.systemNow, seed: UInt64 = 0,
        allowNullValues: Bool? = nil, selectiveParsing: Bool = true, recordPlan: Bool = true,
        compileExpressions: Bool = true,
        rawValues: Bool = true, rememberResults: Bool = true
    ) {
        self.rawValues = rawValues
        self.rememberResults = rememberResults
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
    /// The source values the parser left unbuilt (`RawSource`), by slot, when checking.
    var raws: [RawSource] = []
    /// Converted values of calculated fields (`ResultMemo`).
    var results = ResultMemo()
    /// The identities gathered for the event, when its record is assembled later (`Mapper.record(of:)`).
    var identities = JSONObject()

    public init(context: FunctionContext, mappingCount: Int) {
        self.context = context
        self.observations = Array(repeating: .missing, count: mappingCount)
    }
}
