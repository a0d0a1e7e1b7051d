import Foundation
import GRDB

/// The emulator's SQLite database: ingested records (the datasets) and the Flow Service
/// resources, so that a restarted `serve --data DIR` finds its flows and inlets again.
///
/// WAL mode; `synchronous` is NORMAL by default (a commit survives the process being killed, which
/// is what "nothing acknowledged is lost" promises here) or FULL (also survives power loss).
public final class DatasetStore: Sendable {
    /// Where the database file is.
    public let path: String
    let pool: DatabasePool
    /// Copies the log into the database beside the writer, when the store has one.
    let checkpointer: WALCheckpointer?

    /// The page size of a new database (one that exists keeps its own). A record of the rich
    /// `corpora/pendo-xdm` mapping set is about 2.2 kB with its event: one a 4 kB page, three an
    /// 8 kB one, so the writer's log and the checkpoints copy a third fewer bytes a record
    /// (docs/BENCHMARKS.md, "2026-12-06: issue 13, the inlet on the event loop").
    static let pageSize = 8192

    /// Opens (creating if needed) the database at `path`.
    /// - Parameters:
    ///   - checkpointInterval: when set, a ``WALCheckpointer`` copies the log into the database
    ///     after commits, at most once an interval, instead of the connection that commits.
    ///   - writerCheckpointPages: with a checkpointer, the log's size in pages at which the writer
    ///     still checkpoints it itself (32 MB at 8 kB a page): it then copies only the pages
    ///     committed since the checkpointer's last pass, and the log starts over.
    public init(
        path: String, synchronousFull: Bool, checkpointInterval: TimeInterval? = nil,
        writerCheckpointPages: Int = 4096
    ) throws {
        self.path = path
        var configuration = Configuration()
        configuration.label = "pendo-replay-emulator"
        configuration.prepareDatabase { db in
            // Before the database is in WAL mode (GRDB sets it after this), so that a new one takes it.
            try db.execute(sql: "PRAGMA page_size = \(Self.pageSize)")
            try db.execute(sql: "PRAGMA synchronous = \(synchronousFull ? "FULL" : "NORMAL")")
            if checkpointInterval != nil {
                try db.execute(sql: "PRAGMA wal_autocheckpoint = \(writerCheckpointPages)")
            }
        }
        self.pool = try DatabasePool(path: path, configuration: configuration)
        try self.pool.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS records (
                        seq INTEGER PRIMARY KEY,
                        dataset_id TEXT NOT NULL,
                        flow_id TEXT NOT NULL,
                        inlet_id TEXT NOT NULL,
                        xaction_id TEXT NOT NULL,
                        received_ms INTEGER NOT NULL,
                        outcome TEXT NOT NULL,
                        error_code TEXT,
                        error_message TEXT,
                        warnings TEXT,
                        raw BLOB NOT NULL,
                        record BLOB
                    );
                    CREATE TABLE IF NOT EXISTS resources (
                        kind TEXT NOT NULL,
                        id TEXT NOT NULL,
                        document BLOB NOT NULL,
                        PRIMARY KEY (kind, id)
                    );
                    """
            )
        }
        self.checkpointer = try checkpointInterval.map { try WALCheckpointer(path: path, interval: $0) }
    }

    deinit { self.checkpointer?.close() }

    /// Stops the checkpointer, if any; the database stays open for reads and writes.
    func close() {
        self.checkpointer?.close()
    }

    /// Writes records in one transaction (the group commit's unit).
    func insert(_ records: [IngestRecord]) throws {
        try self.pool.write { db in
            try RecordColumns.insert(records, in: db)
        }
        self.checkpointer?.noteCommit()
    }

    /// Saves (inserts or replaces) a Flow Service resource document.
    func saveResource(kind: String, id: String, document: [UInt8]) throws {
        try self.pool.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO resources (kind, id, document) VALUES (?, ?, ?)",
                arguments: [kind, id, Data(document)]
            )
        }
    }

    /// Removes a resource document.
    func deleteResource(kind: String, id: String) throws {
        try self.pool.write { db in
            try db.execute(sql: "DELETE FROM resources WHERE kind = ? AND id = ?", arguments: [kind, id])
        }
    }

    /// Every saved resource, in insertion order.
    func loadResources() throws -> [(kind: String, id: String, document: [UInt8])] {
        try self.pool.read { db in
            try Row.fetchAll(db, sql: "SELECT kind, id, document FROM resources ORDER BY rowid").map { row in
                let data: Data = row["document"]
                return (row["kind"], row["id"], [UInt8](data))
            }
        }
    }

    /// Per-flow totals recomputed from the records (at start-up, so run metrics survive a restart).
    func flowTotals() throws -> [String: FlowTotals] {
        try self.pool.read { db in
            var totals: [String: FlowTotals] = [:]
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT flow_id, outcome, error_code, MIN(error_message) AS message, COUNT(*) AS n,
                           SUM(LENGTH(raw)) AS input_bytes, SUM(COALESCE(LENGTH(record), 0)) AS output_bytes,
                           MIN(received_ms) AS first_ms, MAX(received_ms) AS last_ms
                    FROM records GROUP BY flow_id, outcome, error_code
                    """
            )
            for row in rows {
                let flowId: String = row["flow_id"]
                var entry = totals[flowId] ?? FlowTotals()
                let count: Int64 = row["n"]
                let outcome: String = row["outcome"]
                if outcome == "stored" {
                    entry.stored += count
                } else {
                    entry.failed += count
                    let code: String = row["error_code"] ?? "INGEST-1212-400"
                    var error = entry.errors[code] ?? FlowTotals.ErrorTally(message: row["message"] ?? "", count: 0)
                    error.count += count
                    entry.errors[code] = error
                }
                entry.inputBytes += row["input_bytes"] ?? 0
                entry.outputBytes += row["output_bytes"] ?? 0
                let first: Int64 = row["first_ms"]
                let last: Int64 = row["last_ms"]
                entry.firstMs = entry.firstMs.map { min($0, first) } ?? first
                entry.lastMs = entry.lastMs.map { max($0, last) } ?? last
                totals[flowId] = entry
            }
            return totals
        }
    }

    /// The stored outcome of each of `xactionIds` that is in the database (tests and tools).
    public func outcomes(xactionIds: [String]) throws -> [String: String] {
        try self.pool.read { db in
            var result: [String: String] = [:]
            for chunk in stride(from: 0, to: xactionIds.count, by: 500) {
                let slice = Array(xactionIds[chunk..<min(chunk + 500, xactionIds.count)])
                let marks = Array(repeating: "?", count: slice.count).joined(separator: ",")
                let rows = try Row.fetchAll(
                    db,
                    sql: "SELECT xaction_id, outcome FROM records WHERE xaction_id IN (\(marks))",
                    arguments: StatementArguments(slice)
                )
                for row in rows { result[row["xaction_id"]] = row["outcome"] }
            }
            return result
        }
    }

    /// Records of one dataset in arrival order: the mapped record (nil for failed ones) and outcome.
    public func records(datasetId: String, limit: Int = 100, after: Int64 = 0) throws -> [StoredRecord] {
        try self.pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT seq, flow_id, xaction_id, received_ms, outcome, error_code, error_message, raw, record
                    FROM records WHERE dataset_id = ? AND seq > ? ORDER BY seq LIMIT ?
                    """,
                arguments: [datasetId, after, limit]
            ).map { row in
                let raw: Data = row["raw"]
                let record: Data? = row["record"]
                return StoredRecord(
                    sequence: row["seq"],
                    flowId: row["flow_id"],
                    xactionId: row["xaction_id"],
                    receivedMs: row["received_ms"],
                    outcome: row["outcome"],
                    errorCode: row["error_code"],
                    errorMessage: row["error_message"],
                    raw: [UInt8](raw),
                    record: record.map { [UInt8]($0) }
                )
            }
        }
    }

    /// Total number of records (stored and failed).
    public func recordCount() throws -> Int {
        try self.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM records") ?? 0 }
    }
}

/// A record read back from a dataset.
public struct StoredRecord: Sendable {
    public var sequence: Int64
    public var flowId: String
    public var xactionId: String
    public var receivedMs: Int64
    /// `stored` or `failed`.
    public var outcome: String
    public var errorCode: String?
    public var errorMessage: String?
    public var raw: [UInt8]
    public var record: [UInt8]?
}
