import Foundation
import LoadDriver

// TEMPORARY: a minimal JSON Lines corpus reader so `run` works before PendoEvents' `CorpusReader`
// lands (branch `events`). It reads `.jsonl` files line by line and `.jsonl.gz` through `gzip -dc`;
// it is replaced by an adapter over `CorpusReader` at integration.

/// Reads JSON Lines files in order, one event per non-blank line.
final class TemporaryJSONLFeed: EventFeed {
    private let paths: [String]
    private var pathIndex = 0
    private var reader: LineReader?
    private var lineNumber = 0

    init(paths: [String]) {
        self.paths = paths
    }

    func next() throws -> FeedEvent? {
        while true {
            if self.reader == nil {
                guard self.pathIndex < self.paths.count else { return nil }
                self.reader = try LineReader(path: self.paths[self.pathIndex])
                self.lineNumber = 0
            }
            if let line = try self.reader!.nextLine() {
                self.lineNumber += 1
                if line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { continue }
                return FeedEvent(bytes: line, file: self.paths[self.pathIndex], line: self.lineNumber,
                                 timestamp: TimestampScanner.seconds(in: line))
            }
            self.reader = nil
            self.pathIndex += 1
        }
    }

    /// The event files of a corpus path: a file as is, a folder's `*.jsonl` / `*.jsonl.gz` / `*.json` files sorted.
    static func files(for path: String) throws -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CLIError("corpus \(path) does not exist")
        }
        guard isDirectory.boolValue else { return [path] }
        let names = try FileManager.default.contentsOfDirectory(atPath: path).sorted().filter {
            ($0.hasSuffix(".jsonl") || $0.hasSuffix(".jsonl.gz") || $0.hasSuffix(".ndjson")) && !$0.hasPrefix(".")
        }
        guard !names.isEmpty else { throw CLIError("corpus folder \(path) holds no .jsonl or .jsonl.gz files") }
        return names.map { (path as NSString).appendingPathComponent($0) }
    }
}

/// Lines of a file (gunzipped through `gzip -dc` when it ends in `.gz`), read in 1 MiB blocks.
private final class LineReader {
    private let handle: FileHandle
    private let process: Process?
    private var buffer: [UInt8] = []
    private var start = 0
    private var atEnd = false

    init(path: String) throws {
        if path.hasSuffix(".gz") {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["gzip", "-dc", path]
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            self.process = process
            self.handle = pipe.fileHandleForReading
        } else {
            guard let handle = FileHandle(forReadingAtPath: path) else { throw CLIError("cannot open \(path)") }
            self.handle = handle
            self.process = nil
        }
    }

    deinit {
        self.process?.terminate()
    }

    func nextLine() throws -> [UInt8]? {
        while true {
            if let newline = self.buffer[self.start...].firstIndex(of: 10) {
                let line = Array(self.buffer[self.start..<newline])
                self.start = newline + 1
                return line
            }
            if self.atEnd {
                guard self.start < self.buffer.count else { return nil }
                let line = Array(self.buffer[self.start...])
                self.start = self.buffer.count
                return line
            }
            let data = self.handle.readData(ofLength: 1 << 20)
            if data.isEmpty { self.atEnd = true }
            self.buffer.removeFirst(self.start)
            self.start = 0
            self.buffer.append(contentsOf: data)
        }
    }
}

/// Finds a top-level-looking `"timestamp":` number (epoch milliseconds or seconds) without parsing JSON.
enum TimestampScanner {
    static func seconds(in bytes: [UInt8]) -> Double? {
        let key = Array("\"timestamp\"".utf8)
        guard bytes.count > key.count else { return nil }
        var i = 0
        while i + key.count < bytes.count {
            if bytes[i] == key[0], bytes[i..<(i + key.count)].elementsEqual(key) {
                var j = i + key.count
                while j < bytes.count, bytes[j] == 32 || bytes[j] == 58 { j += 1 }
                var value: Double = 0
                var digits = 0
                while j < bytes.count, bytes[j] >= 48, bytes[j] <= 57 {
                    value = value * 10 + Double(bytes[j] - 48)
                    digits += 1
                    j += 1
                }
                if digits > 0 { return value > 1e11 ? value / 1000 : value }
                return nil
            }
            i += 1
        }
        return nil
    }
}

/// A command-line failure with its message (exit 1).
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
