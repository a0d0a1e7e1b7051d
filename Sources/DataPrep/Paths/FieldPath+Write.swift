/// A destination that cannot be written because something of another shape is already there
/// (e.g. `a.b` when `a` holds a string).
public struct PathConflict: Error, Sendable, Hashable, CustomStringConvertible {
    public var path: String
    public var message: String

    public var description: String { "cannot write \(self.path): \(self.message)" }
}

extension FieldPath {
    /// Writes `value` at this path into `root`, creating objects and arrays on the way. `[n]`
    /// pads the array with nulls up to `n`; `[*]` spreads an array value element-wise (a single
    /// value counts as a one-element array). Objects already present are merged, the new value
    /// winning per key.
    public func write(_ value: JSONValue, into root: inout JSONValue) throws(PathConflict) {
        // Move the value out so that the nested containers are uniquely referenced and updated in
        // place (copy-on-write would otherwise copy every level on every write).
        var target: JSONValue? = root
        root = .null
        defer { root = target ?? .null }
        try Self.write(value, self.components[...], into: &target, path: self)
    }

    static func write(
        _ value: JSONValue, _ components: ArraySlice<Component>, into target: inout JSONValue?, path: FieldPath
    ) throws(PathConflict) {
        guard let component = components.first else {
            if case .object(let existing)? = target, case .object(let incoming) = value {
                var merged = existing
                for entry in incoming.entries {
                    var child = merged[entry.key]
                    try Self.write(entry.value, [][...], into: &child, path: path)
                    merged[entry.key] = child
                }
                target = .object(merged)
            } else {
                target = value
            }
            return
        }
        let rest = components.dropFirst()
        switch component {
        case .key(let key):
            var object: JSONObject
            switch target {
            case nil, .null?: object = JSONObject()
            case .object(let existing)?:
                object = existing
                target = nil
            default:
                throw PathConflict(
                    path: path.description, message: "[\(key)] is written into a value that is not an object")
            }
            if let index = object.entries.firstIndex(where: { $0.key == key }) {
                var child: JSONValue? = object.entries[index].value
                object.entries[index].value = .null
                do {
                    try Self.write(value, rest, into: &child, path: path)
                } catch {
                    object.entries[index].value = child ?? .null
                    target = .object(object)
                    throw error
                }
                object.entries[index].value = child ?? .null
            } else {
                var child: JSONValue? = nil
                do {
                    try Self.write(value, rest, into: &child, path: path)
                } catch {
                    target = .object(object)
                    throw error
                }
                if let child { object.entries.append(JSONObject.Entry(key: key, value: child)) }
            }
            target = .object(object)
        case .index(let index):
            var elements = try Self.existingArray(target, path: path)
            if elements.count <= index {
                elements.append(contentsOf: repeatElement(JSONValue.null, count: index + 1 - elements.count))
            }
            var child: JSONValue? = elements[index] == .null ? nil : elements[index]
            try Self.write(value, rest, into: &child, path: path)
            elements[index] = child ?? .null
            target = .array(elements)
        case .wildcard:
            var elements = try Self.existingArray(target, path: path)
            let values: [JSONValue]
            if case .array(let array) = value { values = array } else { values = [value] }
            if elements.count < values.count {
                elements.append(contentsOf: repeatElement(JSONValue.null, count: values.count - elements.count))
            }
            for (index, element) in values.enumerated() where element != .null {
                var child: JSONValue? = elements[index] == .null ? nil : elements[index]
                try Self.write(element, rest, into: &child, path: path)
                elements[index] = child ?? .null
            }
            target = .array(elements)
        }
    }

    static func existingArray(_ target: JSONValue?, path: FieldPath) throws(PathConflict) -> [JSONValue] {
        switch target {
        case nil, .null?: return []
        case .array(let existing)?: return existing
        default:
            throw PathConflict(
                path: path.description, message: "an array index is written into a value that is not an array")
        }
    }
}
