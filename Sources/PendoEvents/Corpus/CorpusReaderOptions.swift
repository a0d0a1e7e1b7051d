/// How a `CorpusReader` reads.
public struct CorpusReaderOptions: Sendable {
    /// The longest event accepted, in bytes (without the line end). Longer lines are an error,
    /// not a silent skip. The default is the streaming inlet's record limit, 1 MB.
    public var maxLineBytes: Int
    /// The size of each decompressed (or read) chunk handed from the inflating thread to the
    /// splitting one. Large chunks keep per-chunk overhead negligible; at least 64 KiB.
    public var chunkBytes: Int
    /// How many chunks may wait between the inflating thread and the reader; with `chunkBytes`
    /// this bounds the reader's memory.
    public var prefetchChunks: Int
    /// Whether reading (and inflating) happens on a background thread while the caller splits
    /// and validates. Off: everything on the caller's thread.
    public var readAhead: Bool
    /// Whether each event is checked to be one well-formed JSON object in valid UTF-8.
    public var validateJSON: Bool

    /// Makes options; every field has a default suited to corpora of any size.
    public init(
        maxLineBytes: Int = 1_048_576,
        chunkBytes: Int = 1 << 20,
        prefetchChunks: Int = 4,
        readAhead: Bool = true,
        validateJSON: Bool = true
    ) {
        self.maxLineBytes = maxLineBytes
        self.chunkBytes = max(chunkBytes, 1 << 16)
        self.prefetchChunks = max(prefetchChunks, 1)
        self.readAhead = readAhead
        self.validateJSON = validateJSON
    }
}
