import DataPrep
import Foundation
import Hummingbird

extension EmulatorCore {
    /// A schema by `$id`, `meta:altId` or its hex id; with `caller`, only one of its org and sandbox.
    func schema(withId id: String, for caller: Caller? = nil) -> JSONValue? {
        let visible = { (schema: JSONValue) in caller.map { self.isVisible(schema, to: $0) } ?? true }
        if let direct = self.registry.document(.schemas, id) {
            guard visible(direct) else { return nil }
            return direct
        }
        return self.registry.all(.schemas).values.first {
            ($0["meta:altId"]?.stringValue == id || $0["$id"]?.stringValue == id
                || $0["$id"]?.stringValue?.hasSuffix("/" + id) == true) && visible($0)
        }
    }

    /// A schema document resolved as `xed-full` gives it (every `allOf`/`$ref` inlined).
    func resolvedSchema(_ schema: JSONValue, source: String) throws -> JSONValue {
        do {
            return try XDMComposition().resolve(schema, source: source)
        } catch {
            throw Problem.badRequest("The schema cannot be resolved: \(error)", code: "XDM-1003-400")
        }
    }

    /// The answer to a Registry lookup in the `Accept` format asked for, or 406.
    func schemaAnswer(_ schema: JSONValue, request: Request, what: String) throws -> Response {
        let format: SchemaFormat
        switch SchemaFormat.parse(request.headers[.accept]) {
        case .success(let parsed): format = parsed
        case .failure(let error):
            throw Problem.platform(
                406, code: "XDM-1406-406", title: "Not Acceptable", detail: "\(what): \(error.message)")
        }
        var document = schema
        if format.full {
            do {
                document = try self.resolvedSchema(schema, source: what)
            } catch let problem as Problem {
                throw Problem.platform(
                    406, code: "XDM-1406-406", title: "Not Acceptable",
                    detail: "\(what) cannot be given in full: \(problem.document["detail"]?.stringValue ?? "")")
            }
        }
        return jsonResponse(200, format.strip(document), headers: [.contentType: format.contentType])
    }

    /// Registers the Schema Registry: tenant schemas (create, look up, delete) and look-ups of the
    /// standard classes, field groups, data types and behaviours schemas are composed from.
    func addSchemaRegistryRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.post("tenant/schemas") { request, _ in
            var schema = try await request.jsonBody()
            guard case .object = schema else {
                throw Problem.badRequest("The schema must be a JSON object", code: "XDM-1000-400")
            }
            guard let title = schema["title"]?.stringValue, !title.isEmpty else {
                throw Problem.badRequest("The schema needs a `title`", code: "XDM-1001-400")
            }
            let caller = Caller(request.headers)
            // A reference the emulator cannot resolve is refused now, not when a flow uses it.
            _ = try self.resolvedSchema(schema, source: "POST /tenant/schemas (\(title))")
            let composed = schema
            let tenant = self.configuration.tenant
            let hex = self.ids.schemaHex()
            let id = "https://ns.adobe.com/\(tenant)/schemas/\(hex)"
            let now = self.nowMs()
            schema["$id"] = .string(id)
            schema["meta:altId"] = .string("_\(tenant).schemas.\(hex)")
            schema["meta:resourceType"] = "schemas"
            schema["version"] = "1.0"
            let references = XDMComposition.directReferences(composed)
            schema["refs"] = .array(references.map { .string($0) })
            schema["imsOrg"] = .string(caller.orgId)
            schema["meta:extends"] = .array(XDMComposition().extends(composed).map { .string($0) })
            schema["meta:xdmType"] = "object"
            if let schemaClass = XDMComposition.schemaClass(composed) { schema["meta:class"] = .string(schemaClass) }
            schema["meta:containerId"] = "tenant"
            schema["meta:sandboxId"] = .string(self.sandboxId(for: caller.sandboxName))
            schema["meta:sandboxType"] = .string(Self.sandboxType(caller.sandboxName))
            schema["meta:tenantNamespace"] = .string("_\(tenant)")
            schema["meta:registryMetadata"] = .obj(
                ("repo:createdDate", .int(now)),
                ("repo:lastModifiedDate", .int(now)),
                ("xdm:createdClientId", .string(caller.client)),
                ("xdm:lastModifiedClientId", .string(caller.client)),
                ("meta:globalLibVersion", "1.0")
            )
            try self.save(.schemas, id, schema)
            return jsonResponse(201, schema)
        }
        // Containers are spelled out: the router prefers a literal segment and does not backtrack.
        for container in ["tenant", "global"] {
            group.get(RouterPath(stringLiteral: "\(container)/schemas/:id")) { request, context in
                let id = Self.decodedId(context.parameters.get("id") ?? "")
                guard container == "tenant", let schema = self.schema(withId: id, for: Caller(request.headers)) else {
                    throw Problem.notFound("schema \(id) not found in this org and sandbox", code: "XDM-1010-404")
                }
                return try self.schemaAnswer(schema, request: request, what: "schema \(id)")
            }
        }
        group.delete("tenant/schemas/:id") { request, context in
            let id = Self.decodedId(context.parameters.get("id") ?? "")
            guard let schema = self.schema(withId: id, for: Caller(request.headers)),
                let key = schema["$id"]?.stringValue,
                try self.delete(.schemas, key) != nil
            else {
                throw Problem.notFound("schema \(id) not found in this org and sandbox", code: "XDM-1010-404")
            }
            return Response(status: .noContent)
        }
        for kind in ["classes", "fieldgroups", "mixins", "datatypes", "behaviors"] {
            group.get(RouterPath(stringLiteral: "global/\(kind)/:id")) { request, context in
                let id = Self.decodedId(context.parameters.get("id") ?? "")
                let wanted: StandardXDM.Kind =
                    kind == "mixins" ? .fieldgroups : StandardXDM.Kind(rawValue: kind) ?? .classes
                guard let definition = StandardXDM.definitions[id], definition.kind == wanted,
                    let document = try? JSONValue.parse(Array(definition.document.utf8))
                else {
                    throw Problem.notFound(
                        "\(kind) \(id) not found: the emulator has the standard definitions \(StandardXDM.definitions.keys.sorted().joined(separator: ", ")) in the global container",
                        code: "XDM-1010-404")
                }
                return try self.schemaAnswer(document, request: request, what: "\(kind) \(id)")
            }
        }
    }

    /// A path id as sent: URL-encoded `$id`s are decoded.
    static func decodedId(_ raw: String) -> String { raw.removingPercentEncoding ?? raw }

    /// Registers the minimal Catalog (`/data/foundation/catalog/dataSets`).
    func addCatalogRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.post("dataSets") { request, _ in
            let body = try await request.jsonBody()
            guard case .object = body else {
                throw Problem.badRequest("The body must be a JSON object", code: "CAT-1000-400")
            }
            guard let schemaId = body["schemaRef"]?["id"]?.stringValue else {
                throw Problem.badRequest("`schemaRef.id` is required: the dataset's XDM schema", code: "CAT-1001-400")
            }
            let caller = Caller(request.headers)
            guard let schema = self.schema(withId: schemaId, for: caller) else {
                throw Problem.badRequest(
                    "Unknown schema \(schemaId) in schemaRef.id: create it with POST /data/foundation/schemaregistry/tenant/schemas first (in this org and sandbox)",
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
            document["createdClient"] = .string(caller.client)
            document["imsOrg"] = .string(caller.orgId)
            document["sandboxId"] = .string(self.sandboxId(for: caller.sandboxName))
            document["version"] = "1.0.0"
            try self.save(.datasets, id, document)
            // Adobe's streaming collection reads the new id from Location (its sixth path segment).
            return jsonResponse(
                201, .array([.string("@/dataSets/\(id)")]),
                headers: [.location: "/data/foundation/catalog/dataSets/\(id)"])
        }
        group.get("dataSets/:id") { request, context in
            let id = context.parameters.get("id") ?? ""
            guard var document = self.document(.datasets, id, for: Caller(request.headers)) else {
                throw Problem.notFound("dataset \(id) not found in this org and sandbox", code: "CAT-1404-404")
            }
            // `?properties=a,b` limits the answer to those fields, as Catalog does.
            if let properties = request.query("properties"), !properties.isEmpty, case .object(var object) = document {
                let wanted = Set(properties.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
                object.entries.removeAll { !wanted.contains($0.key) }
                document = .object(object)
            }
            return jsonResponse(200, .obj((id, document)))
        }
        // Catalog answers a delete with the deleted object's reference, as it answers a create.
        group.delete("dataSets/:id") { request, context in
            let id = context.parameters.get("id") ?? ""
            guard self.document(.datasets, id, for: Caller(request.headers)) != nil,
                try self.delete(.datasets, id) != nil
            else {
                throw Problem.notFound("dataset \(id) not found in this org and sandbox", code: "CAT-1404-404")
            }
            return jsonResponse(200, .array([.string("@/dataSets/\(id)")]))
        }
    }
}
