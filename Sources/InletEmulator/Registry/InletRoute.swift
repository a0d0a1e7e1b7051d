/// What the inlet needs to know about a flow to ingest into it.
struct InletRoute: Sendable {
    var flowId: String
    var inletId: String
    var datasetId: String
    /// The mapper of a flow with a mapping set (raw JSON messages); nil for an XDM flow.
    var mapper: (any RecordMapper)?
    /// The schema validator for XDM messages (`body.xdmEntity`).
    var validator: any RecordMapper
    /// Whether requests need a token.
    var authenticationRequired: Bool
    /// The target schema id, for XDM envelope checks.
    var schemaId: String?
    /// The org and sandbox of the flow: an XDM message's `header.imsOrgId` must be its org, and a
    /// `header.datasetId` must name a dataset there.
    var owner: Caller?
}
