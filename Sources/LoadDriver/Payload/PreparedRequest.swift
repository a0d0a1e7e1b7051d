import NIOCore

/// A request ready to write: head and body encoded once into one buffer, and what it carries.
/// A class, so handing it between the read-ahead buffer, the pacer and the loops costs one reference
/// count, not a copy of each field.
public final class PreparedRequest: @unchecked Sendable {
    /// The whole request (head and body); written as it is, once per attempt.
    public let bytes: ByteBuffer
    /// Messages (events) it carries.
    public let events: Int
    /// Where its first event came from, for error samples.
    public let file: String
    /// Line of its first event.
    public let line: Int
    /// Timestamp of its first event, seconds (replay).
    public let timestamp: Double?
    /// Each event's key and source, in message order; only kept when the run writes per-event outcomes.
    public let origins: [EventOrigin]?

    public init(
        bytes: ByteBuffer, events: Int, file: String, line: Int, timestamp: Double?, origins: [EventOrigin]? = nil
    ) {
        self.bytes = bytes
        self.events = events
        self.file = file
        self.line = line
        self.timestamp = timestamp
        self.origins = origins
    }
}

/// Where one event came from and its `uniqueId`, for `outcomes.jsonl.gz`.
public struct EventOrigin: Sendable, Equatable {
    /// The event's `uniqueId`, when it has one.
    public var uniqueId: String?
    public var file: String
    public var line: Int

    public init(uniqueId: String?, file: String, line: Int) {
        self.uniqueId = uniqueId
        self.file = file
        self.line = line
    }
}
