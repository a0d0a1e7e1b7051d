#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads the events of one or more corpus files, streaming, with bounded memory.
///
/// Files may be gzip-compressed (detected by their magic bytes, any number of concatenated
/// members) or plain; each holds JSON Lines (LF or CRLF ends, blank lines skipped) or one
/// top-level JSON array, with or without a UTF-8 byte-order mark. Folders stand for their
/// `*.jsonl[.gz]` and `*.json[.gz]` files in name order.
///
/// Errors are `CorpusError`s naming the file and line. After an error about one event (invalid
/// JSON or UTF-8, too long) `next()` goes on with the following line; after an error about the
/// file (unreadable, corrupt or truncated gzip, a broken array) it goes on with the next file.
/// A reader is used from one thread at a time; with `readAhead` it inflates on its own thread.
public final class CorpusReader {
    /// The files read, in order, after expanding folders.
    public let files: [String]
    /// The options in force.
    public let options: CorpusReaderOptions
    /// Decompressed bytes consumed so far (event bytes, line ends and whitespace).
    public private(set) var bytesRead: Int = 0
    /// Events returned so far.
    public private(set) var eventsRead: Int = 0

    private enum Mode {
        case undetermined
        case lines
        case array
        /// One JSON object over many lines (pretty-printed): the whole file is one event.
        case document
    }

    private enum ArrayPhase {
        case first
        case afterComma
        case inElement
        case afterElement
        case closed
    }

    private var fileIndex = -1
    private var source: ChunkSource?
    private var fileName = ""
    private var sourceDone = true
    private var chunk: [UInt8] = []
    private var position = 0
    private var carry: [UInt8] = []
    private var lineNumber = 0
    private var mode = Mode.undetermined
    private var skippingLongLine = false

    // JSON array state.
    private var phase = ArrayPhase.first
    private var elementIndex = 0
    private var depth = 0
    private var inString = false
    private var escaped = false

    /// Opens the corpus at `paths` (files or folders). Throws when a path does not exist or a
    /// folder holds no corpus file; files are opened as they are reached.
    public init(paths: [String], options: CorpusReaderOptions = .init()) throws {
        self.files = try CorpusPaths.expand(paths)
        self.options = options
    }

    /// The next event, or nil when every file has been read.
    public func next() throws -> CorpusEvent? {
        while true {
            if self.source == nil {
                self.fileIndex += 1
                guard self.fileIndex < self.files.count else { return nil }
                try self.openFile(self.files[self.fileIndex])
            }
            if self.mode == .undetermined && !self.sourceDone && self.chunk.isEmpty {
                // The first chunk decides between JSON Lines and one JSON array.
                _ = try self.fetchChunk(failureLine: 1)
                if self.source == nil { continue }
            }
            let event: CorpusEvent?
            switch self.mode {
            case .undetermined, .lines:
                event = try self.nextLine()
            case .array:
                event = try self.nextElement()
            case .document:
                event = try self.nextDocument()
            }
            if let event {
                self.eventsRead += 1
                return event
            }
            self.closeFile()
        }
    }

    private func openFile(_ path: String) throws {
        self.fileName = path
        self.chunk = []
        self.position = 0
        self.carry = []
        self.lineNumber = 0
        self.mode = .undetermined
        self.skippingLongLine = false
        self.phase = .first
        self.elementIndex = 0
        self.depth = 0
        self.inString = false
        self.escaped = false
        do {
            let file = try FileChunkSource(path: path, chunkBytes: self.options.chunkBytes)
            self.source =
                self.options.readAhead
                ? ReadAheadChunkSource(wrapping: file, depth: self.options.prefetchChunks)
                : file
            self.sourceDone = false
        } catch {
            self.source = nil
            throw self.placed(error, line: 0)
        }
    }

    private func closeFile() {
        self.source = nil
        self.sourceDone = true
        self.chunk = []
        self.carry = []
    }

    private func placed(_ failure: ChunkSourceFailure, line: Int) -> CorpusError {
        let kind: CorpusError.Kind
        switch failure {
        case .unreadable(let why): kind = .unreadable(why)
        case .corruptGzip(let why): kind = .corruptGzip(why)
        case .truncatedGzip: kind = .truncatedGzip
        }
        return CorpusError(file: self.fileName, line: line, isArrayElement: self.mode == .array, kind: kind)
    }

    /// Fetches the next chunk into `chunk`; false at the end of the file. A source failure
    /// ends the file and is thrown, placed at `line`.
    private func fetchChunk(failureLine: Int) throws -> Bool {
        guard !self.sourceDone, let source = self.source else { return false }
        do {
            if let next = try source.nextChunk() {
                self.chunk = next
                self.position = 0
                self.bytesRead += next.count
                if self.mode == .undetermined {
                    self.determineMode()
                }
                return true
            }
            self.sourceDone = true
            self.chunk = []
            self.position = 0
            return false
        } catch {
            let placed = self.placed(error, line: failureLine)
            self.closeFile()
            throw placed
        }
    }

    /// Skips a byte-order mark and decides between JSON Lines and one JSON array by the first
    /// character that is not whitespace.
    private func determineMode() {
        if self.chunk.count >= 3 && self.chunk[0] == 0xEF && self.chunk[1] == 0xBB && self.chunk[2] == 0xBF {
            self.position = 3
        }
        var k = self.position
        while k < self.chunk.count {
            let c = self.chunk[k]
            if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 {
                k += 1
                continue
            }
            if c == UInt8(ascii: "[") {
                self.mode = .array
                // Lines before the '[' are whitespace; the array's own state starts after it.
                self.position = k + 1
                self.phase = .first
            } else if c == UInt8(ascii: "{"), self.firstLineIsAnOpenObject(from: k) {
                self.mode = .document
            } else {
                self.mode = .lines
            }
            return
        }
        // A first chunk of whitespace only: read it as lines (blank lines are skipped).
        self.mode = .lines
    }

    /// Whether the line starting at `start` (a `{`) opens an object it does not close: a
    /// pretty-printed object, not a JSON Lines file (whose first line is a whole object, or broken).
    private func firstLineIsAnOpenObject(from start: Int) -> Bool {
        guard let newline = self.chunk[start...].firstIndex(of: 0x0A) else { return false }
        var line = Array(self.chunk[start..<newline])
        while let last = line.last, last == 0x20 || last == 0x09 || last == 0x0D { line.removeLast() }
        guard let problem = JSONSyntax.check(line), case .invalidJSON = problem.kind else { return false }
        // The checker ran out of text: the object goes on past this line.
        return problem.offset >= line.count
    }

    // MARK: One pretty-printed object

    /// The whole file as one event (line 1), checked as one object; nil once it has been read.
    private func nextDocument() throws -> CorpusEvent? {
        let limit = self.options.maxLineBytes
        while true {
            if self.position < self.chunk.count {
                self.carry.append(contentsOf: self.chunk[self.position...])
                self.position = self.chunk.count
                if self.carry.count > limit {
                    self.closeFile()
                    throw CorpusError(file: self.fileName, line: 1, kind: .lineTooLong(limit: limit))
                }
            }
            if try self.fetchChunk(failureLine: 1) { continue }
            guard !self.carry.isEmpty else { return nil }
            let bytes = self.carry
            self.carry = []
            self.lineNumber = 1
            try self.validate(bytes, line: 1, isArrayElement: false)
            return CorpusEvent(bytes: bytes, file: self.fileName, line: 1)
        }
    }

    // MARK: JSON Lines

    private func nextLine() throws -> CorpusEvent? {
        let limit = self.options.maxLineBytes
        while true {
            if self.position < self.chunk.count {
                let start = self.position
                let end = self.chunk.count
                let newline: Int? = self.chunk.withUnsafeBufferPointer { buffer in
                    guard let found = memchr(buffer.baseAddress! + start, 0x0A, end - start) else { return nil }
                    return buffer.baseAddress!.distance(to: found.assumingMemoryBound(to: UInt8.self))
                }
                guard let newline else {
                    if !self.skippingLongLine {
                        if self.carry.count + (end - start) > limit + 1 {
                            self.carry = []
                            self.skippingLongLine = true
                            self.position = end
                            throw CorpusError(
                                file: self.fileName, line: self.lineNumber + 1, kind: .lineTooLong(limit: limit))
                        }
                        self.carry.append(contentsOf: self.chunk[start..<end])
                    }
                    self.position = end
                    continue
                }
                self.position = newline + 1
                self.lineNumber += 1
                if self.skippingLongLine {
                    self.skippingLongLine = false
                    continue
                }
                var bytes: [UInt8]
                if self.carry.isEmpty {
                    bytes = self.chunk.withUnsafeBufferPointer { buffer in
                        Array(UnsafeBufferPointer(rebasing: buffer[start..<newline]))
                    }
                } else {
                    self.carry.append(contentsOf: self.chunk[start..<newline])
                    bytes = self.carry
                    self.carry = []
                }
                if let event = try self.finishLine(&bytes) { return event }
                continue
            }
            if try self.fetchChunk(failureLine: self.lineNumber + 1) { continue }
            // End of file: a last line without a line end.
            if !self.carry.isEmpty {
                var bytes = self.carry
                self.carry = []
                self.lineNumber += 1
                if let event = try self.finishLine(&bytes) { return event }
            }
            return nil
        }
    }

    /// Strips a CR, skips blank lines, checks the size and the JSON, and makes the event.
    private func finishLine(_ bytes: inout [UInt8]) throws -> CorpusEvent? {
        if bytes.last == 0x0D { bytes.removeLast() }
        if bytes.count > self.options.maxLineBytes {
            throw CorpusError(
                file: self.fileName, line: self.lineNumber, kind: .lineTooLong(limit: self.options.maxLineBytes))
        }
        if CorpusReader.isBlank(bytes) { return nil }
        try self.validate(bytes, line: self.lineNumber, isArrayElement: false)
        return CorpusEvent(bytes: bytes, file: self.fileName, line: self.lineNumber)
    }

    private static func isBlank(_ bytes: [UInt8]) -> Bool {
        for c in bytes where !(c == 0x20 || c == 0x09 || c == 0x0D) {
            return false
        }
        return true
    }

    private func validate(_ bytes: [UInt8], line: Int, isArrayElement: Bool) throws {
        guard self.options.validateJSON, let problem = JSONSyntax.check(bytes) else { return }
        let kind: CorpusError.Kind
        switch problem.kind {
        case .invalidJSON(let reason): kind = .invalidJSON(column: problem.offset + 1, reason: reason)
        case .invalidUTF8: kind = .invalidUTF8(column: problem.offset + 1)
        case .notAnObject: kind = .notAnObject
        }
        throw CorpusError(file: self.fileName, line: line, isArrayElement: isArrayElement, kind: kind)
    }

    // MARK: One JSON array

    private func arrayError(_ why: String) -> CorpusError {
        // Inside or right before an element, the fault is that element's; after one, the last's.
        let element =
            self.phase == .inElement || self.phase == .afterComma ? self.elementIndex + 1 : max(self.elementIndex, 1)
        let error = CorpusError(file: self.fileName, line: element, isArrayElement: true, kind: .badArray(why))
        self.closeFile()
        return error
    }

    private func nextElement() throws -> CorpusEvent? {
        let limit = self.options.maxLineBytes
        while true {
            if self.position >= self.chunk.count {
                if try self.fetchChunk(failureLine: self.elementIndex + 1) { continue }
                if self.phase != .closed {
                    throw self.arrayError("the file ends before the array's closing ']'")
                }
                return nil
            }
            let c = self.chunk[self.position]
            switch self.phase {
            case .first, .afterComma, .afterElement, .closed:
                self.position += 1
                if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 { continue }
                switch (self.phase, c) {
                case (.first, UInt8(ascii: "]")), (.afterElement, UInt8(ascii: "]")):
                    self.phase = .closed
                case (.afterElement, UInt8(ascii: ",")):
                    self.phase = .afterComma
                case (.first, _), (.afterComma, _):
                    if c == UInt8(ascii: "]") || c == UInt8(ascii: ",") {
                        throw self.arrayError("expected an element, found '\(UnicodeScalar(c))'")
                    }
                    self.position -= 1
                    self.phase = .inElement
                    self.depth = 0
                    self.inString = false
                    self.escaped = false
                    self.carry = []
                case (.closed, _):
                    throw self.arrayError("text after the array's closing ']'")
                default:
                    throw self.arrayError("expected ',' or ']' after an element")
                }
            case .inElement:
                // Scan the run of this element held in the chunk, then copy it in one go.
                let start = self.position
                var k = start
                var ended = false
                var closesArray = false
                self.chunk.withUnsafeBufferPointer { buffer in
                    let p = buffer.baseAddress!
                    let n = buffer.count
                    while k < n {
                        let b = p[k]
                        if self.inString {
                            if self.escaped {
                                self.escaped = false
                            } else if b == 0x5C {
                                self.escaped = true
                            } else if b == 0x22 {
                                self.inString = false
                            }
                        } else if b == 0x22 {
                            self.inString = true
                        } else if b == UInt8(ascii: "{") || b == UInt8(ascii: "[") {
                            self.depth += 1
                        } else if b == UInt8(ascii: "}") || b == UInt8(ascii: "]") {
                            if self.depth == 0 {
                                ended = true
                                closesArray = b == UInt8(ascii: "]")
                                break
                            }
                            self.depth -= 1
                        } else if b == UInt8(ascii: ",") && self.depth == 0 {
                            ended = true
                            break
                        }
                        k += 1
                    }
                }
                if self.carry.count + (k - start) > limit + 64 {
                    let error = CorpusError(
                        file: self.fileName, line: self.elementIndex + 1, isArrayElement: true,
                        kind: .lineTooLong(limit: limit))
                    self.closeFile()
                    throw error
                }
                self.carry.append(contentsOf: self.chunk[start..<k])
                self.position = ended ? k + 1 : k
                guard ended else { continue }
                self.phase = closesArray ? .closed : .afterComma
                self.elementIndex += 1
                var bytes = self.carry
                self.carry = []
                while let last = bytes.last, last == 0x20 || last == 0x0A || last == 0x0D || last == 0x09 {
                    bytes.removeLast()
                }
                if bytes.count > limit {
                    throw CorpusError(
                        file: self.fileName, line: self.elementIndex, isArrayElement: true,
                        kind: .lineTooLong(limit: limit))
                }
                if bytes.isEmpty {
                    throw self.arrayError("an empty element")
                }
                try self.validate(bytes, line: self.elementIndex, isArrayElement: true)
                return CorpusEvent(bytes: bytes, file: self.fileName, line: self.elementIndex)
            }
        }
    }
}

/// A reader may be handed from one thread or queue to another (a producer stage), but must not
/// be used from two at once; its read-ahead thread shares only a locked queue with it.
extension CorpusReader: @unchecked Sendable {}
