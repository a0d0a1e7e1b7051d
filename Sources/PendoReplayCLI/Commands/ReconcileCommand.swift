import ArgumentParser
import FlowServiceClient
import Foundation
import InletEmulator
import ReplayCommon
import Reports

struct ReconcileCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Compare a run's per-event outcomes with the records the emulator stored, key by key.",
        // The generated usage line runs past 80 columns.
        usage: "pendo-replay reconcile --outcomes <outcomes> [<options>]",
        discussion: """
            Example:
              pendo-replay run --inlet URL --corpus corpora/pendo-seed --retries 2 --outcomes --out reports/r1
              pendo-replay reconcile --outcomes reports/r1/outcomes.jsonl.gz --data /var/lib/emulator --flow-id FLOW
              pendo-replay reconcile --outcomes reports/r1/outcomes.jsonl.gz --flow-service http://127.0.0.1:8080 --flow-id FLOW

            Reports accepted events with no stored record (data loss), records stored more than once (each
            explained by a retry after an attempt with no answer, or not), unknown events that were stored,
            and rejected or failed events that were stored. Keys are the events' uniqueId; stored records
            are keyed by --key-path in their raw message (uniqueId for --payload raw; the XDM path the
            mapping writes uniqueId to for --payload xdm).
            Exit codes: 0 holds, 1 does not hold (loss, a refused event stored, an unexplained duplicate), 2 usage.
            """
    )

    @Option(help: "outcomes.jsonl.gz written by `run --outcomes`.")
    var outcomes: String

    @Option(help: "The emulator's data folder (`serve --data DIR`, holding emulator.sqlite).")
    var data: String?

    @Option(help: "The emulator's Flow Service URL (`serve`), with --flow-id.")
    var flowService: String?

    @Option(
        help: "The flow whose records are compared (required with --flow-service; with --data, all flows when absent).")
    var flowId: String?

    @Option(help: "Where the key is in a stored raw message: dot-separated field names.")
    var keyPath: String = OutcomesReconciliation.rawKeyPath

    @Option(help: "JSON file with accessToken, apiKey, orgId, sandboxName for --flow-service (the environment wins).")
    var credentials: String?

    @Flag(help: "Print the reconciliation as JSON (the report's `reconciliation` section).")
    var json = false

    func run() async throws {
        guard (self.data == nil) != (self.flowService == nil) else {
            StandardError.write("error: give one of --data DIR or --flow-service URL --flow-id ID\n")
            throw ExitCode(2)
        }
        guard FileManager.default.fileExists(atPath: self.outcomes) else {
            StandardError.write("error: --outcomes \(self.outcomes): no such file\n")
            throw ExitCode(2)
        }
        let reconciliation: Reconciliation
        do {
            if let data = self.data {
                let path = (data as NSString).appendingPathComponent("emulator.sqlite")
                guard FileManager.default.fileExists(atPath: path) else {
                    throw CLIError("--data \(data): no emulator.sqlite in it (the folder `serve --data DIR` writes)")
                }
                let store = try DatasetStore(path: path, synchronousFull: false)
                let keys = try store.keyCounts(keyPath: self.keyPath, flowId: self.flowId)
                reconciliation = try OutcomesReconciliation.perEvent(outcomesPath: self.outcomes, stored: keys)
            } else {
                guard let flowId = self.flowId else {
                    StandardError.write("error: --flow-service needs --flow-id ID\n")
                    throw ExitCode(2)
                }
                let client = try FlowTarget.client(flowService: self.flowService!, credentialsFile: self.credentials)
                guard
                    let result = try await OutcomesReconciliation.perEvent(
                        outcomesPath: self.outcomes, client: client, flowId: flowId,
                        keyPath: self.keyPath)
                else {
                    throw CLIError(
                        "\(Redaction.url(self.flowService!)) is not the pendo-replay emulator (no /emulator/flows/{id}/keys): a real platform only has counts; `run --flow-service` compares the flow's /runs before and after the run"
                    )
                }
                reconciliation = result
            }
        } catch let error as ExitCode {
            throw error
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(1)
        }
        if self.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(reconciliation), as: UTF8.self))
        } else {
            print(ReconciliationRenderer.text(reconciliation).joined(separator: "\n"))
        }
        if !reconciliation.holds { throw ExitCode(1) }
    }
}
