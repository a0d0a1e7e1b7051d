import Foundation
import Testing

/// The acceptance check of issue 17: Adobe's collections replayed by a separate runner
/// (`scripts/replay-adobe-collections.py`, Python's standard library) against the built
/// `pendo-replay serve` on loopback.
@Suite("Adobe's collections against pendo-replay serve", .serialized)
struct AdobeCollectionsServeTests {
    @Test("every in-scope request gets Adobe's documented status and shape")
    func replayAgainstServe() async throws {
        let serve = try await ServeProcess.start(arguments: [])
        defer { serve.terminate() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", CLIProcess.root + "/scripts/replay-adobe-collections.py", "--url",
            "http://127.0.0.1:\(serve.port)", "--manifest-requests",
        ]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        process.standardInput = FileHandle.nullDevice
        let exit = OneShot<Int32>()
        process.terminationHandler = { exit.set($0.terminationStatus) }
        try process.run()
        let output = CLIProcess.readToEnd(out.fileHandleForReading)
        let pid = process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + 120) { if !exit.isSet { kill(pid, SIGKILL) } }
        let status = await exit.value
        let text = String(decoding: await output.value, as: UTF8.self)
        #expect(status == 0, "\(text)")
        #expect(text.hasSuffix("54 of 54 requests answered as Adobe documents (44 from the collections)\n"), "\(text)")
        await serve.stop()
    }
}
