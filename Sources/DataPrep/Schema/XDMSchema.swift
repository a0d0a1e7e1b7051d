import Foundation

/// The target XDM schema, as the Schema Registry returns it with
/// `Accept: application/vnd.adobe.xed-full+json;version=1` (references resolved inline), or with
/// `xed` (`allOf`/`$ref` to the standard definitions, which ``XDMComposition`` resolves).
public struct XDMSchema: Sendable {
    public let root: SchemaNode
    /// `$id` of the schema, if present.
    public let id: String?
    /// Where the schema was read from.
    public let source: String

    public init(root: SchemaNode, id: String? = nil, source: String = "") {
        self.root = root
        self.id = id
        self.source = source
    }

    /// Reads a schema document, `xed-full` or composed (`xed`). `source` names it in errors.
    public static func load(json: [UInt8], source: String) throws(XDMSchemaError) -> XDMSchema {
        let document: JSONValue
        do {
            document = try JSONValue.parse(json)
        } catch {
            throw XDMSchemaError(
                source: source, pointer: "#", line: error.line, column: error.column, message: error.message)
        }
        return try Self.load(document: document, source: source)
    }

    /// Reads a schema document already parsed, `xed-full` or composed (`xed`). `source` names it in errors.
    public static func load(document: JSONValue, source: String) throws(XDMSchemaError) -> XDMSchema {
        var document = document
        if XDMComposition.isComposed(document) {
            document = try XDMComposition().resolve(document, source: source)
        }
        guard case .object(let object) = document else {
            throw XDMSchemaError(source: source, pointer: "#", message: "a schema is a JSON object")
        }
        let root = try SchemaLoader(source: source).node(object, pointer: "#", depth: 0)
        guard root.type == .object || root.type == .any else {
            throw XDMSchemaError(
                source: source, pointer: "#/type", message: "the schema's root must be an object, not \(root.type.name)"
            )
        }
        var id: String?
        if case .string(let text)? = object["$id"] { id = text }
        return XDMSchema(root: root, id: id, source: source)
    }

    /// The schema node at a destination path, or the first key along it that the schema does not
    /// define (with the node that lacks it).
    public func node(at path: FieldPath) -> Lookup {
        var node = self.root
        var walked: [FieldPath.Component] = []
        for component in path.components {
            switch (component, node.type) {
            case (.key(let key), .object):
                guard let child = node.properties[key] else {
                    return .undefined(parent: FieldPath(components: walked), key: key)
                }
                node = child
            case (.key, .map):
                guard let values = node.items else { return .found(SchemaNode(type: .any)) }
                node = values
            case (.index, .array), (.wildcard, .array):
                guard let items = node.items else { return .found(SchemaNode(type: .any)) }
                node = items
            case (_, .any):
                return .found(node)
            case (.key(let key), _):
                return .undefined(parent: FieldPath(components: walked), key: key)
            default:
                return .notAnArray(FieldPath(components: walked), node.type)
            }
            walked.append(component)
        }
        return .found(node)
    }

    public enum Lookup: Sendable {
        case found(SchemaNode)
        /// `parent` has no member `key`.
        case undefined(parent: FieldPath, key: String)
        /// An index or `[*]` on a field that is not an array.
        case notAnArray(FieldPath, SchemaNode.FieldType)
    }
}

/// Turns schema JSON into `SchemaNode`s, naming the schema path of anything it cannot use.
struct SchemaLoader {
    let source: String
    static let maximumDepth = 64

    func fail(_ pointer: String, _ message: String) -> XDMSchemaError {
        XDMSchemaError(source: self.source, pointer: pointer, message: message)
    }

    func node(_ object: JSONObject, pointer: String, depth: Int) throws(XDMSchemaError) -> SchemaNode {
        if depth > Self.maximumDepth {
            throw self.fail(pointer, "schema nested deeper than \(Self.maximumDepth) levels")
        }
        if object["$ref"] != nil || object["allOf"] != nil && object["properties"] == nil {
            throw self.fail(
                pointer,
                "unresolved $ref/allOf: fetch the schema with Accept: application/vnd.adobe.xed-full+json;version=1 so that references are inlined"
            )
        }
        // type: a string, or an array such as ["string", "null"].
        var jsonType: String?
        switch object["type"] {
        case .string(let text)?: jsonType = text
        case .array(let types)?:
            let names = types.compactMap { value -> String? in
                if case .string(let s) = value { return s } else { return nil }
            }
            jsonType = names.first(where: { $0 != "null" })
        case nil: jsonType = nil
        default: throw self.fail(pointer + "/type", "\"type\" must be a string or an array of strings")
        }
        var format: String?
        if case .string(let text)? = object["format"] { format = text }
        var xdmType: String?
        if case .string(let text)? = object["meta:xdmType"] { xdmType = text }

        let type: SchemaNode.FieldType
        switch xdmType {
        case "int"?: type = .integer(.int)
        case "long"?: type = .integer(.long)
        case "short"?: type = .integer(.short)
        case "byte"?: type = .integer(.byte)
        case "double"?, "number"?, "float"?: type = .number
        case "string"?: type = format == "date-time" ? .dateTime : (format == "date" ? .date : .string)
        case "boolean"?: type = .boolean
        case "date"?: type = .date
        case "date-time"?: type = .dateTime
        case "object"?: type = .object
        case "map"?: type = .map
        case "array"?: type = .array
        case nil:
            switch jsonType {
            case "object"?:
                type =
                    object["additionalProperties"].map { if case .object = $0 { return true } else { return false } }
                        == true && object["properties"] == nil ? .map : .object
            case "array"?: type = .array
            case "string"?: type = format == "date-time" ? .dateTime : (format == "date" ? .date : .string)
            case "integer"?: type = .integer(.long)
            case "number"?: type = .number
            case "boolean"?: type = .boolean
            case nil: type = object["properties"] != nil ? .object : .any
            case let other?: throw self.fail(pointer + "/type", "unknown type \"\(other)\"")
            }
        case let other?:
            throw self.fail(pointer + "/meta:xdmType", "unknown meta:xdmType \"\(other)\"")
        }

        var properties: [String: SchemaNode] = [:]
        var order: [String] = []
        if case .object(let members)? = object["properties"] {
            for entry in members.entries {
                guard case .object(let child) = entry.value else {
                    throw self.fail(pointer + "/properties/" + entry.key, "a property's schema must be an object")
                }
                if properties[entry.key] == nil { order.append(entry.key) }
                properties[entry.key] = try self.node(
                    child, pointer: pointer + "/properties/" + entry.key, depth: depth + 1)
            }
        } else if object["properties"] != nil {
            throw self.fail(pointer + "/properties", "\"properties\" must be an object")
        }
        var required: [String] = []
        switch object["required"] {
        case nil: break
        case .array(let names)?:
            for (index, name) in names.enumerated() {
                guard case .string(let text) = name else {
                    throw self.fail(pointer + "/required/\(index)", "\"required\" lists field names (strings)")
                }
                required.append(text)
            }
        default: throw self.fail(pointer + "/required", "\"required\" must be an array of names")
        }
        var items: SchemaNode?
        let itemsKey = type == .map ? "additionalProperties" : "items"
        switch object[itemsKey] {
        case .object(let child)?: items = try self.node(child, pointer: pointer + "/" + itemsKey, depth: depth + 1)
        case .array(let tuple)?:
            if case .object(let child)? = tuple.first {
                items = try self.node(child, pointer: pointer + "/" + itemsKey + "/0", depth: depth + 1)
            }
        default: break
        }
        var enumValues: [JSONValue]?
        switch object["enum"] {
        case nil: break
        case .array(let values)?: enumValues = values
        default: throw self.fail(pointer + "/enum", "\"enum\" must be an array")
        }
        var pattern: String?
        var regex: NSRegularExpression?
        switch object["pattern"] {
        case nil: break
        case .string(let text)?:
            pattern = text
            do {
                regex = try NSRegularExpression(pattern: text)
            } catch {
                throw self.fail(pointer + "/pattern", "\"\(text)\" is not a valid regular expression")
            }
        default: throw self.fail(pointer + "/pattern", "\"pattern\" must be a string")
        }
        func count(_ key: String) throws(XDMSchemaError) -> Int? {
            switch object[key] {
            case nil: return nil
            case .int(let value)? where value >= 0 && value <= Int64(Int32.max): return Int(value)
            default: throw self.fail(pointer + "/" + key, "\"\(key)\" must be a non-negative integer")
            }
        }
        func bound(_ key: String) throws(XDMSchemaError) -> JSONValue? {
            switch object[key] {
            case nil: return nil
            case .int(let value)?: return .int(value)
            case .number(let number)? where Double(number.text) != nil: return .number(number)
            default: throw self.fail(pointer + "/" + key, "\"\(key)\" must be a number")
            }
        }
        return SchemaNode(
            type: type, properties: properties, propertyOrder: order, required: required, items: items,
            enumValues: enumValues, pattern: pattern, patternRegex: regex,
            minLength: try count("minLength"), maxLength: try count("maxLength"),
            minimum: try bound("minimum"), maximum: try bound("maximum")
        )
    }
}
