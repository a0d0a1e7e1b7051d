import Foundation
import NIOEmbedded
import Synchronization
import Testing

@testable import InletEmulator

@Suite("Loop commit batch", .timeLimit(.minutes(1)))
struct LoopCommitBatchTests {
    @Test("what a loop admits in one pass reaches the writer when the pass ends, and commits as one")
    func onePassOneCommit() async throws {
        let fixture = try GroupCommitWriterTests.Fixture()
        fixture.holdFirst.store(false, ordering: .relaxed)
        let writer = fixture.writer()
        defer { writer.close() }
        let loop = EmbeddedEventLoop()
        let batch = LoopCommitBatch(loop: loop, writer: writer)
        let answered = Mutex<[Int]>([])
        for index in 0..<5 {
            batch.add([GroupCommitWriterTests.record(index)]) { result in
                if case .success = result { answered.withLock { $0.append(index) } }
            }
        }
        // The pass is not over: nothing is with the writer yet.
        #expect(writer.waitingRecords == 0)
        #expect(fixture.batches.withLock { $0 }.isEmpty)
        loop.run()
        await waitUntil { answered.withLock { $0.count } == 5 }
        #expect(fixture.batches.withLock { $0 } == [5])
        #expect(answered.withLock { $0.sorted() } == [0, 1, 2, 3, 4])

        // The next pass makes its own hand-over.
        batch.add([GroupCommitWriterTests.record(5)]) { _ in answered.withLock { $0.append(5) } }
        loop.run()
        await waitUntil { answered.withLock { $0.count } == 6 }
        #expect(fixture.batches.withLock { $0 } == [5, 1])
        #expect(try fixture.store.recordCount() == 6)
    }

    @Test("a closed writer fails every request of the batch")
    func closedWriter() async throws {
        let fixture = try GroupCommitWriterTests.Fixture()
        let writer = fixture.writer()
        writer.close()
        let loop = EmbeddedEventLoop()
        let batch = LoopCommitBatch(loop: loop, writer: writer)
        let failed = Mutex(0)
        for index in 0..<3 {
            batch.add([GroupCommitWriterTests.record(index)]) { result in
                if case .failure(let error) = result, error is WriterClosed { failed.withLock { $0 += 1 } }
            }
        }
        loop.run()
        #expect(failed.withLock { $0 } == 3)
        #expect(try fixture.store.recordCount() == 0)
    }
}
