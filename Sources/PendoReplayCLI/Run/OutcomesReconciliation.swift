import DataPrep
import FlowServiceClient
import Foundation
import InletEmulator
import PendoEvents
import Reports

/// Per-event reconciliation: `outcomes.jsonl.gz` read line by line into a `Reconciler`, compared with
/// the records the emulator stored per key (its SQLite store, or its HTTP inspection endpoint).
enum OutcomesReconciliation {
    /// The field of a stored raw message that holds the event's key when the payload is the event itself.
    static let rawKeyPath = "uniqueId"

    /// Compares the outcomes file with `stored`.
    static func perEvent(outcomesPath: String, stored: StoredKeyCounts) throws -> Reconciliation {
        var reconciler = Reconciler()
        let reader: CorpusReader
        do {
            reader = try CorpusReader(paths: [outcomesPath])
        } catch {
            throw CLIError("cannot read --outcomes \(outcomesPath): \(error)")
        }
        let decoder = JSONDecoder()
        while let line = try reader.next() {
            do {
                reconciler.add(try decoder.decode(OutcomeRecord.self, from: Data(line.bytes)))
            } catch {
                throw CLIError(
                    "\(line.file):\(line.line): not a line of outcomes.jsonl.gz (written by `run --outcomes`): \(error)"
                )
            }
        }
        let result = reconciler.result(stored: stored.counts, storedWithoutKey: stored.withoutKey)
        return Reconciliation(method: .perEvent, holds: result.holds, perEvent: result)
    }

    /// The key path of stored records for a run's payload: the event's own `uniqueId` for `raw`; for
    /// `xdm` the XDM path the flow's mapping set writes `uniqueId` to (nil when it maps none).
    static func keyPath(payload: String, mappingFile: String?) -> String? {
        guard payload == "xdm" else { return Self.rawKeyPath }
        guard let mappingFile, let data = FileManager.default.contents(atPath: mappingFile),
            let document = try? JSONValue.parse(Array(data)),
            let mappings = document["mappings"]?.arrayValue
        else { return nil }
        let entry = mappings.first {
            $0["sourceAttribute"]?.stringValue == "uniqueId" || $0["source"]?.stringValue == "uniqueId"
        }
        return (entry?["destinationXdmPath"] ?? entry?["destination"])?.stringValue
    }

    /// Per event against a Flow Service that is the emulator (nil when it is not: only counts exist then).
    static func perEvent(outcomesPath: String, client: FlowServiceClient, flowId: String, keyPath: String) async throws
        -> Reconciliation?
    {
        guard let keys = try await client.emulatorKeyCounts(flowId: flowId, keyPath: keyPath) else { return nil }
        return try self.perEvent(
            outcomesPath: outcomesPath, stored: StoredKeyCounts(counts: keys.counts, withoutKey: keys.withoutKey))
    }

    /// By counts: the flow's `/runs` before and after the run.
    static func counts(before: PlatformRecordSummary?, after: PlatformRecordSummary?, report: RunReport, note: String)
        -> Reconciliation
    {
        let counts = CountReconciliation(
            before: before, after: after, accepted: report.events.accepted, unknown: report.events.unknown,
            retriedAfterUnknown: report.requests.retriedAfterUnknown)
        return Reconciliation(method: .counts, holds: counts.holds, counts: counts, note: note)
    }
}
