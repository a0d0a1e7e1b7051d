import Foundation

/// Runs another chunk source on its own thread, keeping up to `depth` chunks ready.
///
/// Inflating is the costliest part of reading a gzip corpus; doing it on one core while the
/// caller splits and validates lines on another is what lets the reader keep pace with
/// `zcat | wc -l`. Memory stays bounded by `depth` chunks.
final class ReadAheadChunkSource: ChunkSource {
    /// A chunk, or the failure that ended the source; the end of the source closes the queue.
    private enum Item {
        case chunk([UInt8])
        case failure(ChunkSourceFailure)
    }

    private let pipe: BoundedQueue<Item>

    init(wrapping source: ChunkSource, depth: Int) {
        let pipe = BoundedQueue<Item>(capacity: depth)
        self.pipe = pipe
        let box = UncheckedBox(source)
        let thread = Thread {
            let source = box.value
            defer { pipe.close() }
            while true {
                do throws(ChunkSourceFailure) {
                    guard let chunk = try source.nextChunk() else { return }
                    if !pipe.put(.chunk(chunk)) { return }
                } catch {
                    pipe.put(.failure(error))
                    return
                }
            }
        }
        thread.name = "pendo-corpus-inflate"
        thread.start()
    }

    deinit {
        self.pipe.cancel()
    }

    func nextChunk() throws(ChunkSourceFailure) -> [UInt8]? {
        switch self.pipe.take() {
        case .chunk(let chunk): return chunk
        case .failure(let failure): throw failure
        case nil: return nil
        }
    }
}

/// Moves a non-Sendable value to the one thread that uses it from then on.
private final class UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
