import Logging

/// A log handler that keeps its metadata as given and hands it to `inner` only when a message is
/// logged, merged as swift-log merges it (the handler's own metadata, then the metadata
/// provider's, then the message's).
///
/// Hummingbird gives every request a logger with its own `hb.request.id`, and swift-log's
/// `StreamLogHandler` formats its whole metadata into text each time the metadata changes: once a
/// request, at a level (`critical`) that logs nothing. This handler costs a dictionary insert
/// instead, and the text written for a message that is logged is the same.
struct DeferredMetadataLogHandler: LogHandler {
    /// The handler that writes; it receives every message's metadata with the message.
    private var inner: any LogHandler
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    /// - Parameter inner: the handler that writes; its own metadata provider moves to this handler.
    init(wrapping inner: any LogHandler) {
        var inner = inner
        self.metadataProvider = inner.metadataProvider
        inner.metadataProvider = nil
        self.metadata = inner.metadata
        inner.metadata = [:]
        self.inner = inner
    }

    var logLevel: Logger.Level {
        get { self.inner.logLevel }
        set { self.inner.logLevel = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = self.metadata
        if let provided = self.metadataProvider?.get(), !provided.isEmpty {
            merged.merge(provided) { _, provided in provided }
        }
        if let explicit = event.metadata, !explicit.isEmpty {
            merged.merge(explicit) { _, explicit in explicit }
        }
        var event = event
        event.metadata = merged.isEmpty ? nil : merged
        self.inner.log(event: event)
    }
}
