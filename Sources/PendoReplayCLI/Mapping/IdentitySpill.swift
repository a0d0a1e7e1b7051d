import DataPrep
import Foundation
import ReplayCommon
import Synchronization

/// Sorted runs of `_id` hashes set aside in files while a diff runs, so that counting repeated
/// ids takes memory bounded by the run size instead of growing with the corpus. Workers write
/// from their own threads; the files live in a folder of their own under the temporary folder
/// and are removed by `remove()`.
final class IdentitySpill: Sendable {
    let folder: String
    private let files = Mutex<(old: [String], new: [String])>(([], []))
    private let counter = Atomic<Int>(0)

    init() throws {
        let folder =
            NSTemporaryDirectory()
            + "pendo-replay-diff-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32(truncatingIfNeeded: SeededRandom.systemSeed()))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        self.folder = folder
    }

    /// Writes one sorted run of one side.
    func write(_ entries: [IdentityRun.Entry], old: Bool) throws {
        guard !entries.isEmpty else { return }
        let path = self.folder + "/run-\(self.counter.add(1, ordering: .relaxed).newValue)"
        let data = entries.withUnsafeBufferPointer { Data(buffer: $0) }
        try data.write(to: URL(fileURLWithPath: path))
        self.files.withLock { files in
            if old { files.old.append(path) } else { files.new.append(path) }
        }
    }

    /// Readers of one side's runs, each holding at most `chunk` entries at a time.
    func runs(old: Bool, chunk: Int = 1 << 15) throws -> [AnyIterator<IdentityRun.Entry>] {
        let paths = self.files.withLock { old ? $0.old : $0.new }
        return try paths.map { path in
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
            var buffer: [IdentityRun.Entry] = []
            var position = 0
            let stride = MemoryLayout<IdentityRun.Entry>.stride
            return AnyIterator {
                if position == buffer.count {
                    guard let data = try? handle.read(upToCount: chunk * stride), !data.isEmpty else {
                        try? handle.close()
                        return nil
                    }
                    // The bytes of `Data` need not be aligned for an entry: copy them into place.
                    let count = data.count / stride
                    buffer = [IdentityRun.Entry](unsafeUninitializedCapacity: count) { target, initialized in
                        data.withUnsafeBytes { raw in
                            UnsafeMutableRawBufferPointer(target).copyMemory(
                                from: UnsafeRawBufferPointer(rebasing: raw[..<(count * stride)]))
                        }
                        initialized = count
                    }
                    guard count > 0 else { return nil }
                    position = 0
                }
                position += 1
                return buffer[position - 1]
            }
        }
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: self.folder)
    }
}
