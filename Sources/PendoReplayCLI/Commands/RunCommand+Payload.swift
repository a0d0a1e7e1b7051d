import DataPrep
import LoadDriver
import ReplayCommon

extension RunCommand {
    /// The payload mapper of `--payload`: nil for raw (the event's bytes), an `XDMPayload` for xdm
    /// with the mapping set and schema from `--mapping`/`--schema` or the corpus bundle's
    /// `mapping.json`/`schema.json`.
    func makePayloadMapper() throws -> (any PayloadMapper)? {
        switch self.payload {
        case "raw":
            return nil
        case "xdm":
            let bundle = self.corpus.first
            guard let mappingPath = self.mapping ?? bundle.flatMap({ MappingFiles.bundleFile($0, "mapping.json") })
            else {
                throw CLIError(
                    "--payload xdm needs a mapping set: give --mapping FILE or a corpus bundle folder holding mapping.json"
                )
            }
            guard let schemaPath = self.schema ?? bundle.flatMap({ MappingFiles.bundleFile($0, "schema.json") }) else {
                throw CLIError(
                    "--payload xdm needs the target schema: give --schema FILE or a corpus bundle folder holding schema.json"
                )
            }
            do {
                return try XDMPayload(
                    mappingSetJSON: try MappingFiles.readFile(mappingPath, what: "mapping set"),
                    mappingSource: mappingPath,
                    schemaJSON: try MappingFiles.readFile(schemaPath, what: "schema"), schemaSource: schemaPath,
                    schemaId: self.schemaId, flowId: self.flowId, seed: SeededRandom.systemSeed())
            } catch let error as XDMPayloadError {
                throw CLIError("--payload xdm: \(error)")
            }
        default:
            throw CLIError("--payload \(self.payload): raw or xdm")
        }
    }

    /// `--payload xdm`: the `schemaRef` id the envelope names, which must be the schema of the flow's
    /// dataset or the inlet refuses every message. Taken from `--flow FILE` (`provision --save` keeps
    /// it) and checked against `--schema-id`; to a bare `--inlet`, which does not say, `--schema-id`
    /// is required. Nil: the mapping set's or the schema's own id.
    func envelopeSchemaId(flowTarget: FlowTarget?) throws -> String? {
        guard self.payload == "xdm" else { return self.schemaId }
        if let saved = flowTarget?.savedSchemaId {
            if let given = self.schemaId, given != saved {
                throw CLIError(
                    "--schema-id \(given) is not the schema of the flow's dataset (\(saved), from the flow \(flowTarget?.flowId ?? "")): "
                        + "the inlet would refuse every message; drop --schema-id to use the flow's, or give the flow of that schema"
                )
            }
            return saved
        }
        if flowTarget == nil, self.schemaId == nil {
            throw CLIError(
                "--payload xdm to --inlet needs --schema-id ID: the envelope's schemaRef must name the schema of the "
                    + "flow's dataset, which an inlet URL does not say; give --schema-id (provision prints it as schemaId), or --flow FILE"
            )
        }
        return self.schemaId
    }

    /// The mapping set whose destination of `uniqueId` keys stored records with `--payload xdm`.
    func mappingFileForKeys(bundle: String?) -> String? {
        self.mapping ?? (bundle ?? self.corpus.first).flatMap { MappingFiles.bundleFile($0, "mapping.json") }
    }
}
