import Foundation
import GRDB

/// Copies the write-ahead log into the database file on a connection and thread of its own, so
/// that the group-commit writer does not stop for it.
///
/// SQLite checkpoints on the connection that commits, once the log holds `wal_autocheckpoint`
/// pages: every request waiting for the next commit waits for the copy and its `fdatasync`s, and
/// under load the cores stand idle meanwhile (docs/BENCHMARKS.md, "2026-12-06: the WAL checkpoint
/// off the writer"). Here a passive checkpoint, which never blocks a writer, runs after
/// commits, at most once every `interval`. The log restarts from its beginning only when a writer
/// finds it wholly copied, which a checkpoint running beside steady commits rarely leaves, so
/// ``DatasetStore`` keeps SQLite's own checkpoint on the writer, at a larger threshold: it then
/// copies only what came in since this one's last pass, and the log stays bounded.
final class WALCheckpointer: @unchecked Sendable {
    /// Frames in the log and frames copied into the database, after one checkpoint.
    struct Pass: Equatable, Sendable {
        var walFrames: Int
        var copiedFrames: Int
    }

    private let connection: DatabaseQueue
    private let interval: TimeInterval
    /// Its condition guards the counts, `lastPass` and `failure`; the loop waits on it.
    private let thread = WorkerThread()
    private var condition: NSCondition { self.thread.condition }
    /// Commits noted, and how many of them had been noted when the last pass started.
    private var commits = 0
    private var covered = 0
    private var passes = 0
    private var lastPass: Pass?
    private var failure: (any Error)?

    /// Opens a second read-write connection to the database at `path` (GRDB's pool reads on
    /// read-only connections, which SQLite does not let checkpoint) and starts the thread.
    init(path: String, interval: TimeInterval) throws {
        var configuration = Configuration()
        configuration.label = "pendo-replay-emulator-checkpoint"
        self.connection = try DatabaseQueue(path: path, configuration: configuration)
        self.interval = interval
        self.thread.start(name: "emulator-wal-checkpoint") { self.loop() }
    }

    /// Says that a transaction was committed: a checkpoint follows.
    func noteCommit() {
        self.condition.lock()
        self.commits += 1
        if self.commits == self.covered + 1 {
            self.condition.signal()
        }
        self.condition.unlock()
    }

    /// Passes made so far; the commits noted before the last one started (it copied them, or found
    /// the writer's own checkpoint doing so); what it found; and the error of the last pass that
    /// failed otherwise (the log keeps what it did not copy, for the next pass or the writer's).
    var state: (passes: Int, coveredCommits: Int, lastPass: Pass?, failure: (any Error)?) {
        self.condition.lock()
        defer { self.condition.unlock() }
        return (self.passes, self.covered, self.lastPass, self.failure)
    }

    /// One passive checkpoint, now, on this connection.
    @discardableResult
    func checkpoint() throws -> Pass {
        try self.connection.writeWithoutTransaction { db in
            let (walFrames, copiedFrames) = try db.checkpoint(.passive)
            return Pass(walFrames: walFrames, copiedFrames: copiedFrames)
        }
    }

    /// Stops the thread after the pass under way, if any.
    func close() {
        self.thread.close()
    }

    private func loop() {
        while true {
            self.condition.lock()
            while self.commits == self.covered && !self.thread.closed {
                self.condition.wait()
            }
            if self.thread.closed {
                self.condition.unlock()
                return
            }
            let starting = self.commits
            self.condition.unlock()

            var pass: Pass?
            var failure: (any Error)?
            do {
                pass = try self.checkpoint()
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                // The writer's own checkpoint holds the log; it copies what this pass would have.
            } catch {
                failure = error
            }
            self.condition.lock()
            self.passes += 1
            self.covered = starting
            if let pass { self.lastPass = pass }
            if let failure { self.failure = failure }
            // Commits noted meanwhile are past `covered`: the next pass copies them.
            let deadline = Date(timeIntervalSinceNow: self.interval)
            while !self.thread.closed && self.condition.wait(until: deadline) {}
            self.condition.unlock()
        }
    }
}
