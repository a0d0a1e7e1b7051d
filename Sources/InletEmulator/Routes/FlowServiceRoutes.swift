import DataPrep
import Foundation
import Hummingbird

/// Fixed ids of the Flow Service catalogue that the seed uses.
enum FlowSpecs {
    static let pendoConnectionSpec = "6ff5654f-19d5-427d-bd3e-c0ebc802389a"
    static let pendoProvider = "521eee4d-8cbe-4906-bb48-fb6bd4450033"
    static let dataLakeConnectionSpec = "c604ff05-7f1a-43c0-8e18-33bf874cb11c"
    static let pendoFlowSpec = "e77fde5a-22a8-11ed-861d-0242ac120002"
    static let xdmContentType = "application/vnd.adobe.xed-full+json;version=1"
}

extension EmulatorCore {
    /// Registers `/data/foundation/flowservice/...` on `router`.
    func addFlowServiceRoutes(to group: RouterGroup<BasicRequestContext>) {
        for kind in [ResourceKind.sourceConnections, .targetConnections, .connections] {
            group.post(RouterPath(stringLiteral: kind.rawValue)) { request, _ in
                try await self.createConnection(kind, request: request)
            }
            group.get(RouterPath(stringLiteral: "\(kind.rawValue)/:id")) { request, context in
                let id = context.parameters.get("id") ?? ""
                guard let document = self.document(kind, id, for: Caller(request.headers)) else {
                    throw Problem.notFound("\(kind.rawValue) \(id) not found")
                }
                return jsonResponse(200, .obj(("items", .array([document]))))
            }
            group.patch(RouterPath(stringLiteral: "\(kind.rawValue)/:id")) { request, context in
                try await self.patch(kind, id: context.parameters.get("id") ?? "", request: request)
            }
            group.delete(RouterPath(stringLiteral: "\(kind.rawValue)/:id")) { request, context in
                let id = context.parameters.get("id") ?? ""
                guard self.document(kind, id, for: Caller(request.headers)) != nil, try self.delete(kind, id) != nil
                else {
                    throw Problem.notFound("\(kind.rawValue) \(id) not found")
                }
                return Response(status: .noContent)
            }
        }
        group.post("flows") { request, _ in try await self.createFlow(request: request) }
        group.get("flows/:id") { request, context in
            let id = context.parameters.get("id") ?? ""
            guard let flow = self.document(.flows, id, for: Caller(request.headers)) else {
                throw Problem.notFound("flow \(id) not found")
            }
            return jsonResponse(200, .obj(("items", .array([self.flowView(flow, request: request)]))))
        }
        group.patch("flows/:id") { request, context in
            try await self.patch(.flows, id: context.parameters.get("id") ?? "", request: request)
        }
        group.delete("flows/:id") { request, context in
            let id = context.parameters.get("id") ?? ""
            guard self.document(.flows, id, for: Caller(request.headers)) != nil, let flow = try self.delete(.flows, id)
            else {
                throw Problem.notFound("flow \(id) not found")
            }
            if let inletId = flow["inletId"]?.stringValue { self.registry.removeInlet(inletId) }
            return Response(status: .noContent)
        }
        group.get("runs") { request, _ in
            guard let property = request.query("property"), property.hasPrefix("flowId==") else {
                throw Problem.badRequest("GET /runs needs ?property=flowId=={FLOW_ID}")
            }
            let flowId = String(property.dropFirst("flowId==".count))
            guard let flow = self.document(.flows, flowId, for: Caller(request.headers)) else {
                throw Problem.notFound("flow \(flowId) not found")
            }
            let runs = self.run(of: flow).map { [$0] } ?? []
            return jsonResponse(200, .obj(("items", .array(runs)), ("_links", .obj())))
        }
        group.get("runs/:id") { request, context in
            let id = context.parameters.get("id") ?? ""
            let caller = Caller(request.headers)
            let flow = self.registry.all(.flows).values.first {
                $0["runId"]?.stringValue == id && self.isVisible($0, to: caller)
            }
            guard let flow, let run = self.run(of: flow) else {
                throw Problem.notFound(
                    "run \(id) not found: a flow's run exists once its first record is ingested (GET /runs?property=flowId=={FLOW_ID} lists them)"
                )
            }
            return jsonResponse(200, .obj(("items", .array([run]))))
        }
        self.addFlowSpecRoutes(to: group)
    }

    /// The fields every Flow Service resource carries besides the request's own.
    func stamp(_ body: JSONValue, id: String, caller: Caller, nowMs: Int64, etag: String) -> JSONValue {
        var document = JSONValue.obj(
            ("id", .string(id)),
            ("createdAt", .int(nowMs)),
            ("updatedAt", .int(nowMs)),
            ("createdBy", .string(caller.user)),
            ("updatedBy", .string(caller.user)),
            ("createdClient", .string(caller.client)),
            ("updatedClient", .string(caller.client)),
            ("sandboxId", .string(self.sandboxId(for: caller.sandboxName))),
            ("sandboxName", .string(caller.sandboxName)),
            ("imsOrgId", .string(caller.orgId))
        )
        for (key, value) in body.objectValue ?? [] where document[key] == nil {
            document[key] = value
        }
        document["state"] = document["state"] ?? "enabled"
        document["version"] = .string(etag)
        document["etag"] = .string(etag)
        return document
    }

    func createConnection(_ kind: ResourceKind, request: Request) async throws -> Response {
        let body = try await request.jsonBody()
        guard case .object = body else { throw Problem.badRequest("The body must be a JSON object") }
        guard let name = body["name"]?.stringValue, !name.isEmpty else {
            throw Problem.badRequest("`name` is required")
        }
        guard let specId = body["connectionSpec"]?["id"]?.stringValue, !specId.isEmpty else {
            throw Problem.badRequest("`connectionSpec.id` is required")
        }
        guard FlowSpecs.connectionSpec(specId) != nil else {
            throw Problem.badRequest(
                "Unknown connectionSpec.id \(specId): the emulator knows \(FlowSpecs.connectionSpecs.map { "\($0.id) (\($0.name))" }.joined(separator: ", "))",
                code: "FLOW-1101-400"
            )
        }
        let caller = Caller(request.headers)
        if let format = body["data"]?["format"]?.stringValue, format != "json" {
            throw Problem.badRequest("`data.format` \(format) is not supported: json is the only format")
        }
        if kind == .targetConnections {
            guard let schemaId = body["data"]?["schema"]?["id"]?.stringValue else {
                throw Problem.badRequest("`data.schema.id` is required: the target XDM schema")
            }
            guard let schema = self.schema(withId: schemaId, for: caller) else {
                throw Problem.badRequest(
                    "Unknown schema \(schemaId) in data.schema.id: create it with POST /data/foundation/schemaregistry/tenant/schemas first",
                    code: "FLOW-1104-400")
            }
            guard let datasetId = body["params"]?["dataSetId"]?.stringValue else {
                throw Problem.badRequest("`params.dataSetId` is required: the target dataset")
            }
            guard let dataset = self.document(.datasets, datasetId, for: caller) else {
                throw Problem.badRequest(
                    "Unknown dataset \(datasetId) in params.dataSetId: create it with POST /data/foundation/catalog/dataSets first",
                    code: "FLOW-1105-400")
            }
            let datasetSchema = dataset["schemaRef"]?["id"]?.stringValue
            if let datasetSchema, datasetSchema != schema["$id"]?.stringValue {
                throw Problem.badRequest(
                    "Dataset \(datasetId) is based on schema \(datasetSchema), not \(schemaId)", code: "FLOW-1106-400")
            }
        }
        let now = self.nowMs()
        let id = self.ids.uuid()
        let etag = self.ids.etag(nowMs: now)
        let document = self.stamp(body, id: id, caller: caller, nowMs: now, etag: etag)
        try self.save(kind, id, document)
        // Adobe's spec documents a Location header on POST /connections (and /flows) only.
        let headers: HTTPFields =
            kind == .connections ? [.location: "/data/foundation/flowservice/connections/\(id)"] : [:]
        return jsonResponse(201, .obj(("id", .string(id)), ("etag", .string(etag))), headers: headers)
    }

    func createFlow(request: Request) async throws -> Response {
        let body = try await request.jsonBody()
        guard case .object = body else { throw Problem.badRequest("The body must be a JSON object") }
        guard let name = body["name"]?.stringValue, !name.isEmpty else {
            throw Problem.badRequest("`name` is required")
        }
        guard let flowSpecId = body["flowSpec"]?["id"]?.stringValue else {
            throw Problem.badRequest("`flowSpec.id` is required")
        }
        guard FlowSpecs.flowSpec(flowSpecId) != nil else {
            throw Problem.badRequest(
                "Unknown flowSpec.id \(flowSpecId): the emulator knows \(FlowSpecs.flowSpecs.map { "\($0.id) (\($0.name))" }.joined(separator: ", "))",
                code: "FLOW-1102-400"
            )
        }
        let caller = Caller(request.headers)
        let sources = (body["sourceConnectionIds"]?.arrayValue ?? []).compactMap(\.stringValue)
        let targets = (body["targetConnectionIds"]?.arrayValue ?? []).compactMap(\.stringValue)
        guard !sources.isEmpty else { throw Problem.badRequest("`sourceConnectionIds` needs one source connection id") }
        guard !targets.isEmpty else { throw Problem.badRequest("`targetConnectionIds` needs one target connection id") }
        for id in sources where self.document(.sourceConnections, id, for: caller) == nil {
            throw Problem.badRequest("Unknown source connection \(id) in sourceConnectionIds", code: "FLOW-1107-400")
        }
        for id in targets where self.document(.targetConnections, id, for: caller) == nil {
            throw Problem.badRequest("Unknown target connection \(id) in targetConnectionIds", code: "FLOW-1108-400")
        }
        let now = self.nowMs()
        let id = self.ids.uuid()
        let etag = self.ids.etag(nowMs: now)
        var document = self.stamp(body, id: id, caller: caller, nowMs: now, etag: etag)
        document["inletId"] = .string(self.ids.inletId())
        document["runId"] = .string(self.ids.uuid())
        document["providerRefId"] = .string(self.ids.uuid())
        let route = try self.makeInletRoute(flow: document)
        try self.save(.flows, id, document)
        self.registry.setInlet(route)
        return jsonResponse(
            201, .obj(("id", .string(id)), ("etag", .string(etag))),
            headers: [.location: "/data/foundation/flowservice/flows/\(id)"])
    }

    /// The mapper and dataset of a flow; throws a 400 naming what is missing or unusable.
    func makeInletRoute(flow: JSONValue) throws -> InletRoute {
        let flowId = flow["id"]?.stringValue ?? ""
        let targetId = flow["targetConnectionIds"]?[0]?.stringValue ?? ""
        // A flow sees only resources of its own org and sandbox.
        let owner = Caller(owner: flow)
        func lookup(_ kind: ResourceKind, _ id: String) -> JSONValue? {
            guard let owner else { return self.registry.document(kind, id) }
            return self.document(kind, id, for: owner)
        }
        guard let target = lookup(.targetConnections, targetId) else {
            throw Problem.badRequest("Unknown target connection \(targetId)", code: "FLOW-1108-400")
        }
        guard let datasetId = target["params"]?["dataSetId"]?.stringValue else {
            throw Problem.badRequest("Target connection \(targetId) names no dataset")
        }
        let schemaId = target["data"]?["schema"]?["id"]?.stringValue
        let schemaDocument = schemaId.flatMap { self.schema(withId: $0, for: owner) }
        var mapper: (any RecordMapper)?
        let transformations = flow["transformations"]?.arrayValue ?? []
        if let mapping = transformations.first(where: { $0["name"]?.stringValue == "Mapping" }) {
            guard let mappingId = mapping["params"]?["mappingId"]?.stringValue else {
                throw Problem.badRequest("transformations: the Mapping transformation needs params.mappingId")
            }
            guard let mappingSet = lookup(.mappingSets, mappingId) else {
                throw Problem.badRequest(
                    "Unknown mapping set \(mappingId) in transformations.params.mappingId", code: "FLOW-1109-400")
            }
            let outputSchema = mappingSet["outputSchema"]?["schemaRef"]?["id"]?.stringValue
            let mappingSchema = outputSchema.flatMap { self.schema(withId: $0, for: owner) } ?? schemaDocument
            do {
                mapper = try self.configuration.mapperFactory(self.mappingSetDocument(mappingSet), mappingSchema)
            } catch {
                throw Problem.badRequest("Mapping set \(mappingId) cannot be used: \(error)", code: "FLOW-1110-400")
            }
        }
        let validator: any RecordMapper
        do {
            validator = try self.configuration.validatorFactory(schemaDocument)
        } catch {
            throw Problem.badRequest("Schema \(schemaId ?? "?") cannot be used: \(error)", code: "FLOW-1111-400")
        }
        var authenticationRequired = self.configuration.inletAuthenticationRequired
        for sourceId in (flow["sourceConnectionIds"]?.arrayValue ?? []).compactMap(\.stringValue) {
            let source = lookup(.sourceConnections, sourceId)
            if source?["auth"]?["params"]?["authenticationRequired"]?.boolValue == true
                || source?["params"]?["authenticationRequired"]?.boolValue == true
            {
                authenticationRequired = true
            }
        }
        return InletRoute(
            flowId: flowId,
            inletId: flow["inletId"]?.stringValue ?? "",
            datasetId: datasetId,
            mapper: mapper,
            validator: validator,
            authenticationRequired: authenticationRequired,
            schemaId: schemaId,
            owner: owner
        )
    }

    /// The base URL clients reach this server at.
    func baseURL(for request: Request) -> String {
        if let configured = self.configuration.publicBaseURL { return configured }
        let scheme = self.configuration.scheme
        if let host = request.head.authority { return "\(scheme)://\(host)" }
        let port = self.boundPort.load(ordering: .relaxed)
        return "\(scheme)://\(self.configuration.host):\(port == 0 ? self.configuration.port : port)"
    }

    /// `GET /flows/{id}`'s item: the stored flow in the seed's shape.
    func flowView(_ flow: JSONValue, request: Request) -> JSONValue {
        let id = flow["id"]?.stringValue ?? ""
        var view = JSONValue.obj()
        let hidden: Set<String> = ["inletId", "runId"]
        for (key, value) in flow.objectValue ?? [] where !hidden.contains(key) {
            view[key] = value
        }
        let sources = (flow["sourceConnectionIds"]?.arrayValue ?? []).compactMap(\.stringValue)
        let targets = (flow["targetConnectionIds"]?.arrayValue ?? []).compactMap(\.stringValue)
        func inherited(_ kind: ResourceKind, _ ids: [String]) -> JSONValue {
            .array(
                ids.map { id in
                    let spec = self.registry.document(kind, id)?["connectionSpec"] ?? .obj()
                    return .obj(("id", .string(id)), ("connectionSpec", spec))
                }
            )
        }
        view["inheritedAttributes"] = .obj(
            ("properties", .obj(("isSourceFlow", true))),
            ("sourceConnections", inherited(.sourceConnections, sources)),
            ("targetConnections", inherited(.targetConnections, targets))
        )
        var options = flow["options"] ?? .obj()
        options["inletUrl"] = .string("\(self.baseURL(for: request))/collection/\(flow["inletId"]?.stringValue ?? "")")
        view["options"] = options
        view["runs"] = .string("/runs?property=flowId==\(id)")
        let created = flow["createdAt"]?.intValue ?? 0
        view["lastOperation"] = .obj(
            ("started", .int(created)), ("updated", .int(flow["updatedAt"]?.intValue ?? created)),
            ("operation", "enable"))
        let totals = self.registry.totals(flowId: id)
        view["lastRunDetails"] = .obj(
            ("id", flow["runId"] ?? .null),
            ("state", .string(Self.runState(totals))),
            ("startedAtUTC", .int(totals.firstMs ?? created)),
            ("completedAtUTC", .int(totals.lastMs ?? created))
        )
        return view
    }

    static func runState(_ totals: FlowTotals) -> String {
        if totals.failed == 0 { return "success" }
        return totals.stored == 0 ? "failed" : "partialSuccess"
    }

    /// The flow's run (one per flow, covering everything ingested; nil before the first record).
    func run(of flow: JSONValue) -> JSONValue? {
        let id = flow["id"]?.stringValue ?? ""
        let totals = self.registry.totals(flowId: id)
        guard let first = totals.firstMs, let last = totals.lastMs else { return nil }
        let errors = totals.errors.keys.sorted().map { code in
            JSONValue.obj(
                ("code", .string(code)),
                ("message", .string(totals.errors[code]?.message ?? "")),
                ("recordCount", .int(totals.errors[code]?.count ?? 0))
            )
        }
        let total: Int64 = totals.stored + totals.failed
        let etag = "\"" + String(last, radix: 16) + "-0000-0200-0000-" + String(total, radix: 16) + "\""
        var run = JSONValue.obj()
        run["id"] = flow["runId"] ?? .null
        run["flowId"] = .string(id)
        run["etag"] = .string(etag)
        run["createdAt"] = .int(first)
        run["updatedAt"] = .int(last)
        for key in ["createdBy", "updatedBy", "createdClient", "updatedClient", "sandboxId", "sandboxName", "imsOrgId"]
        {
            run[key] = flow[key] ?? .null
        }
        let duration: JSONValue = .obj(("startedAtUTC", .int(first)), ("completedAtUTC", .int(last)))
        let size: JSONValue = .obj(("inputBytes", .int(totals.inputBytes)), ("outputBytes", .int(totals.outputBytes)))
        let records: JSONValue = .obj(
            ("inputRecordCount", .int(total)),
            ("outputRecordCount", .int(totals.stored)),
            ("failedRecordCount", .int(totals.failed))
        )
        let status: JSONValue = .obj(("status", .string(Self.runState(totals))), ("errors", .array(errors)))
        run["metrics"] = .obj(
            ("durationSummary", duration), ("sizeSummary", size), ("recordSummary", records), ("statusSummary", status))
        run["activities"] = .array([])
        return run
    }

    /// `PATCH` with `If-Match` and a JSON Patch body (`replace`, `add`, `remove`).
    func patch(_ kind: ResourceKind, id: String, request: Request) async throws -> Response {
        guard let current = self.document(kind, id, for: Caller(request.headers)) else {
            throw Problem.notFound("\(kind.rawValue) \(id) not found")
        }
        // Adobe's clients send the etag as the header (quoted, as returned, or bare as in the
        // update guide) or, in the Postman collection, as the query parameter `if-match`.
        guard let ifMatch = request.headers[.ifMatch] ?? request.query("if-match").flatMap({ $0.isEmpty ? nil : $0 })
        else {
            throw Problem.badRequest("PATCH needs the header If-Match: {etag} (the etag from the last GET or POST)")
        }
        let currentEtag = current["etag"]?.stringValue ?? ""
        if Self.etagValue(ifMatch) != Self.etagValue(currentEtag) && ifMatch != "*" {
            throw Problem.platform(
                412,
                code: "FLOW-1412-412",
                title: "Precondition Failed",
                detail:
                    "If-Match \(ifMatch) does not match the current etag \(currentEtag) of \(kind.rawValue) \(id): GET it again"
            )
        }
        let body = try await request.jsonBody()
        guard let operations = body.arrayValue else {
            throw Problem.badRequest(
                "The body must be a JSON Patch array: [{\"op\": \"replace\", \"path\": \"/name\", \"value\": \"...\"}]")
        }
        var updated = current
        let readOnly: Set<String> = [
            "id", "etag", "version", "createdAt", "createdBy", "createdClient", "inletId", "runId", "imsOrgId",
            "sandboxId", "sandboxName",
        ]
        for (index, operation) in operations.enumerated() {
            guard let op = operation["op"]?.stringValue, let path = operation["path"]?.stringValue, path.hasPrefix("/")
            else {
                throw Problem.badRequest("patch operation \(index) needs `op` and a `path` starting with /")
            }
            let steps = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
                $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            }
            if let first = steps.first, readOnly.contains(first) {
                throw Problem.badRequest("patch operation \(index): \(path) is read-only")
            }
            switch op {
            case "replace", "add":
                guard let value = operation["value"] else {
                    throw Problem.badRequest("patch operation \(index) needs a `value`")
                }
                guard JSONPointer.set(value, at: steps[...], in: &updated, mustExist: op == "replace") else {
                    throw Problem.badRequest("patch operation \(index): \(path) does not exist")
                }
            case "remove":
                guard JSONPointer.set(nil, at: steps[...], in: &updated, mustExist: true) else {
                    throw Problem.badRequest("patch operation \(index): \(path) does not exist")
                }
            default:
                throw Problem.badRequest("patch operation \(index): op \(op) is not supported (replace, add, remove)")
            }
        }
        let now = self.nowMs()
        let etag = self.ids.etag(nowMs: now)
        updated["etag"] = .string(etag)
        updated["version"] = .string(etag)
        updated["updatedAt"] = .int(now)
        updated["updatedClient"] = .string(Caller(request.headers).client)
        if kind == .flows {
            let route = try self.makeInletRoute(flow: updated)
            try self.save(kind, id, updated)
            self.registry.setInlet(route)
        } else {
            try self.save(kind, id, updated)
        }
        return jsonResponse(200, .obj(("id", .string(id)), ("etag", .string(etag))))
    }
}

extension EmulatorCore {
    /// An etag without its quotes or weak marker (`W/"x"`, `"x"` and `x` are the same etag).
    static func etagValue(_ text: String) -> String {
        var value = Substring(text.trimmingCharacters(in: .whitespaces))
        if value.hasPrefix("W/") { value = value.dropFirst(2) }
        if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") { value = value.dropFirst().dropLast() }
        return String(value)
    }
}

/// JSON Pointer edits for PATCH.
enum JSONPointer {
    /// Sets (or with nil removes) the value at `steps`; false when the parent (or, if
    /// `mustExist`, the target) does not exist.
    static func set(_ value: JSONValue?, at steps: ArraySlice<String>, in target: inout JSONValue, mustExist: Bool)
        -> Bool
    {
        guard let first = steps.first else { return false }
        let rest = steps.dropFirst()
        switch target {
        case .object:
            if rest.isEmpty {
                if mustExist && target[first] == nil { return false }
                target[first] = value
                return true
            }
            guard var child = target[first] else { return false }
            guard self.set(value, at: rest, in: &child, mustExist: mustExist) else { return false }
            target[first] = child
            return true
        case .array(var items):
            if rest.isEmpty, first == "-", value != nil {
                items.append(value!)
                target = .array(items)
                return true
            }
            guard let index = Int(first), index >= 0,
                index < items.count || (index == items.count && !mustExist && rest.isEmpty)
            else {
                return false
            }
            if rest.isEmpty {
                if let value {
                    if index == items.count { items.append(value) } else { items[index] = value }
                } else {
                    items.remove(at: index)
                }
            } else {
                guard self.set(value, at: rest, in: &items[index], mustExist: mustExist) else { return false }
            }
            target = .array(items)
            return true
        default:
            return false
        }
    }
}
