/// Map functions (an XDM map is a JSON object here): `map_get_values`, `map_has_keys`,
/// `add_to_map`, `object_to_map`, `array_to_map`, `to_map`. A null map gives null.
enum MapFunctions {
    static func map(_ args: FunctionArguments, _ index: Int) throws(FunctionError) -> JSONObject? {
        switch args[index] {
        case .null: return nil
        case .object(let object): return object
        default: throw args.error("argument \(index + 1) must be a map (object), got \(args[index].kindName)")
        }
    }

    /// The key or keys of argument `index`: one text, or an array of them (other scalars as text).
    static func keys(_ args: FunctionArguments, _ index: Int) throws(FunctionError) -> [String] {
        switch args[index] {
        case .null: return []
        case .array(let array):
            var keys: [String] = []
            for element in array {
                if element.isNullValue { continue }
                guard let key = element.asString else {
                    throw args.error("keys must be strings, got \(element.kindName)")
                }
                keys.append(key)
            }
            return keys
        default:
            guard let key = try args.string(index, "key") else { return [] }
            return [key]
        }
    }

    /// `map_get_values(map, key | [keys])`: a map of the requested keys that exist, each once
    /// (Adobe's example answers `{"author": "George R. R. Martin"}` for one key).
    static func mapGetValues(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(2)
        guard let map = try Self.map(args, 0) else { return .null }
        var result = JSONObject()
        for key in try Self.keys(args, 1) where result[key] == nil {
            if let value = map[key] { result[key] = value }
        }
        return .object(result)
    }

    /// `map_has_keys(map, key | [keys])`: whether any of the keys is in the map.
    static func mapHasKeys(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(2)
        guard let map = try Self.map(args, 0) else { return .bool(false) }
        for key in try Self.keys(args, 1) where map[key] != nil { return .bool(true) }
        return .bool(false)
    }

    /// `add_to_map(map1, map2, ...)`: every pair of every map; for a repeated key the first one
    /// (in argument order) stays. Null maps are skipped.
    static func addToMap(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expectAtLeast(1)
        var result = JSONObject()
        var sawMap = false
        for index in 0..<args.count {
            guard let map = try Self.map(args, index) else { continue }
            sawMap = true
            for entry in map.entries where result[entry.key] == nil {
                result[entry.key] = entry.value
            }
        }
        return sawMap ? .object(result) : .null
    }

    /// `object_to_map(k1, v1, ...)`, `object_to_map(object)` or
    /// `object_to_map(arrayOfObjects, keyAttribute)`.
    static func objectToMap(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expectAtLeast(1)
        switch args[0] {
        case .object(let object) where args.count == 1:
            return .object(object)
        case .null where args.count == 1:
            return .null
        case .array where args.count == 2, .null where args.count == 2:
            return try Self.arrayToMap(args)
        default:
            guard args.count >= 2 else {
                throw args.error("expects an object, an array of objects and a key, or key and value pairs")
            }
            return .object(try ObjectFunctions.pairs(args, firstWins: true))
        }
    }

    /// `array_to_map(arrayOfObjects, keyAttribute)`: each object under the text of its
    /// `keyAttribute` value; objects without it are skipped, a repeated key keeps the first.
    static func arrayToMap(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(2)
        guard let attribute = try args.string(1, "key") else { throw args.error("key must not be null") }
        let elements: [JSONValue]
        switch args[0] {
        case .null: return .null
        case .array(let array): elements = array
        default: throw args.error("argument 1 must be an array of objects, got \(args[0].kindName)")
        }
        var result = JSONObject()
        for element in elements {
            guard case .object(let object) = element else {
                if element.isNullValue { continue }
                throw args.error("array elements must be objects, got \(element.kindName)")
            }
            guard let keyValue = object[attribute], let key = keyValue.asString, result[key] == nil else { continue }
            result[key] = element
        }
        return .object(result)
    }

    /// `to_map(k1, v1, ...)` (or `to_map(object)`): a map of those pairs.
    static func toMap(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expectAtLeast(1)
        if args.count == 1 {
            switch args[0] {
            case .null: return .null
            case .object: return args[0]
            default: throw args.error("expects key and value pairs, or an object")
            }
        }
        return .object(try ObjectFunctions.pairs(args, firstWins: true))
    }
}
