/// What a flow's run metrics are made of: counts and bytes of what was ingested.
struct FlowTotals: Sendable, Equatable {
    struct ErrorTally: Sendable, Equatable {
        var message: String
        var count: Int64
    }

    /// Records stored in the dataset (`outputRecordCount`).
    var stored: Int64 = 0
    /// Records that failed mapping or validation (`failedRecordCount`).
    var failed: Int64 = 0
    /// Bytes received (`inputBytes`).
    var inputBytes: Int64 = 0
    /// Bytes of mapped records written (`outputBytes`).
    var outputBytes: Int64 = 0
    /// First and last receive times, epoch milliseconds.
    var firstMs: Int64?
    var lastMs: Int64?
    /// Failures by error code.
    var errors: [String: ErrorTally] = [:]

    mutating func add(_ record: IngestRecord) {
        self.inputBytes += Int64(record.raw.count)
        switch record.decision {
        case .stored(let mapped, _):
            self.stored += 1
            self.outputBytes += Int64(mapped.count)
        case .failed(let failure):
            self.failed += 1
            if self.errors[failure.code] == nil {
                self.errors[failure.code] = ErrorTally(message: failure.message, count: 0)
            }
            self.errors[failure.code]?.count += 1
        }
        self.firstMs = self.firstMs.map { min($0, record.receivedMs) } ?? record.receivedMs
        self.lastMs = self.lastMs.map { max($0, record.receivedMs) } ?? record.receivedMs
    }
}
