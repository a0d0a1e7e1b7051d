import Foundation
import Testing

/// What commands leave on disk: `synth` never replaces a file unless told, and no half-written file.
@Suite("output files", .serialized)
struct OutputFilesTests {
    @Test("synth refuses an existing --output (exit 2, file unchanged) and replaces it with --force")
    func synthForce() async throws {
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = (folder as NSString).appendingPathComponent("events.jsonl")
        try Data("keep me\n".utf8).write(to: URL(fileURLWithPath: output))
        let refused = try await CLIProcess.run(["synth", "--events", "10", "--seed", "1", "--output", output])
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--output \(output) exists: give --force to replace it"), "\(refused.stderr)")
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "keep me\n")
        let forced = try await CLIProcess.run(["synth", "--events", "10", "--seed", "1", "--output", output, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n").count == 10)
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder) == ["events.jsonl"], "a temporary file was left"
        )
    }

    @Test("two validate runs started together with the default --out write into two folders")
    func defaultOutUnique() async throws {
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let corpus = CLIProcess.root + "/corpora/pendo-seed"
        async let first = CLIProcess.run(["validate", "--corpus", corpus], in: folder)
        async let second = CLIProcess.run(["validate", "--corpus", corpus], in: folder)
        let results = try await [first, second]
        for result in results { #expect(result.status == 0 || result.status == 1, "\(result.stderr)") }
        let folders = try FileManager.default.contentsOfDirectory(atPath: folder + "/reports").sorted()
        #expect(folders.count == 2, "\(folders)")
        for name in folders {
            let files = try FileManager.default.contentsOfDirectory(atPath: folder + "/reports/" + name).sorted()
            #expect(files == ["validation.json", "validation.md"], "\(name): \(files)")
        }
    }
}
