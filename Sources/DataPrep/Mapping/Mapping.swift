/// One mapping of a mapping set: where its value comes from and where it goes.
public struct Mapping: Sendable, Hashable {
    /// How `source` is read.
    public enum Kind: String, Sendable, Hashable {
        /// `source` is a path into the input event.
        case attribute = "ATTRIBUTE"
        /// `source` is a calculated field.
        case expression = "EXPRESSION"
        /// `source` is a literal value.
        case staticValue = "STATIC"
    }

    /// Position in the document's `mappings` array (0-based).
    public var index: Int
    public var kind: Kind
    /// The source as written (a path, an expression, or the text of a static value).
    public var source: String
    /// The static value (for `.staticValue`): the JSON value of `source` as it is in the document.
    public var staticValue: JSONValue?
    /// The destination XDM path as written.
    public var destination: String
    public var destinationPath: FieldPath
    /// The parsed source for `.attribute` (a path) and `.expression` (a tree).
    public var sourcePath: FieldPath?
    public var sourceExpression: Expression?
    /// `identity: true`: the value also goes into `identityMap` under `namespaceCode` (assumed).
    public var identity: Bool
    public var primaryIdentity: Bool
    public var namespaceCode: String?
    /// `name` (newer dialect), if any.
    public var name: String?
    /// The mapping's object exactly as loaded, fields this engine does not use included.
    public var document: JSONObject

    /// `#3 (properties.guideProperties.name -> _extconndev.name1)`: how messages name a mapping.
    public var label: String {
        let shownSource = self.source.count > 60 ? String(self.source.prefix(60)) + "…" : self.source
        return "mapping #\(self.index) (\(shownSource) -> \(self.destination))"
    }
}
