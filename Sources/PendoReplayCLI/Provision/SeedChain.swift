import FlowServiceClient
import Foundation

/// The seed's Flow Service chain (schema, dataset, source connection, target connection, mapping
/// set, flow, then `GET /flows/{id}` for the inlet URL), created through the Flow Service API.
/// `provision` and the default job (`pendo-replay` with no arguments) both create it here.
struct SeedChain: Sendable {
    /// The mapping-set document (the body of `POST /conversion/mappingSets`).
    var mappingPath: String
    /// The target XDM schema document, created when `schemaId` is nil.
    var schemaPath: String?
    /// An existing schema id (skips creating the schema).
    var schemaId: String?
    /// An existing dataset id (skips creating the dataset).
    var datasetId: String?
    /// Name of the connections and the flow.
    var name: String = "Streaming Dataflow for Pendo"

    /// What was created: the ids, and the inlet URL the flow answers.
    struct Created: Sendable {
        var sourceConnectionId: String
        var targetConnectionId: String
        var mappingId: String
        var flowId: String
        var flowEtag: String
        var inletUrl: String
        var schemaId: String
        var datasetId: String
        /// What was created rather than given (see `ProvisionedChain.created`).
        var created: [String]

        /// What `provision` prints and `--save` writes (and `run --flow` reads).
        var saved: ProvisionedChain {
            ProvisionedChain(
                schemaId: self.schemaId, datasetId: self.datasetId, sourceConnectionId: self.sourceConnectionId,
                targetConnectionId: self.targetConnectionId, mappingId: self.mappingId, flowId: self.flowId,
                flowEtag: self.flowEtag, inletUrl: self.inletUrl, created: self.created)
        }
    }

    /// The chain of a corpus bundle: its mapping.json and schema.json.
    init(bundle: String) {
        self.mappingPath = (bundle as NSString).appendingPathComponent("mapping.json")
        self.schemaPath = (bundle as NSString).appendingPathComponent("schema.json")
    }

    init(mappingPath: String, schemaPath: String?, schemaId: String?, datasetId: String?, name: String) {
        self.mappingPath = mappingPath
        self.schemaPath = schemaPath
        self.schemaId = schemaId
        self.datasetId = datasetId
        self.name = name
    }

    /// Creates the chain, in the order the platform needs it. `progress` receives the ids created
    /// so far after each creation (`provision --save` writes them then).
    func provision(client: FlowServiceClient, progress: (ProvisionedChain) throws -> Void = { _ in }) async throws
        -> Created
    {
        let mappingSet = try Self.read(self.mappingPath, what: "mapping set")
        var sofar = ProvisionedChain(flowService: client.configuration.baseURL, created: [])
        let schemaId: String
        if let given = self.schemaId {
            schemaId = given
        } else {
            guard let schemaPath = self.schemaPath else {
                throw FlowServiceError.configuration(
                    "give --schema FILE (or --corpus), or --schema-id for an existing schema")
            }
            schemaId = try await client.createSchema(try Self.read(schemaPath, what: "schema"))
            sofar.created?.append("schema")
        }
        sofar.schemaId = schemaId
        try progress(sofar)
        let datasetId: String
        if let given = self.datasetId {
            datasetId = given
        } else {
            datasetId = try await client.createDataset(name: self.name, schemaId: schemaId)
            sofar.created?.append("dataset")
        }
        sofar.datasetId = datasetId
        try progress(sofar)
        let source = try await client.createSourceConnection(name: "Streaming Source Connection for Pendo")
        sofar.sourceConnectionId = source.id
        sofar.created?.append("sourceConnection")
        try progress(sofar)
        let target = try await client.createTargetConnection(
            name: "Streaming Target Connection for Pendo", schemaId: schemaId, datasetId: datasetId)
        sofar.targetConnectionId = target.id
        sofar.created?.append("targetConnection")
        try progress(sofar)
        let mappingId = try await client.createMappingSet(mappingSet, schemaId: schemaId)
        sofar.mappingId = mappingId
        sofar.created?.append("mappingSet")
        try progress(sofar)
        let flow = try await client.createFlow(
            name: self.name, sourceConnectionId: source.id, targetConnectionId: target.id, mappingId: mappingId)
        sofar.flowId = flow.id
        sofar.flowEtag = flow.etag
        sofar.created?.append("flow")
        try progress(sofar)
        let details = try await client.flow(id: flow.id)
        return Created(
            sourceConnectionId: source.id, targetConnectionId: target.id, mappingId: mappingId, flowId: flow.id,
            flowEtag: details.etag, inletUrl: details.inletUrl, schemaId: schemaId, datasetId: datasetId,
            created: sofar.created ?? [])
    }

    static func read(_ path: String, what: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FlowServiceError.configuration("cannot read the \(what) \(path)")
        }
        return Array(data)
    }
}
