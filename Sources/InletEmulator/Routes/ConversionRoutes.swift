import Hummingbird

extension EmulatorCore {
    /// Registers `/data/foundation/conversion/mappingSets...`.
    func addConversionRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.post("mappingSets") { request, _ in
            let body = try await request.jsonBody()
            let (mappingSet, _) = try self.checkMappingSet(body)
            let now = self.nowMs()
            let id = self.ids.mappingSetId()
            let user = Caller(request.headers).user
            var document = mappingSet
            document["id"] = .string(id)
            document["version"] = 0
            document["createdDate"] = .int(now)
            document["modifiedDate"] = .int(now)
            document["createdBy"] = .string(user)
            document["modifiedBy"] = .string(user)
            try self.save(.mappingSets, id, document)
            return jsonResponse(
                201,
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
        group.get("mappingSets/:id") { _, context in
            let id = context.parameters.get("id") ?? ""
            guard let document = self.registry.document(.mappingSets, id) else {
                throw Problem.notFound("mapping set \(id) not found", code: "CONVERSION-1404-404")
            }
            return jsonResponse(200, document)
        }
        group.post("mappingSets/validate") { request, _ in
            let body = try await request.jsonBody()
            do {
                _ = try self.checkMappingSet(body)
                return jsonResponse(200, .obj(("validationResponse", .array([.obj(("status", "SUCCESS"), ("errors", .null))]))))
            } catch let problem as Problem {
                let message = problem.document["detail"] ?? .string("invalid mapping set")
                return jsonResponse(
                    200,
                    .obj(("validationResponse", .array([.obj(("status", "FAILED"), ("errors", .array([.obj(("message", message))])))])))
                )
            }
        }
        group.post("mappingSets/preview") { request, _ in
            let body = try await request.jsonBody()
            guard let data = body["data"]?.arrayValue, let mappingSetBody = body["mappingSet"] else {
                throw Problem.badRequest("preview needs {\"data\": [...], \"mappingSet\": {...}}", code: "CONVERSION-1400-400")
            }
            let (_, mapper) = try self.checkMappingSet(mappingSetBody)
            let results: [JSON] = data.map { event in
                switch mapper.map(event.serialized()) {
                case .stored(let record, let warnings):
                    let mapped = (try? JSON.parse(record)) ?? .null
                    return .obj(
                        ("data", mapped),
                        ("errors", warnings.isEmpty ? .null : .array(warnings.map { .obj(("message", .string($0))) }))
                    )
                case .failed(let failure):
                    return .obj(
                        ("data", .null),
                        ("errors", .array([.obj(("code", .string(failure.code)), ("message", .string(failure.message)))]))
                    )
                }
            }
            return jsonResponse(200, .array(results))
        }
    }

    /// Checks a mapping set body: mappings present, output schema known, and a mapper can be built.
    func checkMappingSet(_ body: JSON) throws -> (JSON, any RecordMapper) {
        guard case .object = body else { throw Problem.badRequest("The body must be a JSON object", code: "CONVERSION-1400-400") }
        guard let mappings = body["mappings"]?.arrayValue, !mappings.isEmpty else {
            throw Problem.badRequest("`mappings` must be a non-empty array", code: "CONVERSION-1400-400")
        }
        guard let schemaId = body["outputSchema"]?["schemaRef"]?["id"]?.stringValue else {
            throw Problem.badRequest("`outputSchema.schemaRef.id` is required: the target XDM schema", code: "CONVERSION-1400-400")
        }
        guard let schema = self.schema(withId: schemaId) else {
            throw Problem.badRequest(
                "Unknown schema \(schemaId) in outputSchema.schemaRef.id: create it with POST /data/foundation/schemaregistry/tenant/schemas first",
                code: "CONVERSION-1401-400"
            )
        }
        do {
            let mapper = try self.configuration.mapperFactory(body.serialized(), schema.serialized())
            return (body, mapper)
        } catch {
            throw Problem.badRequest("The mapping set cannot be used: \(error)", code: "CONVERSION-1402-400")
        }
    }

    func mappingSetDocument(_ stored: JSON) -> JSON { stored }
}
