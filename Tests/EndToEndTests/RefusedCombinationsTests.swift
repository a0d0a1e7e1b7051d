import Foundation
import Testing

/// Settings that cannot work are refused before anything is sent (exit 2), with the reason and the
/// fix, and text that would break a request's head is refused wherever it comes from. The inlet is
/// a closed port: nothing here may get as far as connecting.
@Suite("refused combinations")
struct RefusedCombinationsTests {
    static let deadInlet = "http://127.0.0.1:9/collection/abc"
    static let base = ["run", "--inlet", deadInlet, "--corpus", "corpora/pendo-seed", "--quiet"]

    static func refused(_ extra: [String], saying text: String) async throws {
        let result = try await CLIProcess.run(Self.base + extra, timeout: 60)
        #expect(result.status == 2, "\(extra): exit \(result.status), \(result.stderr)")
        #expect(result.stderr.contains(text), "\(extra): \(result.stderr)")
        #expect(!result.stderr.contains("unreachable"), "\(extra) got as far as connecting")
    }

    @Test("--batch above 1 with raw events: the reason and the fix")
    func batchWithRaw() async throws {
        try await Self.refused(
            ["--batch", "10"],
            saying: "--batch 10: with --payload raw: the batch endpoint (/collection/batch/) takes XDM messages only")
        try await Self.refused(
            ["--batch", "10"], saying: "use --payload xdm with --batch, or --batch 1 for raw events")
    }

    @Test("--payload xdm to a bare --inlet needs --schema-id")
    func xdmNeedsSchemaId() async throws {
        try await Self.refused(["--payload", "xdm"], saying: "--payload xdm to --inlet needs --schema-id ID")
    }

    @Test("--payload xdm with --flow FILE: a --schema-id other than the flow's dataset schema is refused")
    func xdmSchemaFromFlow() async throws {
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let flow = (folder as NSString).appendingPathComponent("flow.json")
        try Data(
            #"{"flowId": "flow-1", "inletUrl": "http://127.0.0.1:9/collection/abc", "schemaId": "https://ns.adobe.com/t/schemas/right"}"#
                .utf8
        )
        .write(to: URL(fileURLWithPath: flow))
        let result = try await CLIProcess.run(
            [
                "run", "--flow", flow, "--corpus", "corpora/pendo-seed", "--quiet", "--payload", "xdm",
                "--schema-id", "https://ns.adobe.com/t/schemas/wrong",
            ], timeout: 60)
        #expect(result.status == 2)
        #expect(
            result.stderr.contains(
                "--schema-id https://ns.adobe.com/t/schemas/wrong is not the schema of the flow's dataset (https://ns.adobe.com/t/schemas/right"
            ),
            "\(result.stderr)")
    }

    @Test(
        "--payload xdm with --flow-service and --flow-id: the envelope's schema is the flow's, asked of the Flow Service"
    )
    func xdmSchemaFromTheFlowService() async throws {
        let bench = try await FaultBench.start([], bundle: "corpora/pendo-xdm")
        defer { Task { await bench.finish() } }
        let (service, folder) = (bench.base, bench.folder)
        let ids = try bench.savedIds()
        let flowId = try #require(ids["flowId"] as? String)
        // No --schema-id and no file: every message names the flow's schema, so every one is stored.
        let run = try await CLIProcess.run(
            [
                "run", "--flow-service", service, "--flow-id", flowId, "--corpus", "corpora/pendo-xdm",
                "--payload", "xdm", "--requests", "20", "--concurrency", "2", "--quiet",
                "--out", (folder as NSString).appendingPathComponent("run"),
            ], timeout: 60)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try #require(
            try JSONSerialization.jsonObject(
                with: Data(
                    contentsOf: URL(
                        fileURLWithPath: (folder as NSString)
                            .appendingPathComponent("run/report.json")))) as? [String: Any])
        #expect((report["events"] as? [String: Any])?["accepted"] as? Int == 20, "\(report["events"] ?? "")")
        // Another schema than the flow's is refused before anything is sent.
        let wrong = try await CLIProcess.run(
            [
                "run", "--flow-service", service, "--flow-id", flowId, "--corpus", "corpora/pendo-xdm",
                "--payload", "xdm", "--schema-id", "https://ns.adobe.com/t/schemas/wrong", "--requests", "20",
                "--quiet",
            ], timeout: 60)
        #expect(wrong.status == 2)
        #expect(
            wrong.stderr.contains(
                "is not the schema of the flow's dataset (\(ids["schemaId"] as? String ?? "?"), from the flow \(flowId))"
            ),
            "\(wrong.stderr)")
    }

    @Test("flags that mean nothing without another are refused alone")
    func lonelyFlags() async throws {
        try await Self.refused(["--schema-id", "s"], saying: "--schema-id shape XDM messages, but --payload raw")
        try await Self.refused(["--max-gap", "5s"], saying: "--max-gap applies to --replay-speed only")
        try await Self.refused(
            ["--abort-on-fail"], saying: "--abort-on-fail stops the run when a --threshold fails, and none is given")
        try await Self.refused(["--loop"], saying: "--loop : repeats the corpus with nothing to end the run")
        try await Self.refused(["--max-in-flight", "8"], saying: "--max-in-flight 8: applies to an open loop only")
    }

    @Test("a line break in a header, the flow id or a flow file's values is refused, naming where")
    func lineBreaks() async throws {
        try await Self.refused(
            ["--header", "X-A: one\r\nX-Injected: two"], saying: "--header X-A <redacted>: holds a line break")
        try await Self.refused(["--flow-id", "flow\nX-Injected: two"], saying: "--flow-id")
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let flow = (folder as NSString).appendingPathComponent("flow.json")
        try Data(#"{"flowId": "flow-1\r\nX-Injected: 1", "inletUrl": "http://127.0.0.1:9/collection/abc"}"#.utf8).write(
            to: URL(fileURLWithPath: flow))
        let result = try await CLIProcess.run(
            ["run", "--flow", flow, "--corpus", "corpora/pendo-seed", "--quiet"], timeout: 60)
        #expect(result.status == 2)
        #expect(result.stderr.contains("--flow \(flow) (flowId)"), "\(result.stderr)")
        #expect(result.stderr.contains("holds a line break"))
    }
}
