/// Maps raw events with a mapping set onto a target schema, deciding per event what Adobe would
/// do: store (with warnings for dropped fields) or reject.
public struct Mapper: Sendable {
    public let mappingSet: MappingSet
    public let schema: XDMSchema?
    public let options: MapperOptions
    /// The input paths the mapping set reads.
    public let selection: PathSelection
    /// `selection` as the parser reads it.
    let table: SelectionTable
    /// How many source slots the parser fills (`MappingState.sources`).
    let sourceCount: Int
    let allowNullValues: Bool
    /// The schema node of each mapping's destination, looked up once.
    let destinationLookups: [XDMSchema.Lookup]
    /// The mappings as read-only objects: the hot loop reads their fields in place instead of
    /// copying each `Mapping` value (and retaining all its members) per event.
    let compiled: [CompiledMapping]
    let schemaRoot: SchemaNode?
    /// How records are assembled in one pass, when the mapping set allows it (else each value is
    /// written in turn).
    let plan: RecordPlan?
    /// Some mapping checks raw source values (`RawCheck`).
    let checksRaw: Bool
    /// The plan's required check against the schema, resolved once (nil: nothing to check).
    let requiredCheck: RequiredCheck?

    public init(mappingSet: MappingSet, schema: XDMSchema? = nil, options: MapperOptions = MapperOptions())
        throws(MapperError)
    {
        self.mappingSet = mappingSet
        self.schema = schema
        self.options = options
        self.allowNullValues = options.allowNullValues ?? mappingSet.allowNullValues
        // Attribute mappings reading object keys get their values straight from the parser (a
        // source slot per mapping); the paths expressions and other attributes read make the tree.
        // Calculated fields' paths of object keys get slots after the mappings' own (one per path).
        var selection = PathSelection()
        let selective = options.selectiveParsing
        var fromSources = Array(repeating: false, count: mappingSet.mappings.count)
        var compiledExpressions: [CompiledExpression?] = Array(repeating: nil, count: mappingSet.mappings.count)
        var expressionSlots: [[String]: Int] = [:]
        var memoSites = 0
        // `keys[*].keys` attribute paths, given slots once every other path is in (`canSpread`).
        var spreads: [(position: Int, prefix: [String], suffix: [String])] = []
        for (position, mapping) in mappingSet.mappings.enumerated() {
            if selective, mapping.kind == .attribute, let path = mapping.sourcePath, let keys = Self.objectKeys(path),
                mapping.index == position
            {
                selection.insertSource(keys, slot: position)
                fromSources[position] = true
                continue
            }
            if selective, mapping.kind == .attribute, let path = mapping.sourcePath,
                let (prefix, suffix) = Self.spreadKeys(path), mapping.index == position
            {
                spreads.append((position, prefix, suffix))
                continue
            }
            if let path = mapping.sourcePath { selection.insert(path) }
            guard let expression = mapping.sourceExpression else { continue }
            if options.compileExpressions {
                compiledExpressions[position] = CompiledExpression.compile(
                    expression,
                    slot: { keys in
                        guard selective else { return nil }
                        if let existing = expressionSlots[keys] { return existing }
                        let made = mappingSet.mappings.count + expressionSlots.count
                        expressionSlots[keys] = made
                        selection.insertSource(keys, slot: made)
                        return made
                    }, treePath: { selection.insert($0) }, sites: &memoSites)
            } else {
                for path in expression.inputPaths { selection.insert(path) }
            }
        }
        var spreadSources = Set<Int>()
        for spread in spreads {
            if selection.canSpread(prefix: spread.prefix) {
                spreadSources.insert(spread.position)
            } else {
                selection.insert(mappingSet.mappings[spread.position].sourcePath!)
            }
        }
        for spread in spreads where spreadSources.contains(spread.position) {
            selection.insertSpreadSource(prefix: spread.prefix, suffix: spread.suffix, slot: spread.position)
            fromSources[spread.position] = true
        }
        if !selective { selection = .everything }
        self.selection = selection
        self.sourceCount = mappingSet.mappings.count + expressionSlots.count
        self.plan = options.recordPlan ? RecordPlan(mappingSet.mappings) : nil
        self.schemaRoot = schema?.root
        let lookups = schema.map { schema in mappingSet.mappings.map { schema.node(at: $0.destinationPath) } } ?? []
        self.destinationLookups = lookups
        // Values checked raw leave only a marker in the plan's slots, which `check` reads for
        // presence only: so raw values need a plan (and are used only by `check`).
        var rawChecks: [RawCheck?] = Array(repeating: nil, count: mappingSet.mappings.count)
        if self.plan != nil && options.rawValues {
            for (position, mapping) in mappingSet.mappings.enumerated()
            where fromSources[position] && !spreadSources.contains(position) && !mapping.identity
                && !mapping.destinationPath.components.contains(.wildcard)
            {
                if schema == nil {
                    rawChecks[position] = .anything
                } else if case .found(let node) = lookups[position] {
                    rawChecks[position] = RawCheck(node: node)
                }
            }
        }
        let rawSlots = Set(rawChecks.indices.filter { rawChecks[$0] != nil })
        self.checksRaw = !rawSlots.isEmpty
        self.table = SelectionTable(selection, rawSlots: rawSlots)
        let planned = self.plan != nil
        self.requiredCheck = self.plan.flatMap { plan in
            schema.flatMap { RequiredCheck(nodes: plan.roots, schema: $0.root) }
        }
        self.compiled = mappingSet.mappings.enumerated().map { position, mapping in
            // Converted values are remembered where the value only goes to the plan's slot.
            var remembers = false
            if planned, options.rememberResults, !mapping.identity,
                !mapping.destinationPath.components.contains(.wildcard),
                compiledExpressions[position]?.keyedArgument != nil, position < lookups.count,
                case .found = lookups[position]
            {
                remembers = true
            }
            return CompiledMapping(
                mapping, fromSource: fromSources[position], expression: compiledExpressions[position],
                rawCheck: rawChecks[position], remembersResults: remembers)
        }
        for mapping in mappingSet.mappings where mapping.identity && mapping.namespaceCode == nil {
            throw MapperError(
                message:
                    "\(mapping.label) has identity: true but no namespaceCode: the identityMap namespace is unknown")
        }
    }

    /// The keys of a path made of object keys only (nil for `[n]`, `[*]` or an empty path).
    static func objectKeys(_ path: FieldPath) -> [String]? {
        var keys: [String] = []
        for component in path.components {
            guard case .key(let key) = component else { return nil }
            keys.append(key)
        }
        return keys.isEmpty ? nil : keys
    }

    /// `prefix[*].suffix` for a path of object keys with one `[*]` between keys, else nil.
    static func spreadKeys(_ path: FieldPath) -> (prefix: [String], suffix: [String])? {
        guard let wildcard = path.components.firstIndex(of: .wildcard) else { return nil }
        guard let prefix = Self.objectKeys(FieldPath(components: Array(path.components[..<wildcard]))),
            let suffix = Self.objectKeys(FieldPath(components: Array(path.components[(wildcard + 1)...])))
        else { return nil }
        return (prefix, suffix)
    }

    /// A fresh per-worker state (clock and seed from the options).
    public func makeState() -> MappingState {
        MappingState(
            context: FunctionContext(now: self.options.now, seed: self.options.seed),
            mappingCount: self.mappingSet.mappings.count)
    }

    /// Maps one event (a JSON object's bytes). `uuid()` restarts from the seed on every call; use
    /// `map(_:state:)` over a stream.
    public func map(_ event: [UInt8]) -> MapOutcome {
        var state = self.makeState()
        return self.map(event, state: &state)
    }

    /// Maps one event with a worker's state.
    public func map(_ event: [UInt8], state: inout MappingState) -> MapOutcome {
        self.map(event, state: &state, assemble: true)
    }

    /// What mapping one event gives (stored with these warnings, or rejected), with exactly the
    /// outcome `map` gives, but without assembling the record when the mapping set has a
    /// `RecordPlan`: the required members are then checked from the values themselves.
    public func check(_ event: [UInt8], state: inout MappingState) -> MapVerdict {
        self.map(event, state: &state, assemble: false).verdict
    }

    /// `assemble: false` may give `.mapped` with a `.null` record (see `check`).
    func map(_ event: [UInt8], state: inout MappingState, assemble: Bool) -> MapOutcome {
        if state.sources.count != self.sourceCount { state.sources = Array(repeating: nil, count: self.sourceCount) }
        for index in state.sources.indices { state.sources[index] = nil }
        let raw = !assemble && self.checksRaw
        if raw {
            if state.raws.count != self.sourceCount { state.raws = Array(repeating: .none, count: self.sourceCount) }
            for index in state.raws.indices { state.raws[index] = .none }
        }
        return event.withUnsafeBufferPointer { bytes in
            let input: JSONValue
            do {
                // `map` on a state `check` used leaves its raw buffer alone.
                input = try state.raws.withUnsafeMutableBufferPointer { raws throws(JSONParseError) in
                    try JSONValue.parse(
                        bytes, table: self.table, sources: &state.sources,
                        raws: raw ? raws : UnsafeMutableBufferPointer(start: nil, count: 0), depositing: true)
                }
            } catch {
                for index in state.observations.indices { state.observations[index] = .missing }
                return .rejected(
                    MapRejection(rule: .invalidJSON, path: "", message: "the event is not valid JSON: \(error)"))
            }
            return self.map(
                value: input, state: &state, assemble: assemble, sourcesParsed: true, event: raw ? bytes : nil)
        }
    }

    /// Maps one event already parsed.
    public func map(value input: JSONValue, state: inout MappingState) -> MapOutcome {
        self.map(value: input, state: &state, assemble: true, sourcesParsed: false)
    }

    /// `sourcesParsed`: `input` was parsed by `map(_:state:assemble:)`, which left the source
    /// slots' values in `state.sources` (and not in `input`).
    /// `event`: the event's bytes, when the parser may have left raw values in `state.raws`.
    func map(
        value input: JSONValue, state: inout MappingState, assemble: Bool, sourcesParsed: Bool,
        event: UnsafeBufferPointer<UInt8>? = nil
    ) -> MapOutcome {
        var handOff = ValueHandOff.none
        return self.map(
            value: input, state: &state, assemble: assemble, sourcesParsed: sourcesParsed, event: event,
            handOff: &handOff)
    }

    /// `handOff`: converted values this mapper lends to another mapper of the same event, or
    /// borrows from it, as its `role` says (see `ValueHandOff`).
    /// `later`: with a plan, a stored record is left unassembled, its values in `state`, and
    /// `.mapped` carries `.null` in its place: `record(of:)` assembles it.
    func map(
        value input: JSONValue, state: inout MappingState, assemble: Bool, sourcesParsed: Bool,
        event: UnsafeBufferPointer<UInt8>?, handOff: inout ValueHandOff, later: Bool = false
    ) -> MapOutcome {
        guard case .object = input else {
            for index in state.observations.indices { state.observations[index] = .missing }
            return .rejected(
                MapRejection(
                    rule: .notAnObject, path: "", message: "the event is a JSON \(input.kindName), not an object"))
        }
        var record: JSONValue = .object(JSONObject())
        var warnings: [MapWarning] = []
        let evaluator = ExpressionEvaluator()
        let plan = self.plan
        // With a plan, values wait in the slots (and identities here) until the record is made.
        var identities = JSONObject()
        let buildIdentities = assemble || self.requiredCheck?.identitySchema != nil
        if plan != nil {
            if state.slots.count != self.compiled.count {
                state.slots = Array(repeating: nil, count: self.compiled.count)
            }
            for index in state.slots.indices { state.slots[index] = nil }
        }
        for mapping in self.compiled {
            // 1. The source value.
            var value: JSONValue?
            // The key under which the converted value is remembered (`ResultMemo`).
            var remember: (key: JSONValue, hash: Int)?
            // The converted value the other mapping set's twin of this mapping gave the event.
            var borrowedKind: ValueKind?
            switch handOff.borrowed(mapping.index) {
            case .value(let lent, let kind):
                value = lent
                borrowedKind = kind
            case .missing:
                break
            case .none:
                switch mapping.kind {
                case .attribute:
                    guard sourcesParsed && mapping.fromSource else {
                        value = mapping.sourcePath!.value(in: input)
                        break
                    }
                    // The slot is this mapping's alone, and refilled for every event.
                    value = state.sources[mapping.index].take()
                    if value == nil, let event, let check = mapping.rawCheck {
                        let raw = state.raws[mapping.index]
                        if check.passes(raw, in: event) {
                            // The slot gets a marker, not the value: without a record to assemble,
                            // slots are read for presence only (`RequiredCheck`).
                            state.observations[mapping.index] = .present(kind: raw.valueKind)
                            state.slots[mapping.index] = .null
                            continue
                        }
                        value = raw.value(in: event)
                    }
                case .staticValue:
                    value = mapping.staticValue
                case .expression:
                    do {
                        if sourcesParsed, let compiled = mapping.compiledExpression {
                            if mapping.remembersResults, let argument = compiled.keyedArgument {
                                let key = try argument.evaluate(
                                    input: input, sources: state.sources, context: &state.context)
                                let hash = key.hashValue
                                if let hit = state.results.lookup(site: mapping.index, key: key, hash: hash) {
                                    state.observations[mapping.index] = .present(kind: hit.kind)
                                    state.slots[mapping.index] = hit.value
                                    handOff.lend(mapping.index, .value(hit.value, kind: hit.kind))
                                    continue
                                }
                                remember = (key, hash)
                                value = try compiled.evaluate(key: key, context: &state.context)
                            } else {
                                value = try compiled.evaluate(
                                    input: input, sources: state.sources, context: &state.context)
                            }
                        } else {
                            value = try evaluator.evaluate(
                                mapping.sourceExpression!, input: input, context: &state.context)
                        }
                    } catch {
                        state.observations[mapping.index] = .failed
                        warnings.append(
                            MapWarning(
                                mappingIndex: mapping.index, mapping: mapping.label, path: mapping.destination,
                                message: "the calculated field failed: \(error.message)"))
                        continue
                    }
                }
            }
            // A borrowed value is already converted (and was not null before).
            guard var present = value.take(), borrowedKind != nil || present != .null else {
                state.observations[mapping.index] = .missing
                handOff.lend(mapping.index, .missing)
                if self.allowNullValues {
                    if plan != nil {
                        state.slots[mapping.index] = .null
                    } else {
                        do { try mapping.destinationPath.write(.null, into: &record) } catch {}
                    }
                }
                continue
            }
            let kind = borrowedKind ?? present.kind
            state.observations[mapping.index] = .present(kind: kind)
            // 2. Converted to the destination's type (a borrowed value is converted already).
            if borrowedKind != nil {
            } else if self.schemaRoot != nil {
                var dropped: [DroppedField] = []
                do {
                    guard let converted = try self.coerce(present, for: mapping, dropped: &dropped) else {
                        state.observations[mapping.index] = .failed
                        for field in dropped {
                            warnings.append(
                                MapWarning(
                                    mappingIndex: mapping.index, mapping: mapping.label, path: field.path.description,
                                    message: field.message))
                        }
                        continue
                    }
                    for field in dropped {
                        warnings.append(
                            MapWarning(
                                mappingIndex: mapping.index, mapping: mapping.label, path: field.path.description,
                                message: field.message))
                    }
                    if dropped.isEmpty {
                        if let remember {
                            state.results.store(
                                site: mapping.index, key: remember.key, hash: remember.hash,
                                RememberedValue(value: converted, kind: kind))
                        }
                        handOff.lend(mapping.index, .value(converted, kind: kind))
                    }
                    present = converted
                } catch {
                    return .rejected(MapRejection(error, mappingIndex: mapping.index))
                }
            } else {
                if case .date(let date) = present {
                    present = .string(AdobeDateParsing.iso8601(date, dateOnly: false))
                }
                handOff.lend(mapping.index, .value(present, kind: kind))
            }
            // 3. Written at the destination (and into identityMap).
            if plan != nil {
                if mapping.identity, let namespace = mapping.namespaceCode {
                    switch self.identityEntry(
                        present, namespace: namespace, mapping: mapping, warnings: &warnings, build: buildIdentities)
                    {
                    case .skip: break
                    case .reject(let rejection): return .rejected(rejection)
                    case .entry(let entry):
                        if !buildIdentities {
                            // Without a record, and nothing required in identityMap, only whether
                            // some identity was gathered matters.
                            if identities.isEmpty { identities[namespace] = .null }
                        } else {
                            var entries: [JSONValue]
                            if case .array(let existing)? = identities[namespace] {
                                entries = existing
                            } else {
                                entries = []
                            }
                            entries.append(entry)
                            identities[namespace] = .array(entries)
                        }
                    }
                }
                // Moved, not copied: its last use.
                state.slots[mapping.index] = consume present
                continue
            }
            do {
                try mapping.destinationPath.write(present, into: &record)
            } catch {
                state.observations[mapping.index] = .failed
                warnings.append(
                    MapWarning(
                        mappingIndex: mapping.index, mapping: mapping.label, path: mapping.destination,
                        message: error.description))
                continue
            }
            if mapping.identity, let namespace = mapping.namespaceCode {
                if let rejection = self.writeIdentity(
                    present, namespace: namespace, mapping: mapping, into: &record, warnings: &warnings)
                {
                    return .rejected(rejection)
                }
            }
        }
        if let plan {
            // The required members are found from the values, without walking the record
            // (without a schema there is no check: `requiredCheck` is nil).
            do {
                try self.requiredCheck?.check(
                    state.slots, identities: identities, identityMember: identities.isEmpty ? nil : plan.identityAfter)
            } catch {
                return .rejected(MapRejection(error))
            }
            guard assemble else { return .mapped(record: .null, warnings: warnings) }
            if later {
                state.identities = identities
                return .mapped(record: .null, warnings: warnings)
            }
            return .mapped(record: plan.record(state.slots, identities: identities), warnings: warnings)
        }
        if let root = self.schemaRoot {
            do {
                try Coercion.checkRequired(record, node: root)
            } catch {
                return .rejected(MapRejection(error))
            }
        }
        return .mapped(record: record, warnings: warnings)
    }

    /// One line per mapping whose destination the schema does not have, found when the mapper is
    /// built: the platform rejects every event that maps a value there, so a typo in a destination
    /// shows at load instead of as one rejection per event.
    public var destinationProblems: [String] {
        zip(self.mappingSet.mappings, self.destinationLookups).compactMap { mapping, lookup in
            let head = "mapping #\(mapping.index) \(mapping.source) -> \(mapping.destination)"
            switch lookup {
            case .found:
                return nil
            case .undefined(let parent, let key):
                let under = parent.components.isEmpty ? "at the top level" : "under \(parent.description)"
                return
                    "\(head): the schema has no field \(key) \(under); every event that maps a value there is rejected (extraneous key)"
            case .notAnArray(let path, let type):
                return
                    "\(head): \(path.description) is of type \(Coercion.everitName(type)) in the schema, not an array; every event that maps a value there is rejected"
            }
        }
    }

    /// The value converted for the mapping's destination; `[*]` destinations convert element-wise.
    func coerce(_ value: JSONValue, for mapping: CompiledMapping, dropped: inout [DroppedField]) throws(SchemaViolation)
        -> JSONValue?
    {
        let destination = mapping.destinationPath
        let node: SchemaNode
        switch self.destinationLookups[mapping.index] {
        case .found(let found): node = found
        case .undefined(let parent, let key):
            throw SchemaViolation(
                rule: .extraneousKey, path: parent.description,
                message: "\(parent.pointer): extraneous key [\(key)] is not permitted")
        case .notAnArray(let path, let type):
            throw SchemaViolation(
                rule: .type, path: path.description,
                message: "\(path.pointer): expected type: \(Coercion.everitName(type)), found: JSONArray")
        }
        return try Self.coerceSpread(value, levels: mapping.wildcards, node: node, path: destination, dropped: &dropped)
    }

    static func coerceSpread(
        _ value: JSONValue, levels: Int, node: SchemaNode, path: FieldPath, dropped: inout [DroppedField]
    ) throws(SchemaViolation) -> JSONValue? {
        if levels > 0, case .array(let elements) = value {
            // Text (or null) into an unconstrained string converts to itself: such an array stays
            // as it is, with no copy (`steps[*].id`).
            if levels == 1, node.isPlainString, elements.allSatisfy(\.isTextOrNull) { return value }
            var result: [JSONValue] = []
            for element in elements {
                // A dropped element stays as null so the positions still line up.
                result.append(
                    try Self.coerceSpread(element, levels: levels - 1, node: node, path: path, dropped: &dropped)
                        ?? .null)
            }
            return .array(result)
        }
        return try Coercion.coerce(value, to: node, at: path, dropped: &dropped)
    }

    /// Appends `{"id": value, "primary": primaryIdentity}` to `identityMap[namespace]` (assumed
    /// semantics of `identity: true`, data-prep.md).
    func writeIdentity(
        _ value: JSONValue, namespace: String, mapping: CompiledMapping, into record: inout JSONValue,
        warnings: inout [MapWarning]
    ) -> MapRejection? {
        let entry: JSONValue
        switch self.identityEntry(value, namespace: namespace, mapping: mapping, warnings: &warnings) {
        case .skip: return nil
        case .reject(let rejection): return rejection
        case .entry(let made): entry = made
        }
        guard case .object(var root) = record else { return nil }
        var identities: JSONObject
        if case .object(let existing)? = root["identityMap"] {
            identities = existing
        } else {
            identities = JSONObject()
        }
        var entries: [JSONValue]
        if case .array(let existing)? = identities[namespace] { entries = existing } else { entries = [] }
        entries.append(entry)
        identities[namespace] = .array(entries)
        root["identityMap"] = .object(identities)
        record = .object(root)
        return nil
    }

    enum IdentityEntry {
        /// Not an identity (warned).
        case skip
        case reject(MapRejection)
        /// `{"id": ..., "primary": ...}`.
        case entry(JSONValue)
    }

    /// The `identityMap` entry for an identity mapping's value.
    /// `build: false` gives `.entry(.null)` in place of the entry (checked all the same).
    func identityEntry(
        _ value: JSONValue, namespace: String, mapping: CompiledMapping, warnings: inout [MapWarning],
        build: Bool = true
    ) -> IdentityEntry {
        guard let id = ExpressionEvaluator.text(value) else {
            warnings.append(
                MapWarning(
                    mappingIndex: mapping.index, mapping: mapping.label, path: "identityMap.\(namespace)",
                    message: "an identity must be a scalar, got \(value.kindName)"))
            return .skip
        }
        if let root = self.schemaRoot, root.type == .object, root.properties["identityMap"] == nil {
            return .reject(
                MapRejection(
                    rule: .extraneousKey, path: "", message: "#: extraneous key [identityMap] is not permitted",
                    mappingIndex: mapping.index))
        }
        guard build else { return .entry(.null) }
        return .entry(
            .object(
                JSONObject([
                    JSONObject.Entry(key: "id", value: .string(id)),
                    JSONObject.Entry(key: "primary", value: .bool(mapping.primaryIdentity)),
                ])))
    }
}

/// A mapping set that cannot run as given (beyond what the loader checks).
public struct MapperError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var description: String { self.message }
}

/// A mapping's fields as the hot loop needs them (see `Mapper.compiled`).
final class CompiledMapping: Sendable {
    let index: Int
    let kind: Mapping.Kind
    let sourcePath: FieldPath?
    let sourceExpression: Expression?
    let staticValue: JSONValue?
    let destination: String
    let destinationPath: FieldPath
    /// How many `[*]` the destination has.
    let wildcards: Int
    let label: String
    let identity: Bool
    let primaryIdentity: Bool
    let namespaceCode: String?
    /// The source value comes from the parser's source slot (see `Mapper.init`).
    let fromSource: Bool
    /// The calculated field prepared for events parsed by the mapper (see `CompiledExpression`).
    let compiledExpression: CompiledExpression?
    /// How a raw source value is checked without building it (see `RawCheck`), nil: never raw.
    let rawCheck: RawCheck?

    /// The converted value is remembered by the call's variable argument (see `ResultMemo`).
    let remembersResults: Bool

    init(
        _ mapping: Mapping, fromSource: Bool, expression: CompiledExpression?, rawCheck: RawCheck?,
        remembersResults: Bool
    ) {
        self.remembersResults = remembersResults
        self.fromSource = fromSource
        self.rawCheck = rawCheck
        self.compiledExpression = expression
        self.index = mapping.index
        self.kind = mapping.kind
        self.sourcePath = mapping.sourcePath
        self.sourceExpression = mapping.sourceExpression
        self.staticValue = mapping.staticValue
        self.destination = mapping.destination
        self.destinationPath = mapping.destinationPath
        self.wildcards = mapping.destinationPath.components.filter { $0 == .wildcard }.count
        self.label = mapping.label
        self.identity = mapping.identity
        self.primaryIdentity = mapping.primaryIdentity
        self.namespaceCode = mapping.namespaceCode
    }
}

extension JSONValue {
    /// `.string` or `.null`.
    var isTextOrNull: Bool {
        switch self {
        case .string, .null: return true
        default: return false
        }
    }
}
