/// The run configuration as `key: value` rows in declaration order; unset optionals are left out,
/// dictionaries flattened with dots and sorted.
enum ConfigurationRows {
    static func rows(_ configuration: RunConfigurationRecord) -> [(key: String, value: String)] {
        var rows: [(key: String, value: String)] = []
        for child in Mirror(reflecting: configuration).children {
            guard let key = child.label else { continue }
            self.append(child.value, key: key, into: &rows)
        }
        return rows
    }

    private static func append(_ value: Any, key: String, into rows: inout [(key: String, value: String)]) {
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            if let inner = mirror.children.first?.value { self.append(inner, key: key, into: &rows) }
            return
        }
        switch value {
        case let text as String: rows.append((key, text))
        case let flag as Bool: rows.append((key, flag ? "true" : "false"))
        case let number as Int: rows.append((key, String(number)))
        case let number as Double: rows.append((key, ThresholdFormat.number(number, fractionDigits: 6)))
        case let list as [String]: rows.append((key, list.joined(separator: ", ")))
        case let map as [String: String]:
            if map.isEmpty { rows.append((key, "none")) }
            for name in map.keys.sorted() { rows.append((key + "." + name, map[name] ?? "")) }
        default: rows.append((key, String(describing: value)))
        }
    }
}
