import NIOCore

/// Builds requests from messages: the head is encoded once (only `Content-Length` varies), and head
/// and body go into one buffer so a send is one write.
public struct RequestEncoder: Sendable {
    /// Head bytes up to and including `Content-Length: `.
    private let headPrefix: [UInt8]
    /// Messages per request.
    public let batch: Int

    public init(address: InletAddress, batch: Int, syncValidation: Bool, flowId: String?,
                headers: [(name: String, value: String)], token: String?) {
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
    public func encode(messages: [[UInt8]], allocator: ByteBufferAllocator, file: String, line: Int, timestamp: Double?) -> PreparedRequest {
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
}
