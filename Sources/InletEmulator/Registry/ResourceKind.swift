/// The kinds of Platform resources the emulator keeps.
enum ResourceKind: String, Sendable, CaseIterable {
    case sourceConnections
    case targetConnections
    case mappingSets
    case flows
    case schemas
    case datasets
    case connections
}
