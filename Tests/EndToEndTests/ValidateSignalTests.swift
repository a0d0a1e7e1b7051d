import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The one signal rule of `run` and `validate`: the first SIGINT stops the work and writes the
/// report of what happened, a second ends the process at once (exit 130). Nothing here depends on
/// the machine's speed: validate reads a named pipe the test controls, and run's requests are held
/// by `serve --stall` for longer than any test lasts.
@Suite("signals of run and validate", .serialized)
struct ValidateSignalTests {
    /// A named pipe in `folder` and 500 synthesized events' lines to feed it.
    static func pipe(in folder: String) async throws -> (fifo: String, lines: [UInt8]) {
        let sample = (folder as NSString).appendingPathComponent("sample.jsonl")
        let synth = try await CLIProcess.run(["synth", "--events", "500", "--seed", "3", "--output", sample])
        #expect(synth.status == 0, "\(synth.stderr)")
        let fifo = (folder as NSString).appendingPathComponent("events.jsonl")
        #expect(mkfifo(fifo, 0o600) == 0)
        return (fifo, [UInt8](try Data(contentsOf: URL(fileURLWithPath: sample))))
    }

    static func validate(_ fifo: String, out: String) throws -> CLIProcess.Launched {
        try CLIProcess.launch([
            "validate", "--corpus", fifo, "--mapping", "corpora/pendo-seed/mapping.json",
            "--schema", "corpora/pendo-seed/schema.json", "--out", out, "--workers", "1",
        ])
    }

    @Test("SIGINT during validate: the events read so far are reported, exit 1, stderr says so")
    func interrupted() async throws {
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (fifo, lines) = try await Self.pipe(in: folder)
        let out = (folder as NSString).appendingPathComponent("out")
        let child = try Self.validate(fifo, out: out)
        defer { child.kill9() }
        // Feeds the pipe until validate closes it (bounded at 200 MB); says so once 1 MB is in,
        // more than a pipe holds, so validate is reading by then.
        let megabyteIn = OneShot<Bool>()
        Thread {
            signal(SIGPIPE, SIG_IGN)
            let fd = open(fifo, O_WRONLY)
            guard fd >= 0 else {
                megabyteIn.set(false)
                return
            }
            defer { close(fd) }
            var written = 0
            while written < 200 << 20 {
                let n = lines.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
                if n <= 0 { break }
                written += n
                if written >= 1 << 20 { megabyteIn.set(true) }
            }
            megabyteIn.set(false)
        }.start()
        #expect(await megabyteIn.value, "validate stopped reading before 1 MB")
        kill(child.pid, SIGINT)
        let status = await child.exited(within: 60)
        #expect(status == 1, "exit \(String(describing: status))")
        let text = String(decoding: await child.stderr.value, as: UTF8.self)
        #expect(text.contains("validate: interrupted: the report covers the"), "\(text)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/validation.json")))
                as? [String: Any])
        #expect(!report.isEmpty)
        #expect(FileManager.default.fileExists(atPath: out + "/validation.md"))
    }

    @Test("validate waiting on its input: the first SIGINT cannot end the read, the second ends validate at once (130)")
    func secondSignalEndsValidate() async throws {
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (fifo, lines) = try await Self.pipe(in: folder)
        let child = try Self.validate(fifo, out: (folder as NSString).appendingPathComponent("out"))
        defer { child.kill9() }
        // Writes 500 events, then holds the pipe open without writing: validate waits in read().
        let written = OneShot<Bool>()
        let release = OneShot<Bool>()
        Thread {
            signal(SIGPIPE, SIG_IGN)
            let fd = open(fifo, O_WRONLY)
            guard fd >= 0 else {
                written.set(false)
                return
            }
            let n = lines.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            written.set(n == lines.count)
            let done = DispatchSemaphore(value: 0)
            Task {
                _ = await release.value
                done.signal()
            }
            done.wait()
            close(fd)
        }.start()
        defer { release.set(true) }
        #expect(await written.value)
        kill(child.pid, SIGINT)
        #expect(await child.exited(within: 2) == nil, "the first signal ended validate while its input was still open")
        kill(child.pid, SIGINT)
        let status = await child.exited(within: 60)
        #expect(status == 130, "a second signal must end validate at once with 130 (got \(String(describing: status)))")
    }

    @Test(
        "run with a request held by the inlet: the first SIGINT drains (600 s allowed), the second ends run at once (130)"
    )
    func secondSignalEndsRun() async throws {
        let bench = try await FaultBench.start(["--stall", "0s+600s", "--shutdown-timeout", "0s"])
        defer { Task { await bench.finish() } }
        let child = try CLIProcess.launch([
            "run", "--flow", bench.flowFile, "--corpus", "corpora/pendo-seed", "--quiet",
            "--concurrency", "1", "--requests", "3", "--drain-timeout", "600s",
            "--out", (bench.folder as NSString).appendingPathComponent("run"),
        ])
        defer { child.kill9() }
        var held = false
        for _ in 0..<600 where !held {
            let (data, _) = try await URLSession.shared.data(from: URL(string: bench.base + "/metrics")!)
            held = String(decoding: data, as: UTF8.self).contains("emulator_http_requests_in_flight 1")
            if !held { try await Task.sleep(for: .milliseconds(50)) }
        }
        try #require(held, "the run's request never reached serve")
        kill(child.pid, SIGINT)
        #expect(
            await child.exited(within: 2) == nil,
            "run ended although its answer is 600 s away and the drain allows that")
        kill(child.pid, SIGINT)
        let status = await child.exited(within: 60)
        #expect(status == 130, "a second signal must end run at once with 130 (got \(String(describing: status)))")
        let text = String(decoding: await child.stderr.value, as: UTF8.self)
        #expect(text.contains("stopping: waiting for answers in flight"), "\(text)")
    }
}
