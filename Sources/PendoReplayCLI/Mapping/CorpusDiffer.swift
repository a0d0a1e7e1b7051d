import DataPrep
import Foundation
import PendoEvents
import Synchronization

/// Compares two mapping sets over a corpus in one pass: the first `noiseSample` events find the
/// non-deterministic fields of each set (`NoiseProbe`), then every event goes (through
/// `CorpusFanOut`, like `validate`) to a worker whose `MappingDiffer` maps it with both sets and
/// records both outcomes; the diffs are merged at the end, and the `_id` runs (set
/// aside in `IdentitySpill` once large) are merged to count repeats.
final class CorpusDiffer: Sendable {
    /// Mappers of one worker, and a way to make more (see `CorpusValidator` on why each worker
    /// gets mappers of its own).
    struct Mappers: Sendable {
        var old: Mapper
        var new: Mapper
        var replicate: @Sendable () -> (old: Mapper, new: Mapper)
    }

    let mappers: Mappers
    let fanOut: CorpusFanOut
    let options: DiffOptions
    let noiseSample: Int
    /// The clock both sets read in the comparison (the probe's second clock runs later).
    let now: DateTimeValue
    let seed: UInt64
    /// `_id` entries a worker holds per side before it sets them aside as a sorted run.
    let runLimit: Int
    let changedSoFar = Atomic<Int>(0)

    init(
        mappers: Mappers, workers: Int, options: DiffOptions, noiseSample: Int, now: DateTimeValue, seed: UInt64,
        runLimit: Int = 1 << 18
    ) {
        self.mappers = mappers
        self.fanOut = CorpusFanOut(workers: workers)
        self.options = options
        self.noiseSample = max(0, noiseSample)
        self.now = now
        self.seed = seed
        self.runLimit = max(1, runLimit)
    }

    /// One worker's own state: only its thread touches it.
    final class Worker: @unchecked Sendable {
        var differ: MappingDiffer
        var fileIndexes: [String: Int] = [:]
        var spillError: Error?

        init(differ: MappingDiffer, files: [String]) {
            self.differ = differ
            for (index, file) in files.enumerated() where self.fileIndexes[file] == nil {
                self.fileIndexes[file] = index
            }
        }
    }

    /// What a run found.
    struct Outcome {
        var diff: MappingDiff
        var oldRepeats: IdentityRun.Repeats
        var newRepeats: IdentityRun.Repeats
    }

    /// Runs over `reader` to the end.
    func run(reader: CorpusReader, spill: IdentitySpill) throws -> Outcome {
        // The sample is the corpus's first events, read once and then handed on like the rest.
        var sample: [CorpusEvent] = []
        var readerDiff = MappingDiff(options: self.options)
        while sample.count < self.noiseSample {
            do {
                guard let event = try reader.next() else { break }
                sample.append(event)
            } catch {
                readerDiff.recordUnreadable("\(error)")
            }
        }
        var options = self.options
        options.nonDeterministic = MappingDiffer.nonDeterministicPaths(
            old: self.mappers.old, new: self.mappers.new, sample: sample.map(\.bytes),
            now: self.now, seed: self.seed)
        readerDiff = MappingDiff(options: options)

        let workers = (0..<self.fanOut.workers).map { index -> Worker in
            let pair = index == 0 ? (old: self.mappers.old, new: self.mappers.new) : self.mappers.replicate()
            return Worker(
                differ: MappingDiffer(old: pair.old, new: pair.new, options: options, now: self.now, seed: self.seed),
                files: reader.files)
        }
        var pending = sample[...]
        let runLimit = self.runLimit
        self.fanOut.run(
            threadName: "pendo-diff",
            next: {
                if let first = pending.popFirst() { return first }
                return try reader.next()
            },
            unreadable: { error, _ in
                readerDiff.recordUnreadable("\(error)")
            },
            process: { index, batch in
                let worker = workers[index]
                let before = worker.differ.diff.total - worker.differ.diff[.identical]
                for (offset, event) in batch.events.enumerated() {
                    let reference = DiffEventReference(
                        ordinal: batch.firstOrdinal + offset, file: event.file,
                        fileIndex: worker.fileIndexes[event.file] ?? 0, line: event.line)
                    worker.differ.compare(event.bytes, reference: reference)
                }
                self.changedSoFar.add(
                    worker.differ.diff.total - worker.differ.diff[.identical] - before, ordering: .relaxed)
                for side in [true, false]
                where (side ? worker.differ.diff.old.identities.count : worker.differ.diff.new.identities.count)
                    >= runLimit
                {
                    do {
                        try spill.write(worker.differ.diff.takeIdentities(old: side), old: side)
                    } catch {
                        worker.spillError = worker.spillError ?? error
                    }
                }
            })
        if let error = workers.lazy.compactMap(\.spillError).first { throw error }
        var runs: (old: [AnyIterator<IdentityRun.Entry>], new: [AnyIterator<IdentityRun.Entry>]) = ([], [])
        for worker in workers {
            runs.old.append(AnyIterator(worker.differ.diff.takeIdentities(old: true).makeIterator()))
            runs.new.append(AnyIterator(worker.differ.diff.takeIdentities(old: false).makeIterator()))
        }
        runs.old += try spill.runs(old: true)
        runs.new += try spill.runs(old: false)
        var total = readerDiff
        for worker in workers { total.merge(worker.differ.diff) }
        return Outcome(
            diff: total,
            oldRepeats: IdentityRun.repeats(runs.old, samples: self.options.samples),
            newRepeats: IdentityRun.repeats(runs.new, samples: self.options.samples))
    }
}
