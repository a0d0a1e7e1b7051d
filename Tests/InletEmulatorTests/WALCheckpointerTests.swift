import Foundation
import GRDB
import Testing

@testable import InletEmulator

/// The store's log is copied into the database by a `WALCheckpointer` beside the writer, and the
/// writer's own checkpoint, at `writerCheckpointPages`, keeps the log bounded.
@Suite("WAL checkpoints beside the writer", .timeLimit(.minutes(1)))
struct WALCheckpointerTests {
    /// A folder removed with the value.
    final class Folder: Sendable {
        let path = NSTemporaryDirectory() + "wal-checkpoint-" + UUID().uuidString
        var database: String { self.path + "/emulator.sqlite" }
        init() throws { try FileManager.default.createDirectory(atPath: self.path, withIntermediateDirectories: true) }
        deinit { try? FileManager.default.removeItem(atPath: self.path) }
    }

    /// One record of about 7 kB, so that each takes a page of its own (8 kB).
    static func record(_ index: Int) -> IngestRecord {
        let raw = Array("{\"n\":\(index),\"pad\":\"\(String(repeating: "x", count: 7000))\"}".utf8)
        return IngestRecord(
            datasetId: "dataset", flowId: "flow", inletId: "inlet", xactionId: "x-\(index)", receivedMs: 0,
            raw: raw, decision: .stored(record: Array("{}".utf8), warnings: []))
    }

    static func size(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
    }

    /// The frames a log file holds: each is a 24-byte header and a page, after the log's 32-byte
    /// header.
    static func frames(_ database: String) throws -> Int {
        (try Self.size(database + "-wal") - 32) / (DatasetStore.pageSize + 24)
    }

    @Test("the checkpointer copies committed pages into the database file; without it they stay in the log")
    func checkpointerCopiesTheLog() async throws {
        let withIt = try Folder()
        let store = try DatasetStore(path: withIt.database, synchronousFull: false, checkpointInterval: 0)
        let checkpointer = try #require(store.checkpointer)
        for index in 0..<50 { try store.insert([Self.record(index)]) }
        // A pass that starts after the 50th commit was noted copies the whole log.
        await waitUntil { checkpointer.state.coveredCommits == 50 }
        let state = checkpointer.state
        #expect(state.coveredCommits == 50)
        #expect(state.failure == nil)
        let pass = try #require(state.lastPass)
        #expect(pass.walFrames > 0)
        #expect(pass.copiedFrames == pass.walFrames)
        #expect(try Self.size(withIt.database) >= 50 * DatasetStore.pageSize)

        // SQLite's own checkpoint, on the writer, waits for 1,000 pages.
        let without = try Folder()
        let plain = try DatasetStore(path: without.database, synchronousFull: false)
        #expect(plain.checkpointer == nil)
        for index in 0..<50 { try plain.insert([Self.record(index)]) }
        #expect(try Self.size(without.database) < 10 * DatasetStore.pageSize)
        #expect(try plain.recordCount() == 50)
        #expect(try store.recordCount() == 50)
    }

    @Test("the writer's own checkpoint at writerCheckpointPages starts the log over, so it stays bounded")
    func writerCheckpointBoundsTheLog() async throws {
        let folder = try Folder()
        // The checkpointer makes one pass after the first commit, then waits an hour.
        let store = try DatasetStore(
            path: folder.database, synchronousFull: false, checkpointInterval: 3600, writerCheckpointPages: 64)
        let checkpointer = try #require(store.checkpointer)
        try store.insert([Self.record(0)])
        await waitUntil { checkpointer.state.passes == 1 }
        #expect(checkpointer.state.passes == 1)
        for index in 1..<300 { try store.insert([Self.record(index)]) }
        #expect(checkpointer.state.passes == 1)
        // Each commit adds its record's page and the pages above it (3 frames here); the log starts
        // over at the first commit after it reached 64 frames, and the file keeps its longest extent.
        let frames = try Self.frames(folder.database)
        #expect(frames <= 66)
        #expect(frames >= 64)
        #expect(try store.recordCount() == 300)
        store.close()
    }

    @Test("a new database has 8 kB pages; one made with 4 kB pages keeps them")
    func pageSize() throws {
        let folder = try Folder()
        let store = try DatasetStore(path: folder.database, synchronousFull: false)
        #expect(try store.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") } == 8192)

        let older = try Folder()
        let queue = try DatabaseQueue(path: older.database)
        try queue.write { db in try db.execute(sql: "CREATE TABLE t (x)") }
        try queue.close()
        let reopened = try DatasetStore(path: older.database, synchronousFull: false)
        #expect(try reopened.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size") } == 4096)
        try reopened.insert([Self.record(0)])
        #expect(try reopened.recordCount() == 1)
    }

    @Test("close stops the thread: commits after it start no pass")
    func closeStopsThePasses() async throws {
        let folder = try Folder()
        let store = try DatasetStore(path: folder.database, synchronousFull: false, checkpointInterval: 0)
        let checkpointer = try #require(store.checkpointer)
        try store.insert([Self.record(0)])
        await waitUntil { checkpointer.state.passes >= 1 }
        store.close()
        let passes = checkpointer.state.passes
        try store.insert([Self.record(1)])
        try await Task.sleep(for: .milliseconds(50))
        #expect(checkpointer.state.passes == passes)
        #expect(try store.recordCount() == 2)
    }
}
