/// A mapping-set document that cannot be used: what is wrong and where (the file, the mapping's
/// index, its field, and for calculated fields the column).
public struct MappingSetError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file or other origin of the document.
    public var source: String
    /// The mapping concerned (0-based index in `mappings`), if one.
    public var mappingIndex: Int?
    /// The field of the mapping concerned (`source`, `destination`, ...), if one.
    public var field: String?
    /// 1-based line/column in the file (JSON errors) or column in the expression.
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(
        source: String, mappingIndex: Int? = nil, field: String? = nil, line: Int? = nil, column: Int? = nil,
        message: String
    ) {
        self.source = source
        self.mappingIndex = mappingIndex
        self.field = field
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var location = self.source
        if let line = self.line {
            location += ":\(line)" + (self.mappingIndex == nil ? (self.column.map { ":\($0)" } ?? "") : "")
        }
        if let index = self.mappingIndex { location += ": mappings[\(index)]" }
        if let field = self.field { location += ".\(field)" }
        if self.mappingIndex != nil, let column = self.column { location += ", column \(column)" }
        return "\(location): \(self.message)"
    }
}
