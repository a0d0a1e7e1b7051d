import PendoEvents

/// An `EventFeed` over PendoEvents' streaming `CorpusReader` (gzip or plain, JSON Lines or arrays,
/// folders): each event's bytes as read, its file and line, and its `timestamp` for replay.
public final class CorpusFeed: EventFeed {
    private let reader: CorpusReader

    /// Opens the corpus at `paths` (files or folders); throws the reader's `CorpusError`.
    public init(paths: [String], options: CorpusReaderOptions = .init()) throws {
        self.reader = try CorpusReader(paths: paths, options: options)
    }

    public func next() throws -> FeedEvent? {
        guard let event = try self.reader.next() else { return nil }
        return FeedEvent(bytes: event.bytes, file: event.file, line: event.line,
                         timestamp: EventFields.timestampSeconds(in: event.bytes).map(Double.init))
    }

    /// A factory reopening the corpus for every pass (`loop`).
    public static func factory(paths: [String], options: CorpusReaderOptions = .init()) -> EventFeedFactory {
        { try CorpusFeed(paths: paths, options: options) }
    }
}
