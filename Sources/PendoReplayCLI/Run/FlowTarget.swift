import FlowServiceClient
import Foundation
import LoadDriver
import Reports

/// A run that goes through a Flow Service flow (`run --flow FILE`, `run --flow-service URL
/// --flow-id ID`, the default job): the inlet is resolved with `GET /flows/{id}`, and after the run
/// the flow's `/runs` record summary is read and put beside the harness's own accounting.
struct FlowTarget: Sendable {
    /// The flow.
    var flowId: String
    /// The typed client of the Flow Service, nil when only a saved inlet URL is known.
    var client: FlowServiceClient?
    /// The inlet saved by `provision --save`, used when there is no Flow Service to ask.
    var savedInlet: String?
    /// The schema of the flow's dataset, as `provision --save` wrote it or the Flow Service answers
    /// (`resolveSchemaId`): what an XDM envelope's `schemaRef` must name.
    var savedSchemaId: String?

    /// From `--flow-service URL --flow-id ID` (credentials as `provision` reads them).
    init(flowService: String, flowId: String, credentialsFile: String?) throws {
        try HeaderText.check(flowId, option: "--flow-id")
        self.flowId = flowId
        self.client = try Self.client(flowService: flowService, credentialsFile: credentialsFile)
    }

    /// From the JSON `provision --save` writes; `--flow-service` (or the file's `flowService`) is
    /// asked for the flow, else the saved `inletUrl` is used as it is.
    init(savedFile path: String, flowService: String?, credentialsFile: String?) throws {
        let saved: ProvisionedChain
        do {
            saved = try ProvisionedChain.load(path, flag: "--flow")
        } catch {
            throw CLIError("\(error)")
        }
        guard let flowId = saved.flowId else {
            throw CLIError("--flow \(path): not a file written by `pendo-replay provision --save` (no flowId)")
        }
        try HeaderText.check(flowId, option: "--flow \(path) (flowId)")
        if let inlet = saved.inletUrl { try HeaderText.check(inlet, option: "--flow \(path) (inletUrl)", url: true) }
        self.flowId = flowId
        self.savedInlet = saved.inletUrl
        self.savedSchemaId = saved.schemaId
        if let service = flowService ?? saved.flowService {
            self.client = try Self.client(flowService: service, credentialsFile: credentialsFile)
        } else if self.savedInlet == nil {
            throw CLIError("--flow \(path) has neither inletUrl nor flowService; give --flow-service URL")
        }
    }

    init(flowId: String, client: FlowServiceClient) {
        self.flowId = flowId
        self.client = client
    }

    static func client(flowService: String, credentialsFile: String?) throws -> FlowServiceClient {
        let host = URL(string: flowService)?.host ?? ""
        let loopback = ["127.0.0.1", "localhost", "::1"].contains(host)
        let credentials = try FlowServiceCredentials.load(
            configFile: credentialsFile, defaults: loopback ? .emulator : nil)
        return FlowServiceClient(configuration: .init(baseURL: flowService, credentials: credentials))
    }

    /// The schema of the flow's dataset, asked of the Flow Service when no saved file says it (nil when
    /// there is no Flow Service to ask).
    mutating func resolveSchemaId() async throws {
        guard self.savedSchemaId == nil, let client = self.client else { return }
        let schemaId = try await client.targetSchemaId(flowId: self.flowId)
        try HeaderText.check(schemaId, option: "the schema of flow \(self.flowId)'s target connection")
        self.savedSchemaId = schemaId
    }

    /// The inlet URL: `GET /flows/{id}`'s `inletUrl`, or the saved one.
    func resolveInlet() async throws -> String {
        if let client = self.client {
            let inlet = try await client.flow(id: self.flowId).inletUrl
            try HeaderText.check(inlet, option: "the inletUrl of GET /flows/\(self.flowId)", url: true)
            return inlet
        }
        guard let saved = self.savedInlet else { throw CLIError("no inlet for flow \(self.flowId)") }
        return saved
    }

    /// The flow's record summary (summed over its runs), polled for up to `wait` seconds until the
    /// flow has seen at least `expected` records (the platform counts after it answers). Nil when
    /// there is no Flow Service to ask or it cannot answer (said on stderr).
    func platformSummary(expected: Int, wait: Double = 5) async -> PlatformRecordSummary? {
        guard let client = self.client else { return nil }
        let deadline = Date().addingTimeInterval(wait)
        var last: PlatformRecordSummary?
        while true {
            do {
                let runs = try await client.runs(flowId: self.flowId)
                last = PlatformRecordSummary(
                    flowId: self.flowId,
                    inputRecordCount: runs.reduce(0) { $0 + $1.inputRecordCount },
                    outputRecordCount: runs.reduce(0) { $0 + $1.outputRecordCount },
                    failedRecordCount: runs.reduce(0) { $0 + $1.failedRecordCount })
            } catch {
                StandardError.write("warning: cannot read the flow's runs: \(error)\n")
                return last
            }
            if let last, last.inputRecordCount >= expected { return last }
            if Date() >= deadline { return last }
            try? await Task.sleep(nanoseconds: 200_000_000)
        }
    }

    /// The flow's record summary now (before the run: `/runs` counts are cumulative per flow, so the
    /// run's own records are the difference). Nil when it cannot be read.
    func platformSummaryNow() async -> PlatformRecordSummary? {
        await self.platformSummary(expected: 0, wait: 0)
    }

    /// What `run` reads after the run: the platform's record summary, and the reconciliation: per event
    /// when the Flow Service is the emulator and the run wrote outcomes, else by the flow's counts
    /// before (`before`) and after the run.
    func afterRun(before: PlatformRecordSummary?, keyPath: String?) -> @Sendable (RunReport, String?) async -> AfterRun
    {
        let target = self
        return { report, outcomesPath in
            let expected = (before?.inputRecordCount ?? 0) + report.events.accepted
            var after = AfterRun(platform: await target.platformSummary(expected: expected))
            if let outcomesPath, let keyPath, let client = target.client {
                do {
                    if let perEvent = try await OutcomesReconciliation.perEvent(
                        outcomesPath: outcomesPath, client: client,
                        flowId: target.flowId, keyPath: keyPath)
                    {
                        after.reconciliation = perEvent
                        return after
                    }
                } catch {
                    after.lines.append("warning: cannot reconcile per event: \(error)")
                }
            }
            let note =
                target.client == nil
                ? "no Flow Service to read /runs from (the flow's inlet was saved): nothing reconciled"
                : "the platform exposes only counts (/runs recordSummary, cumulative per flow): compared before and after the run"
            after.reconciliation = OutcomesReconciliation.counts(
                before: before, after: after.platform, report: report, note: note)
            return after
        }
    }
}
