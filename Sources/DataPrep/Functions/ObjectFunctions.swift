/// Object functions: `is_empty`, `arrays_to_object`, `to_object`, `str_to_object`, `get_keys`,
/// `get_values`.
enum ObjectFunctions {
    /// `is_empty(x)`: true for null, "", [] and {}; false for anything else (`[null]` is not empty).
    static func isEmpty(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(1)
        switch args[0] {
        case .null: return .bool(true)
        case .string(let text): return .bool(text.isEmpty)
        case .array(let array): return .bool(array.isEmpty)
        case .object(let object): return .bool(object.isEmpty)
        default: return .bool(false)
        }
    }

    /// `arrays_to_object(key1, array1, key2, array2, ...)`: element `i` of every array gathered
    /// into object `i`, as many objects as the longest array has elements; an array that is
    /// shorter adds nothing to the later objects; a null array counts as empty.
    static func arraysToObject(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expectAtLeast(2)
        guard args.count % 2 == 0 else { throw args.error("expects key and array pairs, got \(args.count) arguments") }
        var columns: [(String, [JSONValue])] = []
        var length = 0
        for pair in stride(from: 0, to: args.count, by: 2) {
            guard let key = try args.string(pair, "key") else {
                throw args.error("key \(pair / 2 + 1) must not be null")
            }
            let values: [JSONValue]
            switch args[pair + 1] {
            case .null: values = []
            case .array(let array): values = array
            default:
                throw args.error(
                    "argument \(pair + 2) (values of '\(key)') must be an array, got \(args[pair + 1].kindName)")
            }
            length = max(length, values.count)
            columns.append((key, values))
        }
        var objects: [JSONValue] = []
        objects.reserveCapacity(length)
        for index in 0..<length {
            var object = JSONObject()
            for (key, values) in columns where index < values.count {
                object[key] = values[index]
            }
            objects.append(.object(object))
        }
        return .array(objects)
    }

    /// `to_object(k1, v1, k2, v2, ...)`: an object of those pairs (a repeated key keeps the last value).
    static func toObject(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        .object(try Self.pairs(args, firstWins: false))
    }

    /// Key and value pairs of a flat argument list; keys are texts.
    static func pairs(_ args: FunctionArguments, firstWins: Bool) throws(FunctionError) -> JSONObject {
        try args.expectAtLeast(2)
        guard args.count % 2 == 0 else { throw args.error("expects key and value pairs, got \(args.count) arguments") }
        var object = JSONObject()
        for pair in stride(from: 0, to: args.count, by: 2) {
            guard let key = try args.string(pair, "key") else {
                throw args.error("key \(pair / 2 + 1) must not be null")
            }
            if firstWins && object[key] != nil { continue }
            object[key] = args[pair + 1]
        }
        return object
    }

    /// Splits `text` into trimmed key and value pairs: fields separated by `fieldDelimiter`, key
    /// from value by the first `valueDelimiter` (both literal text). Fields without the value
    /// delimiter or with an empty key are skipped; a repeated key keeps the first value.
    static func keyValuePairs(_ text: String, valueDelimiter: String, fieldDelimiter: String) -> JSONObject {
        var object = JSONObject()
        for field in ByteSearch.split(text, separator: fieldDelimiter) {
            let search = ByteSearch(field)
            guard let split = search.firstIndex(of: valueDelimiter) else { continue }
            let key = search.text(0..<split).trimmingJavaWhitespace()
            let value = search.text((split + valueDelimiter.utf8.count)..<search.bytes.count).trimmingJavaWhitespace()
            guard !key.isEmpty, object[key] == nil else { continue }
            object[key] = .string(value)
        }
        return object
    }

    /// `str_to_object(text, valueDelimiter = ":", fieldDelimiter = ",")`.
    static func strToObject(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(1...3)
        guard let text = try args.string(0) else { return .null }
        let valueDelimiter = try Self.delimiter(args, 1, default: ":")
        let fieldDelimiter = try Self.delimiter(args, 2, default: ",")
        return .object(Self.keyValuePairs(text, valueDelimiter: valueDelimiter, fieldDelimiter: fieldDelimiter))
    }

    static func delimiter(_ args: FunctionArguments, _ index: Int, default value: String) throws(FunctionError)
        -> String
    {
        guard let text = try args.string(index, "delimiter"), !text.isEmpty else { return value }
        return text
    }

    /// `get_keys(object)`: its keys in order.
    static func getKeys(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(1)
        switch args[0] {
        case .null: return .null
        case .object(let object): return .array(object.keys.map { .string($0) })
        default: throw args.error("argument 1 must be an object, got \(args[0].kindName)")
        }
    }

    /// `get_values(text, key, valueDelimiter, fieldDelimiter?)`: the value of `key` in a
    /// `str_to_object`-style text (delimiters default to ":" and "," when null or empty); null
    /// when the key is absent. An object as first argument is looked up directly.
    static func getValues(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(2...4)
        guard let key = try args.string(1, "key") else { return .null }
        if case .object(let object) = args[0] { return object[key] ?? .null }
        guard let text = try args.string(0) else { return .null }
        let valueDelimiter = try Self.delimiter(args, 2, default: ":")
        let fieldDelimiter = try Self.delimiter(args, 3, default: ",")
        return Self.keyValuePairs(text, valueDelimiter: valueDelimiter, fieldDelimiter: fieldDelimiter)[key] ?? .null
    }
}
