import GRDB
import GRDBSQLite

/// Binds one ``IngestRecord``'s columns to the records table's INSERT straight from the record's
/// strings and bytes, then runs it through GRDB (which keeps its checks, error reporting and
/// statement cache).
///
/// GRDB's `execute(arguments:)` takes the eleven values as existentials, copies each blob into
/// `Data` and binds them in nested closures; at one record a request that cost about 2 % of the
/// emulator's CPU, most of it reference counting, while SQLite's own work was a tenth of it.
struct RecordColumns {
    /// The INSERT the columns are bound to, in this order.
    static let sql = """
        INSERT INTO records (dataset_id, flow_id, inlet_id, xaction_id, received_ms, outcome,
                             error_code, error_message, warnings, raw, record)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// SQLite copies what is bound (the value of the C macro `SQLITE_TRANSIENT`).
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    /// Inserts `records` with the connection's cached statement (inside the caller's transaction).
    static func insert(_ records: [IngestRecord], in db: Database) throws {
        let statement = try db.cachedStatement(sql: Self.sql)
        // Marks the statement's arguments as bound, so that `execute()` runs what is bound below.
        statement.setUncheckedArguments([])
        let handle = statement.sqliteStatement
        for record in records {
            // A statement that ran to its end takes no bindings until it is reset.
            sqlite3_reset(handle)
            var bind = Binder(handle: handle)
            try bind.text(record.datasetId)
            try bind.text(record.flowId)
            try bind.text(record.inletId)
            try bind.text(record.xactionId)
            try bind.check(sqlite3_bind_int64(handle, bind.next(), record.receivedMs))
            switch record.decision {
            case .stored(let mapped, let warnings):
                try bind.text("stored")
                try bind.null()
                try bind.null()
                if warnings.isEmpty { try bind.null() } else { try bind.text(warnings.joined(separator: "\n")) }
                try bind.blob(record.raw)
                try bind.blob(mapped)
            case .failed(let failure):
                try bind.text("failed")
                try bind.text(failure.code)
                try bind.text(failure.message)
                try bind.null()
                try bind.blob(record.raw)
                try bind.null()
            }
            try statement.execute()
        }
        // The copies SQLite holds are freed now rather than at the next commit.
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    /// Binds values to consecutive parameters, checking each result.
    private struct Binder {
        let handle: SQLiteStatement
        var index: CInt = 0

        mutating func next() -> CInt {
            self.index += 1
            return self.index
        }

        func check(_ code: CInt) throws {
            guard code == SQLITE_OK else {
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: code),
                    message: "cannot bind parameter \(self.index) of the records INSERT: "
                        + String(cString: sqlite3_errstr(code)),
                    sql: RecordColumns.sql)
            }
        }

        mutating func text(_ value: String) throws {
            var value = value
            let index = self.next()
            guard value.utf8.count <= Int(CInt.max) else {
                try self.check(SQLITE_TOOBIG)
                return
            }
            let code = value.withUTF8 { bytes in
                // An empty string is text (''), not NULL: bind a pointer to an empty C string.
                bytes.isEmpty
                    ? sqlite3_bind_text(self.handle, index, "", 0, RecordColumns.transient)
                    : sqlite3_bind_text(
                        self.handle, index, UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self),
                        CInt(bytes.count), RecordColumns.transient)
            }
            try self.check(code)
        }

        mutating func blob(_ value: [UInt8]) throws {
            let index = self.next()
            guard value.count <= Int(CInt.max) else {
                try self.check(SQLITE_TOOBIG)
                return
            }
            let code = value.withUnsafeBytes { bytes in
                // An empty blob is a zero-length blob, not NULL.
                bytes.isEmpty
                    ? sqlite3_bind_zeroblob(self.handle, index, 0)
                    : sqlite3_bind_blob(
                        self.handle, index, bytes.baseAddress, CInt(bytes.count), RecordColumns.transient)
            }
            try self.check(code)
        }

        mutating func null() throws {
            try self.check(sqlite3_bind_null(self.handle, self.next()))
        }
    }
}
