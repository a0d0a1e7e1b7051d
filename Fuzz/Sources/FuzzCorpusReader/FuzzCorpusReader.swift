import Foundation
import PendoEvents

/// The corpus reader over one file of any bytes: gzip members (detected by their magic bytes) or
/// plain text, as JSON Lines, a JSON array or one pretty-printed document. Every event and every
/// error is read to the end; the reader must neither trap nor stop making progress.
let corpusFile: String = {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-corpus-reader-\(getpid())")
    try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder.appendingPathComponent("input.jsonl").path
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCorpusReader(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = Data(
        start.map { UnsafeRawBufferPointer(start: $0, count: count) } ?? UnsafeRawBufferPointer(start: nil, count: 0))
    guard FileManager.default.createFile(atPath: corpusFile, contents: bytes) else {
        fatalError("cannot write \(corpusFile)")
    }
    // Small lines, so that the too-long path is reached; no read-ahead thread per input.
    let options = CorpusReaderOptions(maxLineBytes: 4096, readAhead: false)
    guard let reader = try? CorpusReader(paths: [corpusFile], options: options) else { return 0 }
    var steps = 0
    while true {
        steps += 1
        // More steps than bytes means no progress: each event or error consumes at least one byte.
        if steps > count + 2 { fatalError("corpus reader made no progress after \(steps) calls") }
        do {
            guard try reader.next() != nil else { break }
        } catch {
            _ = "\(error)"
        }
    }
    return 0
}
