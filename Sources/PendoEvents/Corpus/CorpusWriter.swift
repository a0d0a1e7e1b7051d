import CZlib
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes events as JSON Lines, gzip-compressed (zlib deflate, one member, no timestamp in the
/// header so output is reproducible) when the path ends in `.gz`, plain otherwise.
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
    /// Bytes that reached the file so far.
    public private(set) var fileBytes: Int = 0

    private let fd: Int32
    private var pending: [UInt8] = []
    private let flushAt = 1 << 20
    private var stream: UnsafeMutablePointer<z_stream>?
    private var output: UnsafeMutablePointer<UInt8>
    private let outputCapacity = 1 << 18
    private var finished = false

    /// Creates (or truncates) `path`. `level` is zlib's compression level (1 fastest, 9 smallest).
    public init(path: String, level: Int32 = 6) throws {
        self.path = path
        self.compressed = path.hasSuffix(".gz")
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw WriteError(path: path, reason: String(cString: strerror(errno))) }
        self.fd = fd
        self.output = .allocate(capacity: self.outputCapacity)
        self.pending.reserveCapacity(self.flushAt + 65_536)
        if self.compressed {
            let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            stream.initialize(to: z_stream())
            let status = deflateInit2_(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
            guard status == Z_OK else {
                stream.deallocate()
                close(fd)
                throw WriteError(path: path, reason: "zlib deflateInit2 failed (\(status))")
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

    /// Appends one event and a line end.
    public func write(_ event: [UInt8]) throws {
        self.pending.append(contentsOf: event)
        self.pending.append(0x0A)
        if self.pending.count >= self.flushAt { try self.drain(finish: false) }
    }

    /// Appends JSON Lines text as is (it should end with a line end).
    public func writeRaw(_ bytes: [UInt8]) throws {
        self.pending.append(contentsOf: bytes)
        if self.pending.count >= self.flushAt { try self.drain(finish: false) }
    }

    /// Writes what is buffered, ends the gzip member and leaves the file complete.
    public func finish() throws {
        guard !self.finished else { return }
        try self.drain(finish: true)
        self.finished = true
    }

    private func writeAll(_ base: UnsafePointer<UInt8>, _ count: Int) throws {
        var done = 0
        while done < count {
            let n = Glibc.write(self.fd, base + done, count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw WriteError(path: self.path, reason: String(cString: strerror(errno)))
            }
            done += n
        }
        self.fileBytes += count
    }

    private func drain(finish: Bool) throws {
        self.bytesWritten += self.pending.count
        guard let stream = self.stream else {
            try self.pending.withUnsafeBufferPointer { buffer in
                if let base = buffer.baseAddress { try self.writeAll(base, buffer.count) }
            }
            self.pending.removeAll(keepingCapacity: true)
            return
        }
        try self.pending.withUnsafeMutableBufferPointer { buffer in
            stream.pointee.next_in = buffer.baseAddress
            stream.pointee.avail_in = UInt32(buffer.count)
            while true {
                stream.pointee.next_out = self.output
                stream.pointee.avail_out = UInt32(self.outputCapacity)
                let status = deflate(stream, finish ? Z_FINISH : Z_NO_FLUSH)
                if status == Z_STREAM_ERROR {
                    throw WriteError(path: self.path, reason: "zlib deflate failed")
                }
                let produced = self.outputCapacity - Int(stream.pointee.avail_out)
                if produced > 0 { try self.writeAll(self.output, produced) }
                if finish {
                    if status == Z_STREAM_END { break }
                } else if stream.pointee.avail_in == 0 && stream.pointee.avail_out != 0 {
                    break
                }
            }
        }
        self.pending.removeAll(keepingCapacity: true)
    }
}
