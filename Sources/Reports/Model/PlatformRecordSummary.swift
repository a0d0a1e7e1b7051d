/// What the platform (or the emulator) says it ingested for the run's flow: the `recordSummary` of
/// `GET /runs?property=flowId=={id}`, read after the run, beside the harness's own accounting.
public struct PlatformRecordSummary: Codable, Sendable, Equatable {
    /// The flow whose runs were read.
    public var flowId: String
    /// Records the flow received (`inputRecordCount`).
    public var inputRecordCount: Int
    /// Records written to the dataset (`outputRecordCount`).
    public var outputRecordCount: Int
    /// Records that failed mapping or validation (`failedRecordCount`).
    public var failedRecordCount: Int
    /// Events the emulator's store holds for this run, when the target was the in-process emulator.
    public var stored: Int?

    /// Creates a summary.
    public init(
        flowId: String, inputRecordCount: Int, outputRecordCount: Int, failedRecordCount: Int, stored: Int? = nil
    ) {
        self.flowId = flowId
        self.inputRecordCount = inputRecordCount
        self.outputRecordCount = outputRecordCount
        self.failedRecordCount = failedRecordCount
        self.stored = stored
    }
}
