import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `validate` stops on the first SIGINT and writes the report of what it read, as `run` does. The
/// corpus is a named pipe the test keeps filling, so validate cannot finish before the signal
/// whatever the machine's speed: the signal is sent once more than a pipe's worth has been read.
@Suite("validate and signals", .serialized)
struct ValidateSignalTests {
    @Test("SIGINT during validate: the events read so far are reported, exit 1, stderr says so")
    func interrupted() async throws {
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sample = (folder as NSString).appendingPathComponent("sample.jsonl")
        let synth = try await CLIProcess.run(["synth", "--events", "500", "--seed", "3", "--output", sample])
        #expect(synth.status == 0, "\(synth.stderr)")
        let lines = try Data(contentsOf: URL(fileURLWithPath: sample))
        let fifo = (folder as NSString).appendingPathComponent("events.jsonl")
        #expect(mkfifo(fifo, 0o600) == 0)
        let out = (folder as NSString).appendingPathComponent("out")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: try CLIProcess.binary())
        process.arguments = ["validate", "--corpus", fifo, "--mapping", "corpora/pendo-seed/mapping.json",
                             "--schema", "corpora/pendo-seed/schema.json", "--out", out, "--workers", "1"]
        process.currentDirectoryURL = URL(fileURLWithPath: CLIProcess.root)
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        process.standardInput = FileHandle.nullDevice
        let exit = OneShot<Int32>()
        process.terminationHandler = { exit.set($0.terminationStatus) }
        try process.run()
        let stderr = CLIProcess.readToEnd(err.fileHandleForReading)

        // Feeds the pipe until validate closes it (bounded at 200 MB); reports once 1 MB is in.
        let megabyteIn = OneShot<Bool>()
        Thread {
            signal(SIGPIPE, SIG_IGN)
            let fd = open(fifo, O_WRONLY)
            guard fd >= 0 else { megabyteIn.set(false); return }
            defer { close(fd) }
            var written = 0
            let bytes = [UInt8](lines)
            while written < 200 << 20 {
                let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                written += n
                if written >= 1 << 20 { megabyteIn.set(true) }
            }
            megabyteIn.set(false)
        }.start()
        let fed = await megabyteIn.value
        #expect(fed, "validate stopped reading before 1 MB")
        kill(process.processIdentifier, SIGINT)
        let bounded = OneShot<Int32?>()
        Task { bounded.set(await exit.value) }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60) { bounded.set(nil) }
        let status = await bounded.value
        if status == nil { kill(process.processIdentifier, SIGKILL) }
        #expect(status == 1, "exit \(String(describing: status))")
        let text = String(decoding: await stderr.value, as: UTF8.self)
        #expect(text.contains("validate: interrupted: the report covers the"), "\(text)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/validation.json"))) as? [String: Any])
        #expect(!report.isEmpty)
        #expect(FileManager.default.fileExists(atPath: out + "/validation.md"))
    }
}
