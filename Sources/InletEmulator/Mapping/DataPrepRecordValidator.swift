import DataPrep

/// The validator of flows without a mapping set (XDM messages): `body.xdmEntity` is stored as
/// sent when the target schema accepts it (`XDMSchema.validate`: types without conversion,
/// extraneous keys, `required`, value constraints), and failed with Adobe's
/// `INGEST-1212-400` and up to 5 `_streamingValidation` entries otherwise.
public struct DataPrepRecordValidator: RecordMapper {
    /// The target schema; nil when the flow's dataset names none known here (then any object is stored).
    public let schema: XDMSchema?

    /// - Throws: ``DataPrepRecordMapperError`` when the schema document cannot be used.
    public init(schema: JSONValue?) throws {
        self.schema = try schema.map { try Self.loadSchema($0) }
    }

    static func loadSchema(_ document: JSONValue) throws -> XDMSchema {
        do {
            return try XDMSchema.load(document: document, source: "schema")
        } catch {
            throw DataPrepRecordMapperError(message: error.description)
        }
    }

    public func map(_ rawEvent: [UInt8]) -> IngestDecision {
        let record: JSONValue
        do {
            record = try JSONValue.parse(rawEvent)
        } catch {
            return .failed(
                IngestFailure(
                    code: MapRejection.ingestionErrorCode, message: "xdmEntity is not valid JSON: \(error)",
                    isMalformedInput: true))
        }
        return self.map(document: record, serialized: rawEvent)
    }

    public func map(document record: JSONValue, serialized rawEvent: [UInt8]) -> IngestDecision {
        guard case .object = record else {
            return .failed(
                IngestFailure(code: MapRejection.ingestionErrorCode, message: "xdmEntity is not a JSON object"))
        }
        if let schema = self.schema {
            let violations = schema.validate(record, limit: 5)
            if let first = violations.first {
                return .failed(
                    IngestFailure(
                        code: MapRejection.ingestionErrorCode,
                        message: violations.count == 1
                            ? first.message
                            : "\(violations.count) schema violations found; the first: \(first.message)",
                        violations: violations.map {
                            DataPrepRecordMapper.violation(rule: $0.rule, path: $0.path, message: $0.message)
                        }
                    ))
            }
        }
        return .stored(record: rawEvent, warnings: [])
    }
}
