import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `serve` with fault flags on loopback, the seed's chain provisioned in it, and `run` against it:
/// what the fault matrix (docs/RELIABILITY.md) is made of.
final class FaultBench: @unchecked Sendable {
    /// The running `serve` (a new one after ``restart()``).
    private(set) var serve: ServeProcess
    let folder: String
    let flowFile: String
    let data: String

    var base: String { "http://127.0.0.1:\(self.serve.port)" }

    private init(serve: ServeProcess, folder: String, flowFile: String, data: String) {
        self.serve = serve
        self.folder = folder
        self.flowFile = flowFile
        self.data = data
    }

    /// Starts `serve FAULTS --data FOLDER/data` and provisions the chain of `bundle` (faults apply to
    /// the inlet only, so provisioning is not disturbed).
    static func start(_ faults: [String], bundle: String = "corpora/pendo-seed") async throws -> FaultBench {
        let folder = CLIProcess.temporaryFolder()
        let data = (folder as NSString).appendingPathComponent("data")
        let serve = try await ServeProcess.start(arguments: ["--data", data] + faults)
        let flowFile = (folder as NSString).appendingPathComponent("flow.json")
        let provision = try await CLIProcess.run(
            ["provision", "--flow-service", "http://127.0.0.1:\(serve.port)", "--corpus", bundle, "--save", flowFile],
            timeout: 60
        )
        guard provision.status == 0 else {
            await serve.stop()
            throw CLIProcess.Failure("provision failed (\(provision.status)): \(provision.stderr)")
        }
        return FaultBench(serve: serve, folder: folder, flowFile: flowFile, data: data)
    }

    /// The ids `provision --save` wrote (`flowId`, `schemaId`, `datasetId`, ...).
    func savedIds() throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: self.flowFile)))
        guard let ids = object as? [String: Any] else {
            throw CLIProcess.Failure("\(self.flowFile) is not a JSON object")
        }
        return ids
    }

    /// Stops `serve` (SIGTERM) and removes the folder.
    func finish() async {
        await self.serve.stop()
        try? FileManager.default.removeItem(atPath: self.folder)
    }

    /// `run --flow FLOW --corpus corpora/pendo-seed --outcomes ARGUMENTS --out FOLDER/NAME`, and its
    /// report (with a per-event reconciliation when `serve` is still up at the end).
    func run(_ arguments: [String], name: String = "run", timeout: Double = 120) async throws -> (
        CLIProcess.Result, RunFigures
    ) {
        let out = (self.folder as NSString).appendingPathComponent(name)
        let result = try await CLIProcess.run(
            ["run", "--flow", self.flowFile, "--corpus", "corpora/pendo-seed", "--outcomes", "--quiet", "--out", out]
                + arguments,
            timeout: timeout
        )
        #expect(!result.timedOut, "run outlived \(timeout) s")
        let report = try CLIProcess.report(in: out)
        return (result, try RunFigures(report: report))
    }

    /// Starts `serve` again on the same `--data` and port (after a kill or a stop), with no faults:
    /// a `run` still going reconnects to it.
    func restart() async throws {
        self.serve = try await ServeProcess.start(arguments: ["--data", self.data], port: self.serve.port)
    }

    /// Every record the flow's dataset holds, in arrival order (`GET /emulator/datasets/{id}/records`).
    func storedRecords() async throws -> [[String: Any]] {
        let flow = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: self.flowFile)))
                as? [String: Any])
        let dataset = try #require(flow["datasetId"] as? String)
        var records: [[String: Any]] = []
        var after = 0
        while true {
            let url = URL(string: self.base + "/emulator/datasets/\(dataset)/records?limit=10000&after=\(after)")!
            let (data, _) = try await URLSession.shared.data(from: url)
            let page = try #require(
                (try JSONSerialization.jsonObject(with: data) as? [String: Any])?["items"] as? [[String: Any]])
            if page.isEmpty { return records }
            records += page
            after = try #require(page.last?["seq"] as? Int)
        }
    }

    /// `pendo-replay reconcile --outcomes NAME/outcomes.jsonl.gz` against the running `serve`'s flow:
    /// its exit status and the reconciliation section it prints.
    func reconcile(name: String = "run", keyPath: String = "uniqueId") async throws -> (Int32, PerEvent) {
        let flow = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: self.flowFile)))
                as? [String: Any])
        let flowId = try #require(flow["flowId"] as? String)
        let outcomes = (self.folder as NSString).appendingPathComponent(name + "/outcomes.jsonl.gz")
        let result = try await CLIProcess.run(
            [
                "reconcile", "--outcomes", outcomes, "--flow-service", self.base, "--flow-id", flowId, "--key-path",
                keyPath, "--json",
            ],
            timeout: 60
        )
        let section = try #require(
            try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
            "reconcile printed no JSON: \(result.stderr)")
        return (result.status, try PerEvent(section: section))
    }

    /// `GET /metrics` of the running `serve`.
    func metrics() async throws -> Metrics {
        let (data, _) = try await URLSession.shared.data(from: URL(string: self.base + "/metrics")!)
        return Metrics(text: String(decoding: data, as: UTF8.self))
    }
}

/// The counts of a report.json that the matrix asserts on.
struct RunFigures {
    var planned: Int
    var sent: Int
    var unsent: Int
    var accepted: Int
    var rejected: Int
    var failed: Int
    /// Written, no answer (reports before the `unknown` outcome have none: 0).
    var unknown: Int
    var attempts: Int
    var retries: Int
    /// `errors[].class` → count.
    var errors: [String: Int]
    /// `errors[].class` → its `sample` (what the failure said), to explain a count.
    var errorSamples: [String: String]
    /// `requests.retriedAfterUnknown`.
    var retriedAfterUnknown: Int
    /// The report's per-event reconciliation, when there is one (not when `serve` was gone at the end).
    var reconciliation: PerEvent?
    var report: [String: Any]

    init(report: [String: Any]) throws {
        let events = try #require(report["events"] as? [String: Any])
        let requests = try #require(report["requests"] as? [String: Any])
        self.planned = try #require(events["planned"] as? Int)
        self.sent = try #require(events["sent"] as? Int)
        self.unsent = try #require(events["unsent"] as? Int)
        self.accepted = try #require(events["accepted"] as? Int)
        self.rejected = try #require(events["rejected"] as? Int)
        self.failed = try #require(events["failed"] as? Int)
        self.unknown = events["unknown"] as? Int ?? 0
        self.attempts = try #require(requests["attempts"] as? Int)
        self.retries = try #require(requests["retries"] as? Int)
        var errors: [String: Int] = [:]
        var errorSamples: [String: String] = [:]
        for entry in report["errors"] as? [[String: Any]] ?? [] {
            if let name = entry["class"] as? String, let count = entry["count"] as? Int {
                errors[name, default: 0] += count
                errorSamples[name] = entry["sample"] as? String
            }
        }
        self.errors = errors
        self.errorSamples = errorSamples
        self.retriedAfterUnknown = requests["retriedAfterUnknown"] as? Int ?? 0
        let section = report["reconciliation"] as? [String: Any]
        self.reconciliation = try section.flatMap {
            $0["method"] as? String == "perEvent" ? try PerEvent(section: $0) : nil
        }
        self.report = report
    }

    /// `planned = sent + unsent` and `sent = accepted + rejected + failed + unknown`.
    var identityHolds: Bool {
        self.planned == self.sent + self.unsent
            && self.sent == self.accepted + self.rejected + self.failed + self.unknown
    }

    var summary: String {
        "planned \(self.planned) sent \(self.sent) unsent \(self.unsent) accepted \(self.accepted) rejected \(self.rejected) failed \(self.failed) unknown \(self.unknown) attempts \(self.attempts) retries \(self.retries) errors \(self.errors) samples \(self.errorSamples)"
    }
}

/// A `reconciliation` section (report.json, `reconcile --json`) of method `perEvent`.
struct PerEvent {
    var holds: Bool
    var acceptedMissing: Int
    var storedAlthoughRejectedOrFailed: Int
    var storedAlthoughUnknown: Int
    var unknownNotStored: Int
    var duplicates: Int
    var duplicatesExplained: Int
    var stored: Int
    var text: String

    init(section: [String: Any]) throws {
        #expect(section["method"] as? String == "perEvent", "\(section)")
        let counts = try #require(section["perEvent"] as? [String: Any], "no perEvent in \(section)")
        self.holds = try #require(section["holds"] as? Bool)
        self.acceptedMissing = try #require(counts["acceptedMissing"] as? Int)
        self.storedAlthoughRejectedOrFailed = try #require(counts["storedAlthoughRejectedOrFailed"] as? Int)
        self.storedAlthoughUnknown = try #require(counts["storedAlthoughUnknown"] as? Int)
        self.unknownNotStored = try #require(counts["unknownNotStored"] as? Int)
        self.duplicates = try #require(counts["duplicates"] as? Int)
        self.duplicatesExplained = try #require(counts["duplicatesExplained"] as? Int)
        self.stored = try #require(counts["stored"] as? Int)
        self.text = "\(section)"
    }

    /// Nothing accepted missing, nothing refused stored, every duplicate explained.
    var clean: Bool {
        self.holds && self.acceptedMissing == 0 && self.storedAlthoughRejectedOrFailed == 0
            && self.duplicates == self.duplicatesExplained
    }
}

/// Prometheus text from `GET /metrics`.
struct Metrics {
    var text: String

    /// The value of the series `name` (with its labels, e.g. `x_total{fault="cut"}`); 0 when absent.
    func value(_ series: String) -> Int {
        for line in self.text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Int(Double(line.dropFirst(series.count + 1).trimmingCharacters(in: .whitespaces)) ?? -1)
        }
        return 0
    }

    func faults(_ fault: String) -> Int { self.value("emulator_faults_injected_total{fault=\"\(fault)\"}") }

    /// Records committed to the dataset, stored or failed by the mapper (the flow's input records).
    var stored: Int { self.value("emulator_records_ingested_total") + self.value("emulator_records_rejected_total") }

    /// Answers with this status on the inlet route.
    func inletAnswers(_ status: Int) -> Int {
        self.value("emulator_http_requests_total{route=\"/collection/{inletId}\",method=\"POST\",status=\"\(status)\"}")
    }
}
