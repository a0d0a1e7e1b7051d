/// A target schema that cannot be used: what is wrong, in which file, at which schema path.
public struct XDMSchemaError: Error, Sendable, Hashable, CustomStringConvertible {
    public var source: String
    /// The JSON pointer of the offending schema keyword (`#/properties/_extconndev/properties/x/type`).
    public var pointer: String
    public var line: Int?
    public var column: Int?
    public var message: String

    public init(source: String, pointer: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.source = source
        self.pointer = pointer
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        var location = self.source
        if let line = self.line { location += ":\(line)" + (self.column.map { ":\($0)" } ?? "") }
        if !self.pointer.isEmpty && self.pointer != "#" || self.line == nil { location += " at \(self.pointer)" }
        return "\(location): \(self.message)"
    }
}
