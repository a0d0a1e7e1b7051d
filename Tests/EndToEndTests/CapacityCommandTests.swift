import Foundation
import Testing

/// `pendo-replay capacity` against `serve --capacity R` on loopback: an inlet whose capacity is known.
@Suite("capacity", .serialized)
struct CapacityCommandTests {
    @Test("a search with 10 s steps lands within 85-102 % of the emulator's capacity, and writes its files")
    func findsTheEmulatorsCapacity() async throws {
        // The delivery rule (98 % of the offered rate) decides here, not latency: other suites run
        // beside this one, and the emulator shares this machine's cores with them, so its latency
        // is not the capacity's; a p90 within 1 s only catches a queue far behind. Windows count
        // answers by the second they came, so latency that drifts by d over a step moves d × rate
        // answers out of the windows: the 4 s windows of 10 s steps keep a drift of 160 ms within
        // the rule's 2 %, where the issue's 6 s steps (2 s windows) allow 80 ms, which a machine
        // running the whole suite exceeds (bench/capacity-check.sh runs the issue's 6 s steps).
        let capacity = 200.0
        let bench = try await FaultBench.start(["--capacity", "200"])
        defer { Task { await bench.finish() } }
        let out = (bench.folder as NSString).appendingPathComponent("capacity")
        let result = try await CLIProcess.run(
            [
                "capacity", "--flow", bench.flowFile, "--corpus", "corpora/pendo-seed", "--slo", "p90<1s", "--slo",
                "error_rate<1%",
                "--start", "50", "--max", "1200", "--step", "10s", "--warmup", "2s", "--precision", "10%",
                "--concurrency", "16",
                "--max-in-flight", "512", "--out", out, "--quiet",
            ],
            timeout: 300)
        #expect(!result.timedOut, "the search outlived 300 s")
        let data = try Data(contentsOf: URL(fileURLWithPath: (out as NSString).appendingPathComponent("capacity.json")))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["schemaVersion"] as? Int == 1)
        let steps = try #require(json["steps"] as? [[String: Any]])
        #expect(steps.first?["offered"] as? Double == 50)
        let bracket = try #require(json["bracket"] as? [String: Any])
        if json["limitedBy"] as? String == "generator" {
            // A machine too busy to keep the schedule must say so, never pass it off as the
            // inlet's capacity; what it did find is still below the true one.
            #expect(result.status == 0 || result.status == 1)
            #expect(json["generatorLimitRate"] as? Double != nil)
            if let answer = json["maxSustainableRate"] as? Double { #expect(answer <= 1.02 * capacity) }
        } else {
            let reasons = steps.map { "\($0["offered"] ?? "?")/s \($0["verdict"] ?? "?"): \($0["reason"] ?? "")" }
            #expect(result.status == 0, "\(result.stderr) steps: \(reasons)")
            #expect(json["limitedBy"] as? String == "inlet")
            let answer = try #require(json["maxSustainableRate"] as? Double, "\(json)")
            #expect(
                answer >= 0.85 * capacity && answer <= 1.02 * capacity, "answer \(answer) for a capacity of \(capacity)"
            )
            #expect(bracket["passing"] as? Double == answer)
            let failing = try #require(bracket["failing"] as? Double)
            // At exactly the capacity a step may fail (a queue at full load drifts), not much below it.
            #expect(failing > answer && failing >= 0.95 * capacity, "the lowest failing rate \(failing)")
            #expect(steps.contains { $0["verdict"] as? String == "pass" })
        }
        #expect(FileManager.default.fileExists(atPath: (out as NSString).appendingPathComponent("capacity.md")))
        let firstReport = try #require(steps.first?["report"] as? String)
        #expect(FileManager.default.fileExists(atPath: (out as NSString).appendingPathComponent(firstReport)))
    }

    @Test("--plan prints the bounds and sends nothing; the load-shape options of run are refused")
    func planAndUsage() async throws {
        let plan = try await CLIProcess.run(
            [
                "capacity", "--inlet", "https://dcs.adobedc.net/collection/0123456789abcdef", "--flow-id", "f",
                "--corpus", "corpora/pendo-seed",
                "--slo", "p99<500ms", "--start", "100", "--max", "400", "--step", "20s", "--warmup", "5s",
                "--precision", "25%", "--plan",
            ],
            timeout: 60)
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.contains("rates: doubling 100/s, 200/s, 400/s"), "\(plan.stdout)")
        #expect(plan.stdout.contains("at most 15 steps, at most 7m 55s, at most 128250 requests"), "\(plan.stdout)")
        let refused = try await CLIProcess.run(["capacity", "--slo", "p99<1s", "--rate", "100", "--plan"], timeout: 60)
        #expect(refused.status == 2)
        #expect(refused.stderr.contains("--rate is run's"), "\(refused.stderr)")
        let noSLO = try await CLIProcess.run(["capacity", "--plan"], timeout: 60)
        #expect(noSLO.status == 2)
        #expect(noSLO.stderr.contains("--slo (none): give at least one SLO"), "\(noSLO.stderr)")
    }

    @Test("a search whose first step fails the SLO exits 99 with no capacity claimed")
    func startFailingExits99() async throws {
        // 200/s offered to an inlet that serves 20/s and answers 503 to a third: --start fails.
        let bench = try await FaultBench.start(["--capacity", "20", "--error-rate", "503=0.3"])
        defer { Task { await bench.finish() } }
        let out = (bench.folder as NSString).appendingPathComponent("capacity")
        let result = try await CLIProcess.run(
            [
                "capacity", "--flow", bench.flowFile, "--corpus", "corpora/pendo-seed", "--slo", "error_rate<1%",
                "--start", "200", "--max", "400", "--step", "4s", "--warmup", "1s", "--concurrency", "16",
                "--max-in-flight", "512", "--out", out, "--quiet",
            ],
            timeout: 120)
        #expect(result.status == 99, "\(result.stderr)")
        let data = try Data(contentsOf: URL(fileURLWithPath: (out as NSString).appendingPathComponent("capacity.json")))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["maxSustainableRate"] is NSNull, "\(json)")
        let steps = try #require(json["steps"] as? [[String: Any]])
        #expect(steps.first?["offered"] as? Double == 200)
        #expect(steps.allSatisfy { $0["verdict"] as? String != "pass" }, "\(steps)")
        // The step's errors by class say 503, as its own report counts them.
        let classes = try #require(steps.first?["errorsByClass"] as? [String: Int], "\(steps)")
        #expect((classes["http-503"] ?? 0) > 0, "\(classes)")
        let markdown = try String(
            contentsOfFile: (out as NSString).appendingPathComponent("capacity.md"), encoding: .utf8)
        #expect(markdown.contains("http-503 \(classes["http-503"] ?? 0)"), "\(markdown)")
    }

    @Test("a remote inlet is not searched without confirmation when there is no terminal")
    func remoteNeedsConfirmation() async throws {
        let result = try await CLIProcess.run(
            [
                "capacity", "--inlet", "http://192.0.2.1:9/collection/0123456789abcdef", "--flow-id", "f", "--corpus",
                "corpora/pendo-seed",
                "--slo", "p99<500ms", "--out", CLIProcess.temporaryFolder(),
            ],
            stdin: "", timeout: 60)
        #expect(result.status == 1)
        #expect(
            result.stderr.contains("is not on this machine: every event sent is ingested and paid for"),
            "\(result.stderr)")
        #expect(result.stderr.contains("pass --yes to start without asking"), "\(result.stderr)")
    }
}
