/// Reading and building documents by hand (API resources, answers, tests): member and element
/// access, typed views of scalars, and literals.
extension JSONValue {
    /// The value under `key` of an object (nil for other values or a missing key). Setting `nil`
    /// removes the key, setting a new key appends it; setting on a non-object does nothing.
    public subscript(key: String) -> JSONValue? {
        get {
            guard case .object(let object) = self else { return nil }
            return object[key]
        }
        set {
            guard case .object(var object) = self else { return }
            self = .null
            object[key] = newValue
            self = .object(object)
        }
    }

    /// The element at `index` of an array (nil for other values or an index out of range).
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    /// The text of a string (nil for other values; `asString` converts scalars instead).
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The value of an integer (nil for other values; `asInt64` converts instead).
    public var intValue: Int64? {
        if case .int(let value) = self { return value }
        return nil
    }

    /// The value of a boolean (nil for other values).
    public var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// The elements of an array (nil for other values).
    public var arrayValue: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The members of an object in order (nil for other values).
    public var objectValue: [(key: String, value: JSONValue)]? {
        guard case .object(let object) = self else { return nil }
        return object.entries.map { (key: $0.key, value: $0.value) }
    }

    /// An object from pairs, in the order given (a repeated key keeps its last value, in the
    /// place of its first).
    public static func obj(_ pairs: (String, JSONValue)...) -> JSONValue {
        .object(pairs: pairs)
    }

    /// An object from pairs, in the order given (a repeated key keeps its last value, in the
    /// place of its first).
    public static func object(pairs: [(String, JSONValue)]) -> JSONValue {
        var object = JSONObject()
        object.entries.reserveCapacity(pairs.count)
        for (key, value) in pairs { object[key] = value }
        return .object(object)
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}
