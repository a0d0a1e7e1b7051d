import Foundation

/// A field left out of the record because its value did not convert (a transformation error:
/// Adobe logs a warning and ingests the rest).
struct DroppedField: Sendable, Hashable {
    var path: FieldPath
    var message: String
}

/// Converts mapped values to the types of the target schema (data-prep.md, "Coercion to the
/// target schema") and checks the value constraints (`enum`, `pattern`, lengths, bounds, integer
/// ranges).
enum Coercion {
    static let trueWords: Set<String> = ["y", "yes", "Y", "YES", "on", "ON", "true", "TRUE"]
    static let falseWords: Set<String> = ["n", "N", "no", "NO", "off", "OFF", "false", "FALSE"]

    /// The value converted for `node`, or nil when it is dropped (recorded in `dropped`).
    /// Throws when the record becomes invalid (a structural type mismatch, an extraneous key, a
    /// constraint violated).
    static func coerce(_ value: JSONValue, to node: SchemaNode, at path: FieldPath, dropped: inout [DroppedField])
        throws(SchemaViolation) -> JSONValue?
    {
        if value == .null { return .null }
        switch node.type {
        case .any:
            if case .date(let date) = value { return .string(AdobeDateParsing.iso8601(date, dateOnly: false)) }
            return value
        case .object:
            guard case .object(let object) = value else {
                throw Self.typeViolation(path, expected: "JSONObject", value)
            }
            var result = JSONObject()
            for entry in object.entries {
                guard let child = node.properties[entry.key] else {
                    throw SchemaViolation(
                        rule: .extraneousKey, path: path.description,
                        message: "\(path.pointer): extraneous key [\(entry.key)] is not permitted")
                }
                let childPath = FieldPath(components: path.components + [.key(entry.key)])
                if entry.value == .null { continue }
                if let converted = try Self.coerce(entry.value, to: child, at: childPath, dropped: &dropped) {
                    result[entry.key] = converted
                }
            }
            return .object(result)
        case .map:
            guard case .object(let object) = value else {
                throw Self.typeViolation(path, expected: "JSONObject", value)
            }
            guard let values = node.items else { return value }
            var result = JSONObject()
            for entry in object.entries {
                let childPath = FieldPath(components: path.components + [.key(entry.key)])
                if let converted = try Self.coerce(entry.value, to: values, at: childPath, dropped: &dropped) {
                    result[entry.key] = converted
                }
            }
            return .object(result)
        case .array:
            guard case .array(let elements) = value else {
                throw Self.typeViolation(path, expected: "JSONArray", value)
            }
            guard let items = node.items else { return value }
            var result: [JSONValue] = []
            result.reserveCapacity(elements.count)
            for (index, element) in elements.enumerated() {
                let childPath = FieldPath(components: path.components + [.index(index)])
                if let converted = try Self.coerce(element, to: items, at: childPath, dropped: &dropped) {
                    result.append(converted)
                }
            }
            return .array(result)
        default:
            // The most common field: text into an unconstrained string (what `scalar` and `check` give).
            if node.isPlainString, case .string = value { return value }
            if case .object = value { throw Self.typeViolation(path, expected: Self.everitName(node.type), value) }
            if case .array = value { throw Self.typeViolation(path, expected: Self.everitName(node.type), value) }
            switch Self.scalar(value, to: node.type) {
            case .success(let converted):
                try Self.check(converted, against: node, at: path)
                return converted
            case .failure(let failure):
                switch failure {
                case .transformation(let message):
                    dropped.append(DroppedField(path: path, message: message))
                    return nil
                case .violation(let violation):
                    throw SchemaViolation(
                        rule: violation.rule, path: path.description, message: "\(path.pointer): \(violation.message)")
                }
            }
        }
    }

    enum ScalarFailure: Error {
        case transformation(String)
        case violation(SchemaViolation)
    }

    static func scalar(_ value: JSONValue, to type: SchemaNode.FieldType) -> Result<JSONValue, ScalarFailure> {
        var shown: String { ExpressionEvaluator.describe(value) }
        switch type {
        case .string:
            switch value {
            case .string: return .success(value)
            case .int(let i): return .success(.string(String(i)))
            case .number(let n): return .success(.string(n.text))
            case .bool(let b): return .success(.string(b ? "true" : "false"))
            case .date(let d): return .success(.string(AdobeDateParsing.iso8601(d, dateOnly: false)))
            default: return .failure(.transformation("cannot convert \(shown) to string"))
            }
        case .integer(let width):
            let integer: Int64
            switch value {
            case .int(let i): integer = i
            case .number(let n):
                switch Self.integer(fromNumberText: n.text) {
                case .some(.some(let i)): integer = i
                case .some(nil): return .failure(.violation(Self.rangeViolation(n.text, width)))
                case nil:
                    return .failure(.transformation("cannot convert \(shown) to \(width.rawValue): not a whole number"))
                }
            case .string(let s):
                let trimmed = s.trimmingCharacters(in: .whitespaces)
                if let i = JSONValue.exactInteger(trimmed) {
                    integer = i
                } else {
                    switch Self.integer(fromNumberText: trimmed) {
                    case .some(.some(let i)): integer = i
                    case .some(nil): return .failure(.violation(Self.rangeViolation(trimmed, width)))
                    case nil:
                        return .failure(
                            .transformation("cannot convert \(shown) to \(width.rawValue): the text is not an integer"))
                    }
                }
            default:
                return .failure(.transformation("cannot convert \(shown) to \(width.rawValue)"))
            }
            if !width.range.contains(integer) {
                return .failure(.violation(Self.rangeViolation(String(integer), width)))
            }
            return .success(.int(integer))
        case .number:
            switch value {
            case .int, .number: return .success(value)
            case .string(let s):
                let trimmed = s.trimmingCharacters(in: .whitespaces)
                if let parsed = try? JSONValue.parse(Array(trimmed.utf8)) {
                    if case .int = parsed { return .success(parsed) }
                    if case .number = parsed { return .success(parsed) }
                }
                if let double = Double(trimmed), double.isFinite { return .success(.number(JSONNumber(double))) }
                return .failure(.transformation("cannot convert \(shown) to double: the text is not a number"))
            default:
                return .failure(.transformation("cannot convert \(shown) to double"))
            }
        case .boolean:
            switch value {
            case .bool: return .success(value)
            case .string(let s):
                if Self.trueWords.contains(s) { return .success(.bool(true)) }
                if Self.falseWords.contains(s) { return .success(.bool(false)) }
                return .failure(
                    .transformation(
                        "cannot convert \(shown) to boolean: expected one of y, yes, on, true, n, no, off, false"))
            default:
                return .failure(.transformation("cannot convert \(shown) to boolean"))
            }
        case .date, .dateTime:
            let dateOnly = type == .date
            switch value {
            case .date(let d): return .success(.string(AdobeDateParsing.iso8601(d, dateOnly: dateOnly)))
            case .string(let s):
                if !dateOnly, let canonical = AdobeDateParsing.canonicalDateTime(s) {
                    return .success(.string(canonical))
                }
                guard let d = AdobeDateParsing.parse(s) else {
                    return .failure(.transformation("cannot convert \(shown) to \(type.name): no date pattern matches"))
                }
                return .success(.string(AdobeDateParsing.iso8601(d, dateOnly: dateOnly)))
            case .int, .number:
                return .failure(
                    .transformation(
                        "cannot convert \(shown) to \(type.name): an epoch number is not converted implicitly; use dformat(...)"
                    ))
            default:
                return .failure(.transformation("cannot convert \(shown) to \(type.name)"))
            }
        default:
            return .success(value)
        }
    }

    /// For number text: nil if not a whole number, .some(nil) if whole but beyond 64 bits,
    /// .some(value) otherwise. `12`, `12.0`, `1.2e1` are whole; `12.5` is not.
    static func integer(fromNumberText text: String) -> Int64?? {
        guard let parsed = try? JSONValue.parse(Array(text.utf8)) else { return nil }
        switch parsed {
        case .int(let i): return .some(i)
        case .number(let n):
            let t = n.text
            if !t.contains("e") && !t.contains("E") {
                let parts = t.split(separator: ".", omittingEmptySubsequences: false)
                if parts.count == 2 {
                    guard parts[1].allSatisfy({ $0 == "0" }) else { return nil }
                    return .some(JSONValue.exactInteger(String(parts[0])))
                }
                return .some(nil)  // an integer beyond 64 bits
            }
            guard let d = Double(t), d.isFinite, d.rounded() == d else { return nil }
            if abs(d) >= 9.2e18 { return .some(nil) }
            return .some(Int64(d))
        default: return nil
        }
    }

    static func rangeViolation(_ text: String, _ width: SchemaNode.IntegerWidth) -> SchemaViolation {
        let negative = text.hasPrefix("-")
        return negative
            ? SchemaViolation(
                rule: .minimum, path: "",
                message: "\(text) is not greater or equal to \(width.range.lowerBound) (the range of \(width.rawValue))"
            )
            : SchemaViolation(
                rule: .maximum, path: "",
                message: "\(text) is not less or equal to \(width.range.upperBound) (the range of \(width.rawValue))")
    }

    static func everitName(_ type: SchemaNode.FieldType) -> String {
        switch type {
        case .string, .date, .dateTime: return "String"
        case .integer: return "Integer"
        case .number: return "Number"
        case .boolean: return "Boolean"
        case .object, .map: return "JSONObject"
        case .array: return "JSONArray"
        case .any: return "any"
        }
    }

    static func typeViolation(_ path: FieldPath, expected: String, _ value: JSONValue) -> SchemaViolation {
        let found: String
        switch value {
        case .object: found = "JSONObject"
        case .array: found = "JSONArray"
        case .string, .date: found = "String"
        case .int: found = "Integer"
        case .number: found = "BigDecimal"
        case .bool: found = "Boolean"
        case .null: found = "Null"
        }
        return SchemaViolation(
            rule: .type, path: path.description, message: "\(path.pointer): expected type: \(expected), found: \(found)"
        )
    }

    /// The value constraints of a converted scalar.
    static func check(_ value: JSONValue, against node: SchemaNode, at path: FieldPath) throws(SchemaViolation) {
        if let allowed = node.enumValues, !allowed.contains(where: { Arithmetic.equal($0, value) }) {
            throw SchemaViolation(
                rule: .enumeration, path: path.description,
                message:
                    "\(path.pointer): \(ExpressionEvaluator.text(value) ?? value.jsonText) is not a valid enum value")
        }
        if case .string(let text) = value {
            // Counting scalars walks the whole string: only when a length is constrained.
            let length = node.minLength == nil && node.maxLength == nil ? 0 : Self.scalarCount(text)
            if let minimum = node.minLength, length < minimum {
                throw SchemaViolation(
                    rule: .minLength, path: path.description,
                    message: "\(path.pointer): expected minLength: \(minimum), actual: \(length)")
            }
            if let maximum = node.maxLength, length > maximum {
                throw SchemaViolation(
                    rule: .maxLength, path: path.description,
                    message: "\(path.pointer): expected maxLength: \(maximum), actual: \(length)")
            }
            if let simple = node.simplePattern {
                if !simple.matches(text) {
                    throw SchemaViolation(
                        rule: .pattern, path: path.description,
                        message: "\(path.pointer): string [\(text)] does not match pattern \(node.pattern ?? "")")
                }
            } else if let regex = node.patternRegex {
                // A schema's pattern can backtrack without end ("^(a+)+$"): the search is bounded in
                // time as the mapping functions' are, and a search cut short fails the record.
                let matched: Bool
                do {
                    let length = NSRange(text.startIndex..<text.endIndex, in: text).length
                    matched = try !RegexCache.matches(regex, in: text, length: length, first: true, function: "pattern")
                        .isEmpty
                } catch {
                    throw SchemaViolation(
                        rule: .pattern, path: path.description,
                        message: "\(path.pointer): pattern \(node.pattern ?? ""): \(error.message)")
                }
                if !matched {
                    throw SchemaViolation(
                        rule: .pattern, path: path.description,
                        message: "\(path.pointer): string [\(text)] does not match pattern \(node.pattern ?? "")")
                }
            }
        }
        if let minimum = node.minimum, let order = try? Arithmetic.compare(value, minimum), order < 0 {
            throw SchemaViolation(
                rule: .minimum, path: path.description,
                message: "\(path.pointer): \(value.jsonText) is not greater or equal to \(minimum.jsonText)")
        }
        if let maximum = node.maximum, let order = try? Arithmetic.compare(value, maximum), order > 0 {
            throw SchemaViolation(
                rule: .maximum, path: path.description,
                message: "\(path.pointer): \(value.jsonText) is not less or equal to \(maximum.jsonText)")
        }
    }

    /// `text.unicodeScalars.count`, counted on the UTF-8 bytes (every scalar has exactly one byte
    /// that is not a continuation byte `10xxxxxx`) instead of decoding each scalar.
    static func scalarCount(_ text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            var count = 0
            for byte in bytes where byte & 0xC0 != 0x80 { count += 1 }
            return count
        }
    }

    /// The `required` rule over a finished record (all writes done). Walks only the parts of
    /// the schema that have `required` members somewhere below, and builds a path only to report.
    static func checkRequired(_ value: JSONValue, node: SchemaNode) throws(SchemaViolation) {
        var trail: [FieldPath.Component] = []
        try Self.checkRequired(value, node: node, trail: &trail)
    }

    static func checkRequired(_ value: JSONValue, node: SchemaNode, trail: inout [FieldPath.Component])
        throws(SchemaViolation)
    {
        guard node.hasRequiredBelow else { return }
        switch (value, node.type) {
        case (.object(let object), .object):
            for name in node.required where object[name] == nil {
                throw SchemaViolation.missingRequired(name, at: trail)
            }
            let members = node.membersWithRequired
            if members.isEmpty { return }
            for entry in object.entries {
                guard let child = members.first(where: { $0.key == entry.key })?.node else { continue }
                trail.append(.key(entry.key))
                try Self.checkRequired(entry.value, node: child, trail: &trail)
                trail.removeLast()
            }
        case (.object(let object), .map):
            guard let values = node.items else { return }
            for entry in object.entries {
                trail.append(.key(entry.key))
                try Self.checkRequired(entry.value, node: values, trail: &trail)
                trail.removeLast()
            }
        case (.array(let elements), .array):
            guard let items = node.items else { return }
            for (index, element) in elements.enumerated() {
                trail.append(.index(index))
                try Self.checkRequired(element, node: items, trail: &trail)
                trail.removeLast()
            }
        default:
            return
        }
    }
}
