extension XDMSchema {
    /// Validates a finished record (an XDM message's `body.xdmEntity`) against the schema, as
    /// Adobe's streaming validation does for messages that are not mapped: no conversion (a
    /// string `"12"` is not an integer), extraneous keys refused, `required` members present,
    /// value constraints (`enum`, `pattern`, lengths, bounds, integer widths) checked.
    ///
    /// Returns the violations in record order, at most `limit` (Adobe reports 5); an empty array
    /// means the record is valid. `null` members are treated as absent, as Data Prep does.
    public func validate(_ record: JSONValue, limit: Int = 5) -> [SchemaViolation] {
        var violations: [SchemaViolation] = []
        var trail: [FieldPath.Component] = []
        Self.validate(record, node: self.root, trail: &trail, limit: max(1, limit), into: &violations)
        return violations
    }

    static func validate(
        _ value: JSONValue, node: SchemaNode, trail: inout [FieldPath.Component], limit: Int,
        into violations: inout [SchemaViolation]
    ) {
        guard violations.count < limit, value != .null else { return }
        let path = FieldPath(components: trail)
        switch node.type {
        case .any:
            return
        case .object:
            guard case .object(let object) = value else {
                violations.append(Coercion.typeViolation(path, expected: "JSONObject", value))
                return
            }
            for name in node.required where object[name] == nil || object[name] == .null {
                guard violations.count < limit else { return }
                violations.append(SchemaViolation.missingRequired(name, at: trail))
            }
            for entry in object.entries {
                guard violations.count < limit else { return }
                guard let child = node.properties[entry.key] else {
                    violations.append(
                        SchemaViolation(
                            rule: .extraneousKey, path: path.description,
                            message: "\(path.pointer): extraneous key [\(entry.key)] is not permitted"))
                    continue
                }
                trail.append(.key(entry.key))
                Self.validate(entry.value, node: child, trail: &trail, limit: limit, into: &violations)
                trail.removeLast()
            }
        case .map:
            guard case .object(let object) = value else {
                violations.append(Coercion.typeViolation(path, expected: "JSONObject", value))
                return
            }
            guard let values = node.items else { return }
            for entry in object.entries {
                trail.append(.key(entry.key))
                Self.validate(entry.value, node: values, trail: &trail, limit: limit, into: &violations)
                trail.removeLast()
            }
        case .array:
            guard case .array(let elements) = value else {
                violations.append(Coercion.typeViolation(path, expected: "JSONArray", value))
                return
            }
            guard let items = node.items else { return }
            for (index, element) in elements.enumerated() {
                trail.append(.index(index))
                Self.validate(element, node: items, trail: &trail, limit: limit, into: &violations)
                trail.removeLast()
            }
        default:
            if let violation = Self.scalarViolation(value, node: node, path: path) {
                violations.append(violation)
            }
        }
    }

    /// A scalar of the node's own JSON type (no conversion), then its value constraints.
    static func scalarViolation(_ value: JSONValue, node: SchemaNode, path: FieldPath) -> SchemaViolation? {
        let matches: Bool
        switch (node.type, value) {
        case (.string, .string), (.number, .int), (.number, .number), (.boolean, .bool), (.integer, .int):
            matches = true
        case (.date, .string(let text)), (.dateTime, .string(let text)):
            // A date field holds ISO text; anything no date pattern reads is a format violation.
            guard AdobeDateParsing.parse(text) != nil else {
                return SchemaViolation(
                    rule: .pattern, path: path.description,
                    message: "\(path.pointer): [\(text)] is not a valid \(node.type.name)")
            }
            matches = true
        default:
            matches = false
        }
        guard matches else { return Coercion.typeViolation(path, expected: Coercion.everitName(node.type), value) }
        if case .integer(let width) = node.type, case .int(let integer) = value, !width.range.contains(integer) {
            let violation = Coercion.rangeViolation(String(integer), width)
            return SchemaViolation(
                rule: violation.rule, path: path.description, message: "\(path.pointer): \(violation.message)")
        }
        do {
            try Coercion.check(value, against: node, at: path)
        } catch {
            return error
        }
        return nil
    }
}
