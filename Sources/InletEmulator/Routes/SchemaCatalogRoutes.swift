import Hummingbird

extension EmulatorCore {
    /// A schema by `$id`, `meta:altId` or its hex id.
    func schema(withId id: String) -> JSON? {
        if let direct = self.registry.document(.schemas, id) { return direct }
        return self.registry.all(.schemas).values.first {
            $0["meta:altId"]?.stringValue == id || $0["$id"]?.stringValue == id
        }
    }

    /// Registers the minimal Schema Registry (`/data/foundation/schemaregistry/tenant/schemas`).
    func addSchemaRegistryRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.post("tenant/schemas") { request, _ in
            var schema = try await request.jsonBody()
            guard case .object = schema else { throw Problem.badRequest("The schema must be a JSON object", code: "XDM-1000-400") }
            guard let title = schema["title"]?.stringValue, !title.isEmpty else {
                throw Problem.badRequest("The schema needs a `title`", code: "XDM-1001-400")
            }
            let tenant = self.configuration.tenant
            let hex = self.ids.schemaHex()
            let id = "https://ns.adobe.com/\(tenant)/schemas/\(hex)"
            let now = self.nowMs()
            schema["$id"] = .string(id)
            schema["meta:altId"] = .string("_\(tenant).schemas.\(hex)")
            schema["meta:resourceType"] = "schemas"
            schema["version"] = "1.0"
            schema["meta:containerId"] = "tenant"
            schema["meta:tenantNamespace"] = .string("_\(tenant)")
            schema["meta:registryMetadata"] = .obj(
                ("repo:createdDate", .int(now)),
                ("repo:lastModifiedDate", .int(now)),
                ("xdm:createdClientId", .string(Caller(request.headers).client)),
                ("meta:globalLibVersion", "1.0")
            )
            try self.save(.schemas, id, schema)
            return jsonResponse(201, schema)
        }
        group.get("tenant/schemas/:id") { _, context in
            let raw = context.parameters.get("id") ?? ""
            let id = raw.removingPercentEncoding ?? raw
            guard let schema = self.schema(withId: id) ?? self.registry.all(.schemas).values.first(where: { $0["$id"]?.stringValue?.hasSuffix("/" + id) == true }) else {
                throw Problem.notFound("schema \(id) not found", code: "XDM-1010-404")
            }
            return jsonResponse(200, schema)
        }
    }

    /// Registers the minimal Catalog (`/data/foundation/catalog/dataSets`).
    func addCatalogRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.post("dataSets") { request, _ in
            let body = try await request.jsonBody()
            guard case .object = body else { throw Problem.badRequest("The body must be a JSON object", code: "CAT-1000-400") }
            guard let schemaId = body["schemaRef"]?["id"]?.stringValue else {
                throw Problem.badRequest("`schemaRef.id` is required: the dataset's XDM schema", code: "CAT-1001-400")
            }
            guard let schema = self.schema(withId: schemaId) else {
                throw Problem.badRequest(
                    "Unknown schema \(schemaId) in schemaRef.id: create it with POST /data/foundation/schemaregistry/tenant/schemas first",
                    code: "CAT-1002-400"
                )
            }
            let now = self.nowMs()
            let id = self.ids.datasetId(nowMs: now)
            var document = body
            var schemaRef = body["schemaRef"] ?? .obj()
            schemaRef["id"] = schema["$id"] ?? .string(schemaId)
            document["schemaRef"] = schemaRef
            document["created"] = .int(now)
            document["updated"] = .int(now)
            document["createdClient"] = .string(Caller(request.headers).client)
            document["imsOrg"] = .string(Caller(request.headers).orgId)
            document["version"] = "1.0.0"
            try self.save(.datasets, id, document)
            return jsonResponse(201, .array([.string("@/dataSets/\(id)")]))
        }
        group.get("dataSets/:id") { _, context in
            let id = context.parameters.get("id") ?? ""
            guard let document = self.registry.document(.datasets, id) else {
                throw Problem.notFound("dataset \(id) not found", code: "CAT-1404-404")
            }
            return jsonResponse(200, .obj((id, document)))
        }
    }
}

import Foundation
