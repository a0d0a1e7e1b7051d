import Foundation
import PendoEvents
import ReplayCommon
import Reports
import Testing

@testable import LoadDriver

/// `outcomes.jsonl.gz`: one line per planned event, the line's outcome agreeing with the report's counts.
@Suite(.serialized) struct OutcomesFileTests {
    private func lines(_ path: String) throws -> [OutcomeRecord] {
        let reader = try CorpusReader(paths: [path])
        var out: [OutcomeRecord] = []
        while let line = try reader.next() {
            out.append(try JSONDecoder().decode(OutcomeRecord.self, from: Data(line.bytes)))
        }
        return out
    }

    @Test func aLineEncodesAsJSONEncoderWouldReadIt() throws {
        let record = OutcomeRecord(
            key: "q\"uote\\d", keyKind: .uniqueId, file: "dir/a b.jsonl", line: 7, outcome: .unknown,
            attempts: 3, unanswered: 2, status: 503)
        var bytes: [UInt8] = []
        OutcomeLines.encode(record, into: &bytes)
        #expect(bytes.last == 0x0A)
        #expect(try JSONDecoder().decode(OutcomeRecord.self, from: Data(bytes.dropLast())) == record)
        var noStatus: [UInt8] = []
        OutcomeLines.encode(
            OutcomeRecord(
                key: "f:1", keyKind: .location, file: "f", line: 1, outcome: .unsent, attempts: 0,
                unanswered: 0, status: nil), into: &noStatus)
        #expect(!String(decoding: noStatus, as: UTF8.self).contains("status"))
    }

    @Test func everyPlannedEventHasALineAndTheLinesAgreeWithTheReport() async throws {
        // Every 4th request is reset after the write, every 7th answered 400; one retry.
        let server = try TestServer { n, _ in
            if n % 4 == 3 { return TestAnswer(reset: true) }
            if n % 7 == 6 { return TestAnswer(status: 400, body: "bad") }
            return TestAnswer()
        }
        defer { server.shutdown() }
        let folder = NSTemporaryDirectory() + "outcomes-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/outcomes.jsonl.gz"
        let config = LoadConfig(
            inlet: server.url, batch: 2, concurrency: 2,
            retry: RetryPolicy(maxRetries: 1, baseDelay: 0.001, maxDelay: 0.001),
            outcomesPath: path)
        let report = try await LoadRun(config: config, feed: feed(makeEvents(60)), toolVersion: "test").run()
        let lines = try self.lines(path)
        #expect(lines.count == report.events.planned)
        #expect(Set(lines.map(\.key)) == Set((0..<60).map { "e\($0)" }))
        #expect(lines.allSatisfy { $0.keyKind == .uniqueId })
        func count(_ outcome: EventOutcome) -> Int { lines.filter { $0.outcome == outcome }.count }
        #expect(count(.accepted) == report.events.accepted)
        #expect(count(.rejected) == report.events.rejected)
        #expect(count(.unknown) == report.events.unknown)
        #expect(count(.failed) == report.events.failed)
        #expect(report.events.addsUp)
        // Resets happened and were retried: those events carry their unanswered attempt.
        #expect(report.requests.retriedAfterUnknown > 0)
        // Each line carries its request's unanswered attempts: two events a request, one reset an unanswered attempt.
        let resets = try #require(report.errors.first { $0.class == "reset" }?.count)
        #expect(lines.map(\.unanswered).reduce(0, +) == 2 * resets)
        #expect(lines.filter { $0.outcome == .accepted && $0.unanswered == 1 && $0.attempts == 2 }.count > 0)
        #expect(lines.filter { $0.outcome == .rejected }.allSatisfy { $0.status == 400 })
    }
}

/// The outcomes file appears under its name only when complete.
@Suite struct OutcomeLogRenameTests {
    @Test("lines go to a hidden temporary file; finish() renames it to the outcomes path, leaving nothing else")
    func renamedWhenComplete() throws {
        let folder = NSTemporaryDirectory() + "pendo-replay-outcomelog-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/outcomes.jsonl.gz"
        let log = try OutcomeLog(path: path)
        log.append(Array("{\"k\":1}\n".utf8))
        #expect(!FileManager.default.fileExists(atPath: path), "a half-written outcomes file is visible under its name")
        try log.finish()
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["outcomes.jsonl.gz"])
    }
}
