/// A failure of a chunk source, before it is placed at a line by the reader.
enum ChunkSourceFailure: Error, Sendable {
    case unreadable(String)
    case corruptGzip(String)
    case truncatedGzip
}

/// Something that hands out a file's decompressed bytes in large chunks.
///
/// A source that fails part-way first returns the bytes it decoded before the failure, then
/// throws on the next call, so the reader can say at which line the damage starts.
protocol ChunkSource: AnyObject {
    /// The next chunk (never empty), or nil at the end.
    func nextChunk() throws(ChunkSourceFailure) -> [UInt8]?
}
