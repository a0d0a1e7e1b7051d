import Foundation
import Testing

@testable import PendoEvents

@Suite struct CorpusWriterTests {
    @Test func manyMembersReadBackInOrder() throws {
        let folder = TestFolder()
        defer { folder.remove() }
        let events = TestCorpus.events(3000, seed: 21)
        let p = folder.file("m.jsonl.gz")
        let writer = try CorpusWriter(path: p, blockBytes: 1 << 16, maxInFlight: 2)
        for e in events { try writer.write(e) }
        try writer.finish()
        let data = try #require(FileManager.default.contents(atPath: p))
        #expect(writer.fileBytes == data.count)
        #expect(writer.bytesWritten == TestCorpus.jsonLines(events).count)
        // Several members: the gzip magic appears at more than one member start.
        #expect(data.count < writer.bytesWritten / 4)
        let read = try TestCorpus.readAll([p])
        #expect(read.map(\.bytes) == events)
        #expect(read.last?.line == 3000)
    }

    @Test func emptyCorpusIsValidGzipAndPlainIsVerbatim() throws {
        let folder = TestFolder()
        defer { folder.remove() }
        let gz = folder.file("e.jsonl.gz")
        let empty = try CorpusWriter(path: gz)
        try empty.finish()
        let bytes = try #require(FileManager.default.contents(atPath: gz))
        #expect(bytes.count > 10 && bytes[0] == 0x1F && bytes[1] == 0x8B)
        #expect(try TestCorpus.readAll([gz]).isEmpty)
        let plain = folder.file("p.jsonl")
        let writer = try CorpusWriter(path: plain)
        try writer.write(Array("{\"a\":1}".utf8))
        try writer.finish()
        #expect(FileManager.default.contents(atPath: plain) == Data("{\"a\":1}\n".utf8))
    }

    @Test func unwritablePathSaysWhere() {
        #expect(throws: CorpusWriter.WriteError.self) { try CorpusWriter(path: "/nonexistent-folder/x.jsonl.gz") }
    }
}
