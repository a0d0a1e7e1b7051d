extension FieldPath {
    /// The value at this path in `root`, or nil when the path is missing. A `[*]` yields an array
    /// of the rest of the path evaluated on each element (null where an element lacks it).
    public func value(in root: JSONValue) -> JSONValue? {
        Self.read(root, self.components[...])
    }

    static func read(_ value: JSONValue, _ components: ArraySlice<Component>) -> JSONValue? {
        var current = value
        var rest = components
        while let component = rest.first {
            rest = rest.dropFirst()
            switch component {
            case .key(let key):
                guard case .object(let object) = current, let child = object[key] else { return nil }
                current = child
            case .index(let index):
                guard case .array(let elements) = current, index < elements.count else { return nil }
                current = elements[index]
            case .wildcard:
                guard case .array(let elements) = current else { return nil }
                return .array(elements.map { Self.read($0, rest) ?? .null })
            }
        }
        return current
    }
}
