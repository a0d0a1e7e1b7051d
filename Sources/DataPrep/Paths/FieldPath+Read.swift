extension FieldPath {
    /// The value at this path in `root`, or nil when the path is missing. A `[*]` yields an array
    /// of the rest of the path evaluated on each element (null where an element lacks it).
    public func value(in root: JSONValue) -> JSONValue? {
        Self.read(root, self.components[...])
    }

    // Recursive rather than a loop over a `current` variable: each level's value is borrowed from
    // its parent, so walking down costs no reference counting; only the value found is copied.
    static func read(_ value: JSONValue, _ components: ArraySlice<Component>) -> JSONValue? {
        guard let component = components.first else { return value }
        switch component {
        case .key(let key):
            guard case .object(let object) = value else { return nil }
            for index in object.entries.indices where object.entries[index].key == key {
                return Self.read(object.entries[index].value, components.dropFirst())
            }
            return nil
        case .index(let index):
            guard case .array(let elements) = value, index < elements.count else { return nil }
            return Self.read(elements[index], components.dropFirst())
        case .wildcard:
            guard case .array(let elements) = value else { return nil }
            let rest = components.dropFirst()
            return .array(elements.map { Self.read($0, rest) ?? .null })
        }
    }
}
