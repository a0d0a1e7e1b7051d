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
    public mutating func parse(_ buffer: inout ByteBuffer) throws -> ParsedResponse? {
        while buffer.readableBytes > 0 {
            switch self.state {
            case .head, .chunkSize, .chunkDataEnd, .trailers:
                guard let text = self.readLine(&buffer) else { return nil }
                if let done = try self.handleLine(text) { return done }
            case .body(let remaining):
                let take = min(remaining, buffer.readableBytes)
                self.consumeBody(&buffer, take)
                if remaining - take == 0 { return self.finish() }
                self.state = .body(remaining: remaining - take)
            case .chunkData(let remaining):
                let take = min(remaining, buffer.readableBytes)
                self.consumeBody(&buffer, take)
                self.state = remaining - take == 0 ? .chunkDataEnd : .chunkData(remaining: remaining - take)
            case .untilClose:
                self.consumeBody(&buffer, buffer.readableBytes)
            }
        }
        return nil
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

    private mutating func consumeBody(_ buffer: inout ByteBuffer, _ count: Int) {
        self.current.bytes += count
        if self.keepBody, (self.current.body?.count ?? 0) < Self.maxKeptBody {
            let keep = min(count, Self.maxKeptBody - (self.current.body?.count ?? 0))
            self.current.body!.append(contentsOf: buffer.readableBytesView.prefix(keep))
        }
        buffer.moveReaderIndex(forwardBy: count)
    }

    /// A line without its CRLF, or nil when the line is not complete yet (its start is kept).
    private mutating func readLine(_ buffer: inout ByteBuffer) -> [UInt8]? {
        let view = buffer.readableBytesView
        if let lf = view.firstIndex(of: UInt8(ascii: "\n")) {
            let count = lf - view.startIndex + 1
            var line = self.line
            line.append(contentsOf: view[view.startIndex..<lf])
            self.line.removeAll(keepingCapacity: true)
            buffer.moveReaderIndex(forwardBy: count)
            self.noteHeadBytes(count)
            if line.last == UInt8(ascii: "\r") { line.removeLast() }
            return line
        }
        self.line.append(contentsOf: view)
        self.noteHeadBytes(view.count)
        buffer.moveReaderIndex(forwardBy: view.count)
        return nil
    }

    private mutating func noteHeadBytes(_ count: Int) {
        self.current.bytes += count
        self.headBytes += count
    }

    private mutating func handleLine(_ line: [UInt8]) throws -> ParsedResponse? {
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
            guard let size = Int(String(decoding: digits, as: UTF8.self).trimmingWhitespace(), radix: 16), size >= 0 else {
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

    private mutating func parseStatusLine(_ line: [UInt8]) throws {
        // HTTP/1.1 200 OK
        guard line.count >= 12, line.starts(with: Array("HTTP/1.".utf8)) else {
            throw Malformed(description: "not an HTTP/1.x status line: \(String(decoding: line.prefix(40), as: UTF8.self))")
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

    private mutating func parseHeader(_ line: [UInt8]) {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")) else { return }
        let name = line[..<colon]
        let valueText = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingWhitespace()
        if Self.equalsIgnoringCase(name, "content-length") {
            self.contentLength = Int(valueText)
        } else if Self.equalsIgnoringCase(name, "transfer-encoding") {
            self.chunked = valueText.lowercased().contains("chunked")
        } else if Self.equalsIgnoringCase(name, "connection") {
            let v = valueText.lowercased()
            if v.contains("close") { self.current.closes = true }
            if v.contains("keep-alive") { self.current.closes = false }
        } else if Self.equalsIgnoringCase(name, "retry-after") {
            self.current.retryAfter = Double(valueText)
        }
    }

    private static func equalsIgnoringCase(_ bytes: ArraySlice<UInt8>, _ name: StaticString) -> Bool {
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
