import PendoEvents

/// An `EventFeed` over PendoEvents' streaming `CorpusReader` (gzip or plain, JSON Lines or arrays,
/// folders): each event's bytes as read, its file and line, and its `timestamp` for replay.
public final class CorpusFeed: EventFeed {
    private let reader: CorpusReader
    private let timestamps: Bool

    /// Opens the corpus at `paths` (files or folders); throws the reader's `CorpusError`.
    /// `timestamps`: scan each event for its `timestamp` (only replay needs it).
    public init(paths: [String], options: CorpusReaderOptions = .init(), timestamps: Bool = true) throws {
        self.reader = try CorpusReader(paths: paths, options: options)
        self.timestamps = timestamps
    }

    public func next() throws -> FeedEvent? {
        guard let event = try self.reader.next() else { return nil }
        return FeedEvent(
            bytes: event.bytes, file: event.file, line: event.line,
            timestamp: self.timestamps ? EventFields.timestampSeconds(in: event.bytes).map(Double.init) : nil)
    }

    /// A factory reopening the corpus for every pass (`loop`).
    public static func factory(paths: [String], options: CorpusReaderOptions = .init(), timestamps: Bool = true)
        -> EventFeedFactory
    {
        { try CorpusFeed(paths: paths, options: options, timestamps: timestamps) }
    }
}
