/// One event to send: its bytes as read, where it came from, and its timestamp when known.
public struct FeedEvent: Sendable {
    /// The event's JSON bytes, sent as they are with `--payload raw`.
    public var bytes: [UInt8]
    /// The file it was read from.
    public var file: String
    /// Its 1-based line (or element index).
    public var line: Int
    /// Its timestamp in seconds since the epoch, when known (needed by replay).
    public var timestamp: Double?

    public init(bytes: [UInt8], file: String, line: Int, timestamp: Double? = nil) {
        self.bytes = bytes
        self.file = file
        self.line = line
        self.timestamp = timestamp
    }
}

/// A source of events, read once from the start. The driver reads it on one thread at a time, ahead of
/// sending, into a bounded buffer. Adapters wrap the corpus reader (PendoEvents) or a synthesizer.
public protocol EventFeed: AnyObject {
    /// The next event, nil at the end; throws when the input is bad (the error names file and line).
    func next() throws -> FeedEvent?
}

/// Makes a fresh feed from the start of the corpus (called again for each pass with `loop`).
public typealias EventFeedFactory = @Sendable () throws -> any EventFeed

/// A feed over events held in memory (tests, synthesized corpora).
public final class InMemoryFeed: EventFeed {
    private let events: [FeedEvent]
    private var index = 0

    public init(_ events: [FeedEvent]) {
        self.events = events
    }

    public func next() throws -> FeedEvent? {
        guard self.index < self.events.count else { return nil }
        defer { self.index += 1 }
        return self.events[self.index]
    }
}
