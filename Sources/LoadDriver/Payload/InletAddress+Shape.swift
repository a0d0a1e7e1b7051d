import ReplayCommon
import Reports

extension InletAddress {
    /// The shapes a streaming inlet's URL takes, shown when one does not fit.
    public static let expectedShapes =
        "https://HOST/collection/{INLET_ID} (one message per request) or https://HOST/collection/batch/{INLET_ID} (batches)"

    /// The inlet id of a path of the shape `…/collection/{id}` or `…/collection/batch/{id}`
    /// (a trailing slash allowed), nil for any other path.
    public static func inletId(inPath path: String) -> String? {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        if parts.last == "" { parts.removeLast() }
        guard parts.count >= 3, let id = parts.last, !id.isEmpty, id != "batch", id != "collection" else { return nil }
        if parts[parts.count - 2] == "collection" { return id }
        if parts.count >= 4, parts[parts.count - 2] == "batch", parts[parts.count - 3] == "collection" { return id }
        return nil
    }

    /// Checks that `url` parses and names an inlet (`…/collection/{id}` or the batch form): any other
    /// path only collects 404s, so it is refused before a run.
    public static func checkShape(_ url: String) throws {
        let address = try InletAddress(parsing: url)
        guard Self.inletId(inPath: address.path) != nil else {
            throw LoadConfigError.invalid(
                option: "--inlet", value: Redaction.url(url), why: "not an inlet URL; expected \(Self.expectedShapes)")
        }
    }
}
