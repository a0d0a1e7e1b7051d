import Foundation
import GRDB
import Testing

@testable import InletEmulator

/// `DatasetStore.insert` binds each record's columns itself (`RecordColumns`): every column of
/// stored and failed records reads back as written, NULL where a record has no value, over
/// several commits of the same cached statement.
@Suite struct RecordColumnsTests {
    struct Row: Equatable, CustomTestStringConvertible {
        var datasetId, flowId, inletId, xactionId: String
        var receivedMs: Int64
        var outcome: String
        var errorCode, errorMessage, warnings: String?
        var raw: [UInt8]
        var record: [UInt8]?

        /// The blobs by size and first bytes, so that a failure does not print 100 kB.
        var testDescription: String {
            let blob = { (bytes: [UInt8]) in "\(bytes.count) bytes \(bytes.prefix(12))" }
            return
                "\(self.datasetId)|\(self.flowId)|\(self.inletId)|\(self.xactionId)|\(self.receivedMs)|\(self.outcome)|"
                + "\(String(describing: self.errorCode))|\(String(describing: self.errorMessage))|"
                + "\(String(describing: self.warnings))|raw \(blob(self.raw))|record \(self.record.map(blob) ?? "NULL")"
        }
    }

    static func rows(_ store: DatasetStore) throws -> [Row] {
        try store.pool.read { db in
            try GRDB.Row.fetchAll(
                db,
                sql: """
                    SELECT dataset_id, flow_id, inlet_id, xaction_id, received_ms, outcome, error_code,
                           error_message, warnings, raw, record, typeof(raw) AS raw_type FROM records ORDER BY seq
                    """
            ).map { row in
                #expect(row["raw_type"] as String == "blob")
                let raw: Data = row["raw"]
                let record: Data? = row["record"]
                return Row(
                    datasetId: row["dataset_id"], flowId: row["flow_id"], inletId: row["inlet_id"],
                    xactionId: row["xaction_id"], receivedMs: row["received_ms"], outcome: row["outcome"],
                    errorCode: row["error_code"], errorMessage: row["error_message"], warnings: row["warnings"],
                    raw: [UInt8](raw), record: record.map { [UInt8]($0) })
            }
        }
    }

    @Test func columnsReadBackAsWritten() throws {
        let folder = NSTemporaryDirectory() + "record-columns-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = try DatasetStore(path: folder + "/emulator.sqlite", synchronousFull: false)

        let raw = Array(#"{"visitorId":"v-é","n":1}"#.utf8)
        let big = [UInt8](repeating: 0x7B, count: 100_000)
        let stored = IngestRecord(
            datasetId: "dataset-1", flowId: "flow-ü", inletId: "inlet", xactionId: "1:0:1",
            receivedMs: 1_700_000_000_123,
            raw: raw, decision: .stored(record: Array(#"{"_id":"a"}"#.utf8), warnings: ["first dropped", "second"]))
        let noWarnings = IngestRecord(
            datasetId: "", flowId: "flow", inletId: "", xactionId: "1:0:2", receivedMs: -5,
            raw: big, decision: .stored(record: [0, 1, 2], warnings: []))
        let failed = IngestRecord(
            datasetId: "dataset-2", flowId: "flow", inletId: "inlet", xactionId: "1:0:3", receivedMs: Int64.max,
            raw: raw, decision: .failed(IngestFailure(code: "INGEST-1212-400", message: "a \"quoted\"\nmessage 漢字")))
        try store.insert([stored, noWarnings])
        try store.insert([failed])
        try store.insert([stored, failed, noWarnings])

        let expected = [
            Row(
                datasetId: "dataset-1", flowId: "flow-ü", inletId: "inlet", xactionId: "1:0:1",
                receivedMs: 1_700_000_000_123, outcome: "stored", errorCode: nil, errorMessage: nil,
                warnings: "first dropped\nsecond", raw: raw, record: Array(#"{"_id":"a"}"#.utf8)),
            Row(
                datasetId: "", flowId: "flow", inletId: "", xactionId: "1:0:2", receivedMs: -5, outcome: "stored",
                errorCode: nil, errorMessage: nil, warnings: nil, raw: big, record: [0, 1, 2]),
            Row(
                datasetId: "dataset-2", flowId: "flow", inletId: "inlet", xactionId: "1:0:3", receivedMs: Int64.max,
                outcome: "failed", errorCode: "INGEST-1212-400", errorMessage: "a \"quoted\"\nmessage 漢字",
                warnings: nil, raw: raw, record: nil),
        ]
        let rows = try Self.rows(store)
        let written = expected + [expected[0], expected[2], expected[1]]
        #expect(rows.count == written.count)
        for (index, (row, wanted)) in zip(rows, written).enumerated() {
            #expect(row == wanted, "row \(index)")
        }
        #expect(try store.flowTotals()["flow"]?.failed == 2)
        #expect(try store.outcomes(xactionIds: ["1:0:1", "1:0:3"]) == ["1:0:1": "stored", "1:0:3": "failed"])
    }
}
