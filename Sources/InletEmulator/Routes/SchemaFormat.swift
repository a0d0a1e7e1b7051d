import DataPrep

/// The format a Schema Registry lookup asks for in `Accept`, as Adobe's spec lists them:
/// `application/vnd.adobe.xed+json; version=1` (references left as `allOf`/`$ref`), `xed-full`
/// (resolved), `xed-notext` and `xed-full-notext` (no titles or descriptions), `xed-full-desc`
/// (resolved, descriptions but no titles). Anything else cannot be given: 406.
struct SchemaFormat: Equatable, Sendable {
    /// References resolved (`xed-full`).
    var full: Bool
    var titles: Bool
    var descriptions: Bool
    /// The media type the answer carries.
    var contentType: String

    /// The stored form, for a request that names no Registry format (`Accept` absent, `*/*` or
    /// `application/json`): Adobe's spec requires a format; the emulator answers with `xed`.
    static let stored = SchemaFormat(full: false, titles: true, descriptions: true, contentType: "application/json")

    /// The format `accept` asks for, or why it cannot be given (for a 406).
    static func parse(_ accept: String?) -> Result<SchemaFormat, SchemaFormatError> {
        guard let accept, !accept.trimmingCharacters(in: .whitespaces).isEmpty else { return .success(.stored) }
        let parts = accept.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        let mediaType = parts[0].lowercased()
        if mediaType == "*/*" || mediaType == "application/json" { return .success(.stored) }
        let variants: [String: (full: Bool, titles: Bool, descriptions: Bool)] = [
            "application/vnd.adobe.xed+json": (false, true, true),
            "application/vnd.adobe.xed-full+json": (true, true, true),
            "application/vnd.adobe.xed-notext+json": (false, false, false),
            "application/vnd.adobe.xed-full-notext+json": (true, false, false),
            "application/vnd.adobe.xed-full-desc+json": (true, false, true),
        ]
        guard let variant = variants[mediaType] else {
            return .failure(
                SchemaFormatError(
                    message:
                        "Accept \(accept) is not a format a schema lookup can give: use application/vnd.adobe.xed+json; version=1 (or xed-full, xed-notext, xed-full-notext, xed-full-desc)"
                ))
        }
        let version = parts.dropFirst().first { $0.lowercased().hasPrefix("version=") }.map {
            String($0.dropFirst("version=".count))
        }
        guard let version else {
            return .failure(
                SchemaFormatError(message: "Accept \(accept) needs the schema's major version: \(mediaType); version=1")
            )
        }
        guard version == "1" else {
            return .failure(
                SchemaFormatError(message: "Accept \(accept): the schema has no version \(version) (its version is 1)"))
        }
        return .success(
            SchemaFormat(
                full: variant.full, titles: variant.titles, descriptions: variant.descriptions,
                contentType: "\(mediaType); version=1"))
    }

    /// `schema` without the texts this format leaves out (a property *named* `title` stays).
    func strip(_ schema: JSONValue) -> JSONValue {
        if self.titles && self.descriptions { return schema }
        return self.strip(schema, isPropertyMap: false)
    }

    private func strip(_ value: JSONValue, isPropertyMap: Bool) -> JSONValue {
        switch value {
        case .object(let object):
            var kept = JSONObject()
            for entry in object.entries {
                let key = entry.key
                if !isPropertyMap && ((key == "title" && !self.titles) || (key == "description" && !self.descriptions))
                {
                    continue
                }
                kept.entries.append(
                    JSONObject.Entry(
                        key: key,
                        value: self.strip(
                            entry.value, isPropertyMap: !isPropertyMap && (key == "properties" || key == "definitions"))
                    ))
            }
            return .object(kept)
        case .array(let items):
            return .array(items.map { self.strip($0, isPropertyMap: false) })
        default:
            return value
        }
    }
}

/// Why a lookup's `Accept` cannot be served.
struct SchemaFormatError: Error, Equatable {
    var message: String
}
