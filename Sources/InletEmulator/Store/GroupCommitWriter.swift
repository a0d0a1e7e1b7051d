import Foundation

/// Collects records from concurrent requests and commits them together: one writer thread takes
/// whatever is waiting (waiting up to `window` for more when fewer than `maxBatch` are there),
/// writes it in one transaction, and only then completes every request's wait. A request is thus
/// answered only after its records are durably committed.
final class GroupCommitWriter: @unchecked Sendable {
    typealias Completion = @Sendable (Result<Void, any Error>) -> Void

    /// Records of one request and what to do once they are committed.
    struct Submission {
        var records: [IngestRecord]
        var completion: Completion
    }

    private let store: DatasetStore
    private let window: TimeInterval
    private let maxBatch: Int
    private let onCommitted: @Sendable ([IngestRecord], Duration) -> Void
    /// Its condition guards `pending` and `pendingCount`; the loop waits on it.
    private let thread = WorkerThread()
    private var condition: NSCondition { self.thread.condition }
    private var pending: [Submission] = []
    private var pendingCount = 0

    /// - Parameters:
    ///   - window: how long the writer waits for more records once one has arrived.
    ///   - maxBatch: commit at once when this many records are waiting.
    ///   - onCommitted: called on the writer thread after each commit, before answers are released,
    ///     with the records and the time the transaction took.
    init(
        store: DatasetStore, window: TimeInterval, maxBatch: Int,
        onCommitted: @escaping @Sendable ([IngestRecord], Duration) -> Void
    ) {
        self.store = store
        self.window = window
        self.maxBatch = max(1, maxBatch)
        self.onCommitted = onCommitted
        self.thread.start(name: "emulator-group-commit") { self.loop() }
    }

    /// Queues records; `completion` runs after they are committed (or the commit failed).
    func submit(_ records: [IngestRecord], completion: @escaping Completion) {
        self.submit([Submission(records: records, completion: completion)])
    }

    /// Queues several requests' records at once: they go into the same commit.
    func submit(_ submissions: [Submission]) {
        self.condition.lock()
        if self.thread.closed {
            self.condition.unlock()
            for submission in submissions { submission.completion(.failure(WriterClosed())) }
            return
        }
        let wasEmpty = self.pending.isEmpty
        self.pending.append(contentsOf: submissions)
        for submission in submissions { self.pendingCount += submission.records.count }
        if wasEmpty || self.pendingCount >= self.maxBatch {
            self.condition.signal()
        }
        self.condition.unlock()
    }

    /// Queues records and waits until they are committed.
    func commit(_ records: [IngestRecord]) async throws {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            self.submit(records) { result in continuation.resume(with: result) }
        }
    }

    /// Records queued and not yet taken into a commit.
    var waitingRecords: Int {
        self.condition.lock()
        defer { self.condition.unlock() }
        return self.pendingCount
    }

    /// Commits what is waiting, then stops the writer thread.
    func close() {
        self.thread.close()
    }

    private func loop() {
        while true {
            self.condition.lock()
            while self.pending.isEmpty && !self.thread.closed {
                self.condition.wait()
            }
            if self.pending.isEmpty && self.thread.closed {
                self.condition.unlock()
                return
            }
            if self.window > 0 {
                let deadline = Date(timeIntervalSinceNow: self.window)
                while self.pendingCount < self.maxBatch && !self.thread.closed {
                    if !self.condition.wait(until: deadline) { break }
                }
            }
            let batch = self.pending
            self.pending = []
            self.pendingCount = 0
            self.condition.unlock()

            let records = batch.flatMap(\.records)
            let result: Result<Void, any Error>
            do {
                let started = ContinuousClock.now
                try self.store.insert(records)
                self.onCommitted(records, ContinuousClock.now - started)
                result = .success(())
            } catch {
                result = .failure(error)
            }
            for submission in batch {
                submission.completion(result)
            }
        }
    }
}

/// The writer was closed before the records could be queued.
struct WriterClosed: Error, CustomStringConvertible {
    var description: String { "the emulator is shutting down; the records were not stored" }
}
