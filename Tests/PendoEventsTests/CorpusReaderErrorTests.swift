import Foundation
import Testing

@testable import PendoEvents

@Suite struct CorpusReaderErrorTests {
    let events = TestCorpus.events(200)

    private func expectNamed(_ error: CorpusError?, file: String, line: Int, element: Bool = false) {
        #expect(error != nil)
        guard let error else { return }
        #expect(error.file == file)
        #expect(error.line == line)
        #expect(error.description.contains(element ? "\(file) element \(line)" : "\(file):\(line)"))
    }

    @Test func corruptGzipNamesFileAndLine() throws {
        let folder = TestFolder()
        defer { folder.remove() }
        var gz = TestCorpus.gzip(TestCorpus.jsonLines(self.events), in: folder)
        for k in (gz.count / 2)..<(gz.count / 2 + 64) { gz[k] ^= 0x5A }
        let p = folder.write("bad.jsonl.gz", gz)
        // Damaged deflate data may first inflate to garbage (reported as bad lines) before zlib
        // notices; the gzip error must come, placed at a line.
        let reader = try CorpusReader(paths: [p], options: CorpusReaderOptions(chunkBytes: 1 << 16))
        var good = 0
        var gzipError: CorpusError?
        while gzipError == nil {
            do {
                guard try reader.next() != nil else { break }
                good += 1
            } catch let error as CorpusError {
                if case .corruptGzip = error.kind { gzipError = error }
            }
        }
        #expect(good < self.events.count)
        #expect(gzipError != nil)
        if let gzipError {
            #expect(gzipError.line > good)
            self.expectNamed(gzipError, file: p, line: gzipError.line)
        }
    }

    @Test func garbageAfterAMemberIsCorruptGzip() throws {
        let folder = TestFolder()
        defer { folder.remove() }
        let gz = TestCorpus.gzip(TestCorpus.jsonLines(self.events), in: folder)
        let p = folder.write("tail.jsonl.gz", gz + Array("garbage".utf8))
        let (read, error) = TestCorpus.readUntilError([p])
        #expect(read.count == self.events.count)
        #expect(error?.kind == .corruptGzip("unexpected data after a gzip member"))
        self.expectNamed(error, file: p, line: self.events.count + 1)
    }

    @Test func truncatedGzipNamesFileAndLine() throws {
        let folder = TestFolder()
        defer { folder.remove() }
        let gz = TestCorpus.gzip(TestCorpus.jsonLines(self.events), in: folder)
        let p = folder.write("cut.jsonl.gz", Array(gz[0..<(gz.count * 2 / 3)]))
        let (read, error) = TestCorpus.readUntilError([p])
        #expect(error?.kind == .truncatedGzip)
        #expect(read.count > 0 && read.count < self.events.count)
        for (k, e) in read.enumerated() { #expect(e.bytes == self.events[k]) }
        self.expectNamed(error, file: p, line: read.count + 1)
    }

    @Test func invalidJSONNamesFileLineAndColumn() throws {
        let folder = TestFolder()
        defer { folder.remove() }
        var lines = self.events.prefix(10).map { $0 }
        lines[6] = Array("{\"event\": \"guideDisplayed\", \"timestamp\": 17x}".utf8)
        let p = folder.write("bad.jsonl", TestCorpus.jsonLines(lines))
        let (read, error) = TestCorpus.readUntilError([p])
        #expect(read.count == 6)
        #expect(error?.kind == .invalidJSON(column: 44, reason: "expected ',' or '}' after an object member"))
        self.expectNamed(error, file: p, line: 7)
    }

    @Test func readingGoesOnAfterABadLine() throws {
        let folder = TestFolder()
        defer { folder.remove() }
        var lines = self.events.prefix(5).map { $0 }
        lines[2] = Array("{\"a\": [1, 2}".utf8)
        let p = folder.write("bad.jsonl", TestCorpus.jsonLines(lines))
        let reader = try CorpusReader(paths: [p])
        var good = 0
        var bad: [Int] = []
        while true {
            do {
                guard try reader.next() != nil else { break }
                good += 1
            } catch let error as CorpusError {
                bad.append(error.line)
            }
        }
        #expect(good == 4)
        #expect(bad == [3])
    }

    @Test func lineOverTheMaximumNamesFileAndLine() throws {
        let folder = TestFolder()
        defer { folder.remove() }
        var lines = self.events.prefix(4).map { $0 }
        lines[2] = Array("{\"pad\": \"".utf8) + [UInt8](repeating: 0x61, count: 5000) + Array("\"}".utf8)
        let p = folder.write("long.jsonl", TestCorpus.jsonLines(lines))
        let options = CorpusReaderOptions(maxLineBytes: 4096)
        let (read, error) = TestCorpus.readUntilError([p], options: options)
        #expect(read.count == 2)
        #expect(error?.kind == .lineTooLong(limit: 4096))
        self.expectNamed(error, file: p, line: 3)
        // Spanning chunks: the limit holds while a line is being assembled, and reading goes on.
        let huge = Array("{\"pad\": \"".utf8) + [UInt8](repeating: 0x62, count: 300_000) + Array("\"}".utf8)
        let q = folder.write("huge.jsonl", TestCorpus.jsonLines([self.events[0], huge, self.events[1]]))
        let reader = try CorpusReader(
            paths: [q], options: CorpusReaderOptions(maxLineBytes: 100_000, chunkBytes: 1 << 16))
        #expect(try reader.next()?.line == 1)
        do {
            _ = try reader.next()
            Issue.record("expected a too-long line")
        } catch let error as CorpusError {
            self.expectNamed(error, file: q, line: 2)
        }
        let after = try reader.next()
        #expect(after?.line == 3)
        #expect(after?.bytes == self.events[1])
    }

    @Test func invalidUTF8NamesFileAndLine() throws {
        let folder = TestFolder()
        defer { folder.remove() }
        var lines = self.events.prefix(3).map { $0 }
        lines[1] = Array("{\"reason\": \"caf".utf8) + [0xC3, 0x28] + Array("\"}".utf8)
        let p = folder.write("latin.jsonl.gz", TestCorpus.gzip(TestCorpus.jsonLines(lines), in: folder))
        let (read, error) = TestCorpus.readUntilError([p])
        #expect(read.count == 1)
        #expect(error?.kind == .invalidUTF8(column: 16))
        self.expectNamed(error, file: p, line: 2)
    }

    @Test func notAnObjectNamesFileAndLine() throws {
        let folder = TestFolder()
        defer { folder.remove() }
        let p = folder.write("scalar.jsonl", TestCorpus.jsonLines([self.events[0], Array("42".utf8)]))
        let (_, error) = TestCorpus.readUntilError([p])
        #expect(error?.kind == .notAnObject)
        self.expectNamed(error, file: p, line: 2)
    }

    @Test func badArrayElementNamesTheElement() throws {
        let folder = TestFolder()
        defer { folder.remove() }
        let p = folder.write("arr.json", Array("[{\"a\":1},\n{\"b\":tru},{\"c\":3}]".utf8))
        let (read, error) = TestCorpus.readUntilError([p])
        #expect(read.count == 1)
        #expect(error?.isArrayElement == true)
        self.expectNamed(error, file: p, line: 2, element: true)
        let open = folder.write("open.json", Array("[{\"a\":1},{\"b\":2}".utf8))
        let (readOpen, errorOpen) = TestCorpus.readUntilError([open])
        #expect(readOpen.count == 1)
        #expect(errorOpen?.kind == .badArray("the file ends before the array's closing ']'"))
        self.expectNamed(errorOpen, file: open, line: 2, element: true)
    }

    @Test func missingPathAndEmptyFolder() throws {
        let folder = TestFolder()
        defer { folder.remove() }
        let missing = folder.file("nope.jsonl")
        #expect(throws: CorpusError(file: missing, line: 0, kind: .notFound)) { try CorpusReader(paths: [missing]) }
        #expect(throws: CorpusError(file: folder.path, line: 0, kind: .emptyFolder)) {
            try CorpusReader(paths: [folder.path])
        }
    }
}
