import DataPrep
import Dispatch
import Foundation
import PendoEvents
import Synchronization

/// Maps a whole corpus on all cores: one thread reads (the reader inflates on its own thread),
/// batches of events go through a bounded queue to one thread per core, each thread owns its statistics
/// and mapping state (nothing shared on the hot path), and the statistics are merged at the end.
/// In-flight batches are bounded, so memory does not grow with the corpus.
///
/// Each worker maps with its own `Mapper`, built by `replicate` from the documents: the mapper's
/// compiled mappings, paths, expressions and schema nodes are reference-counted objects, and two
/// cores retaining and releasing the same objects bounce their cache lines between them (measured:
/// up to 45 % more CPU with two workers sharing one mapper than with one worker).
final class CorpusValidator: Sendable {
    let mapper: Mapper
    let replicate: @Sendable () -> Mapper
    let workers: Int
    let batchSize: Int
    let maxBatchesInFlight: Int
    /// Events handed to workers so far (read by the progress display).
    let eventsDispatched = Atomic<Int>(0)
    let eventsDone = Atomic<Int>(0)
    let rejectedSoFar = Atomic<Int>(0)

    /// `replicate` makes an equal mapper that shares no objects with `mapper` (by default the
    /// workers share `mapper`).
    init(mapper: Mapper, workers: Int, batchSize: Int = 2048, replicate: (@Sendable () -> Mapper)? = nil) {
        self.mapper = mapper
        self.replicate = replicate ?? { mapper }
        self.workers = max(1, workers)
        self.batchSize = batchSize
        self.maxBatchesInFlight = self.workers * 3
    }

    /// One worker's own state: only its thread touches it.
    final class Worker: @unchecked Sendable {
        let mapper: Mapper
        var statistics: ValidationStatistics
        var state: MappingState

        init(index: Int, mapper: Mapper) {
            self.mapper = mapper
            self.statistics = ValidationStatistics(mappingSet: mapper.mappingSet)
            var state = mapper.makeState()
            // Distinct uuid() streams per worker.
            state.context = FunctionContext(now: mapper.options.now, seed: mapper.options.seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
            self.state = state
        }
    }

    struct Batch: @unchecked Sendable {
        var events: [CorpusEvent]
    }

    /// Runs over `reader` to the end.
    ///
    /// The workers are threads of their own, not Dispatch workers: the caller blocks while they
    /// work, and on Linux Swift concurrency's pool is Dispatch's global pool, which would then have
    /// one thread fewer than the work queued on it.
    func run(reader: CorpusReader) -> ValidationStatistics {
        let workers = (0..<self.workers).map { Worker(index: $0, mapper: $0 == 0 ? self.mapper : self.replicate()) }
        let queue = BoundedQueue<Batch>(capacity: self.maxBatchesInFlight)
        let done = DispatchGroup()
        for (index, worker) in workers.enumerated() {
            done.enter()
            let thread = Thread {
                let mapper = worker.mapper
                while let batch = queue.take() {
                    var rejected = 0
                    for event in batch.events {
                        // The verdict only: validating does not need the records themselves.
                        let verdict = mapper.check(event.bytes, state: &worker.state)
                        if case .rejected = verdict { rejected += 1 }
                        worker.statistics.record(verdict, observations: worker.state.observations) { "\(event.file):\(event.line)" }
                    }
                    self.eventsDone.add(batch.events.count, ordering: .relaxed)
                    if rejected > 0 { self.rejectedSoFar.add(rejected, ordering: .relaxed) }
                }
                done.leave()
            }
            thread.name = "pendo-validate-\(index)"
            thread.start()
        }
        var readerStatistics = ValidationStatistics(mappingSet: self.mapper.mappingSet)
        var batch: [CorpusEvent] = []
        batch.reserveCapacity(self.batchSize)
        func dispatch(_ events: [CorpusEvent]) {
            self.eventsDispatched.add(events.count, ordering: .relaxed)
            queue.put(Batch(events: events))
        }
        while true {
            do {
                guard let event = try reader.next() else { break }
                batch.append(event)
                if batch.count >= self.batchSize {
                    dispatch(batch)
                    batch = []
                    batch.reserveCapacity(self.batchSize)
                }
            } catch {
                // The reader names the file and line and goes on with what follows.
                readerStatistics.recordUnreadable("\(error)")
            }
        }
        if !batch.isEmpty { dispatch(batch) }
        queue.close()
        done.wait()
        var total = readerStatistics
        for worker in workers { total.merge(worker.statistics) }
        return total
    }
}
