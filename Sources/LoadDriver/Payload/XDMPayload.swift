import DataPrep

/// `--payload xdm`: each event mapped with Data Prep's `Mapper` (the flow's mapping set onto its
/// XDM schema) and wrapped in the streaming inlet's XDM message envelope:
///
/// ```json
/// {"header": {"schemaRef": {"id": SCHEMA_ID, "contentType": "application/vnd.adobe.xed-full+json;version=1"},
///             "flowId": FLOW_ID, "datasetId": DATASET_ID, "source": {"name": "pendo-replay"}},
///  "body":   {"xdmMeta": {"schemaRef": {...same...}}, "xdmEntity": RECORD}}
/// ```
///
/// A record Data Prep rejects is refused (`.refused`, counted in the report's `mapping` errors),
/// never sent and never dropped silently. Field-level transformation errors drop only the field,
/// as Adobe does.
///
/// Thread safety: `message(for:)` runs on several cores at once (the feed pump's
/// `concurrentPerform`). Every call borrows a warm state from a ``MapperPool`` and gives the event
/// its own seed from a ``SeedSequence``, so that `uuid()` never repeats between events.
public final class XDMPayload: PayloadMapper, Sendable {
    /// The XDM content type of `schemaRef`.
    public static let contentType = "application/vnd.adobe.xed-full+json;version=1"
    /// `header.source.name`.
    public static let sourceName = "pendo-replay"

    /// The engine, with the warm states the feed's threads share.
    let pool: MapperPool
    /// The engine.
    public var mapper: Mapper { self.pool.mapper }
    /// `header.schemaRef.id` and `body.xdmMeta.schemaRef.id`.
    public let schemaId: String
    /// The envelope up to `"xdmEntity":`, encoded once.
    let prefix: [UInt8]

    /// - Parameters:
    ///   - mapper: the Data Prep mapper (mapping set and schema); its `options.seed` is the base
    ///     seed of `uuid()`, each event drawing a distinct seed from it.
    ///   - schemaId: the target schema's id (`outputSchema.schemaRef.id` or the schema's `$id`).
    ///   - flowId: `header.flowId`, when known.
    ///   - datasetId: `header.datasetId`, when known.
    ///   - imsOrgId: `header.imsOrgId`, when known (the inlet checks it matches its org).
    public init(
        mapper: Mapper, schemaId: String, flowId: String? = nil, datasetId: String? = nil, imsOrgId: String? = nil
    ) {
        self.pool = MapperPool(mapper: mapper, seeds: SeedSequence(base: mapper.options.seed))
        self.schemaId = schemaId
        let schemaRef = JSONValue.object(
            JSONObject(["id": .string(schemaId), "contentType": .string(Self.contentType)]))
        var header = JSONObject(["schemaRef": schemaRef])
        if let flowId { header["flowId"] = .string(flowId) }
        if let datasetId { header["datasetId"] = .string(datasetId) }
        if let imsOrgId { header["imsOrgId"] = .string(imsOrgId) }
        header["source"] = .object(JSONObject(["name": .string(Self.sourceName)]))
        var prefix = Array(#"{"header":"#.utf8)
        JSONValue.object(header).serialize(into: &prefix)
        prefix += Array(#","body":{"xdmMeta":"#.utf8)
        JSONValue.object(JSONObject(["schemaRef": schemaRef])).serialize(into: &prefix)
        prefix += Array(#","xdmEntity":"#.utf8)
        self.prefix = prefix
    }

    /// Loads the mapping set and the schema documents and builds the payload; the schema id is
    /// `schemaId` when given, else the mapping set's `outputSchema.schemaRef.id`, else the schema's `$id`.
    /// - Throws: `XDMPayloadError` naming the document that cannot be used.
    public convenience init(
        mappingSetJSON: [UInt8], mappingSource: String, schemaJSON: [UInt8], schemaSource: String,
        schemaId: String? = nil, flowId: String? = nil, datasetId: String? = nil, imsOrgId: String? = nil,
        seed: UInt64 = 0
    ) throws {
        let mappingSet: MappingSet
        let schema: XDMSchema
        let mapper: Mapper
        do {
            mappingSet = try MappingSet.load(json: mappingSetJSON, source: mappingSource)
        } catch {
            throw XDMPayloadError(message: error.description)
        }
        do {
            schema = try XDMSchema.load(json: schemaJSON, source: schemaSource)
        } catch {
            throw XDMPayloadError(message: error.description)
        }
        do {
            mapper = try Mapper(mappingSet: mappingSet, schema: schema, options: MapperOptions(seed: seed))
        } catch {
            throw XDMPayloadError(message: "\(mappingSource): \(error.description)")
        }
        guard let schemaId = schemaId ?? Self.schemaId(mappingSetJSON: mappingSetJSON) ?? schema.id else {
            throw XDMPayloadError(
                message:
                    "no schema id: \(mappingSource) has no outputSchema.schemaRef.id and \(schemaSource) has no $id")
        }
        self.init(mapper: mapper, schemaId: schemaId, flowId: flowId, datasetId: datasetId, imsOrgId: imsOrgId)
    }

    /// `outputSchema.schemaRef.id` of a mapping set document.
    static func schemaId(mappingSetJSON: [UInt8]) -> String? {
        guard case .object(let root)? = try? JSONValue.parse(mappingSetJSON),
            case .object(let output)? = root["outputSchema"],
            case .object(let reference)? = output["schemaRef"],
            case .string(let id)? = reference["id"], !id.isEmpty
        else { return nil }
        return id
    }

    public func message(for event: FeedEvent) -> PayloadResult {
        switch self.pool.map(event.bytes) {
        case .mapped(let record, _):
            var bytes = self.prefix
            bytes.reserveCapacity(self.prefix.count + event.bytes.count + 2)
            record.serialize(into: &bytes)
            bytes.append(UInt8(ascii: "}"))
            bytes.append(UInt8(ascii: "}"))
            return .message(bytes)
        case .rejected(let rejection):
            return .refused("\(event.file):\(event.line): \(rejection.description)")
        }
    }
}

/// A mapping set or schema that `--payload xdm` cannot use.
public struct XDMPayloadError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { self.message }
}
