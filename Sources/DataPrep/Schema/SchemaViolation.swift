/// Why a record is invalid against the target schema (it is then rejected whole), worded like
/// the messages Adobe's ingestion reports (`#/_extconndev: required key [uniqueid] not found`).
public struct SchemaViolation: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Rule: String, Sendable, Hashable, CaseIterable, Codable {
        case invalidJSON = "invalid-json"
        case notAnObject = "not-an-object"
        case required
        case type
        case extraneousKey = "extraneous-key"
        case enumeration = "enum"
        case pattern
        case minLength
        case maxLength
        case minimum
        case maximum
    }

    public var rule: Rule
    /// The XDM path concerned, dotted (`_extconndev.uniqueid`); empty for the record itself.
    public var path: String
    /// The message, worded like Adobe's (JSON pointer first).
    public var message: String

    public init(rule: Rule, path: String, message: String) {
        self.rule = rule
        self.path = path
        self.message = message
    }

    public var description: String { self.message }

    /// `name` is required in the object at `trail` and missing.
    static func missingRequired(_ name: String, at trail: [FieldPath.Component]) -> SchemaViolation {
        SchemaViolation(
            rule: .required, path: FieldPath(components: trail + [.key(name)]).description,
            message: "\(FieldPath(components: trail).pointer): required key [\(name)] not found")
    }
}
