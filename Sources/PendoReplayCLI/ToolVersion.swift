/// The version `pendo-replay --version` prints and reports record.
enum ToolVersion {
    static let current = "0.1.0"
}
