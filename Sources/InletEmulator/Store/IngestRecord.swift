/// One event as the dataset keeps it: what came in, what was stored, and how it ended.
public struct IngestRecord: Sendable {
    /// The dataset the flow's target connection names.
    public var datasetId: String
    /// The flow the event was sent to.
    public var flowId: String
    /// The inlet that received it.
    public var inletId: String
    /// The transaction id the answer carried (`receivedMs:node:sequence`, batch entries `...:index`).
    public var xactionId: String
    /// When the inlet received the request, epoch milliseconds.
    public var receivedMs: Int64
    /// The event's bytes as sent.
    public var raw: [UInt8]
    /// The outcome: a stored record or a failure.
    public var decision: IngestDecision

    public init(
        datasetId: String, flowId: String, inletId: String, xactionId: String, receivedMs: Int64, raw: [UInt8],
        decision: IngestDecision
    ) {
        self.datasetId = datasetId
        self.flowId = flowId
        self.inletId = inletId
        self.xactionId = xactionId
        self.receivedMs = receivedMs
        self.raw = raw
        self.decision = decision
    }
}
