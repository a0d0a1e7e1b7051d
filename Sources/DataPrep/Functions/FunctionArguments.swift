/// The arguments of one call, with the checks every function needs. Errors are worded after
/// Adobe's ("Function substr expects 3 arguments, got 2").
struct FunctionArguments {
    let function: String
    let values: [JSONValue]

    init(_ function: String, _ values: [JSONValue]) {
        self.function = function
        self.values = values
    }

    var count: Int { self.values.count }

    subscript(index: Int) -> JSONValue {
        index < self.values.count ? self.values[index] : .null
    }

    func error(_ message: String) -> FunctionError {
        FunctionError(function: self.function, message: message)
    }

    /// Checks the argument count against `range`.
    func expect(_ range: ClosedRange<Int>) throws(FunctionError) {
        guard range.contains(self.values.count) else {
            let wanted =
                range.lowerBound == range.upperBound
                ? "\(range.lowerBound)"
                : (range.upperBound == Int.max
                    ? "at least \(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)")
            let noun = range.lowerBound == 1 && range.upperBound == 1 ? "argument" : "arguments"
            throw self.error("Function \(self.function) expects \(wanted) \(noun), got \(self.values.count)")
        }
    }

    func expect(_ count: Int) throws(FunctionError) {
        try self.expect(count...count)
    }

    func expectAtLeast(_ count: Int) throws(FunctionError) {
        try self.expect(count...Int.max)
    }

    /// The text of argument `index`: `nil` for null (or absent), scalars as text; arrays and
    /// objects are a type error.
    func string(_ index: Int, _ name: String = "input") throws(FunctionError) -> String? {
        let value = self[index]
        if value.isNullValue { return nil }
        guard let text = value.asString else {
            throw self.error("argument \(index + 1) (\(name)) must be a string, got \(value.kindName)")
        }
        return text
    }

    /// Argument `index` as an integer: `nil` for null; text or fractions that are no integer are a
    /// type error.
    func int(_ index: Int, _ name: String) throws(FunctionError) -> Int64? {
        let value = self[index]
        if value.isNullValue { return nil }
        guard let int = value.asInt64 else {
            throw self.error(
                "argument \(index + 1) (\(name)) must be an integer, got \(value.kindName) \(value.asString.map { "'\($0)'" } ?? "")"
            )
        }
        return int
    }

    /// Argument `index` as an `Int` that must be present.
    func requiredInt(_ index: Int, _ name: String) throws(FunctionError) -> Int {
        guard let value = try self.int(index, name) else {
            throw self.error("argument \(index + 1) (\(name)) must be an integer, got null")
        }
        guard let int = Int(exactly: value) else { throw self.error("argument \(index + 1) (\(name)) is out of range") }
        return int
    }

    /// Argument `index` as a boolean: JSON booleans or the text `true`/`false` (any case).
    func bool(_ index: Int, _ name: String) throws(FunctionError) -> Bool? {
        switch self[index] {
        case .null: return nil
        case .bool(let bool): return bool
        case .string(let text) where text.lowercased() == "true": return true
        case .string(let text) where text.lowercased() == "false": return false
        default: throw self.error("argument \(index + 1) (\(name)) must be a boolean, got \(self[index].kindName)")
        }
    }
}
