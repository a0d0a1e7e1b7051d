import Foundation
import Testing

@testable import Reports

/// Replays `FailCases/` (inputs that crashed a fuzz target in `Fuzz/`) through the same entry as the
/// target: each ends in a clean error.
@Suite struct FailCaseReplayTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("FailCases")

    @Test func thresholds() throws {
        let cases = try FileManager.default.contentsOfDirectory(
            at: Self.folder.appendingPathComponent("FuzzThreshold"), includingPropertiesForKeys: nil)
        #expect(!cases.isEmpty)
        for file in cases {
            let text = try String(contentsOf: file, encoding: .utf8)
            for vocabulary in [ThresholdVocabulary.run, .diff] {
                #expect(throws: ThresholdSyntaxError.self, "\(file.lastPathComponent)") {
                    try Threshold.parse(text, vocabulary: vocabulary)
                }
            }
        }
    }

    @Test func histograms() throws {
        let cases = try FileManager.default.contentsOfDirectory(
            at: Self.folder.appendingPathComponent("FuzzHdrHistogram"), includingPropertiesForKeys: nil)
        #expect(!cases.isEmpty)
        for file in cases {
            let bytes = Array(try Data(contentsOf: file))
            let error = try #require(throws: HdrDecodingError.self, "\(file.lastPathComponent)") {
                try HdrWireFormat.decode(bytes)
            }
            #expect("\(error)".contains("the counts add up past 2^64"), "\(error)")
        }
    }
}
