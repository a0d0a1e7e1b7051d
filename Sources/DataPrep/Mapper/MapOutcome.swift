/// What Adobe would do with one event: store the mapped record (possibly with fields dropped,
/// each with a warning), or reject it whole.
public enum MapOutcome: Sendable, Hashable {
    case mapped(record: JSONValue, warnings: [MapWarning])
    case rejected(MapRejection)
}

/// What Adobe would do with one event, without the record itself: what validating a corpus
/// needs (`Mapper.check`), which saves assembling and freeing every record.
public enum MapVerdict: Sendable, Hashable {
    case mapped(warnings: [MapWarning])
    case rejected(MapRejection)
}

extension MapOutcome {
    /// The outcome without its record.
    public var verdict: MapVerdict {
        switch self {
        case .mapped(_, let warnings): return .mapped(warnings: warnings)
        case .rejected(let rejection): return .rejected(rejection)
        }
    }
}

/// A field dropped from a record by a transformation error; the rest of the record is stored.
public struct MapWarning: Sendable, Hashable, CustomStringConvertible {
    /// Adobe's error code for mapper transform errors.
    public static let transformErrorCode = "MAPPER-3700-400"

    public var code: String
    /// The mapping that produced the field (index in the mapping set).
    public var mappingIndex: Int
    /// How the mapping is named in messages: `mapping #3 (timestamp -> _extconndev.timestamp1)`.
    public var mapping: String
    /// The destination field dropped (may be under the mapping's destination for whole objects).
    public var path: String
    public var message: String

    public init(
        code: String = MapWarning.transformErrorCode, mappingIndex: Int, mapping: String, path: String, message: String
    ) {
        self.code = code
        self.mappingIndex = mappingIndex
        self.mapping = mapping
        self.path = path
        self.message = message
    }

    public var description: String {
        "\(self.code): \(self.mapping): \(self.message); field \(self.path) dropped"
    }
}

/// A record rejected whole: which rule, which path, worded like Adobe's ingestion errors.
public struct MapRejection: Error, Sendable, Hashable, CustomStringConvertible {
    /// Adobe's error code for records failing ingestion validation.
    public static let ingestionErrorCode = "INGEST-1212-400"

    public var code: String
    public var rule: SchemaViolation.Rule
    /// The XDM path concerned (dotted), empty for the record as a whole.
    public var path: String
    public var message: String
    /// The mapping whose value caused it, when one did.
    public var mappingIndex: Int?

    public init(
        code: String = MapRejection.ingestionErrorCode, rule: SchemaViolation.Rule, path: String, message: String,
        mappingIndex: Int? = nil
    ) {
        self.code = code
        self.rule = rule
        self.path = path
        self.message = message
        self.mappingIndex = mappingIndex
    }

    init(_ violation: SchemaViolation, mappingIndex: Int? = nil) {
        self.init(rule: violation.rule, path: violation.path, message: violation.message, mappingIndex: mappingIndex)
    }

    public var description: String { "\(self.code): \(self.message)" }
}

/// What one mapping did with the last event mapped (for validation statistics).
public enum MappingObservation: Sendable, Hashable {
    /// The source was absent (or null): nothing written.
    case missing
    /// A value was read; `kind` is its JSON type.
    case present(kind: ValueKind)
    /// The source was there but did not evaluate or convert: the field was dropped.
    case failed
}

/// The JSON type of a value, as the validation report counts them.
public enum ValueKind: String, Sendable, Hashable, CaseIterable, Codable {
    case null, boolean, integer, number, string, array, object, date

    /// Position in `allCases`.
    public var ordinal: Int {
        switch self {
        case .null: return 0
        case .boolean: return 1
        case .integer: return 2
        case .number: return 3
        case .string: return 4
        case .array: return 5
        case .object: return 6
        case .date: return 7
        }
    }
}

extension JSONValue {
    /// The value's JSON type.
    public var kind: ValueKind {
        switch self {
        case .null: return .null
        case .bool: return .boolean
        case .int: return .integer
        case .number: return .number
        case .string: return .string
        case .array: return .array
        case .object: return .object
        case .date: return .date
        }
    }
}
