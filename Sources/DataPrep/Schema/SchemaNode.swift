import Foundation

/// One field of an XDM schema: its type and constraints.
public final class SchemaNode: Sendable {
    /// The field's type, from `meta:xdmType` when present, else `type` and `format`.
    public enum FieldType: Sendable, Hashable {
        case object
        /// `meta:xdmType: map`: an object with any keys, values of `values`.
        case map
        case array
        case string
        /// `int`, `long`, `short`, `byte` (or `integer` without an xdmType: long).
        case integer(IntegerWidth)
        case number
        case boolean
        case date
        case dateTime
        /// No type given: anything goes.
        case any

        public var name: String {
            switch self {
            case .object: return "object"
            case .map: return "map"
            case .array: return "array"
            case .string: return "string"
            case .integer(let width): return width.rawValue
            case .number: return "double"
            case .boolean: return "boolean"
            case .date: return "date"
            case .dateTime: return "date-time"
            case .any: return "any"
            }
        }
    }

    public enum IntegerWidth: String, Sendable, Hashable {
        case byte, short, int, long

        public var range: ClosedRange<Int64> {
            switch self {
            case .byte: return Int64(Int8.min)...Int64(Int8.max)
            case .short: return Int64(Int16.min)...Int64(Int16.max)
            case .int: return Int64(Int32.min)...Int64(Int32.max)
            case .long: return Int64.min...Int64.max
            }
        }
    }

    public let type: FieldType
    /// Object members, in schema order.
    public let properties: [String: SchemaNode]
    public let propertyOrder: [String]
    public let required: [String]
    /// Array items or map values.
    public let items: SchemaNode?
    public let enumValues: [JSONValue]?
    public let pattern: String?
    let patternRegex: NSRegularExpression?
    /// `pattern` compiled by the hand-written matcher when it is simple enough (checked instead
    /// of `patternRegex`, with the same results).
    let simplePattern: SimplePattern?
    public let minLength: Int?
    public let maxLength: Int?
    /// `minimum`/`maximum` as written (exact for integers, compared as doubles otherwise).
    public let minimum: JSONValue?
    public let maximum: JSONValue?
    /// Whether this node or one below it lists `required` members (the required check skips
    /// subtrees without any).
    let hasRequiredBelow: Bool
    /// The members with `required` lists at or below them, in schema order: the required check
    /// compares a record's keys with these few instead of looking every key up in `properties`.
    let membersWithRequired: [(key: String, node: SchemaNode)]
    /// A string field without constraints: a string value converts to itself, nothing to check.
    let isPlainString: Bool

    init(
        type: FieldType, properties: [String: SchemaNode] = [:], propertyOrder: [String] = [], required: [String] = [],
        items: SchemaNode? = nil, enumValues: [JSONValue]? = nil, pattern: String? = nil,
        patternRegex: NSRegularExpression? = nil,
        minLength: Int? = nil, maxLength: Int? = nil, minimum: JSONValue? = nil, maximum: JSONValue? = nil
    ) {
        self.type = type
        self.properties = properties
        self.propertyOrder = propertyOrder
        self.required = required
        self.items = items
        self.enumValues = enumValues
        self.pattern = pattern
        self.patternRegex = patternRegex
        self.simplePattern = patternRegex == nil ? nil : pattern.flatMap(SimplePattern.init)
        self.minLength = minLength
        self.maxLength = maxLength
        self.minimum = minimum
        self.maximum = maximum
        self.hasRequiredBelow =
            !required.isEmpty || properties.values.contains { $0.hasRequiredBelow }
            || (items?.hasRequiredBelow ?? false)
        self.isPlainString =
            type == .string && enumValues == nil && pattern == nil && patternRegex == nil
            && minLength == nil && maxLength == nil && minimum == nil && maximum == nil
        self.membersWithRequired = (propertyOrder + properties.keys.filter { !propertyOrder.contains($0) }.sorted())
            .compactMap { key in
                guard let node = properties[key], node.hasRequiredBelow else { return nil }
                return (key, node)
            }
    }
}
