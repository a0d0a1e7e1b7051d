import Foundation

@testable import PendoEvents

/// A fresh temporary folder per test, and helpers to write corpus files in every format.
struct TestFolder {
    let path: String

    init() {
        self.path =
            FileManager.default.temporaryDirectory.appendingPathComponent("pendo-events-tests-\(UUID().uuidString)")
            .path
        try! FileManager.default.createDirectory(atPath: self.path, withIntermediateDirectories: true)
    }

    func file(_ name: String) -> String { self.path + "/" + name }

    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) -> String {
        let p = self.file(name)
        // Test set-up: a folder that cannot be written is a broken machine, not a test result.
        try! Data(bytes).write(to: URL(fileURLWithPath: p))
        return p
    }

    func remove() { try? FileManager.default.removeItem(atPath: self.path) }
}

enum TestCorpus {
    /// A few events with non-ASCII text, escapes and a 64-bit id.
    static func events(_ count: Int, seed: UInt64 = 42) -> [[UInt8]] {
        var synthesizer = Synthesizer(options: SynthOptions(events: count, seed: seed))
        var out: [[UInt8]] = []
        while let event = synthesizer.next() { out.append(event.encoded()) }
        return out
    }

    static func jsonLines(_ events: [[UInt8]], lineEnd: [UInt8] = [0x0A]) -> [UInt8] {
        var bytes: [UInt8] = []
        for e in events {
            bytes += e
            bytes += lineEnd
        }
        return bytes
    }

    /// gzip of `bytes`, through the corpus writer's deflate.
    static func gzip(_ bytes: [UInt8], in folder: TestFolder) -> [UInt8] {
        let p = folder.file("tmp-\(UUID().uuidString).gz")
        let writer = try! CorpusWriter(path: p)
        try! writer.writeRaw(bytes)
        try! writer.finish()
        let data = FileManager.default.contents(atPath: p)!
        try? FileManager.default.removeItem(atPath: p)
        return [UInt8](data)
    }

    /// Every event of `paths`, or the first error.
    static func readAll(_ paths: [String], options: CorpusReaderOptions = .init()) throws -> [CorpusEvent] {
        let reader = try CorpusReader(paths: paths, options: options)
        var out: [CorpusEvent] = []
        while let e = try reader.next() { out.append(e) }
        return out
    }

    /// The events read before the first error, and that error.
    static func readUntilError(_ paths: [String], options: CorpusReaderOptions = .init()) -> (
        [CorpusEvent], CorpusError?
    ) {
        var out: [CorpusEvent] = []
        do {
            let reader = try CorpusReader(paths: paths, options: options)
            while let e = try reader.next() { out.append(e) }
            return (out, nil)
        } catch let error as CorpusError {
            return (out, error)
        } catch {
            return (out, nil)
        }
    }
}
