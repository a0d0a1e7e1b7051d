import Foundation
import Testing

@testable import Reports

/// Outputs are written whole or not at all, never over a file they must not replace, and each run
/// gets a folder of its own.
@Suite struct OutputFileTests {
    static func folder() -> String {
        let path = NSTemporaryDirectory() + "pendo-replay-outputfile-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test("write replaces the file through a temporary one and leaves nothing else in the folder")
    func writeReplaces() throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/report.json"
        try OutputFile.write(Data("old".utf8), to: path)
        try OutputFile.write(Data("new".utf8), to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["report.json"])
    }

    @Test("with replace: false an existing file is refused, kept as it was, and the temporary file removed")
    func refusesExisting() throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/events.jsonl.gz"
        try OutputFile.write(Data("first".utf8), to: path, replace: false)
        do {
            try OutputFile.write(Data("second".utf8), to: path, replace: false)
            Issue.record("an existing file was replaced")
        } catch let error as ReportFileError {
            #expect(error.path == path)
            #expect(error.problem == "already exists; give --force to replace it, or another name")
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "first")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["events.jsonl.gz"])
    }

    @Test("the temporary name is hidden, in the same folder, and ends as the target does")
    func temporaryName() {
        let temporary = OutputFile.temporaryPath(for: "/data/out/big.jsonl.gz")
        #expect(temporary.hasPrefix("/data/out/.partial-"))
        #expect(temporary.hasSuffix("-big.jsonl.gz"))
        #expect(OutputFile.temporaryPath(for: "x.json") != OutputFile.temporaryPath(for: "x.json"))
    }

    @Test("a write into a missing folder fails naming the file and leaves no temporary file")
    func writeFailure() throws {
        let folder = Self.folder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(throws: ReportFileError.self) {
            try OutputFile.write(Data("x".utf8), to: folder + "/missing/report.json")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test("claiming a folder twice with the same stem (two runs in one second) gives two folders")
    func claimFolderUnique() throws {
        let parent = Self.folder() + "/reports"
        defer { try? FileManager.default.removeItem(atPath: (parent as NSString).deletingLastPathComponent) }
        let first = try OutputFile.claimFolder(in: parent, stem: "20261205T120000Z")
        let second = try OutputFile.claimFolder(in: parent, stem: "20261205T120000Z")
        let third = try OutputFile.claimFolder(in: parent, stem: "20261205T120000Z")
        #expect(first == parent + "/20261205T120000Z")
        #expect(second == parent + "/20261205T120000Z-2")
        #expect(third == parent + "/20261205T120000Z-3")
    }
}
