import GRDB

/// How many records the store holds per event key, for `reconcile`.
public struct StoredKeyCounts: Sendable, Equatable {
    /// Records per key.
    public var counts: [String: Int]
    /// Records whose raw message has no string at the key path.
    public var withoutKey: Int

    public init(counts: [String: Int], withoutKey: Int) {
        self.counts = counts
        self.withoutKey = withoutKey
    }
}

extension DatasetStore {
    /// Records per key, the key read from each record's raw message at `keyPath` (dot-separated JSON
    /// object keys, `uniqueId` for raw Pendo events), for one flow or every flow. Stored and failed
    /// records both count: the inlet received them. Counted by SQLite (`json_extract`, grouped), so
    /// memory grows with the distinct keys, not the records.
    public func keyCounts(keyPath: String, flowId: String?) throws -> StoredKeyCounts {
        try self.pool.read { db in try Self.keyCounts(db, keyPath: keyPath, flowId: flowId) }
    }

    /// `keyCounts(keyPath:flowId:)` for request handlers: the scan runs on GRDB's reader queue while
    /// the task waits, so a long count (millions of records) holds no thread of Swift concurrency's
    /// pool, which answers every other request.
    public func keyCountsAsync(keyPath: String, flowId: String?) async throws -> StoredKeyCounts {
        try await self.pool.read { db in try Self.keyCounts(db, keyPath: keyPath, flowId: flowId) }
    }

    private static func keyCounts(_ db: Database, keyPath: String, flowId: String?) throws -> StoredKeyCounts {
        let path = "$." + keyPath
        var counts: [String: Int] = [:]
        var withoutKey = 0
        let filter = flowId == nil ? "" : "WHERE flow_id = ?"
        var arguments: StatementArguments = [path]
        if let flowId { arguments += [flowId] }
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT k, COUNT(*) AS n FROM (
                    SELECT CASE WHEN json_valid(CAST(raw AS TEXT)) THEN json_extract(CAST(raw AS TEXT), ?1) END AS k
                    FROM records \(filter.replacingOccurrences(of: "?", with: "?2"))
                ) GROUP BY k
                """,
            arguments: arguments)
        while let row = try rows.next() {
            let n: Int = row["n"]
            let value: DatabaseValue = row["k"]
            switch value.storage {
            case .string(let key) where !key.isEmpty: counts[key, default: 0] += n
            case .int64(let key): counts[String(key), default: 0] += n
            default: withoutKey += n
            }
        }
        return StoredKeyCounts(counts: counts, withoutKey: withoutKey)
    }
}
