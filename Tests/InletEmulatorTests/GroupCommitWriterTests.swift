import Foundation
import Synchronization
import Testing

@testable import InletEmulator

@Suite("Group commit", .timeLimit(.minutes(1)))
struct GroupCommitWriterTests {
    /// A database in a fresh folder, and a way to hold the first commit until the test lets it go.
    final class Fixture: Sendable {
        let folder: String
        let store: DatasetStore
        /// The number of records of each commit, in order.
        let batches = Mutex<[Int]>([])
        let holdFirst = Atomic<Bool>(true)
        let release = DispatchSemaphore(value: 0)

        init() throws {
            self.folder = NSTemporaryDirectory() + "group-commit-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: self.folder, withIntermediateDirectories: true)
            self.store = try DatasetStore(path: self.folder + "/emulator.sqlite", synchronousFull: false)
        }

        func writer(window: TimeInterval = 0, maxBatch: Int = 512) -> GroupCommitWriter {
            GroupCommitWriter(store: self.store, window: window, maxBatch: maxBatch) { records, _ in
                self.batches.withLock { $0.append(records.count) }
                if self.holdFirst.exchange(false, ordering: .relaxed) {
                    self.release.wait()
                }
            }
        }

        deinit { try? FileManager.default.removeItem(atPath: self.folder) }
    }

    static func record(_ index: Int) -> IngestRecord {
        IngestRecord(
            datasetId: "dataset", flowId: "flow", inletId: "inlet", xactionId: "x-\(index)", receivedMs: 0,
            raw: Array("{\"n\":\(index)}".utf8), decision: .stored(record: Array("{}".utf8), warnings: []))
    }

    @Test("records queued during a commit go together into the next one")
    func queuedRecordsCommitTogether() async throws {
        let fixture = try Fixture()
        let writer = fixture.writer()
        defer { writer.close() }
        // The first request's commit is held, so the next nine queue behind it.
        let first = Task { try await writer.commit([Self.record(0)]) }
        await waitUntil { fixture.batches.withLock { $0.count } == 1 }
        let followers = (1...9).map { index in Task { try await writer.commit([Self.record(index)]) } }
        await waitUntil { writer.waitingRecords == 9 }
        #expect(writer.waitingRecords == 9)
        fixture.release.signal()
        try await first.value
        for follower in followers { try await follower.value }
        #expect(fixture.batches.withLock { $0 } == [1, 9])
        #expect(try fixture.store.recordCount() == 10)
        #expect(writer.waitingRecords == 0)
    }

    @Test("a commit holds what waits when it starts; records queued later go into the next")
    func oneCommitAfterAnother() async throws {
        let fixture = try Fixture()
        fixture.holdFirst.store(false, ordering: .relaxed)
        let writer = fixture.writer()
        defer { writer.close() }
        for index in 0..<3 {
            try await writer.commit([Self.record(index), Self.record(index + 100)])
        }
        #expect(fixture.batches.withLock { $0 } == [2, 2, 2])
        #expect(try fixture.store.recordCount() == 6)
    }

    @Test("close waits for the records already queued and refuses new ones")
    func closeCommitsWhatIsQueued() async throws {
        let fixture = try Fixture()
        let writer = fixture.writer()
        let first = Task { try await writer.commit([Self.record(0)]) }
        await waitUntil { fixture.batches.withLock { $0.count } == 1 }
        let follower = Task { try await writer.commit([Self.record(1), Self.record(2)]) }
        await waitUntil { writer.waitingRecords == 2 }
        // What the database holds when close() returns.
        let countAtClose = Atomic<Int>(-1)
        Thread {
            writer.close()
            countAtClose.store((try? fixture.store.recordCount()) ?? -2, ordering: .relaxed)
        }.start()
        fixture.release.signal()
        try await first.value
        try await follower.value
        await waitUntil { countAtClose.load(ordering: .relaxed) != -1 }
        #expect(countAtClose.load(ordering: .relaxed) == 3)
        await #expect(throws: WriterClosed.self) { try await writer.commit([Self.record(3)]) }
        #expect(try fixture.store.recordCount() == 3)
    }

    @Test("the writer waits for the window, unless the batch is already full")
    func windowAndFullBatch() async throws {
        let fixture = try Fixture()
        fixture.holdFirst.store(false, ordering: .relaxed)
        // With a 10-minute window, only a full batch commits at once: the test would not end otherwise.
        let writer = fixture.writer(window: 600, maxBatch: 2)
        defer { writer.close() }
        try await writer.commit([Self.record(0), Self.record(1)])
        #expect(fixture.batches.withLock { $0 } == [2])
    }
}
