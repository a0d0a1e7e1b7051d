import Foundation

/// Runs another chunk source on its own thread, keeping up to `depth` chunks ready.
///
/// Inflating is the costliest part of reading a gzip corpus; doing it on one core while the
/// caller splits and validates lines on another is what lets the reader keep pace with
/// `zcat | wc -l`. Memory stays bounded by `depth` chunks.
final class ReadAheadChunkSource: ChunkSource {
    private let pipe: ChunkPipe

    init(wrapping source: ChunkSource, depth: Int) {
        let pipe = ChunkPipe(depth: depth)
        self.pipe = pipe
        let box = UncheckedBox(source)
        let thread = Thread {
            let source = box.value
            while true {
                let item: ChunkPipe.Item
                do throws(ChunkSourceFailure) {
                    if let chunk = try source.nextChunk() {
                        item = .chunk(chunk)
                    } else {
                        item = .end
                    }
                } catch {
                    item = .failure(error)
                }
                let isLast: Bool
                switch item {
                case .chunk: isLast = false
                case .end, .failure: isLast = true
                }
                if !pipe.put(item) || isLast { return }
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
        case .end: return nil
        case .failure(let failure): throw failure
        }
    }
}

/// Moves a non-Sendable value to the one thread that uses it from then on.
private final class UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}

/// A bounded single-producer, single-consumer queue of chunks.
private final class ChunkPipe: @unchecked Sendable {
    enum Item {
        case chunk([UInt8])
        case end
        case failure(ChunkSourceFailure)
    }

    private let condition = NSCondition()
    private var items: [Item] = []
    private var head = 0
    private let depth: Int
    private var cancelled = false

    init(depth: Int) {
        self.depth = depth
    }

    /// Adds an item, waiting while the queue is full; false once the reader went away.
    func put(_ item: Item) -> Bool {
        self.condition.lock()
        defer { self.condition.unlock() }
        while self.items.count - self.head >= self.depth && !self.cancelled {
            self.condition.wait()
        }
        if self.cancelled { return false }
        if self.head > 0 && self.head == self.items.count {
            self.items.removeAll(keepingCapacity: true)
            self.head = 0
        }
        self.items.append(item)
        self.condition.signal()
        return true
    }

    /// Takes the next item, waiting while the queue is empty.
    func take() -> Item {
        self.condition.lock()
        defer { self.condition.unlock() }
        while self.items.count == self.head {
            self.condition.wait()
        }
        let item = self.items[self.head]
        self.items[self.head] = .end
        self.head += 1
        if self.head == self.items.count {
            self.items.removeAll(keepingCapacity: true)
            self.head = 0
        }
        self.condition.signal()
        return item
    }

    func cancel() {
        self.condition.lock()
        self.cancelled = true
        self.condition.broadcast()
        self.condition.unlock()
    }
}
