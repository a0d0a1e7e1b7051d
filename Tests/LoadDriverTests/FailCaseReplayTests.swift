import Foundation
import NIOCore
import Testing

@testable import LoadDriver

/// Replays `FailCases/` (inputs that crashed a fuzz target in `Fuzz/` or buffered without bound)
/// through the same entry as the target: each ends in a clean error.
@Suite struct FailCaseReplayTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FailCases")

    static func cases(_ target: String) throws -> [URL] {
        let url = Self.folder.appendingPathComponent(target)
        return try FileManager.default.contentsOfDirectory(at: url, includingPropertiesForKeys: nil).sorted {
            $0.path < $1.path
        }
    }

    @Test func stages() throws {
        let cases = try Self.cases("FuzzStages")
        #expect(!cases.isEmpty)
        for file in cases {
            let text = try String(contentsOf: file, encoding: .utf8)
            #expect(throws: LoadConfigError.self, "\(file.lastPathComponent)") { try StagesParser.parse(text) }
        }
    }

    @Test func responseParser() throws {
        let cases = try Self.cases("FuzzResponseParser")
        #expect(!cases.isEmpty)
        for file in cases {
            // As the fuzz target: the first byte picks the piece size, the rest is what the inlet sent.
            let bytes = Array(try Data(contentsOf: file))
            let step = Int(bytes[0] % 16) + 1
            for pieceSize in [bytes.count, step] {
                var parser = ResponseParser()
                var buffer = ByteBuffer()
                var offset = 1
                var failure: ResponseParser.Malformed?
                feeding: while offset < bytes.count {
                    let end = min(offset + pieceSize, bytes.count)
                    buffer.writeBytes(bytes[offset..<end])
                    offset = end
                    do {
                        while try parser.parse(&buffer) != nil {}
                    } catch let malformed as ResponseParser.Malformed {
                        failure = malformed
                        break feeding
                    }
                }
                #expect(failure != nil, "\(file.lastPathComponent), pieces of \(pieceSize): no error")
            }
        }
    }
}
