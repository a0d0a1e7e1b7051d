import NIOCore

/// Builds requests from messages: the head is encoded once (only `Content-Length` varies), and head
/// and body go into one buffer so a send is one write.
public struct RequestEncoder: Sendable {
    /// Head bytes up to and including `Content-Length: `.
    private let headPrefix: [UInt8]
    /// Messages per request.
    public let batch: Int

    public init(
        address: InletAddress, batch: Int, syncValidation: Bool, flowId: String?,
        headers: [(name: String, value: String)], token: String?
    ) {
        self.batch = max(1, batch)
        var head = "POST \(address.requestTarget(batch: self.batch > 1, syncValidation: syncValidation)) HTTP/1.1\r\n"
        head += "Host: \(address.authority)\r\n"
        head += "Content-Type: application/json\r\n"
        if let flowId, !flowId.isEmpty { head += "x-adobe-flow-id: \(flowId)\r\n" }
        if let token, !token.isEmpty { head += "Authorization: Bearer \(token)\r\n" }
        for header in headers { head += "\(header.name): \(header.value)\r\n" }
        head += "Content-Length: "
        self.headPrefix = Array(head.utf8)
    }

    /// One request carrying `messages` (one message as the body, or several as `{"messages":[...]}`).
    public func encode(messages: [[UInt8]], allocator: ByteBufferAllocator, file: String, line: Int, timestamp: Double?)
        -> PreparedRequest
    {
        var bodyLength = 0
        if self.batch > 1 {
            bodyLength = 15 + messages.reduce(0) { $0 + $1.count } + max(0, messages.count - 1)  // {"messages":[ ... ]}
        } else {
            bodyLength = messages.first?.count ?? 0
        }
        let lengthText = Array(String(bodyLength).utf8)
        var buffer = allocator.buffer(capacity: self.headPrefix.count + lengthText.count + 4 + bodyLength)
        buffer.writeBytes(self.headPrefix)
        buffer.writeBytes(lengthText)
        buffer.writeStaticString("\r\n\r\n")
        if self.batch > 1 {
            buffer.writeStaticString("{\"messages\":[")
            for (index, message) in messages.enumerated() {
                if index > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
                buffer.writeBytes(message)
            }
            buffer.writeStaticString("]}")
        } else if let message = messages.first {
            buffer.writeBytes(message)
        }
        return PreparedRequest(bytes: buffer, events: messages.count, file: file, line: line, timestamp: timestamp)
    }

    /// What one request carries, for `encode(requests:)`.
    public struct Parts {
        public var messages: [[UInt8]]
        public var file: String
        public var line: Int
        public var timestamp: Double?
        /// Each message's origin, when per-event outcomes are written.
        public var origins: [EventOrigin]?

        public init(messages: [[UInt8]], file: String, line: Int, timestamp: Double?, origins: [EventOrigin]? = nil) {
            self.messages = messages
            self.file = file
            self.line = line
            self.timestamp = timestamp
            self.origins = origins
        }
    }

    /// Several requests written into shared buffers of about `bufferBytes` each (NIO rounds a buffer's
    /// capacity up to a power of two, so filling power-of-two buffers wastes little), each request
    /// returned as a slice.
    public func encode(requests: [Parts], allocator: ByteBufferAllocator, bufferBytes: Int = 128 << 10)
        -> [PreparedRequest]
    {
        var out: [PreparedRequest] = []
        out.reserveCapacity(requests.count)
        var groupStart = 0
        var groupBytes = 0
        var sizes: [(body: Int, lengthText: [UInt8], total: Int)] = []
        sizes.reserveCapacity(requests.count)
        for request in requests {
            let body =
                self.batch > 1
                ? 15 + request.messages.reduce(0) { $0 + $1.count } + max(0, request.messages.count - 1)
                : (request.messages.first?.count ?? 0)
            let lengthText = Array(String(body).utf8)
            sizes.append((body, lengthText, self.headPrefix.count + lengthText.count + 4 + body))
        }
        func writeGroup(_ range: Range<Int>, bytes: Int) {
            guard !range.isEmpty else { return }
            var buffer = allocator.buffer(capacity: bytes)
            var starts: [Int] = []
            for index in range {
                starts.append(buffer.writerIndex)
                self.write(requests[index].messages, lengthText: sizes[index].lengthText, into: &buffer)
            }
            for (offset, index) in range.enumerated() {
                let request = requests[index]
                out.append(
                    PreparedRequest(
                        bytes: buffer.getSlice(at: starts[offset], length: sizes[index].total)!,
                        events: request.messages.count,
                        file: request.file, line: request.line, timestamp: request.timestamp, origins: request.origins))
            }
        }
        for index in requests.indices {
            if groupBytes + sizes[index].total > bufferBytes, index > groupStart {
                writeGroup(groupStart..<index, bytes: groupBytes)
                groupStart = index
                groupBytes = 0
            }
            groupBytes += sizes[index].total
        }
        writeGroup(groupStart..<requests.count, bytes: groupBytes)
        return out
    }

    private func write(_ messages: [[UInt8]], lengthText: [UInt8], into buffer: inout ByteBuffer) {
        buffer.writeBytes(self.headPrefix)
        buffer.writeBytes(lengthText)
        buffer.writeStaticString("\r\n\r\n")
        if self.batch > 1 {
            buffer.writeStaticString("{\"messages\":[")
            for (index, message) in messages.enumerated() {
                if index > 0 { buffer.writeInteger(UInt8(ascii: ",")) }
                buffer.writeBytes(message)
            }
            buffer.writeStaticString("]}")
        } else if let message = messages.first {
            buffer.writeBytes(message)
        }
    }
}
