import Foundation
import Testing

@testable import PendoEvents

@Suite struct CorpusReaderRoundTripTests {
    let events = TestCorpus.events(300)

    private func expectSame(_ read: [CorpusEvent], file: String, lines: [Int]? = nil) {
        #expect(read.count == self.events.count)
        for (k, e) in read.enumerated() where k < self.events.count {
            #expect(e.bytes == self.events[k])
            #expect(e.file == file)
            #expect(e.line == (lines?[k] ?? k + 1))
        }
    }

    @Test func plainJSONLines() throws {
        let folder = TestFolder()
        defer { folder.remove() }
        let p = folder.write("a.jsonl", TestCorpus.jsonLines(self.events))
        self.expectSame(try TestCorpus.readAll([p]), file: p)
    }

    @Test func plainJSONLinesWithoutReadAheadAndSmallChunks() throws {
        let folder = TestFolder()
        defer { folder.remove() }
        let p = folder.write("a.jsonl", TestCorpus.jsonLines(self.events))
        let options = CorpusReaderOptions(chunkBytes: 1 << 16, readAhead: false)
        self.expectSame(try TestCorpus.readAll([p], options: options), file: p)
    }

    @Test func gzipJSONLines() throws {
        let folder = TestFolder()
        defer { folder.remove() }
        let p = folder.write("a.jsonl.gz", TestCorpus.gzip(TestCorpus.jsonLines(self.events), in: folder))
        self.expectSame(try TestCorpus.readAll([p]), file: p)
    }

    @Test func concatenatedGzipMembers() throws {
        let folder = TestFolder()
        defer { folder.remove() }
        // Members split mid-line: a member boundary is not a line boundary.
        let text = TestCorpus.jsonLines(self.events)
        let cuts = [0, 1000, text.count / 2 + 7, text.count - 3, text.count]
        var bytes: [UInt8] = []
        for k in 0..<(cuts.count - 1) {
            bytes += TestCorpus.gzip(Array(text[cuts[k]..<cuts[k + 1]]), in: folder)
        }
        let p = folder.write("a.jsonl.gz", bytes)
        self.expectSame(try TestCorpus.readAll([p], options: CorpusReaderOptions(chunkBytes: 1 << 16)), file: p)
    }

    @Test func zeroPaddingAfterTheLastMemberIsIgnored() throws {
        let folder = TestFolder()
        defer { folder.remove() }
        let gz = TestCorpus.gzip(TestCorpus.jsonLines(self.events), in: folder)
        let p = folder.write("padded.jsonl.gz", gz + [UInt8](repeating: 0, count: 512))
        self.expectSame(try TestCorpus.readAll([p]), file: p)
    }

    @Test func crlfLineEndsAndByteOrderMark() throws {
        let folder = TestFolder()
        defer { folder.remove() }
        let p = folder.write("a.jsonl", [0xEF, 0xBB, 0xBF] + TestCorpus.jsonLines(self.events, lineEnd: [0x0D, 0x0A]))
        self.expectSame(try TestCorpus.readAll([p]), file: p)
        let g = folder.write(
            "b.jsonl.gz",
            TestCorpus.gzip([0xEF, 0xBB, 0xBF] + TestCorpus.jsonLines(self.events, lineEnd: [0x0D, 0x0A]), in: folder))
        self.expectSame(try TestCorpus.readAll([g]), file: g)
    }

    @Test func blankLinesAndMissingFinalLineEndAreFine() throws {
        let folder = TestFolder()
        defer { folder.remove() }
        var bytes: [UInt8] = Array("\n".utf8)
        var lines: [Int] = []
        for (k, e) in self.events.enumerated() {
            bytes += e
            lines.append(2 + 2 * k)
            bytes += k == self.events.count - 1 ? [] : Array("\n\n".utf8)
        }
        let p = folder.write("a.jsonl", bytes)
        self.expectSame(try TestCorpus.readAll([p]), file: p, lines: lines)
    }

    @Test func oneJSONArray() throws {
        let folder = TestFolder()
        defer { folder.remove() }
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("\n[\n  ".utf8)
        for (k, e) in self.events.enumerated() {
            if k > 0 { bytes += Array(" ,\r\n  ".utf8) }
            bytes += e
        }
        bytes += Array("\n]\n".utf8)
        let p = folder.write("a.json", bytes)
        self.expectSame(try TestCorpus.readAll([p], options: CorpusReaderOptions(chunkBytes: 1 << 16)), file: p)
        let g = folder.write("b.json.gz", TestCorpus.gzip(bytes, in: folder))
        self.expectSame(try TestCorpus.readAll([g]), file: g)
        let empty = folder.write("c.json", Array("[ ]".utf8))
        #expect(try TestCorpus.readAll([empty]).isEmpty)
    }

    @Test func folderInNameOrderAndSeveralPaths() throws {
        let folder = TestFolder()
        defer { folder.remove() }
        let first = Array(self.events[0..<100])
        let second = Array(self.events[100..<200])
        let third = Array(self.events[200..<300])
        folder.write("b.jsonl.gz", TestCorpus.gzip(TestCorpus.jsonLines(second), in: folder))
        folder.write("a.jsonl", TestCorpus.jsonLines(first))
        folder.write("c.json", Array("[".utf8) + third.joined(separator: Array(",".utf8)) + Array("]".utf8))
        folder.write("mapping.json", Array("{\"mappings\": []}".utf8))
        folder.write("notes.txt", Array("not a corpus".utf8))
        let read = try TestCorpus.readAll([folder.path])
        #expect(read.map(\.bytes) == self.events)
        #expect(
            read.map { URL(fileURLWithPath: $0.file).lastPathComponent } == Array(repeating: "a.jsonl", count: 100)
                + Array(repeating: "b.jsonl.gz", count: 100) + Array(repeating: "c.json", count: 100))
        let two = try TestCorpus.readAll([folder.file("c.json"), folder.file("a.jsonl")])
        #expect(two.map(\.bytes) == third + first)
    }

    @Test func largeCorpusStreamsAcrossManyChunks() throws {
        let folder = TestFolder()
        defer { folder.remove() }
        let many = TestCorpus.events(5000, seed: 9)
        let p = folder.write("big.jsonl.gz", TestCorpus.gzip(TestCorpus.jsonLines(many), in: folder))
        let reader = try CorpusReader(paths: [p], options: CorpusReaderOptions(chunkBytes: 1 << 16, prefetchChunks: 2))
        var k = 0
        while let e = try reader.next() {
            #expect(e.bytes == many[k])
            k += 1
        }
        #expect(k == many.count)
        #expect(reader.eventsRead == many.count)
        #expect(reader.bytesRead == TestCorpus.jsonLines(many).count)
    }
}
