import CZlib
import Dispatch
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes events as JSON Lines, gzip-compressed when the path ends in `.gz`, plain otherwise.
///
/// Gzip output is a series of members, one per `blockBytes` of text (4 MiB by default), each
/// deflated independently on a thread of its own (as pigz and bgzip do), then written in order:
/// making events and compressing them use every core, and memory stays bounded by
/// `maxInFlight` blocks. The bytes depend only on the text, the level and the block size (no
/// name or time in the headers), so output is reproducible. Every gzip reader takes concatenated
/// members (`CorpusReader`, zcat, Python's gzip, Go's compress/gzip).
/// A writer is used from one thread at a time.
public final class CorpusWriter {
    /// Why a corpus could not be written.
    public struct WriteError: Error, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "\(self.path): cannot write the corpus (\(self.reason))." }

        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    /// The file written.
    public let path: String
    /// Whether the output is gzip-compressed.
    public let compressed: Bool
    /// Uncompressed bytes written so far (events and line ends).
    public private(set) var bytesWritten: Int = 0
    /// Bytes that reached the file so far (all of them after `finish()`).
    public private(set) var fileBytes: Int = 0

    private let fd: Int32
    private let level: Int32
    private let blockBytes: Int
    private let maxInFlight: Int
    private var pending: [UInt8] = []
    private var jobs: [CompressionJob] = []
    private var head = 0
    private var members = 0
    private var finished = false

    /// Creates (or truncates) `path`. `level` is zlib's compression level (1 fastest, 9
    /// smallest); `blockBytes` the text per gzip member; `maxInFlight` how many blocks may be
    /// compressing at once (default: cores + 1).
    public init(path: String, level: Int32 = 6, blockBytes: Int = 4 << 20, maxInFlight: Int? = nil) throws {
        self.path = path
        self.compressed = path.hasSuffix(".gz")
        self.level = level
        self.blockBytes = max(blockBytes, 1 << 16)
        self.maxInFlight = max(maxInFlight ?? (sysconf(Int32(_SC_NPROCESSORS_ONLN)) + 1), 1)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        self.fd = fd
        self.pending.reserveCapacity(self.blockBytes + 65_536)
    }

    deinit {
        // Jobs still running hold their own buffers; nothing here needs to wait for them.
        close(self.fd)
    }

    /// Appends one event and a line end.
    public func write(_ event: [UInt8]) throws {
        self.pending.append(contentsOf: event)
        self.pending.append(0x0A)
        if self.pending.count >= self.blockBytes { try self.handOff() }
    }

    /// Appends JSON Lines text as is (it should end with a line end).
    public func writeRaw(_ bytes: [UInt8]) throws {
        self.pending.append(contentsOf: bytes)
        if self.pending.count >= self.blockBytes { try self.handOff() }
    }

    /// Writes what is buffered and waits until the file is complete.
    public func finish() throws {
        guard !self.finished else { return }
        self.finished = true
        if !self.pending.isEmpty || (self.compressed && self.members == 0) {
            // An empty corpus still gets one (empty) member, so the file is valid gzip.
            try self.handOff()
        }
        while self.head < self.jobs.count { try self.writeOldest() }
    }

    private func handOff() throws {
        let block = self.pending
        self.bytesWritten += block.count
        self.pending = []
        self.pending.reserveCapacity(self.blockBytes + 65_536)
        guard self.compressed else {
            try block.withUnsafeBufferPointer { buffer in
                if let base = buffer.baseAddress { try self.writeAll(base, buffer.count) }
            }
            return
        }
        self.members += 1
        let job = CompressionJob()
        let level = self.level
        self.jobs.append(job)
        // A thread of its own, not a Dispatch worker: the writer blocks on `done`, and a caller on
        // Swift concurrency's pool (which on Linux is Dispatch's global pool) must not wait for
        // work queued behind it on that same pool.
        Thread { job.run(block, level: level) }.start()
        while self.jobs.count - self.head > self.maxInFlight { try self.writeOldest() }
    }

    private func writeOldest() throws {
        let job = self.jobs[self.head]
        self.jobs[self.head] = CompressionJob.placeholder
        self.head += 1
        if self.head == self.jobs.count {
            self.jobs.removeAll(keepingCapacity: true)
            self.head = 0
        }
        job.done.wait()
        if let failure = job.failure { throw WriteError(path: self.path, reason: failure) }
        try job.output.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { try self.writeAll(base, buffer.count) }
        }
    }

    private func writeAll(_ base: UnsafePointer<UInt8>, _ count: Int) throws {
        var done = 0
        while done < count {
            let n = systemWrite(self.fd, base + done, count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw WriteError(path: self.path, reason: String(cString: strerror(errno)))
            }
            done += n
        }
        self.fileBytes += count
    }
}

/// One block deflated into one gzip member on a worker; the writer waits on `done` before
/// reading `output` or `failure` (the semaphore orders the accesses).
private final class CompressionJob: @unchecked Sendable {
    static let placeholder = CompressionJob()
    let done = DispatchSemaphore(value: 0)
    var output: [UInt8] = []
    var failure: String?

    func run(_ input: [UInt8], level: Int32) {
        defer { self.done.signal() }
        // zlib keeps a pointer back to its stream, so the stream lives at one address.
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        defer { stream.deallocate() }
        let status = deflateInit2_(
            stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size)
        )
        guard status == Z_OK else {
            self.failure = "zlib deflateInit2 failed (\(status))"
            return
        }
        defer { deflateEnd(stream) }
        // deflateBound plus the gzip header and trailer is always enough for one Z_FINISH call;
        // the member is then copied out at its real size (about a tenth of the text).
        let bound = Int(deflateBound(stream, UInt(input.count))) + 64
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: bound)
        defer { scratch.deallocate() }
        var failure: String?
        input.withUnsafeBufferPointer { inBuffer in
            stream.pointee.next_in = UnsafeMutablePointer(mutating: inBuffer.baseAddress)
            stream.pointee.avail_in = UInt32(inBuffer.count)
            stream.pointee.next_out = scratch
            stream.pointee.avail_out = UInt32(bound)
            let result = deflate(stream, Z_FINISH)
            if result != Z_STREAM_END { failure = "zlib deflate failed (\(result))" }
        }
        let output = Array(UnsafeBufferPointer(start: scratch, count: bound - Int(stream.pointee.avail_out)))
        self.failure = failure
        self.output = output
    }
}

/// `write(2)`, named apart from `CorpusWriter.write`.
private func systemWrite(_ fd: Int32, _ buffer: UnsafePointer<UInt8>, _ count: Int) -> Int {
    write(fd, buffer, count)
}

/// A writer may be handed from one thread or queue to another, but must not be used from two at
/// once; its compression workers share only their own jobs with it.
extension CorpusWriter: @unchecked Sendable {}
