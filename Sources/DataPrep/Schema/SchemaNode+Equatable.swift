extension SchemaNode: Equatable {
    /// Equal nodes convert and check every value alike: the same type and constraints, and equal
    /// members and items (the compiled pattern and the derived fields follow from these). Two
    /// loads of one schema document give equal nodes.
    public static func == (lhs: SchemaNode, rhs: SchemaNode) -> Bool {
        if lhs === rhs { return true }
        guard lhs.type == rhs.type, lhs.propertyOrder == rhs.propertyOrder, lhs.required == rhs.required,
            lhs.enumValues == rhs.enumValues, lhs.pattern == rhs.pattern, lhs.minLength == rhs.minLength,
            lhs.maxLength == rhs.maxLength, lhs.minimum == rhs.minimum, lhs.maximum == rhs.maximum,
            (lhs.patternRegex == nil) == (rhs.patternRegex == nil),
            lhs.items == rhs.items, lhs.properties.count == rhs.properties.count
        else { return false }
        for (key, node) in lhs.properties {
            guard let other = rhs.properties[key], other == node else { return false }
        }
        return true
    }
}
