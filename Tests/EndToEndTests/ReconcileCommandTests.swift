import Foundation
import Testing

/// `run --outcomes` against `serve` with resets and 503s, then `reconcile` by the store and by HTTP.
@Suite("reconcile against serve", .serialized)
struct ReconcileCommandTests {
    static func corpus(_ count: Int, in folder: String) throws -> String {
        let path = folder + "/events.jsonl"
        let lines = (0..<count).map { #"{"uniqueId": "u\#($0)", "accountId": "a\#($0 % 7)", "event": "track"}"# }
        try Data((lines.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test(
        "resets and 503s with retries: the identity holds with unknown counted, nothing accepted is missing, duplicates are explained"
    )
    func faultsReconcile() async throws {
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let data = folder + "/data"
        let serve = try await ServeProcess.start(arguments: [
            "--data", data, "--reset-rate", "0.05", "--error-rate", "503=0.05",
        ])
        defer { serve.terminate() }
        let base = "http://127.0.0.1:\(serve.port)"
        let (flowId, _) = try await ServeDurabilityTests.provision(base)
        let corpus = try Self.corpus(400, in: folder)
        let out = folder + "/out"
        let run = try await CLIProcess.run([
            "run", "--flow-service", base, "--flow-id", flowId, "--corpus", corpus, "--concurrency", "4",
            "--retries", "2", "--outcomes", "--out", out, "--quiet",
        ])
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let report = try CLIProcess.report(in: out)
        let events = try #require(report["events"] as? [String: Int])
        #expect(events["planned"] == 400 && events["sent"] == 400)
        #expect(events["sent"] == events["accepted"]! + events["rejected"]! + events["failed"]! + events["unknown"]!)
        let reconciliation = try #require(report["reconciliation"] as? [String: Any])
        #expect(reconciliation["method"] as? String == "perEvent")
        #expect(reconciliation["holds"] as? Bool == true, "\(reconciliation)")
        let perEvent = try #require(reconciliation["perEvent"] as? [String: Any])
        #expect(perEvent["acceptedMissing"] as? Int == 0)
        #expect(perEvent["storedAlthoughRejectedOrFailed"] as? Int == 0)
        let errors = try #require(report["errors"] as? [[String: Any]])
        #expect(
            errors.contains { $0["class"] as? String == "reset" },
            "the fault rate should have reset some of 400 requests")

        let outcomes = out + "/outcomes.jsonl.gz"
        let byStore = try await CLIProcess.run([
            "reconcile", "--outcomes", outcomes, "--data", data, "--flow-id", flowId,
        ])
        #expect(byStore.status == 0, "stdout: \(byStore.stdout)\nstderr: \(byStore.stderr)")
        #expect(byStore.stdout.contains("reconciliation holds: per event"))
        #expect(byStore.stdout.contains("accepted but missing (data loss): 0"))
        let byHTTP = try await CLIProcess.run([
            "reconcile", "--outcomes", outcomes, "--flow-service", base, "--flow-id", flowId, "--json",
        ])
        #expect(byHTTP.status == 0, "stderr: \(byHTTP.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(byHTTP.stdout.utf8)) as? [String: Any])
        #expect((json["perEvent"] as? [String: Any])?["stored"] as? Int == perEvent["stored"] as? Int)

        // An outcome the store cannot back: an accepted event it never received is loss, exit 1.
        let forged = folder + "/forged.jsonl"
        let ghost =
            #"{"attempts":1,"file":"x","key":"ghost","keyKind":"uniqueId","line":1,"outcome":"accepted","status":200,"unanswered":0}"#
        try Data((ghost + "\n").utf8).write(to: URL(fileURLWithPath: forged))
        let lost = try await CLIProcess.run(["reconcile", "--outcomes", forged, "--data", data, "--flow-id", flowId])
        #expect(lost.status == 1)
        #expect(lost.stdout.contains("accepted but missing (data loss): 1"), "\(lost.stdout)")
        #expect(lost.stdout.contains("acceptedMissing: ghost"))
    }

    @Test("a bad outcomes line names its file and line; no store given is a usage error")
    func badInput() async throws {
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bad = folder + "/bad.jsonl"
        try Data(#"{"key": 3}"#.utf8 + [0x0A]).write(to: URL(fileURLWithPath: bad))
        let usage = try await CLIProcess.run(["reconcile", "--outcomes", bad], timeout: 30)
        #expect(usage.status == 2)
        try FileManager.default.createDirectory(atPath: folder + "/data", withIntermediateDirectories: true)
        let serve = try await ServeProcess.start(arguments: ["--data", folder + "/data"])
        await serve.stop()
        let result = try await CLIProcess.run(
            ["reconcile", "--outcomes", bad, "--data", folder + "/data"], timeout: 30)
        #expect(result.status == 1)
        #expect(result.stderr.contains("bad.jsonl:1"), "\(result.stderr)")
    }
}
