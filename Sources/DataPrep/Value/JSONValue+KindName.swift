extension JSONValue {
    /// The JSON type's name as messages use it: `null`, `boolean`, `integer`, `number`, `string`, `array`, `object`, `date`.
    public var kindName: String {
        switch self {
        case .null: return "null"
        case .bool: return "boolean"
        case .int: return "integer"
        case .number: return "number"
        case .string: return "string"
        case .array: return "array"
        case .object: return "object"
        case .date: return "date"
        }
    }
}
