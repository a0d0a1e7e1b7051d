import DataPrep
import Synchronization

/// The Platform resources (in memory, persisted through ``DatasetStore``) and the inlet routes
/// derived from the flows. Reads on the ingest path take one short lock.
final class Registry: Sendable {
    struct State {
        var documents: [ResourceKind: [String: JSONValue]] = [:]
        var inlets: [String: InletRoute] = [:]
        var totals: [String: FlowTotals] = [:]
        /// Validators of datasets XDM messages name in `header.datasetId`, by dataset and schema
        /// (both immutable here), so that routing a message costs a look-up, not a schema load.
        var datasetValidators: [String: any RecordMapper] = [:]
    }

    let state = Mutex(State())

    func document(_ kind: ResourceKind, _ id: String) -> JSONValue? {
        self.state.withLock { $0.documents[kind]?[id] }
    }

    func put(_ kind: ResourceKind, _ id: String, _ document: JSONValue) {
        self.state.withLock { $0.documents[kind, default: [:]][id] = document }
    }

    func remove(_ kind: ResourceKind, _ id: String) -> JSONValue? {
        self.state.withLock { $0.documents[kind]?.removeValue(forKey: id) }
    }

    func all(_ kind: ResourceKind) -> [String: JSONValue] {
        self.state.withLock { $0.documents[kind] ?? [:] }
    }

    func inlet(_ inletId: String) -> InletRoute? {
        self.state.withLock { $0.inlets[inletId] }
    }

    func setInlet(_ route: InletRoute) {
        self.state.withLock { $0.inlets[route.inletId] = route }
    }

    func removeInlet(_ inletId: String) {
        self.state.withLock { _ = $0.inlets.removeValue(forKey: inletId) }
    }

    /// The validator for `datasetId` on `schemaId`, built once by `make`.
    func datasetValidator(_ datasetId: String, schemaId: String?, make: () throws -> any RecordMapper) rethrows
        -> any RecordMapper
    {
        let key = "\(datasetId) \(schemaId ?? "")"
        if let cached = self.state.withLock({ $0.datasetValidators[key] }) { return cached }
        let made = try make()
        self.state.withLock { $0.datasetValidators[key] = made }
        return made
    }

    func totals(flowId: String) -> FlowTotals {
        self.state.withLock { $0.totals[flowId] ?? FlowTotals() }
    }

    func setTotals(_ totals: [String: FlowTotals]) {
        self.state.withLock { $0.totals = totals }
    }

    /// Adds committed records to their flows' totals.
    func add(_ records: [IngestRecord]) {
        self.state.withLock { state in
            for record in records {
                state.totals[record.flowId, default: FlowTotals()].add(record)
            }
        }
    }
}
