import CZlib
import Dispatch
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes events as JSON Lines, gzip-compressed (zlib deflate, one member, no name or time in
/// the header so output is reproducible) when the path ends in `.gz`, plain otherwise.
///
/// Compression runs on its own serial queue, 1 MiB at a time with at most two buffers in
/// flight, so making events and deflating them use two cores and memory stays bounded.
/// A writer is used from one thread at a time.
public final class CorpusWriter {
    /// Why a corpus could not be written.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(self.path): cannot write the corpus (\(self.reason))." }
    }

    /// The file written.
    public let path: String
    /// Whether the output is gzip-compressed.
    public let compressed: Bool
    /// Uncompressed bytes written so far (events and line ends).
    public private(set) var bytesWritten: Int = 0
    /// Bytes that reached the file (complete after `finish()`).
    public var fileBytes: Int { self.sink.fileBytes }

    private var pending: [UInt8] = []
    private let flushAt = 1 << 20
    private let sink: CompressingSink
    private let queue = DispatchQueue(label: "pendo-corpus-deflate")
    private let slots = DispatchSemaphore(value: 2)
    private var finished = false

    /// Creates (or truncates) `path`. `level` is zlib's compression level (1 fastest, 9 smallest).
    public init(path: String, level: Int32 = 6) throws {
        self.path = path
        self.compressed = path.hasSuffix(".gz")
        self.sink = try CompressingSink(path: path, level: level, compressed: self.compressed)
        self.pending.reserveCapacity(self.flushAt + 65_536)
    }

    deinit {
        // Let in-flight work end before the sink goes away.
        self.queue.sync {}
    }

    /// Appends one event and a line end.
    public func write(_ event: [UInt8]) throws {
        self.pending.append(contentsOf: event)
        self.pending.append(0x0A)
        if self.pending.count >= self.flushAt { try self.handOff(finish: false) }
    }

    /// Appends JSON Lines text as is (it should end with a line end).
    public func writeRaw(_ bytes: [UInt8]) throws {
        self.pending.append(contentsOf: bytes)
        if self.pending.count >= self.flushAt { try self.handOff(finish: false) }
    }

    /// Writes what is buffered, ends the gzip member, waits for the file to be complete.
    public func finish() throws {
        guard !self.finished else { return }
        try self.handOff(finish: true)
        self.finished = true
        self.queue.sync {}
        if let failure = self.sink.failure { throw WriteError(path: self.path, reason: failure) }
    }

    private func handOff(finish: Bool) throws {
        if let failure = self.sink.failure { throw WriteError(path: self.path, reason: failure) }
        self.bytesWritten += self.pending.count
        let buffer = self.pending
        self.pending = []
        self.pending.reserveCapacity(self.flushAt + 65_536)
        self.slots.wait()
        let sink = self.sink
        let slots = self.slots
        self.queue.async {
            sink.consume(buffer, finish: finish)
            slots.signal()
        }
    }
}

/// The file end of a `CorpusWriter`: deflates and writes, used only on the writer's queue.
private final class CompressingSink: @unchecked Sendable {
    private let path: String
    private let fd: Int32
    private var stream: UnsafeMutablePointer<z_stream>?
    private let output: UnsafeMutablePointer<UInt8>
    private let outputCapacity = 1 << 18
    private let lock = PThreadMutex()
    private var failureText: String?
    private var written = 0

    init(path: String, level: Int32, compressed: Bool) throws {
        self.path = path
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw CorpusWriter.WriteError(path: path, reason: String(cString: strerror(errno))) }
        self.fd = fd
        self.output = .allocate(capacity: self.outputCapacity)
        if compressed {
            let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            stream.initialize(to: z_stream())
            let status = deflateInit2_(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
            guard status == Z_OK else {
                stream.deallocate()
                self.output.deallocate()
                close(fd)
                throw CorpusWriter.WriteError(path: path, reason: "zlib deflateInit2 failed (\(status))")
            }
            self.stream = stream
        }
    }

    deinit {
        if let stream = self.stream {
            deflateEnd(stream)
            stream.deallocate()
        }
        self.output.deallocate()
        close(self.fd)
    }

    var failure: String? { self.lock.with { self.failureText } }
    var fileBytes: Int { self.lock.with { self.written } }

    private func fail(_ text: String) {
        self.lock.with { if self.failureText == nil { self.failureText = text } }
    }

    private func writeAll(_ base: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        var done = 0
        while done < count {
            let n = systemWrite(self.fd, base + done, count - done)
            if n < 0 {
                if errno == EINTR { continue }
                self.fail(String(cString: strerror(errno)))
                return false
            }
            done += n
        }
        self.lock.with { self.written += count }
        return true
    }

    func consume(_ input: [UInt8], finish: Bool) {
        guard self.failure == nil else { return }
        var input = input
        guard let stream = self.stream else {
            input.withUnsafeBufferPointer { buffer in
                if let base = buffer.baseAddress { _ = self.writeAll(base, buffer.count) }
            }
            return
        }
        input.withUnsafeMutableBufferPointer { buffer in
            stream.pointee.next_in = buffer.baseAddress
            stream.pointee.avail_in = UInt32(buffer.count)
            while true {
                stream.pointee.next_out = self.output
                stream.pointee.avail_out = UInt32(self.outputCapacity)
                let status = deflate(stream, finish ? Z_FINISH : Z_NO_FLUSH)
                if status == Z_STREAM_ERROR {
                    self.fail("zlib deflate failed")
                    return
                }
                let produced = self.outputCapacity - Int(stream.pointee.avail_out)
                if produced > 0 && !self.writeAll(self.output, produced) { return }
                if finish {
                    if status == Z_STREAM_END { return }
                } else if stream.pointee.avail_in == 0 && stream.pointee.avail_out != 0 {
                    return
                }
            }
        }
    }
}

/// `write(2)`, named apart from `CorpusWriter.write`.
private func systemWrite(_ fd: Int32, _ buffer: UnsafePointer<UInt8>, _ count: Int) -> Int {
    write(fd, buffer, count)
}

/// A small pthread mutex at a stable address, so this file needs no Foundation.
private final class PThreadMutex: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    init() {
        self.mutex = .allocate(capacity: 1)
        pthread_mutex_init(self.mutex, nil)
    }
    deinit {
        pthread_mutex_destroy(self.mutex)
        self.mutex.deallocate()
    }
    func with<T>(_ body: () -> T) -> T {
        pthread_mutex_lock(self.mutex)
        defer { pthread_mutex_unlock(self.mutex) }
        return body()
    }
}
