import Foundation
import Testing

/// `run --flow-service URL --flow-id ID` and `run --flow FILE` against `serve` on loopback: the inlet
/// resolved through GET /flows/{id}, and the flow's /runs record summary in the report.
@Suite("run through a flow", .serialized)
struct RunFlowTests {
    @Test("the inlet resolved from the flow, the platform's recordSummary beside the harness's accounting")
    func flowService() async throws {
        let server = try await ServeProcess.start(arguments: [])
        defer { server.terminate() }
        let service = "http://127.0.0.1:\(server.port)"
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let flowFile = (folder as NSString).appendingPathComponent("flow.json")
        let provision = try await CLIProcess.run(
            ["provision", "--flow-service", service, "--corpus", "corpora/pendo-seed", "--save", flowFile], timeout: 30)
        #expect(provision.status == 0, "stderr: \(provision.stderr)")
        let saved = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: flowFile))) as? [String: Any])
        let flowId = try #require(saved["flowId"] as? String)

        let out = (folder as NSString).appendingPathComponent("a")
        let result = try await CLIProcess.run(
            [
                "run", "--flow-service", service, "--flow-id", flowId, "--corpus", "corpora/pendo-seed",
                "--requests", "150", "--concurrency", "4", "--out", out,
            ], timeout: 60)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let report = try CLIProcess.report(in: out)
        let events = try #require(report["events"] as? [String: Any])
        let accepted = try #require(events["accepted"] as? Int)
        #expect(accepted > 0)
        let platform = try #require(report["platform"] as? [String: Any], "no platform section")
        #expect(platform["flowId"] as? String == flowId)
        #expect(platform["inputRecordCount"] as? Int == accepted)
        let output = try #require(platform["outputRecordCount"] as? Int)
        let failed = try #require(platform["failedRecordCount"] as? Int)
        #expect(output + failed == accepted)
        let configuration = try #require(report["configuration"] as? [String: Any])
        #expect((configuration["inlet"] as? String)?.hasPrefix(service + "/collection/") == true)
        #expect(result.stdout.contains("platform (flow \(flowId) /runs): input \(accepted)"))

        // --flow FILE: the saved file names the Flow Service; the flow's runs now count both runs.
        let outB = (folder as NSString).appendingPathComponent("b")
        let second = try await CLIProcess.run(
            [
                "run", "--flow", flowFile, "--corpus", "corpora/pendo-seed", "--requests", "50",
                "--concurrency", "2", "--out", outB,
            ], timeout: 60)
        #expect(second.status == 0, "stderr: \(second.stderr)")
        let reportB = try CLIProcess.report(in: outB)
        let acceptedB = try #require((reportB["events"] as? [String: Any])?["accepted"] as? Int)
        #expect((reportB["platform"] as? [String: Any])?["inputRecordCount"] as? Int == accepted + acceptedB)
    }
}
