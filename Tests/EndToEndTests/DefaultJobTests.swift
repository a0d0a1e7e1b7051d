import Foundation
import Testing

/// Runs the built `pendo-replay` as a process, with a bound, and collects what it said.
enum CLIProcess {
    /// The package root (corpora/pendo-seed is found relative to it).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `pendo-replay arguments` in the package root; killed after `timeout` seconds.
    static func run(_ arguments: [String], timeout: Double = 90, in directory: String = CLIProcess.root) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try ServeDurabilityTests.binary())
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let outData = Collected()
        let errData = Collected()
        let group = DispatchGroup()
        for (pipe, sink) in [(out, outData), (err, errData)] {
            group.enter()
            DispatchQueue.global().async {
                sink.data = pipe.fileHandleForReading.readDataToEndOfFile()
                group.leave()
            }
        }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        if process.isRunning {
            process.terminate()
        }
        process.waitUntilExit()
        group.wait()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData.data, as: UTF8.self),
                      stderr: String(decoding: errData.data, as: UTF8.self))
    }

    final class Collected: @unchecked Sendable {
        var data = Data()
    }

    /// A fresh temporary folder.
    static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "pendo-replay-e2e-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// The report files `run` writes.
    static let reportFiles = ["report.json", "summary.md", "report.html", "latency.hgrm", "intervals.hlog", "junit.xml"]

    static func report(in folder: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: (folder as NSString).appendingPathComponent("report.json")))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }
}

/// `pendo-replay` with no target: the emulator in-process, the seed's chain, the reconciliation.
@Suite("the default job", .serialized)
struct DefaultJobTests {
    @Test("no target: emulator in-process, seed chain, stored = accepted, every report file")
    func defaultJob() throws {
        let out = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try CLIProcess.run(["--duration", "3s", "--out", out])
        #expect(result.status == 0, "stderr: \(result.stderr)\nstdout: \(result.stdout)")
        let line = try #require(result.stdout.split(separator: "\n").first { $0.hasPrefix("reconciliation:") }, "stdout: \(result.stdout)")
        let numbers = line.split(separator: " ").compactMap { Int($0) }
        #expect(numbers.count >= 2 && numbers[0] == numbers[1] && numbers[0] > 0, "\(line)")
        for file in CLIProcess.reportFiles {
            #expect(FileManager.default.fileExists(atPath: (out as NSString).appendingPathComponent(file)), "\(file) missing")
        }
        let report = try CLIProcess.report(in: out)
        let events = try #require(report["events"] as? [String: Any])
        let platform = try #require(report["platform"] as? [String: Any], "no platform section")
        #expect(platform["stored"] as? Int == events["accepted"] as? Int)
        #expect(platform["inputRecordCount"] as? Int == events["accepted"] as? Int)
        #expect(result.stdout.contains("report: \(out)/report.json"))
    }

    @Test("a failing threshold exits 99 after writing every file")
    func failingThreshold() throws {
        let out = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try CLIProcess.run(["run", "--emulator", "--requests", "200", "--out", out, "--threshold", "rps>10000000", "--threshold", "rejected==0"])
        #expect(result.status == 99, "stderr: \(result.stderr)\nstdout: \(result.stdout)")
        for file in CLIProcess.reportFiles {
            #expect(FileManager.default.fileExists(atPath: (out as NSString).appendingPathComponent(file)), "\(file) missing")
        }
        let junit = try String(contentsOfFile: (out as NSString).appendingPathComponent("junit.xml"), encoding: .utf8)
        #expect(junit.contains("<failure"))
        #expect(result.stdout.contains("threshold FAIL"))
    }

    @Test("--abort-on-fail stops the run once a threshold fails past the grace period")
    func abortOnFail() throws {
        let out = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try CLIProcess.run(["run", "--emulator", "--rate", "100", "--duration", "40s", "--out", out,
                                         "--threshold", "rps>100000000", "--abort-on-fail"])
        #expect(result.status == 99, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("abort-on-fail"))
        let report = try CLIProcess.report(in: out)
        #expect(report["stopReason"] as? String == "interrupted")
        #expect((report["durationSeconds"] as? Double ?? 99) < 25)
    }

    @Test("without corpora/pendo-seed in the current directory: a clear error, no run")
    func missingSeed() throws {
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try CLIProcess.run(["--out", folder + "/out"], timeout: 30, in: folder)
        #expect(result.status != 0)
        #expect(result.stderr.contains("corpora/pendo-seed"), "stderr: \(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: folder + "/out/report.json"))
    }

    @Test("a bad threshold expression exits 2 before the run")
    func badThreshold() throws {
        let out = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try CLIProcess.run(["run", "--emulator", "--out", out, "--threshold", "p99<<3"], timeout: 30)
        #expect(result.status == 2, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("--threshold"))
        #expect(!FileManager.default.fileExists(atPath: (out as NSString).appendingPathComponent("report.json")))
    }
}
