import Hummingbird

extension EmulatorCore {
    /// Emulator-only endpoints (not Adobe's) for tests and users checking what was stored:
    /// `POST /emulator/lookup` with `{"xactionIds": [...]}` answers `{"found": {id: outcome}, "missing": [...]}`;
    /// `GET /emulator/datasets/{id}/records?limit=N&after=SEQ` answers the records in arrival order.
    func addInspectionRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.post("lookup") { request, _ in
            let body = try await request.jsonBody()
            let ids = (body["xactionIds"]?.arrayValue ?? []).compactMap(\.stringValue)
            let found = try self.store.outcomes(xactionIds: ids)
            let missing = ids.filter { found[$0] == nil }
            return jsonResponse(
                200,
                .obj(
                    ("found", .object(ids.compactMap { id in found[id].map { (id, JSON.string($0)) } })),
                    ("missing", .array(missing.map(JSON.string)))
                )
            )
        }
        group.get("datasets/:id/records") { request, context in
            let id = context.parameters.get("id") ?? ""
            let limit = min(10_000, Int(request.query("limit") ?? "") ?? 100)
            let after = Int64(request.query("after") ?? "") ?? 0
            let records = try self.store.records(datasetId: id, limit: limit, after: after)
            let items: [JSON] = records.map { record in
                .obj(
                    ("seq", .int(record.sequence)),
                    ("flowId", .string(record.flowId)),
                    ("xactionId", .string(record.xactionId)),
                    ("receivedTimeMs", .int(record.receivedMs)),
                    ("outcome", .string(record.outcome)),
                    ("errorCode", record.errorCode.map(JSON.string) ?? .null),
                    ("errorMessage", record.errorMessage.map(JSON.string) ?? .null),
                    ("raw", (try? JSON.parse(record.raw)) ?? .string(String(decoding: record.raw, as: UTF8.self))),
                    ("record", record.record.flatMap { try? JSON.parse($0) } ?? .null)
                )
            }
            return jsonResponse(200, .obj(("items", .array(items))))
        }
    }
}
