import NIOCore

/// A request ready to write: head and body encoded once into one buffer, and what it carries.
public struct PreparedRequest: @unchecked Sendable {
    /// The whole request (head and body); written as it is, once per attempt.
    public var bytes: ByteBuffer
    /// Messages (events) it carries.
    public var events: Int
    /// Where its first event came from, for error samples.
    public var file: String
    /// Line of its first event.
    public var line: Int
    /// Timestamp of its first event, seconds (replay).
    public var timestamp: Double?
}
