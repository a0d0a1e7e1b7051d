import DataPrep

/// A ``RecordMapper`` backed by the Data Prep engine (`DataPrep.Mapper`): every mapping kind
/// (ATTRIBUTE, STATIC, EXPRESSION with the function library), coercion to the target schema and
/// its validation, worded as Adobe words them.
public struct DataPrepRecordMapper: RecordMapper {
    /// The engine, built once per flow, with the warm states its request handlers share.
    let pool: MapperPool

    /// The engine.
    public var mapper: Mapper { self.pool.mapper }

    /// Builds the mapper of a flow.
    /// - Parameters:
    ///   - mappingSet: the mapping set document (the body of `POST /mappingSets`).
    ///   - schema: the target schema (xed-full), when known; without it values are not converted.
    ///   - seed: the base seed of `uuid()`/`guid()`; each event draws its own seed from it.
    ///   - nowMs: the clock of `now()`/`timestamp()`, epoch milliseconds.
    /// - Throws: ``DataPrepRecordMapperError`` naming what cannot be used.
    public init(
        mappingSet document: JSONValue, schema schemaDocument: JSONValue?, seed: UInt64 = 0,
        nowMs: (@Sendable () -> Int64)? = nil
    ) throws {
        try self.init(mappingSet: document, schema: schemaDocument, seeds: SeedSequence(base: seed), nowMs: nowMs)
    }

    init(
        mappingSet document: JSONValue, schema schemaDocument: JSONValue?, seeds: SeedSequence,
        nowMs: (@Sendable () -> Int64)?
    ) throws {
        let mappingSet: MappingSet
        do {
            mappingSet = try MappingSet.load(document: document, source: "mapping set")
        } catch {
            throw DataPrepRecordMapperError(message: error.description)
        }
        let schema = try schemaDocument.map { try DataPrepRecordValidator.loadSchema($0) }
        var options = MapperOptions(seed: seeds.base)
        if let nowMs {
            options.now = { DateTimeValue(epochMilliseconds: nowMs(), zoneIdentifier: "UTC") }
        }
        do {
            self.pool = MapperPool(
                mapper: try Mapper(mappingSet: mappingSet, schema: schema, options: options), seeds: seeds)
        } catch {
            throw DataPrepRecordMapperError(message: error.description)
        }
    }

    public func map(_ rawEvent: [UInt8]) -> IngestDecision {
        self.decision(self.pool.map(rawEvent))
    }

    public func map(document: JSONValue, serialized: [UInt8]) -> IngestDecision {
        self.decision(self.pool.map(value: document))
    }

    private func decision(_ outcome: MapOutcome) -> IngestDecision {
        switch outcome {
        case .mapped(let record, let warnings):
            return .stored(record: record.serialized(), warnings: warnings.map(\.description))
        case .rejected(let rejection):
            return .failed(Self.failure(rejection))
        }
    }

    /// A Data Prep rejection in the terms of Adobe's run metrics and `_streamingValidation`.
    static func failure(_ rejection: MapRejection) -> IngestFailure {
        switch rejection.rule {
        case .invalidJSON, .notAnObject:
            return IngestFailure(code: rejection.code, message: rejection.message, isMalformedInput: true)
        default:
            return IngestFailure(
                code: rejection.code, message: rejection.message,
                violations: [Self.violation(rule: rejection.rule, path: rejection.path, message: rejection.message)])
        }
    }

    /// One `_streamingValidation` entry: `schemaLocation` `#/properties/a/properties/b`,
    /// `pointerToViolation` `#/a/b` (for `required`, the object that lacks the key).
    static func violation(rule: SchemaViolation.Rule, path: String, message: String) -> StreamingViolation {
        var components = (try? FieldPath(parsing: path))?.components ?? []
        if rule == .required, !components.isEmpty { components.removeLast() }
        var schemaLocation = "#"
        for component in components {
            switch component {
            case .key(let key): schemaLocation += "/properties/" + Self.escaped(key)
            case .index, .wildcard: schemaLocation += "/items"
            }
        }
        let pointer = FieldPath(components: components).pointer
        // Data Prep's messages start with the pointer; `_streamingValidation` keeps it apart.
        var text = message
        if text.hasPrefix(pointer + ": ") { text.removeFirst(pointer.count + 2) }
        return StreamingViolation(
            schemaLocation: schemaLocation, pointerToViolation: pointer, keyword: Self.keyword(rule), message: text)
    }

    static func escaped(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// The JSON Schema keyword of a rule, as everit names it.
    static func keyword(_ rule: SchemaViolation.Rule) -> String {
        switch rule {
        case .extraneousKey: return "additionalProperties"
        case .enumeration: return "enum"
        case .invalidJSON, .notAnObject: return "type"
        default: return rule.rawValue
        }
    }
}

/// A mapping set or schema the Data Prep engine cannot use (the message says what and where).
public struct DataPrepRecordMapperError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { self.message }
}
