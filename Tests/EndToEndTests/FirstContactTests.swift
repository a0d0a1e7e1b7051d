import Foundation
import Testing

/// The mistakes a new user makes first, with the built binary: each fails loudly, with the exit code
/// and a message that says what happened and what to do.
@Suite("first contact", .serialized)
struct FirstContactTests {
    /// A port nothing listens on: the runs below must stop before connecting.
    static let deadInlet = "http://127.0.0.1:9/collection/abc"

    @Test("a corpus with no readable event (a CSV, random bytes) is exit 1 with the reader's located errors")
    func unreadableCorpus() async throws {
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let csv = (folder as NSString).appendingPathComponent("events.csv")
        try "visitorId,accountId\nv1,a1\nv2,a2\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let result = try await CLIProcess.run(
            [
                "run", "--inlet", Self.deadInlet, "--corpus", csv, "--quiet",
                "--out", folder + "/out",
            ], timeout: 30)
        #expect(result.status == 1, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("no readable event (3 unreadable)"), "\(result.stderr)")
        #expect(result.stderr.contains("events.csv:1"), "\(result.stderr)")
        #expect(result.stderr.contains("events.csv:3"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out/report.json"), "nothing ran")

        // Random bytes: every line unreadable, each error located.
        let noise = (folder as NSString).appendingPathComponent("noise.bin")
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<4096).map { index in
            index % 97 == 96 ? UInt8(0x0A) : UInt8.random(in: 0x80...0xFF, using: &generator)
        }
        try Data(bytes).write(to: URL(fileURLWithPath: noise))
        let random = try await CLIProcess.run(
            ["run", "--inlet", Self.deadInlet, "--corpus", noise, "--quiet"], timeout: 30)
        #expect(random.status == 1, "stderr: \(random.stderr)")
        #expect(random.stderr.contains("no readable event"), "\(random.stderr)")
        #expect(random.stderr.contains("noise.bin:1"), "\(random.stderr)")
    }

    @Test("an inlet URL not of the shape …/collection/{id} is exit 2 with the expected shape")
    func inletShape() async throws {
        for url in [
            "http://127.0.0.1:9/", "http://127.0.0.1:9/collection/", "http://127.0.0.1:9/inlet/abc",
            "http://127.0.0.1:9/collection/batch/",
        ] {
            let result = try await CLIProcess.run(
                ["run", "--inlet", url, "--corpus", "corpora/pendo-seed", "--quiet"], timeout: 30)
            #expect(result.status == 2, "\(url): \(result.stderr)")
            #expect(result.stderr.contains("/collection/{INLET_ID}"), "\(url): \(result.stderr)")
        }
    }

    @Test(
        "raw events to an inlet with no flow id: a warning first; every event refused is exit 1 with the inlet's message on one line"
    )
    func nothingAccepted() async throws {
        let server = try await ServeProcess.start(arguments: [])
        defer { server.terminate() }
        let service = "http://127.0.0.1:\(server.port)"
        let provision = try await CLIProcess.run(
            ["provision", "--flow-service", service, "--corpus", "corpora/pendo-seed"], timeout: 30)
        #expect(provision.status == 0, "stderr: \(provision.stderr)")
        let chain = try #require(try JSONSerialization.jsonObject(with: Data(provision.stdout.utf8)) as? [String: Any])
        let inlet = try #require(chain["inletUrl"] as? String)
        let flowId = try #require(chain["flowId"] as? String)
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }

        let refused = try await CLIProcess.run(
            [
                "run", "--inlet", inlet, "--corpus", "corpora/pendo-seed", "--requests", "40",
                "--concurrency", "2", "--out", folder + "/refused",
            ], timeout: 60)
        #expect(refused.status == 1, "stderr: \(refused.stderr)")
        let lines = refused.stderr.split(separator: "\n").map(String.init)
        let warning = try #require(
            lines.firstIndex { $0.hasPrefix("warning: raw events go to the inlet with no flow id") },
            "\(refused.stderr)")
        let error = try #require(
            lines.firstIndex { $0.hasPrefix("error: no event was accepted (40 sent)") }, "\(refused.stderr)")
        #expect(warning < error)
        #expect(
            lines[error].hasSuffix(
                "send its flow id as the header x-adobe-flow-id or the query parameter ?x-adobe-flow-id="),
            "\(lines[error])")
        #expect(refused.stdout.contains("400 Bad Request: inletId:"), "\(refused.stdout)")
        #expect(FileManager.default.fileExists(atPath: folder + "/refused/report.json"), "the report is still written")

        // The README's form with the flow id: accepted, exit 0, no warning.
        let accepted = try await CLIProcess.run(
            [
                "run", "--inlet", inlet, "--flow-id", flowId, "--corpus", "corpora/pendo-seed",
                "--requests", "40", "--concurrency", "2", "--out", folder + "/accepted",
            ], timeout: 60)
        #expect(accepted.status == 0, "stderr: \(accepted.stderr)")
        #expect(!accepted.stderr.contains("warning: raw events"), "\(accepted.stderr)")
    }

    @Test("every command's help fits in 80 columns, usage line included")
    func helpAtEightyColumns() async throws {
        let commands = [
            ["run"], ["validate"], ["map"], ["inspect"], ["synth"], ["serve"], ["provision"], ["report"],
            ["report", "compare"], ["report", "merge"], ["diff"], ["reconcile"],
        ]
        for command in commands {
            let help = try await CLIProcess.run(command + ["--help"], timeout: 30)
            let long = help.stdout.split(separator: "\n").filter { $0.count > 80 }
            #expect(long.isEmpty, "\(command.joined(separator: " ")): \(long)")
        }
    }

    @Test(
        "--abort-on-fail stops at a failing count with stop reason 'aborted (threshold …)'; --abort-grace has its default in --help"
    )
    func abortOnFail() async throws {
        let help = try await CLIProcess.run(["run", "--help"], timeout: 30)
        #expect(help.stdout.contains("--abort-grace"), "\(help.stdout)")
        #expect(help.stdout.contains("(default: 10s)"), "\(help.stdout)")

        let server = try await ServeProcess.start(arguments: ["--error-rate", "503=0.5"])
        defer { server.terminate() }
        let service = "http://127.0.0.1:\(server.port)"
        let provision = try await CLIProcess.run(
            ["provision", "--flow-service", service, "--corpus", "corpora/pendo-seed"], timeout: 30)
        let chain = try #require(try JSONSerialization.jsonObject(with: Data(provision.stdout.utf8)) as? [String: Any])
        let flowId = try #require(chain["flowId"] as? String)
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // 30 s at 50/s unless the rule stops it; a count that can only grow stops it without grace.
        let result = try await CLIProcess.run(
            [
                "run", "--flow-service", service, "--flow-id", flowId, "--corpus", "corpora/pendo-seed",
                "--rate", "50", "--duration", "30s", "--loop", "--threshold", "failed<2", "--abort-on-fail",
                "--out", folder,
            ], timeout: 90)
        #expect(result.status == 99, "stderr: \(result.stderr)")
        let report = try CLIProcess.report(in: folder)
        #expect(report["stopReason"] as? String == "aborted")
        #expect(report["abortedBy"] as? String == "failed<2")
        #expect(result.stdout.contains("run: aborted (threshold failed<2) after"), "\(result.stdout)")
        let summary = try String(contentsOfFile: folder + "/summary.md", encoding: .utf8)
        #expect(summary.contains("stopped: aborted (threshold failed<2)"))

        let bad = try await CLIProcess.run(
            ["run", "--inlet", Self.deadInlet, "--corpus", "corpora/pendo-seed", "--abort-grace", "soon"], timeout: 30)
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("--abort-grace soon"), "\(bad.stderr)")
    }

    @Test("a mistyped subcommand gets 'did you mean validate?' and exit 2, not run's usage")
    func mistypedCommand() async throws {
        let result = try await CLIProcess.run(["valdiate", "--corpus", "corpora/pendo-seed"], timeout: 30)
        #expect(result.status == 2)
        #expect(result.stderr == "error: unknown command 'valdiate'; did you mean validate?\n", "\(result.stderr)")
        let far = try await CLIProcess.run(["frobnicate"], timeout: 30)
        #expect(far.status == 2)
        #expect(far.stderr.contains("the commands are run, synth, inspect, map, validate"), "\(far.stderr)")
    }

    @Test("map takes a bundle folder and uses its mapping.json and schema.json")
    func mapBundle() async throws {
        let bundle = try await CLIProcess.run(["map", "corpora/pendo-seed", "--quiet"], timeout: 120)
        let explicit = try await CLIProcess.run(
            [
                "map", "--mapping", "corpora/pendo-seed/mapping.json", "--schema", "corpora/pendo-seed/schema.json",
                "corpora/pendo-seed", "--quiet",
            ], timeout: 120)
        #expect(bundle.status == explicit.status)
        #expect(!bundle.stdout.isEmpty)
        #expect(bundle.stdout == explicit.stdout)
        let none = try await CLIProcess.run(["map"], stdin: "{}\n", timeout: 30)
        #expect(none.status == 2)
        #expect(none.stderr.contains("map needs --mapping FILE, or a bundle folder"), "\(none.stderr)")
    }

    @Test("serve on a busy port names the port and suggests --port 0")
    func busyPort() async throws {
        let server = try await ServeProcess.start(arguments: [])
        defer { server.terminate() }
        let second = try await CLIProcess.run(["serve", "--port", String(server.port)], timeout: 60)
        #expect(second.status == 1)
        #expect(second.stderr.contains("127.0.0.1:\(server.port) is already in use"), "\(second.stderr)")
        #expect(second.stderr.contains("--port 0"), "\(second.stderr)")
    }

    @Test(
        "report compare takes run folders and warns when the setups differ; a bare tolerance is refused; merge refuses runs that did not overlap"
    )
    func compareAndMerge() async throws {
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        for (name, flags) in [("a", ["--rate", "100"]), ("b", ["--rate", "150", "--concurrency", "8"])] {
            let run = try await CLIProcess.run(
                ["run", "--emulator", "--requests", "60", "--quiet", "--out", folder + "/" + name] + flags, timeout: 120
            )
            #expect(run.status == 0, "\(name): \(run.stderr)")
        }
        let compare = try await CLIProcess.run(["report", "compare", folder + "/a", folder + "/b"], timeout: 30)
        // The verdict (0 or 99) follows two runs' latencies on a shared machine; the warnings are the point.
        #expect([0, 99].contains(compare.status), "\(compare.stderr)")
        #expect(compare.stdout.contains("| p(99)"), "\(compare.stdout)")
        #expect(compare.stderr.contains("warning: the runs' setups differ, rate: 100 → 150"), "\(compare.stderr)")
        #expect(compare.stderr.contains("warning: the runs' setups differ, concurrency: 64 → 8"), "\(compare.stderr)")
        let bare = try await CLIProcess.run(
            ["report", "compare", folder + "/a", folder + "/b", "--tolerance", "10"], timeout: 30)
        #expect(bare.status == 2)
        #expect(bare.stderr.contains("did you mean 10%?"), "\(bare.stderr)")
        // The second run started after the first had ended: not shards of one test.
        let merge = try await CLIProcess.run(
            ["report", "merge", folder + "/a/report.json", folder + "/b/report.json", "--out", folder + "/m"],
            timeout: 30)
        #expect(merge.status == 1, "\(merge.stderr)")
        #expect(merge.stderr.contains("did not overlap in time"), "\(merge.stderr)")
        let sequential = try await CLIProcess.run(
            [
                "report", "merge", folder + "/a/report.json", folder + "/b/report.json", "--sequential",
                "--out", folder + "/m",
            ], timeout: 30)
        #expect(sequential.status == 0, "\(sequential.stderr)")
    }
}
