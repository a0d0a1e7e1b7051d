import DataPrep
import Foundation
import NIOConcurrencyHelpers
import PendoEvents
import Reports

/// `outcomes.jsonl.gz` (`run --outcomes`): one line per planned event, streamed to the file as the
/// run goes (gzip members of 1 MiB, compressed on threads of their own), so memory does not grow
/// with the run. The event loops collect lines in `OutcomeLines` and hand them over in chunks, so
/// the lock is taken once per chunk, not per event.
final class OutcomeLog: @unchecked Sendable {
    /// The file written.
    let path: String
    /// Where the lines go until `finish()` renames the file to `path` (`OutputFile`'s rule: no half
    /// file under the name `reconcile` reads).
    private let temporaryPath: String
    private let lock = NIOLock()
    private let writer: CorpusWriter
    private var failure: String?

    /// Creates the file under a temporary name; throws when it cannot be created.
    init(path: String) throws {
        self.path = path
        self.temporaryPath = OutputFile.temporaryPath(for: path)
        self.writer = try CorpusWriter(path: self.temporaryPath, level: 6, blockBytes: 1 << 20, maxInFlight: 2)
    }

    /// Appends whole lines.
    func append(_ lines: [UInt8]) {
        guard !lines.isEmpty else { return }
        self.lock.withLock {
            guard self.failure == nil else { return }
            do {
                try self.writer.writeRaw(lines)
            } catch {
                self.failure = "\(error)"
            }
        }
    }

    /// Writes what is left and closes the file; throws the first write error of the run.
    func finish() throws {
        try self.lock.withLock {
            if let failure = self.failure {
                try? FileManager.default.removeItem(atPath: self.temporaryPath)
                throw OutcomeLogError(path: self.path, reason: failure)
            }
            do {
                try self.writer.finish()
                try OutputFile.commit(self.temporaryPath, to: self.path, replace: true)
            } catch {
                throw OutcomeLogError(path: self.path, reason: "\(error)")
            }
        }
    }
}

/// `outcomes.jsonl.gz` could not be written.
public struct OutcomeLogError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var reason: String
    public var description: String { "cannot write the outcomes file \(self.path): \(self.reason)" }
}

/// One event loop's outcome lines not yet handed to the log.
struct OutcomeLines {
    private var bytes: [UInt8] = []
    /// Handed over once this many bytes are waiting.
    static let chunk = 64 << 10

    /// Appends the lines of `request`'s events; `outcome(i)` is the final outcome of message `i`.
    mutating func add(
        _ request: PreparedRequest, attempts: Int, unanswered: Int, status: Int?, to log: OutcomeLog,
        outcome: (Int) -> EventOutcome
    ) {
        let origins = request.origins ?? [EventOrigin(uniqueId: nil, file: request.file, line: request.line)]
        for (index, origin) in origins.enumerated() {
            let record = OutcomeRecord(
                key: origin.uniqueId ?? "\(origin.file):\(origin.line)",
                keyKind: origin.uniqueId == nil ? .location : .uniqueId,
                file: origin.file, line: origin.line, outcome: outcome(index), attempts: attempts,
                unanswered: unanswered,
                status: status)
            Self.encode(record, into: &self.bytes)
        }
        if self.bytes.count >= Self.chunk { self.flush(to: log) }
    }

    /// Hands every waiting line to the log.
    mutating func flush(to log: OutcomeLog) {
        log.append(self.bytes)
        self.bytes.removeAll(keepingCapacity: true)
    }

    /// One JSON line, keys sorted (the form `JSONEncoder` with `.sortedKeys` writes).
    static func encode(_ record: OutcomeRecord, into out: inout [UInt8]) {
        out += Array(#"{"attempts":"#.utf8)
        out += Array(String(record.attempts).utf8)
        out += Array(#","file":"#.utf8)
        JSONValue.string(record.file).serialize(into: &out)
        out += Array(#","key":"#.utf8)
        JSONValue.string(record.key).serialize(into: &out)
        out += Array(#","keyKind":""#.utf8)
        out += Array(record.keyKind.rawValue.utf8)
        out += Array(#"","line":"#.utf8)
        out += Array(String(record.line).utf8)
        out += Array(#","outcome":""#.utf8)
        out += Array(record.outcome.rawValue.utf8)
        out += Array(#"""#.utf8)
        if let status = record.status {
            out += Array(#","status":"#.utf8)
            out += Array(String(status).utf8)
        }
        out += Array(#","unanswered":"#.utf8)
        out += Array(String(record.unanswered).utf8)
        out += Array("}\n".utf8)
    }
}
