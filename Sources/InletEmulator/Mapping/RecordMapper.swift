import DataPrep

/// Turns one raw event into what the dataset stores.
///
/// The emulator runs every event sent to a flow with a mapping set through one of these:
/// ``DataPrepRecordMapper`` (the Data Prep engine) unless a program embedding the emulator sets
/// its own through ``EmulatorConfiguration/mapperFactory``.
public protocol RecordMapper: Sendable {
    /// Maps one event (the request body, or one batch message's body) to a record or a failure.
    func map(_ rawEvent: [UInt8]) -> IngestDecision

    /// Maps one event that is parsed already (an XDM message's `xdmEntity`, read with its
    /// envelope); `serialized` is its JSON text, for storing.
    func map(document: JSONValue, serialized: [UInt8]) -> IngestDecision
}

extension RecordMapper {
    /// Mappers that work on bytes only map the text.
    public func map(document: JSONValue, serialized: [UInt8]) -> IngestDecision {
        self.map(serialized)
    }
}

/// What becomes of one event.
public enum IngestDecision: Sendable, Equatable {
    /// The mapped record (JSON bytes) is stored; `warnings` are transformation errors that dropped
    /// single fields (Adobe logs them as warnings and still ingests the record).
    case stored(record: [UInt8], warnings: [String])
    /// The event is not stored as a record; run metrics count it as failed.
    case failed(IngestFailure)
}

/// Why an event failed, in the terms Adobe's run metrics and sync validation use.
public struct IngestFailure: Sendable, Equatable, Error {
    /// Adobe's error code, e.g. `MAPPER-3700-400` (transform error) or `INGEST-1212-400` (invalid record).
    public var code: String
    /// A sentence that says what was wrong.
    public var message: String
    /// Schema violations, reported in `_streamingValidation` (at most 5, as Adobe stops there).
    public var violations: [StreamingViolation]
    /// The event is not JSON at all: the inlet refuses it with 400 at once (Adobe parses every
    /// message on receipt), instead of accepting it and counting a failed record.
    public var isMalformedInput: Bool

    public init(code: String, message: String, violations: [StreamingViolation] = [], isMalformedInput: Bool = false) {
        self.code = code
        self.message = message
        self.violations = violations
        self.isMalformedInput = isMalformedInput
    }
}

/// One schema violation, as Adobe's `_streamingValidation.causingExceptions` entries have them.
public struct StreamingViolation: Sendable, Equatable {
    /// Where in the schema, e.g. `#/properties/_id`.
    public var schemaLocation: String
    /// Where in the record, e.g. `#/_id`.
    public var pointerToViolation: String
    /// The JSON Schema keyword that failed (`type`, `required`, `minLength`, ...).
    public var keyword: String
    /// e.g. `expected type: String, found: Long`.
    public var message: String

    public init(schemaLocation: String, pointerToViolation: String, keyword: String, message: String) {
        self.schemaLocation = schemaLocation
        self.pointerToViolation = pointerToViolation
        self.keyword = keyword
        self.message = message
    }
}

/// Builds the mapper of a flow from its mapping set document (the body of `POST /mappingSets`)
/// and its target schema document (the body of the schema POST), when one is known.
public typealias RecordMapperFactory =
    @Sendable (_ mappingSet: JSONValue, _ schema: JSONValue?) throws -> any RecordMapper

/// Builds the validator of a flow without a mapping set (XDM messages): it receives the message's
/// `body.xdmEntity` and stores it if it is valid against the schema.
public typealias RecordValidatorFactory = @Sendable (_ schema: JSONValue?) throws -> any RecordMapper
