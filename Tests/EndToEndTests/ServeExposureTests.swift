import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `serve` as a server others may reach: a warning when it would listen beyond loopback with no
/// token, and no temporary database left behind after it stops.
@Suite("serve exposure and clean-up", .serialized)
struct ServeExposureTests {
    @Test("a host beyond loopback with no --require-token is warned about; with a token, or on loopback, it is not")
    func nonLoopbackWarning() async throws {
        // 192.0.2.1 (TEST-NET-1) is on no interface here: serve warns, then cannot bind and exits 1,
        // so nothing is ever exposed by the test.
        let open = try await CLIProcess.run(["serve", "--host", "192.0.2.1", "--port", "0"], timeout: 60)
        #expect(
            open.stderr.contains("warning: listening on 192.0.2.1, beyond loopback, with no --require-token"),
            "\(open.stderr)")
        #expect(open.status == 1)
        let guarded = try await CLIProcess.run(
            ["serve", "--host", "192.0.2.1", "--port", "0", "--require-token", "t0k3n-abcdef"], timeout: 60)
        #expect(!guarded.stderr.contains("warning: listening"), "\(guarded.stderr)")
        #expect(!guarded.stderr.contains("t0k3n-abcdef"))
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let log = (folder as NSString).appendingPathComponent("serve.log")
        let loopback = try await ServeProcess.start(arguments: [], log: log)
        await loopback.stop()
        #expect(!(try String(contentsOfFile: log, encoding: .utf8)).contains("warning"))
    }

    @Test("serve with no --data removes its temporary database folder when it stops on SIGTERM")
    func temporaryDatabaseRemoved() async throws {
        let server = try await ServeProcess.start(arguments: [])
        let database = try #require(server.database)
        #expect(FileManager.default.fileExists(atPath: database))
        await server.stop()
        #expect(
            !FileManager.default.fileExists(atPath: (database as NSString).deletingLastPathComponent),
            "the temporary folder of \(database) is still there")
    }

    @Test("serve with --data keeps its database when it stops")
    func dataFolderKept() async throws {
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let server = try await ServeProcess.start(arguments: ["--data", folder])
        await server.stop()
        #expect(FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("emulator.sqlite")))
    }

    @Test("--max-batch-messages 0 is refused as usage (exit 2) naming the flag")
    func batchCapFlag() async throws {
        let result = try await CLIProcess.run(["serve", "--port", "0", "--max-batch-messages", "0"], timeout: 60)
        #expect(result.status == 2)
        #expect(result.stderr.contains("--max-batch-messages must be at least 1"))
    }
}
