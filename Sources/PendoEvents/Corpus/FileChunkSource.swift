import CZlib

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads one file in large chunks, inflating it when it starts with the gzip magic bytes.
///
/// Gzip goes through zlib with `inflateInit2(15 + 32)` (gzip or zlib header detection), and
/// inflation restarts after each member so concatenated members (`cat a.gz b.gz`) read as one
/// stream. A file that ends inside a member is reported as truncated.
final class FileChunkSource: ChunkSource {
    private let fd: Int32
    private let chunkBytes: Int
    private var input: UnsafeMutablePointer<UInt8>
    private let inputCapacity: Int
    private var inputCount = 0
    private var eof = false
    private var pendingFailure: ChunkSourceFailure?
    private var finished = false

    // Gzip state.
    private var isGzip = false
    private var stream: UnsafeMutablePointer<z_stream>?
    private var inMember = false
    private var betweenMembers = false
    private var firstRead = true

    /// Opens `path`; throws the `errno` text when it cannot be opened.
    init(path: String, chunkBytes: Int) throws(ChunkSourceFailure) {
        let fd = open(path, O_RDONLY)
        if fd < 0 {
            throw .unreadable(String(cString: strerror(errno)))
        }
        self.fd = fd
        self.chunkBytes = chunkBytes
        self.inputCapacity = max(chunkBytes / 2, 1 << 16)
        self.input = .allocate(capacity: self.inputCapacity)
    }

    deinit {
        if let stream = self.stream {
            inflateEnd(stream)
            stream.deallocate()
        }
        self.input.deallocate()
        close(self.fd)
    }

    /// Reads more compressed or plain input; returns the number of bytes read (0 at EOF).
    private func readInput() throws(ChunkSourceFailure) -> Int {
        while true {
            let n = read(self.fd, self.input, self.inputCapacity)
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadable(String(cString: strerror(errno)))
            }
            if n == 0 { self.eof = true }
            self.inputCount = n
            return n
        }
    }

    func nextChunk() throws(ChunkSourceFailure) -> [UInt8]? {
        if let failure = self.pendingFailure {
            self.pendingFailure = nil
            self.finished = true
            throw failure
        }
        if self.finished { return nil }
        if self.firstRead {
            self.firstRead = false
            let n = try self.readInput()
            if n == 0 {
                self.finished = true
                return nil
            }
            if n >= 2 && self.input[0] == 0x1F && self.input[1] == 0x8B {
                try self.startGzip()
            } else {
                let chunk = Array(UnsafeBufferPointer(start: self.input, count: n))
                self.inputCount = 0
                return chunk
            }
        }
        if self.isGzip {
            return try self.nextInflatedChunk()
        }
        // Plain file: read straight into a chunk-sized array.
        var failure: ChunkSourceFailure?
        let chunk = [UInt8](unsafeUninitializedCapacity: self.chunkBytes) { buffer, count in
            count = 0
            while count < buffer.count {
                let n = read(self.fd, buffer.baseAddress! + count, buffer.count - count)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = .unreadable(String(cString: strerror(errno)))
                    break
                }
                if n == 0 {
                    self.eof = true
                    break
                }
                count += n
            }
        }
        if let failure {
            if chunk.isEmpty {
                self.finished = true
                throw failure
            }
            self.pendingFailure = failure
        }
        if chunk.isEmpty {
            self.finished = true
            return nil
        }
        return chunk
    }

    private func startGzip() throws(ChunkSourceFailure) {
        self.isGzip = true
        let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let status = inflateInit2_(stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        if status != Z_OK {
            stream.deallocate()
            throw .corruptGzip("zlib could not start (\(status))")
        }
        self.stream = stream
        stream.pointee.next_in = self.input
        stream.pointee.avail_in = UInt32(self.inputCount)
        self.inMember = true
    }

    private func nextInflatedChunk() throws(ChunkSourceFailure) -> [UInt8]? {
        guard let stream = self.stream else { return nil }
        var failure: ChunkSourceFailure?
        var hitEnd = false
        let chunkBytes = self.chunkBytes
        let chunk = [UInt8](unsafeUninitializedCapacity: chunkBytes) { buffer, count in
            stream.pointee.next_out = buffer.baseAddress
            stream.pointee.avail_out = UInt32(chunkBytes)
            loop: while stream.pointee.avail_out > 0 {
                if stream.pointee.avail_in == 0 {
                    if self.eof {
                        hitEnd = true
                        break loop
                    }
                    do throws(ChunkSourceFailure) {
                        let n = try self.readInput()
                        if n == 0 {
                            hitEnd = true
                            break loop
                        }
                    } catch {
                        failure = error
                        break loop
                    }
                    stream.pointee.next_in = self.input
                    stream.pointee.avail_in = UInt32(self.inputCount)
                }
                if self.betweenMembers {
                    // Another member follows (concatenated gzip), or only padding zeros remain.
                    let next = stream.pointee.next_in![0]
                    if next == 0 {
                        stream.pointee.next_in! += 1
                        stream.pointee.avail_in -= 1
                        continue loop
                    }
                    if next != 0x1F {
                        failure = .corruptGzip("unexpected data after a gzip member")
                        break loop
                    }
                    inflateReset(stream)
                    self.betweenMembers = false
                    self.inMember = true
                }
                let status = inflate(stream, Z_NO_FLUSH)
                switch status {
                case Z_OK:
                    continue loop
                case Z_STREAM_END:
                    self.inMember = false
                    self.betweenMembers = true
                case Z_BUF_ERROR:
                    // No progress possible: needs more input (handled at the loop top).
                    if stream.pointee.avail_in != 0 {
                        failure = .corruptGzip("inflate made no progress")
                        break loop
                    }
                default:
                    let message = stream.pointee.msg.map { String(cString: $0) } ?? "zlib status \(status)"
                    failure = .corruptGzip(message)
                    break loop
                }
            }
            count = chunkBytes - Int(stream.pointee.avail_out)
        }
        if failure == nil && hitEnd && self.inMember {
            failure = .truncatedGzip
        }
        if let failure {
            if chunk.isEmpty {
                self.finished = true
                throw failure
            }
            self.pendingFailure = failure
            return chunk
        }
        if chunk.isEmpty {
            self.finished = true
            return nil
        }
        return chunk
    }
}
