/// One event read from a corpus: its bytes exactly as the file holds them (without the line end),
/// and where they came from.
public struct CorpusEvent: Sendable {
    /// The event's JSON text, byte for byte as in the corpus (a trailing `\r` of a CRLF line is
    /// not part of it). Replay sends these bytes.
    public var bytes: [UInt8]
    /// The file the event came from, as given or as found in a folder.
    public var file: String
    /// The 1-based line of the event in its file, or its 1-based element index in a file that
    /// holds one JSON array.
    public var line: Int

    /// Makes an event from its bytes and origin.
    public init(bytes: [UInt8], file: String, line: Int) {
        self.bytes = bytes
        self.file = file
        self.line = line
    }
}
