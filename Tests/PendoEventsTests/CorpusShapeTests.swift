import Foundation
import Testing

@testable import PendoEvents

/// Corpora as people have them: one pretty-printed object, and lines that are not JSON at all.
@Suite struct CorpusShapeTests {
    @Test("a file holding one pretty-printed JSON object is a corpus of one event, at line 1")
    func prettyPrintedObject() throws {
        let folder = TestFolder()
        defer { folder.remove() }
        let text = "{\n  \"uniqueId\": \"u1\",\n  \"event\": {\n    \"type\": \"guideSeen\"\n  }\n}\n"
        let path = folder.write("one.json", Array(text.utf8))
        let events = try TestCorpus.readAll([path])
        #expect(events.count == 1)
        #expect(events.first?.line == 1)
        #expect(events.first.map { String(decoding: $0.bytes, as: UTF8.self) } == text)
        let gz = folder.write("one.json.gz", TestCorpus.gzip(Array(text.utf8), in: folder))
        #expect(try TestCorpus.readAll([gz]).count == 1)
    }

    @Test("a broken pretty-printed object is one located error, not one per line")
    func brokenPrettyObject() {
        let folder = TestFolder()
        defer { folder.remove() }
        let path = folder.write("broken.json", Array("{\n  \"a\": 1,\n  \"b\": \n}\n".utf8))
        let (events, error) = TestCorpus.readUntilError([path])
        #expect(events.isEmpty)
        guard case .invalidJSON? = error?.kind else {
            Issue.record("expected invalid JSON, got \(String(describing: error))")
            return
        }
        #expect(error?.line == 1)
    }

    @Test(
        "JSON Lines still read line by line; a line that is not JSON is 'invalid JSON', a JSON value that is no object 'not an object'"
    )
    func notJSONIsNotJSON() throws {
        let folder = TestFolder()
        defer { folder.remove() }
        let path = folder.write("mixed.jsonl", Array("{\"a\":1}\nname,email\n1,2,3\n[1,2]\n{\"b\":2}\n".utf8))
        let reader = try CorpusReader(paths: [path])
        var kinds: [String] = []
        while true {
            do {
                guard let event = try reader.next() else { break }
                kinds.append("event \(event.line)")
            } catch let error as CorpusError {
                switch error.kind {
                case .invalidJSON: kinds.append("invalid \(error.line)")
                case .notAnObject: kinds.append("not-object \(error.line)")
                default: kinds.append("other \(error.line)")
                }
            }
        }
        #expect(kinds == ["event 1", "invalid 2", "invalid 3", "not-object 4", "event 5"])
    }
}
