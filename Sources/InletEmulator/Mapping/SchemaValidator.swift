/// A subset of XDM schema validation for the fallback mapper: `type` (with `meta:xdmType`),
/// `properties`, `required`, `minLength`, `maxLength`, `enum`, and no extraneous keys in objects
/// that declare `properties`. Values are coerced first the way Data Prep does for the simple cases.
struct SchemaValidator: Sendable {
    let root: JSON

    init(schemaJSON: [UInt8]) throws {
        do {
            self.root = try JSON.parse(schemaJSON)
        } catch {
            throw FallbackMapperError(message: "the schema is not valid JSON: \(error)")
        }
    }

    func coerceAndValidate(_ record: inout JSON, warnings: inout [String]) -> [StreamingViolation] {
        var violations: [StreamingViolation] = []
        self.visit(&record, schema: self.root, schemaLocation: "#", pointer: "#", warnings: &warnings, violations: &violations)
        return violations
    }

    private func visit(
        _ value: inout JSON,
        schema: JSON,
        schemaLocation: String,
        pointer: String,
        warnings: inout [String],
        violations: inout [StreamingViolation]
    ) {
        let type = schema["type"]?.stringValue
        if let type {
            value = Self.coerce(value, to: type, pointer: pointer, warnings: &warnings)
            if !Self.matches(value, type: type) {
                violations.append(
                    StreamingViolation(
                        schemaLocation: schemaLocation,
                        pointerToViolation: pointer,
                        keyword: "type",
                        message: "expected type: \(Self.typeName(type)), found: \(value.validationTypeName)"
                    )
                )
                return
            }
        }
        if case .string(let text) = value {
            let length = text.unicodeScalars.count
            if let minimum = schema["minLength"]?.intValue, length < minimum {
                violations.append(
                    StreamingViolation(
                        schemaLocation: schemaLocation,
                        pointerToViolation: pointer,
                        keyword: "minLength",
                        message: "expected minLength: \(minimum), actual: \(length)"
                    )
                )
            }
            if let maximum = schema["maxLength"]?.intValue, length > maximum {
                violations.append(
                    StreamingViolation(
                        schemaLocation: schemaLocation,
                        pointerToViolation: pointer,
                        keyword: "maxLength",
                        message: "expected maxLength: \(maximum), actual: \(length)"
                    )
                )
            }
        }
        if let options = schema["enum"]?.arrayValue, !options.contains(value) {
            violations.append(
                StreamingViolation(
                    schemaLocation: schemaLocation,
                    pointerToViolation: pointer,
                    keyword: "enum",
                    message: "\(value.text) is not a valid enum value"
                )
            )
        }
        guard case .object(var entries) = value else {
            if case .array(var items) = value, let itemSchema = schema["items"] {
                for index in items.indices {
                    self.visit(
                        &items[index],
                        schema: itemSchema,
                        schemaLocation: schemaLocation + "/items",
                        pointer: pointer + "/\(index)",
                        warnings: &warnings,
                        violations: &violations
                    )
                }
                value = .array(items)
            }
            return
        }
        for required in schema["required"]?.arrayValue ?? [] {
            guard let name = required.stringValue else { continue }
            if !entries.contains(where: { $0.0 == name }) {
                violations.append(
                    StreamingViolation(
                        schemaLocation: schemaLocation,
                        pointerToViolation: pointer,
                        keyword: "required",
                        message: "required key [\(name)] not found"
                    )
                )
            }
        }
        if let properties = schema["properties"] {
            for index in entries.indices {
                let key = entries[index].0
                guard let propertySchema = properties[key] else {
                    violations.append(
                        StreamingViolation(
                            schemaLocation: schemaLocation,
                            pointerToViolation: pointer,
                            keyword: "additionalProperties",
                            message: "extraneous key [\(key)] is not permitted"
                        )
                    )
                    continue
                }
                self.visit(
                    &entries[index].1,
                    schema: propertySchema,
                    schemaLocation: schemaLocation + "/properties/" + key,
                    pointer: pointer + "/" + key,
                    warnings: &warnings,
                    violations: &violations
                )
            }
        }
        value = .object(entries)
    }

    static func typeName(_ type: String) -> String {
        switch type {
        case "string": return "String"
        case "integer": return "Integer"
        case "number": return "Number"
        case "boolean": return "Boolean"
        case "object": return "JSONObject"
        case "array": return "JSONArray"
        default: return type
        }
    }

    static func matches(_ value: JSON, type: String) -> Bool {
        switch (type, value) {
        case ("string", .string), ("integer", .int), ("number", .int), ("number", .number),
            ("boolean", .bool), ("object", .object), ("array", .array), ("null", .null):
            return true
        default:
            return false
        }
    }

    /// Data Prep's simple coercions; a failed conversion leaves the value (validation reports it).
    static func coerce(_ value: JSON, to type: String, pointer: String, warnings: inout [String]) -> JSON {
        switch (type, value) {
        case ("string", .int(let number)): return .string(String(number))
        case ("string", .number(let text)): return .string(text)
        case ("string", .bool(let flag)): return .string(flag ? "true" : "false")
        case ("integer", .string(let text)):
            if let number = Int64(text) { return .int(number) }
            warnings.append("\(pointer): cannot convert \"\(text)\" to an integer")
            return value
        case ("number", .string(let text)):
            if let number = Int64(text) { return .int(number) }
            if Double(text) != nil { return .number(text) }
            warnings.append("\(pointer): cannot convert \"\(text)\" to a number")
            return value
        case ("boolean", .string(let text)):
            if ["y", "yes", "Y", "YES", "on", "ON", "true", "TRUE"].contains(text) { return .bool(true) }
            if ["n", "N", "no", "NO", "off", "OFF", "false", "FALSE"].contains(text) { return .bool(false) }
            return value
        default:
            return value
        }
    }
}
