import ArgumentParser
import DataPrep
import FlowServiceClient
import Foundation

struct ProvisionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "provision",
        abstract: "Create the seed's Flow Service chain and print the flow id and inlet URL.",
        // The generated usage line runs past 80 columns.
        usage: "pendo-replay provision [<options>]",
        discussion: """
            Example:
              pendo-replay provision --flow-service http://127.0.0.1:8080 --corpus corpora/pendo-seed
              pendo-replay provision --flow-service https://platform.adobe.io --mapping mapping.json \\
                  --schema-id https://ns.adobe.com/TENANT/schemas/ID --dataset-id 63dca52231a6031c07280614 --save flow.json
              pendo-replay provision --flow-service http://127.0.0.1:8080 --teardown flow.json

            Credentials: PENDO_REPLAY_ACCESS_TOKEN, PENDO_REPLAY_API_KEY, PENDO_REPLAY_ORG_ID,
            PENDO_REPLAY_SANDBOX_NAME (or --credentials FILE). Against a loopback emulator, placeholders
            stand in for missing ones. Without --dataset-id the schema and dataset are created first
            (the emulator's Schema Registry and Catalog); on the real service, pass their ids.
            Prints {"sourceConnectionId","targetConnectionId","mappingId","flowId","inletUrl",...} on stdout.
            """
    )

    @Option(help: "Base URL of the Flow Service (https://platform.adobe.io, or the emulator's http://127.0.0.1:PORT).")
    var flowService: String = "https://platform.adobe.io"

    @Option(help: "A corpus bundle whose mapping.json and schema.json are used.")
    var corpus: String?

    @Option(help: "Mapping-set document (the body of POST /conversion/mappingSets).")
    var mapping: String?

    @Option(help: "Target XDM schema document (created in the Schema Registry when no --schema-id is given).")
    var schema: String?

    @Option(help: "Existing target schema id (skips creating the schema).")
    var schemaId: String?

    @Option(help: "Existing target dataset id (skips creating the dataset; needs --schema-id).")
    var datasetId: String?

    @Option(help: "Name of the connections and the flow.")
    var name: String = "Streaming Dataflow for Pendo"

    @Option(help: "Write the created ids (JSON) to this file, for --teardown later.")
    var save: String?

    @Option(
        help:
            "Delete what a --save file lists (flow, connections, and the dataset and schema provision created), then exit."
    )
    var teardown: String?

    @Option(help: "JSON file with accessToken, apiKey, orgId, sandboxName (the environment wins).")
    var credentials: String?

    func run() async throws {
        let client: FlowServiceClient
        do {
            client = FlowServiceClient(
                configuration: .init(baseURL: self.flowService, credentials: try self.loadCredentials())
            ) { retry, reason, delay in
                StandardError.write(
                    "pendo-replay provision: retry \(retry) after \(reason), waiting \(String(format: "%.1f", delay)) s\n"
                )
            }
        } catch {
            StandardError.write("pendo-replay provision: \(error)\n")
            throw ExitCode(2)
        }
        do {
            if let teardown {
                try await self.tearDown(teardown, client: client)
                return
            }
            let result = try await self.provision(client: client)
            if let save {
                try result.write(to: save)
            }
            FileHandle.standardOutput.write(try result.encoded() + Data("\n".utf8))
        } catch let error as FlowServiceError {
            StandardError.write("pendo-replay provision: \(error)\n")
            if case .configuration = error { throw ExitCode(2) }
            throw ExitCode(1)
        }
    }

    func loadCredentials() throws -> FlowServiceCredentials {
        let host = URL(string: self.flowService)?.host ?? ""
        let loopback = ["127.0.0.1", "localhost", "::1"].contains(host)
        return try FlowServiceCredentials.load(configFile: self.credentials, defaults: loopback ? .emulator : nil)
    }

    func provision(client: FlowServiceClient) async throws -> ProvisionedChain {
        let mappingPath = self.mapping ?? self.corpus.map { ($0 as NSString).appendingPathComponent("mapping.json") }
        guard let mappingPath else {
            throw FlowServiceError.configuration("give --corpus BUNDLE or --mapping FILE")
        }
        let schemaPath = self.schema ?? self.corpus.map { ($0 as NSString).appendingPathComponent("schema.json") }
        try Self.checkLocally(mappingPath: mappingPath, schemaPath: self.schemaId == nil ? schemaPath : self.schema)
        let chain = SeedChain(
            mappingPath: mappingPath, schemaPath: schemaPath, schemaId: self.schemaId, datasetId: self.datasetId,
            name: self.name)
        let save = self.save
        var created = try await chain.provision(client: client) { sofar in
            if let save { try sofar.write(to: save) }
        }.saved
        // `run --flow FILE` asks this Flow Service for the flow's inlet and runs.
        created.flowService = client.configuration.baseURL
        return created
    }

    /// Loads the mapping set (and the schema, when there is one on disk) as `validate` does, before
    /// anything is created: a syntax or expression error is named with its place (exit 2), and so is a
    /// destination the schema lacks, which the platform would reject in every record.
    static func checkLocally(mappingPath: String, schemaPath: String?) throws {
        let mappingBytes = try MappingFiles.readFile(mappingPath, what: "mapping set")
        let schemaBytes = try schemaPath.map { try MappingFiles.readFile($0, what: "schema") }
        let mapper = try MappingFiles.mapper(
            mappingBytes: mappingBytes, mappingPath: mappingPath, schemaBytes: schemaBytes,
            schemaPath: schemaPath, options: MapperOptions())
        guard mapper.destinationProblems.isEmpty else {
            for problem in mapper.destinationProblems { StandardError.write("error: \(mappingPath): \(problem)\n") }
            StandardError.write("pendo-replay provision: nothing was created; fix the destinations or the schema\n")
            throw ExitCode(2)
        }
    }

    /// Deletes, in the reverse of the order of creation, what the file lists: the flow and its
    /// connections, then the dataset and the schema when `provision` created them (never ids it was
    /// given). Adobe's Data Prep API has no call that deletes a mapping set, so it stays.
    func tearDown(_ path: String, client: FlowServiceClient) async throws {
        let saved = try ProvisionedChain.load(path, flag: "--teardown")
        // Files written before `created` was recorded list only what provision made.
        let created = Set(saved.created ?? ["flow", "targetConnection", "sourceConnection"])
        var deleted: [String] = []
        if let flowId = saved.flowId {
            try await client.deleteFlow(id: flowId)
            deleted.append("flow \(flowId)")
        }
        if let targetId = saved.targetConnectionId {
            try await client.deleteTargetConnection(id: targetId)
            deleted.append("target connection \(targetId)")
        }
        if let sourceId = saved.sourceConnectionId {
            try await client.deleteSourceConnection(id: sourceId)
            deleted.append("source connection \(sourceId)")
        }
        if let datasetId = saved.datasetId, created.contains("dataset") {
            try await client.deleteDataset(id: datasetId)
            deleted.append("dataset \(datasetId)")
        }
        if let schemaId = saved.schemaId, created.contains("schema") {
            try await client.deleteSchema(id: schemaId)
            deleted.append("schema \(schemaId)")
        }
        StandardError.write(
            "pendo-replay provision: deleted \(deleted.isEmpty ? "nothing" : deleted.joined(separator: ", ")) (listed in \(path))\n"
        )
        if let mappingId = saved.mappingId, created.contains("mappingSet") {
            StandardError.write(
                "pendo-replay provision: mapping set \(mappingId) stays: Adobe's Data Prep API has no call that deletes one\n"
            )
        }
    }
}
