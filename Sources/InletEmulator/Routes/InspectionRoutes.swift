import DataPrep
import Hummingbird

extension EmulatorCore {
    /// Emulator-only endpoints (not Adobe's) for tests and users checking what was stored:
    /// `POST /emulator/lookup` with `{"xactionIds": [...]}` answers `{"found": {id: outcome}, "missing": [...]}`;
    /// `GET /emulator/datasets/{id}/records?limit=N&after=SEQ` answers the records in arrival order;
    /// `GET /emulator/flows/{id}/keys?path=uniqueId` answers `{"counts": {key: n}, "withoutKey": n}`, the
    /// flow's records per key (`reconcile --flow-service`).
    func addInspectionRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.post("lookup") { request, _ in
            let body = try await request.jsonBody()
            let ids = (body["xactionIds"]?.arrayValue ?? []).compactMap(\.stringValue)
            let found = try self.store.outcomes(xactionIds: ids)
            let missing = ids.filter { found[$0] == nil }
            return jsonResponse(
                200,
                .obj(
                    ("found", .object(pairs: ids.compactMap { id in found[id].map { (id, JSONValue.string($0)) } })),
                    ("missing", .array(missing.map(JSONValue.string)))
                )
            )
        }
        group.get("flows/:id/keys") { request, context in
            try await self.storedKeys(request, flowId: context.parameters.get("id") ?? "")
        }
        group.get("datasets/:id/records") { request, context in
            let id = context.parameters.get("id") ?? ""
            // SQLite reads a negative LIMIT as none: the bounds hold whatever the query says.
            let limit = Self.recordsLimit(request.query("limit"))
            let after = max(0, Int64(request.query("after") ?? "") ?? 0)
            let records = try self.store.records(datasetId: id, limit: limit, after: after)
            let items: [JSONValue] = records.map { record in
                .obj(
                    ("seq", .int(record.sequence)),
                    ("flowId", .string(record.flowId)),
                    ("xactionId", .string(record.xactionId)),
                    ("receivedTimeMs", .int(record.receivedMs)),
                    ("outcome", .string(record.outcome)),
                    ("errorCode", record.errorCode.map(JSONValue.string) ?? .null),
                    ("errorMessage", record.errorMessage.map(JSONValue.string) ?? .null),
                    ("raw", (try? JSONValue.parse(record.raw)) ?? .string(String(decoding: record.raw, as: UTF8.self))),
                    ("record", record.record.flatMap { try? JSONValue.parse($0) } ?? .null)
                )
            }
            return jsonResponse(200, .obj(("items", .array(items))))
        }
    }
}

extension EmulatorCore {
    /// Most records one `GET /emulator/datasets/{id}/records` answers.
    static let maxRecordsLimit = 10_000

    /// `?limit=` clamped to 1 ... ``maxRecordsLimit`` (100 when absent or not a number).
    static func recordsLimit(_ text: String?) -> Int {
        guard let text, let value = Int(text) else { return 100 }
        return max(1, min(Self.maxRecordsLimit, value))
    }

    /// `GET /emulator/flows/{id}/keys?path=P`: the flow's records counted per key read at `P`.
    func storedKeys(_ request: Request, flowId: String) async throws -> Response {
        let path = request.query("path") ?? "uniqueId"
        guard !path.isEmpty, path.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-" })
        else {
            return jsonResponse(
                400, .obj(("message", .string("path \(path): dot-separated field names only (letters, digits, _ . -)")))
            )
        }
        let keys = try await self.store.keyCountsAsync(keyPath: path, flowId: flowId)
        return jsonResponse(
            200,
            .obj(
                (
                    "counts",
                    .object(pairs: keys.counts.keys.sorted().map { ($0, JSONValue.int(Int64(keys.counts[$0]!))) })
                ),
                ("withoutKey", .int(Int64(keys.withoutKey)))
            )
        )
    }
}
