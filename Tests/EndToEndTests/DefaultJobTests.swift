import Foundation
import Testing

/// `pendo-replay` with no target: the emulator in-process, the seed's chain, the reconciliation.
@Suite("the default job", .serialized)
struct DefaultJobTests {
    @Test("no target: emulator in-process, seed chain, per-event reconciliation, every report file")
    func defaultJob() async throws {
        let out = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try await CLIProcess.run(["--duration", "3s", "--out", out])
        #expect(result.status == 0, "stderr: \(result.stderr)\nstdout: \(result.stdout)")
        #expect(result.stdout.contains("reconciliation holds: per event"), "stdout: \(result.stdout)")
        for file in CLIProcess.reportFiles + ["outcomes.jsonl.gz"] {
            #expect(
                FileManager.default.fileExists(atPath: (out as NSString).appendingPathComponent(file)),
                "\(file) missing")
        }
        let report = try CLIProcess.report(in: out)
        let events = try #require(report["events"] as? [String: Any])
        let accepted = try #require(events["accepted"] as? Int)
        #expect(accepted > 0)
        let platform = try #require(report["platform"] as? [String: Any], "no platform section")
        #expect(platform["stored"] as? Int == accepted)
        #expect(platform["inputRecordCount"] as? Int == accepted)
        let reconciliation = try #require(report["reconciliation"] as? [String: Any], "no reconciliation section")
        #expect(reconciliation["method"] as? String == "perEvent")
        #expect(reconciliation["holds"] as? Bool == true)
        let perEvent = try #require(reconciliation["perEvent"] as? [String: Any])
        #expect(perEvent["acceptedMissing"] as? Int == 0)
        #expect(perEvent["stored"] as? Int == accepted)
        // One outcome line per planned event.
        let outcomes = try #require(perEvent["outcomes"] as? [String: Int])
        #expect(outcomes.values.reduce(0, +) == events["planned"] as? Int)
        #expect(outcomes["accepted"] == accepted)
        let summary = try String(
            contentsOfFile: (out as NSString).appendingPathComponent("summary.md"), encoding: .utf8)
        #expect(summary.contains("## Reconciliation (per event)"))
        #expect(result.stdout.contains("report: \(out)/report.json"))
    }

    @Test("a failing threshold exits 99 after writing every file")
    func failingThreshold() async throws {
        let out = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try await CLIProcess.run([
            "run", "--emulator", "--requests", "200", "--out", out, "--threshold", "rps>10000000", "--threshold",
            "rejected==0",
        ])
        #expect(result.status == 99, "stderr: \(result.stderr)\nstdout: \(result.stdout)")
        for file in CLIProcess.reportFiles {
            #expect(
                FileManager.default.fileExists(atPath: (out as NSString).appendingPathComponent(file)),
                "\(file) missing")
        }
        let junit = try String(contentsOfFile: (out as NSString).appendingPathComponent("junit.xml"), encoding: .utf8)
        #expect(junit.contains("<failure"))
        #expect(result.stdout.contains("threshold FAIL"))
    }

    @Test("--abort-on-fail stops the run once a threshold fails past the grace period")
    func abortOnFail() async throws {
        let out = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try await CLIProcess.run([
            "run", "--emulator", "--rate", "100", "--duration", "40s", "--out", out,
            "--threshold", "rps>100000000", "--abort-on-fail",
        ])
        #expect(result.status == 99, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("abort-on-fail"))
        let report = try CLIProcess.report(in: out)
        // An abort is named as one, never as a Ctrl-C.
        #expect(report["stopReason"] as? String == "aborted")
        #expect(report["abortedBy"] as? String == "rps>100000000")
        #expect((report["durationSeconds"] as? Double ?? 99) < 25)
    }

    @Test("without corpora/pendo-seed in the current directory: a clear error, no run")
    func missingSeed() async throws {
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try await CLIProcess.run(["--out", folder + "/out"], timeout: 30, in: folder)
        #expect(result.status != 0)
        #expect(result.stderr.contains("corpora/pendo-seed"), "stderr: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out/report.json"))
    }

    @Test("a bad threshold expression exits 2 before the run")
    func badThreshold() async throws {
        let out = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try await CLIProcess.run(
            ["run", "--emulator", "--out", out, "--threshold", "p99<<3"], timeout: 30)
        #expect(result.status == 2, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("--threshold"))
        #expect(!FileManager.default.fileExists(atPath: (out as NSString).appendingPathComponent("report.json")))
    }
}
