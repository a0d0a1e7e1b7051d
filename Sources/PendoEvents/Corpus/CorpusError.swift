/// Why a corpus could not be read, naming the file and the line (or array element) at fault.
public struct CorpusError: Error, Sendable, CustomStringConvertible, Equatable {
    /// What went wrong.
    public enum Kind: Sendable, Equatable {
        /// The path does not exist.
        case notFound
        /// A folder holds no `*.jsonl`, `*.jsonl.gz`, `*.json` or `*.json.gz` file.
        case emptyFolder
        /// The operating system refused to open or read the file (`errno` text).
        case unreadable(String)
        /// The gzip data is damaged (zlib's message).
        case corruptGzip(String)
        /// The gzip data ends before its member does.
        case truncatedGzip
        /// The event is not well-formed JSON; `column` is the 1-based byte offset in the event.
        case invalidJSON(column: Int, reason: String)
        /// The event is JSON but not an object.
        case notAnObject
        /// The event holds bytes that are not UTF-8; `column` is the 1-based byte offset.
        case invalidUTF8(column: Int)
        /// The line (or element) is longer than the limit.
        case lineTooLong(limit: Int)
        /// A JSON array file ends before its closing `]`, or has text after it.
        case badArray(String)
    }

    /// The file, as given or found in a folder.
    public var file: String
    /// The 1-based line (or array element, when `isArrayElement`); 0 when the error concerns
    /// the whole file.
    public var line: Int
    /// Whether `line` counts elements of a JSON array file rather than lines.
    public var isArrayElement: Bool
    /// What went wrong.
    public var kind: Kind

    /// Makes an error.
    public init(file: String, line: Int, isArrayElement: Bool = false, kind: Kind) {
        self.file = file
        self.line = line
        self.isArrayElement = isArrayElement
        self.kind = kind
    }

    public var description: String {
        var place = self.file
        if self.line > 0 {
            place += self.isArrayElement ? " element \(self.line)" : ":\(self.line)"
        }
        switch self.kind {
        case .notFound:
            return "\(place): no such file or folder."
        case .emptyFolder:
            return "\(place): the folder holds no *.jsonl, *.jsonl.gz, *.json or *.json.gz file."
        case .unreadable(let why):
            return "\(place): cannot read the file (\(why))."
        case .corruptGzip(let why):
            return
                "\(place): corrupt gzip data (\(why)); the events before this point were read. Re-create or re-download the file."
        case .truncatedGzip:
            return
                "\(place): the gzip data is truncated (the file ends inside a compressed member); the events before this point were read. Re-copy the file."
        case .invalidJSON(let column, let reason):
            return "\(place): invalid JSON at column \(column): \(reason)."
        case .notAnObject:
            return "\(place): the event is JSON but not an object; each event must be one JSON object."
        case .invalidUTF8(let column):
            return "\(place): invalid UTF-8 at column \(column); corpora must be UTF-8 text."
        case .lineTooLong(let limit):
            return
                "\(place): the event is longer than \(limit) bytes (the inlet's record limit); raise the limit (--max-line-bytes) if that is intended."
        case .badArray(let why):
            return "\(place): \(why)."
        }
    }
}
