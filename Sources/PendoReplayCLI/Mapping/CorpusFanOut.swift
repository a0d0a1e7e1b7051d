import DataPrep
import Dispatch
import Foundation
import PendoEvents
import Synchronization

/// Spreads a corpus over worker threads: the caller's thread reads (the reader inflates on its
/// own thread), batches of events go through a bounded queue to one thread per worker, and each
/// worker keeps state of its own (nothing shared on the hot path) that the caller merges at the
/// end. In-flight batches are bounded, so memory does not grow with the corpus.
///
/// The workers are threads of their own, not Dispatch workers: the caller blocks while they
/// work, and on Linux Swift concurrency's pool is Dispatch's global pool, which would then have
/// one thread fewer than the work queued on it.
final class CorpusFanOut: Sendable {
    let workers: Int
    let batchSize: Int
    let maxBatchesInFlight: Int
    /// Events handed to workers so far.
    let eventsDispatched = Atomic<Int>(0)
    /// Events the workers finished (read by progress displays).
    let eventsDone = Atomic<Int>(0)
    /// Set by ``stop()``: reading ends before the next event, and what was read is finished.
    private let stopRequested = Atomic<Bool>(false)

    /// Ends reading early (a signal): `run` returns once the events already read are processed.
    func stop() { self.stopRequested.store(true, ordering: .relaxed) }

    /// Whether ``stop()`` was called.
    var stopped: Bool { self.stopRequested.load(ordering: .relaxed) }

    init(workers: Int, batchSize: Int = 2048) {
        self.workers = max(1, workers)
        self.batchSize = batchSize
        self.maxBatchesInFlight = self.workers * 3
    }

    /// Consecutive events; `firstOrdinal` is the position of the first among all events handed out.
    struct Batch: @unchecked Sendable {
        var events: [CorpusEvent]
        var firstOrdinal: Int
    }

    /// Reads `next` to the end and has `process(worker, batch)` run every batch on worker
    /// `worker`'s thread (`0..<workers`); returns when all are done. `unreadable` gets what `next`
    /// threw (an event it could not deliver, named by file and line) and the position the next event
    /// delivered will have, after which reading goes on.
    func run(
        threadName: String, next: () throws -> CorpusEvent?, unreadable: (Error, Int) -> Void,
        process: @escaping @Sendable (Int, Batch) -> Void
    ) {
        let queue = BoundedQueue<Batch>(capacity: self.maxBatchesInFlight)
        let done = DispatchGroup()
        for index in 0..<self.workers {
            done.enter()
            let thread = Thread {
                while let batch = queue.take() {
                    process(index, batch)
                    self.eventsDone.add(batch.events.count, ordering: .relaxed)
                }
                done.leave()
            }
            thread.name = "\(threadName)-\(index)"
            thread.stackSize = Mapper.threadStackSize
            thread.start()
        }
        var batch: [CorpusEvent] = []
        batch.reserveCapacity(self.batchSize)
        var ordinal = 0
        func dispatch(_ events: [CorpusEvent]) {
            self.eventsDispatched.add(events.count, ordering: .relaxed)
            queue.put(Batch(events: events, firstOrdinal: ordinal))
            ordinal += events.count
        }
        while !self.stopRequested.load(ordering: .relaxed) {
            do {
                guard let event = try next() else { break }
                batch.append(event)
                if batch.count >= self.batchSize {
                    dispatch(batch)
                    batch = []
                    batch.reserveCapacity(self.batchSize)
                }
            } catch {
                unreadable(error, ordinal + batch.count)
            }
        }
        if !batch.isEmpty { dispatch(batch) }
        queue.close()
        done.wait()
    }
}
