import NIOCore

/// An answer as far as the driver reads it: the status, the body only when it matters (207 and
/// errors), `Retry-After`, and whether the server closes the connection.
public struct ParsedResponse: Sendable, Equatable {
    public var status: Int
    /// The body, kept for 207 and statuses of 400 and above (cut at `ResponseParser.maxKeptBody`).
    public var body: [UInt8]?
    /// `Retry-After` in seconds, when given as seconds.
    public var retryAfter: Double?
    /// `Connection: close` (or HTTP/1.0 without keep-alive).
    public var closes: Bool
    /// Bytes of the answer, head and body.
    public var bytes: Int
}

/// A minimal HTTP/1.1 response parser: an I/O-free state machine fed bytes as they arrive. It reads
/// the status line and the few headers that matter, and skips bodies it does not need without copying.
public struct ResponseParser {
    /// Largest body kept (207 batch answers and errors); the rest is skipped.
    public static let maxKeptBody = 4 << 20
    private static let maxHeadBytes = 64 << 10
    /// Longest line of any line state (status, header, chunk size, chunk end, trailer): a peer that
    /// never sends LF is a protocol error once a line passes this, rather than memory without end.
    static let maxLineBytes = 64 << 10

    private enum State {
        case head
        case body(remaining: Int)
        case chunkSize
        case chunkData(remaining: Int)
        case chunkDataEnd
        case trailers
        case untilClose
    }

    private var state = State.head
    private var line: [UInt8] = []
    private var headBytes = 0
    private var current = ParsedResponse(status: 0, body: nil, retryAfter: nil, closes: false, bytes: 0)
    private var sawStatus = false
    private var contentLength: Int?
    private var chunked = false
    private var keepBody = false

    public init() {}

    /// A protocol error: the bytes are not an HTTP/1.1 answer.
    public struct Malformed: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// Consumes bytes from `buffer`; returns an answer when one is complete (call again for more,
    /// the buffer may hold the start of the next), or nil when more bytes are needed.
    ///
    /// The buffer's bytes are read in one pass through one raw pointer (every answer of a run goes
    /// through here: per-line views of the `ByteBuffer` cost reference counting and generic
    /// collection code), and the reader index moves once at the end.
    public mutating func parse(_ buffer: inout ByteBuffer) throws -> ParsedResponse? {
        var answer: ParsedResponse?
        let consumed = try buffer.withUnsafeReadableBytes { raw throws -> Int in
            var offset = 0
            while offset < raw.count {
                switch self.state {
                case .head, .chunkSize, .chunkDataEnd, .trailers:
                    var lf = offset
                    while lf < raw.count, raw[lf] != UInt8(ascii: "\n") { lf += 1 }
                    guard lf < raw.count else {
                        // An incomplete line: its start is kept for the next read, up to the bound.
                        guard self.line.count + (raw.count - offset) <= Self.maxLineBytes else {
                            throw Malformed(description: "\(self.lineStateName) line over 64 KiB with no end (LF)")
                        }
                        self.line.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[offset...]))
                        self.noteHeadBytes(raw.count - offset)
                        return raw.count
                    }
                    guard self.line.count + (lf - offset) <= Self.maxLineBytes else {
                        throw Malformed(description: "\(self.lineStateName) line over 64 KiB")
                    }
                    self.noteHeadBytes(lf - offset + 1)
                    let response: ParsedResponse?
                    if self.line.isEmpty {
                        var end = lf
                        if end > offset, raw[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                        response = try self.handleLine(UnsafeRawBufferPointer(rebasing: raw[offset..<end]))
                    } else {
                        var line = self.line
                        line.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[offset..<lf]))
                        self.line.removeAll(keepingCapacity: true)
                        if line.last == UInt8(ascii: "\r") { line.removeLast() }
                        response = try line.withUnsafeBytes { try self.handleLine($0) }
                    }
                    offset = lf + 1
                    if let response {
                        answer = response
                        return offset
                    }
                case .body(let remaining):
                    let take = min(remaining, raw.count - offset)
                    self.consumeBody(UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + take)]))
                    offset += take
                    if remaining - take == 0 {
                        answer = self.finish()
                        return offset
                    }
                    self.state = .body(remaining: remaining - take)
                case .chunkData(let remaining):
                    let take = min(remaining, raw.count - offset)
                    self.consumeBody(UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + take)]))
                    offset += take
                    self.state = remaining - take == 0 ? .chunkDataEnd : .chunkData(remaining: remaining - take)
                case .untilClose:
                    self.consumeBody(UnsafeRawBufferPointer(rebasing: raw[offset...]))
                    offset = raw.count
                }
            }
            return offset
        }
        buffer.moveReaderIndex(forwardBy: consumed)
        return answer
    }

    /// The connection closed: completes an answer delimited by the close, if one was being read.
    public mutating func connectionClosed() -> ParsedResponse? {
        if case .untilClose = self.state { return self.finish() }
        return nil
    }

    /// Whether part of an answer has been read.
    public var isMidResponse: Bool {
        if case .head = self.state { return self.sawStatus || !self.line.isEmpty }
        return true
    }

    /// What the line being read is, for errors.
    private var lineStateName: String {
        switch self.state {
        case .chunkSize: return "chunk-size"
        case .chunkDataEnd: return "chunk end"
        case .trailers: return "trailer"
        default: return self.sawStatus ? "header" : "status"
        }
    }

    private mutating func consumeBody(_ bytes: UnsafeRawBufferPointer) {
        self.current.bytes += bytes.count
        if self.keepBody, (self.current.body?.count ?? 0) < Self.maxKeptBody {
            let keep = min(bytes.count, Self.maxKeptBody - (self.current.body?.count ?? 0))
            self.current.body!.append(contentsOf: UnsafeRawBufferPointer(rebasing: bytes[0..<keep]))
        }
    }

    private mutating func noteHeadBytes(_ count: Int) {
        self.current.bytes += count
        self.headBytes += count
    }

    private mutating func handleLine(_ line: UnsafeRawBufferPointer) throws -> ParsedResponse? {
        switch self.state {
        case .head:
            if self.headBytes > Self.maxHeadBytes { throw Malformed(description: "answer head over 64 KiB") }
            if !self.sawStatus {
                try self.parseStatusLine(line)
                return nil
            }
            if line.isEmpty { return self.endOfHead() }
            self.parseHeader(line)
            return nil
        case .chunkSize:
            let digits = line.prefix { $0 != UInt8(ascii: ";") }
            guard let size = Int(String(decoding: digits, as: UTF8.self).trimmingWhitespace(), radix: 16), size >= 0
            else {
                throw Malformed(description: "bad chunk size")
            }
            self.state = size == 0 ? .trailers : .chunkData(remaining: size)
            return nil
        case .chunkDataEnd:
            self.state = .chunkSize
            return nil
        case .trailers:
            return line.isEmpty ? self.finish() : nil
        default:
            return nil
        }
    }

    private mutating func parseStatusLine(_ line: UnsafeRawBufferPointer) throws {
        // HTTP/1.1 200 OK
        guard line.count >= 12, line.starts(with: "HTTP/1.".utf8) else {
            throw Malformed(
                description: "not an HTTP/1.x status line: \(String(decoding: line.prefix(40), as: UTF8.self))")
        }
        var status = 0
        for byte in line[9..<12] {
            guard byte >= 48, byte <= 57 else { throw Malformed(description: "bad status code") }
            status = status * 10 + Int(byte - 48)
        }
        self.current.status = status
        self.current.closes = line[7] == UInt8(ascii: "0")
        self.sawStatus = true
    }

    private mutating func parseHeader(_ line: UnsafeRawBufferPointer) {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return }
        let name = UnsafeRawBufferPointer(rebasing: line[..<colon])
        var valueStart = colon + 1
        while valueStart < line.count, line[valueStart] == 32 || line[valueStart] == 9 { valueStart += 1 }
        var valueEnd = line.count
        while valueEnd > valueStart, line[valueEnd - 1] == 32 || line[valueEnd - 1] == 9 { valueEnd -= 1 }
        let value = UnsafeRawBufferPointer(rebasing: line[valueStart..<valueEnd])
        switch name.count {
        case 14 where Self.equalsIgnoringCase(name, "content-length"):
            var length = 0
            for byte in value {
                guard byte >= 48, byte <= 57, length < Int.max / 10 - 10 else {
                    length = -1
                    break
                }
                length = length * 10 + Int(byte - 48)
            }
            self.contentLength = length >= 0 ? length : nil
        case 17 where Self.equalsIgnoringCase(name, "transfer-encoding"):
            self.chunked = Self.containsIgnoringCase(value, "chunked")
        case 10 where Self.equalsIgnoringCase(name, "connection"):
            if Self.containsIgnoringCase(value, "close") { self.current.closes = true }
            if Self.containsIgnoringCase(value, "keep-alive") { self.current.closes = false }
        case 11 where Self.equalsIgnoringCase(name, "retry-after"):
            self.current.retryAfter = Double(String(decoding: value, as: UTF8.self))
        default:
            break
        }
    }

    private static func containsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        guard bytes.count >= n else { return false }
        for start in 0...(bytes.count - n)
        where Self.equalsIgnoringCase(UnsafeRawBufferPointer(rebasing: bytes[start..<(start + n)]), needle) {
            return true
        }
        return false
    }

    private static func equalsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ name: StaticString) -> Bool {
        guard bytes.count == name.utf8CodeUnitCount else { return false }
        var i = 0
        let start = name.utf8Start
        for byte in bytes {
            let lower = byte >= 65 && byte <= 90 ? byte + 32 : byte
            if lower != start[i] { return false }
            i += 1
        }
        return true
    }

    private mutating func endOfHead() -> ParsedResponse? {
        let status = self.current.status
        if status >= 100, status < 200 {
            // An interim answer (100 Continue): the real one follows.
            self.resetForNext()
            return nil
        }
        self.keepBody = status == 207 || status >= 400
        if self.keepBody { self.current.body = [] }
        if status == 204 || status == 304 { return self.finish() }
        if self.chunked {
            self.state = .chunkSize
        } else if let length = self.contentLength {
            if length == 0 { return self.finish() }
            self.state = .body(remaining: length)
        } else {
            self.current.closes = true
            self.state = .untilClose
        }
        return nil
    }

    private mutating func finish() -> ParsedResponse {
        let done = self.current
        self.resetForNext()
        return done
    }

    private mutating func resetForNext() {
        self.state = .head
        self.line.removeAll(keepingCapacity: true)
        self.headBytes = 0
        self.current = ParsedResponse(status: 0, body: nil, retryAfter: nil, closes: false, bytes: 0)
        self.sawStatus = false
        self.contentLength = nil
        self.chunked = false
        self.keepBody = false
    }
}
