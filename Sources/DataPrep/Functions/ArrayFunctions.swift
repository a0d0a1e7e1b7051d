/// Array functions.
enum ArrayFunctions {
    /// `coalesce(a, b, ...)`: the first argument that is not null; null when all are.
    static func coalesce(_ args: FunctionArguments) -> JSONValue {
        args.values.first(where: { !$0.isNullValue }) ?? .null
    }

    /// The elements `first`/`last` look at: a single array argument's elements, else the arguments.
    static func elements(_ args: FunctionArguments) -> [JSONValue] {
        if args.count == 1, case .array(let array) = args[0] { return array }
        return args.values
    }

    /// `first(v1, v2, ...)` or `first(array)`: the first element; null when there is none.
    static func first(_ args: FunctionArguments) -> JSONValue {
        Self.elements(args).first ?? .null
    }

    /// `last(v1, v2, ...)` or `last(array)`.
    static func last(_ args: FunctionArguments) -> JSONValue {
        Self.elements(args).last ?? .null
    }

    /// `add_to_array(array, v1, v2, ...)`: the array with the values appended (an array value is
    /// added as one element). A null array counts as empty; a scalar as a one-element array.
    static func addToArray(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expectAtLeast(1)
        var result: [JSONValue]
        switch args[0] {
        case .null: result = []
        case .array(let array): result = array
        default: result = [args[0]]
        }
        result.append(contentsOf: args.values.dropFirst())
        return .array(result)
    }

    /// `join_arrays(a1, a2, ...)`: the arrays' elements in order; null arguments are skipped, a
    /// scalar is added as one element.
    static func joinArrays(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expectAtLeast(1)
        var result: [JSONValue] = []
        for value in args.values {
            switch value {
            case .null: continue
            case .array(let array): result.append(contentsOf: array)
            default: result.append(value)
            }
        }
        return .array(result)
    }

    /// `to_array(includeNulls, v1, v2, ...)`: the values as an array, nulls kept only when asked.
    static func toArray(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expectAtLeast(1)
        guard let includeNulls = try args.bool(0, "include nulls") else {
            throw args.error("include nulls must be true or false, got null")
        }
        let values = args.values.dropFirst()
        return .array(includeNulls ? Array(values) : values.filter { !$0.isNullValue })
    }

    /// `size_of(x)`: elements of an array, keys of an object, characters of a text; null for null.
    static func sizeOf(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(1)
        switch args[0] {
        case .null: return .null
        case .array(let array): return .int(Int64(array.count))
        case .object(let object): return .int(Int64(object.count))
        case .string(let text): return .int(Int64(JavaString.length(text)))
        default: throw args.error("expects an array, an object or a string, got \(args[0].kindName)")
        }
    }

    /// `upsert_array_append(array)`: only means something for Profile updates; for the inserts
    /// this engine produces it returns the array as is (Adobe's documented insert behaviour).
    static func upsertArrayAppend(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(1)
        return args[0]
    }

    /// `upsert_array_replace(array, index?)`: as `upsert_array_append`, the array as is.
    static func upsertArrayReplace(_ args: FunctionArguments) throws(FunctionError) -> JSONValue {
        try args.expect(1...2)
        if !args[1].isNullValue { _ = try args.int(1, "index") }
        return args[0]
    }
}
