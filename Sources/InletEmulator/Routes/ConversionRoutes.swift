import DataPrep
import Hummingbird

extension EmulatorCore {
    /// Registers `/data/foundation/conversion/mappingSets...`.
    func addConversionRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.post("mappingSets") { request, _ in
            let body = try await request.jsonBody()
            let caller = Caller(request.headers)
            let (mappingSet, _) = try self.checkMappingSet(body, caller: caller)
            let now = self.nowMs()
            let id = self.ids.mappingSetId()
            let user = caller.user
            var document = mappingSet
            document["imsOrgId"] = .string(caller.orgId)
            document["sandboxId"] = .string(self.sandboxId(for: caller.sandboxName))
            document["id"] = .string(id)
            document["version"] = 0
            document["createdDate"] = .int(now)
            document["modifiedDate"] = .int(now)
            document["createdBy"] = .string(user)
            document["modifiedBy"] = .string(user)
            try self.save(.mappingSets, id, document)
            // Adobe's Data Prep spec and guide answer a created mapping set with 200.
            return jsonResponse(
                200,
                .obj(
                    ("id", .string(id)),
                    ("version", 0),
                    ("createdDate", .int(now)),
                    ("modifiedDate", .int(now)),
                    ("createdBy", .string(user)),
                    ("modifiedBy", .string(user))
                )
            )
        }
        group.get("mappingSets/:id") { request, context in
            let id = context.parameters.get("id") ?? ""
            let caller = Caller(request.headers)
            guard var document = self.document(.mappingSets, id, for: caller) else {
                throw Problem.notFound(
                    "mapping set \(id) not found in this org and sandbox", code: "CONVERSION-1404-404")
            }
            // Mapping sets are never updated here, so version 0 is the only one.
            if let version = request.query("version"), !version.isEmpty {
                guard let number = Int(version), number >= 0 else {
                    throw Problem.badRequest("version=\(version) is not a version number", code: "CONVERSION-1400-400")
                }
                guard Int64(number) == document["version"]?.intValue ?? 0 else {
                    throw Problem.notFound(
                        "mapping set \(id) has no version \(number): its version is \(document["version"]?.intValue ?? 0)",
                        code: "CONVERSION-1404-404")
                }
            }
            // `expandSchema=true` inlines the output schema, resolved, as `outputSchema.schema`.
            if request.query("expandSchema") == "true",
                let schemaId = document["outputSchema"]?["schemaRef"]?["id"]?.stringValue,
                let schema = self.schema(withId: schemaId, for: caller)
            {
                var output = document["outputSchema"] ?? .obj()
                output["schema"] = try self.resolvedSchema(schema, source: schemaId)
                document["outputSchema"] = output
            }
            return jsonResponse(200, document)
        }
        group.post("mappingSets/validate") { request, _ in
            let body = try await request.jsonBody()
            do {
                _ = try self.checkMappingSet(body, caller: Caller(request.headers))
                return jsonResponse(
                    200, .obj(("validationResponse", .array([.obj(("status", "SUCCESS"), ("errors", .null))]))))
            } catch let problem as Problem {
                let message = problem.document["detail"] ?? .string("invalid mapping set")
                return jsonResponse(
                    200,
                    .obj(
                        (
                            "validationResponse",
                            .array([.obj(("status", "FAILED"), ("errors", .array([.obj(("message", message))])))])
                        ))
                )
            }
        }
        group.post("mappingSets/preview") { request, _ in
            let body = try await request.jsonBody()
            guard let data = body["data"]?.arrayValue, let mappingSetBody = body["mappingSet"] else {
                throw Problem.badRequest(
                    "preview needs {\"data\": [...], \"mappingSet\": {...}}", code: "CONVERSION-1400-400")
            }
            let (_, mapper) = try self.checkMappingSet(mappingSetBody, caller: Caller(request.headers))
            let results: [JSONValue] = data.map { event in
                switch mapper.map(document: event, serialized: event.serialized()) {
                case .stored(let record, let warnings):
                    let mapped = (try? JSONValue.parse(record)) ?? .null
                    return .obj(
                        ("data", mapped),
                        ("errors", warnings.isEmpty ? .null : .array(warnings.map { .obj(("message", .string($0))) }))
                    )
                case .failed(let failure):
                    return .obj(
                        ("data", .null),
                        (
                            "errors",
                            .array([.obj(("code", .string(failure.code)), ("message", .string(failure.message)))])
                        )
                    )
                }
            }
            return jsonResponse(200, .array(results))
        }
    }

    /// Checks a mapping set body: mappings present, output schema known, and a mapper can be built.
    func checkMappingSet(_ body: JSONValue, caller: Caller) throws -> (JSONValue, any RecordMapper) {
        guard case .object = body else {
            throw Problem.badRequest("The body must be a JSON object", code: "CONVERSION-1400-400")
        }
        guard let mappings = body["mappings"]?.arrayValue, !mappings.isEmpty else {
            throw Problem.badRequest("`mappings` must be a non-empty array", code: "CONVERSION-1400-400")
        }
        guard let schemaId = body["outputSchema"]?["schemaRef"]?["id"]?.stringValue else {
            throw Problem.badRequest(
                "`outputSchema.schemaRef.id` is required: the target XDM schema", code: "CONVERSION-1400-400")
        }
        guard let schema = self.schema(withId: schemaId, for: caller) else {
            throw Problem.badRequest(
                "Unknown schema \(schemaId) in outputSchema.schemaRef.id: create it with POST /data/foundation/schemaregistry/tenant/schemas first",
                code: "CONVERSION-1401-400"
            )
        }
        do {
            let mapper = try self.configuration.mapperFactory(body, schema)
            return (body, mapper)
        } catch {
            throw Problem.badRequest("The mapping set cannot be used: \(error)", code: "CONVERSION-1402-400")
        }
    }

    func mappingSetDocument(_ stored: JSONValue) -> JSONValue { stored }
}
