/// Resolves a composed XDM schema (the Schema Registry's `xed` form: `allOf` and `$ref` to classes,
/// field groups and data types) into the form `xed-full` returns: every reference inlined and
/// every `allOf` merged into one object with the union of the members' `properties` and `required`.
///
/// References name the standard definitions of ``StandardXDM`` (or others passed in), by `$id`,
/// optionally with a `#/json/pointer` fragment, or a `#/definitions/...` pointer inside the
/// document that holds them. A reference cycle, nesting deeper than ``maximumDepth`` or an
/// expansion beyond ``maximumNodes`` nodes is an error, never a hang.
public struct XDMComposition: Sendable {
    /// The documents references may name, by `$id`.
    public var definitions: [String: JSONValue]
    /// How deep schema nodes may nest once resolved.
    public static let maximumDepth = 64
    /// How many schema nodes one resolution may produce (a bound on fan-out through references).
    public static let maximumNodes = 50_000
    /// The JSON-LD `@context` base (`extensible`) carries nothing a record is validated against.
    static let ignoredBases: Set<String> = ["https://ns.adobe.com/xdm/common/extensible"]

    public init(definitions: [String: JSONValue] = StandardXDM.documents) {
        self.definitions = definitions
    }

    /// Whether `value` has an `allOf` or a `$ref` anywhere.
    public static func isComposed(_ value: JSONValue) -> Bool {
        switch value {
        case .object(let object):
            return object.entries.contains { $0.key == "$ref" || $0.key == "allOf" || Self.isComposed($0.value) }
        case .array(let items):
            return items.contains { Self.isComposed($0) }
        default:
            return false
        }
    }

    /// The resolved schema; `source` names the document in errors.
    public func resolve(_ document: JSONValue, source: String) throws(XDMSchemaError) -> JSONValue {
        guard case .object(let root) = document else {
            throw XDMSchemaError(source: source, pointer: "#", message: "a schema is a JSON object")
        }
        var state = State(source: source)
        var resolved = try self.node(root, document: document, pointer: "#", depth: 0, stack: [], state: &state)
        // The root keeps its own identity; what it inherited is structure only.
        for key in ["$id", "title", "description", "$schema"] {
            if let value = root[key] { resolved[key] = value } else { resolved[key] = nil }
        }
        for entry in root.entries where entry.key.hasPrefix("meta:") {
            resolved[entry.key] = entry.value
        }
        return .object(resolved)
    }

    /// The references a schema's top-level `allOf` names (`$id`s without fragment), in order.
    public static func directReferences(_ document: JSONValue) -> [String] {
        guard case .object(let root) = document, case .array(let members)? = root["allOf"] else { return [] }
        var references: [String] = []
        for member in members {
            guard case .object(let object) = member, case .string(let reference)? = object["$ref"] else { continue }
            let base = String(
                reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
            if !base.isEmpty, !references.contains(base) { references.append(base) }
        }
        return references
    }

    /// Everything a schema extends, as the Registry lists it in `meta:extends`: each direct
    /// reference after what it extends in turn (each once).
    public func extends(_ document: JSONValue) -> [String] {
        var result: [String] = []
        var visiting: Set<String> = []
        func visit(_ id: String) {
            guard !result.contains(id), !visiting.contains(id) else { return }
            visiting.insert(id)
            if case .object(let object)? = self.definitions[id] {
                var inherited: [String] = []
                if case .array(let names)? = object["meta:extends"] {
                    inherited = names.compactMap { if case .string(let text) = $0 { return text } else { return nil } }
                }
                for name in inherited + Self.directReferences(.object(object)) { visit(name) }
            }
            result.append(id)
        }
        for reference in Self.directReferences(document) { visit(reference) }
        return result
    }

    /// The class a schema is built on: the first direct reference that is a class.
    public static func schemaClass(_ document: JSONValue) -> String? {
        Self.directReferences(document).first { StandardXDM.definitions[$0]?.kind == .classes }
    }

    struct State {
        let source: String
        var nodes = 0
    }

    /// Keys that say what a definition is rather than what a record holds; they are not merged
    /// from a reference into the node that uses it.
    static func isIdentityKey(_ key: String) -> Bool {
        key == "$id" || key == "$schema" || key == "title" || key == "description" || key == "definitions"
            || key == "$ref" || key == "allOf" || (key.hasPrefix("meta:") && key != "meta:xdmType")
    }

    private func node(
        _ object: JSONObject, document: JSONValue, pointer: String, depth: Int, stack: [String], state: inout State
    ) throws(XDMSchemaError) -> JSONObject {
        if depth > Self.maximumDepth {
            throw XDMSchemaError(
                source: state.source, pointer: pointer,
                message: "schema nested deeper than \(Self.maximumDepth) levels once its references are resolved")
        }
        state.nodes += 1
        if state.nodes > Self.maximumNodes {
            throw XDMSchemaError(
                source: state.source, pointer: pointer,
                message: "the schema expands to more than \(Self.maximumNodes) nodes once its references are resolved")
        }
        var result = JSONObject()
        for entry in object.entries where entry.key != "$ref" && entry.key != "allOf" && entry.key != "definitions" {
            switch entry.key {
            case "properties":
                guard case .object(let members) = entry.value else {
                    throw XDMSchemaError(
                        source: state.source, pointer: pointer + "/properties",
                        message: "\"properties\" must be an object")
                }
                var resolved = JSONObject()
                for member in members.entries {
                    guard case .object(let child) = member.value else {
                        throw XDMSchemaError(
                            source: state.source, pointer: pointer + "/properties/" + member.key,
                            message: "a property's schema must be an object")
                    }
                    let childPointer = pointer + "/properties/" + member.key
                    resolved[member.key] = .object(
                        try self.node(
                            child, document: document, pointer: childPointer, depth: depth + 1, stack: stack,
                            state: &state))
                }
                result["properties"] = .object(resolved)
            case "items", "additionalProperties":
                if case .object(let child) = entry.value {
                    result[entry.key] = .object(
                        try self.node(
                            child, document: document, pointer: pointer + "/" + entry.key, depth: depth + 1,
                            stack: stack, state: &state))
                } else {
                    result[entry.key] = entry.value
                }
            default:
                result[entry.key] = entry.value
            }
        }
        if let reference = object["$ref"] {
            guard case .string(let text) = reference else {
                throw XDMSchemaError(
                    source: state.source, pointer: pointer + "/$ref", message: "\"$ref\" must be a string")
            }
            if let (target, targetDocument, key) = try self.target(text, from: document, pointer: pointer, state: state)
            {
                if let start = stack.firstIndex(of: key) {
                    let cycle = (stack[start...] + [key]).joined(separator: " → ")
                    throw XDMSchemaError(
                        source: state.source, pointer: pointer + "/$ref", message: "cyclic $ref: \(cycle)")
                }
                let resolved = try self.node(
                    target, document: targetDocument, pointer: pointer, depth: depth, stack: stack + [key],
                    state: &state)
                Self.merge(resolved, into: &result)
            }
        }
        if let members = object["allOf"] {
            guard case .array(let items) = members else {
                throw XDMSchemaError(
                    source: state.source, pointer: pointer + "/allOf", message: "\"allOf\" must be an array of schemas")
            }
            for (index, item) in items.enumerated() {
                guard case .object(let member) = item else {
                    throw XDMSchemaError(
                        source: state.source, pointer: pointer + "/allOf/\(index)",
                        message: "an allOf member must be a schema object")
                }
                let resolved = try self.node(
                    member, document: document, pointer: pointer + "/allOf/\(index)", depth: depth, stack: stack,
                    state: &state)
                Self.merge(resolved, into: &result)
            }
        }
        if result["type"] == nil, result["properties"] != nil { result["type"] = .string("object") }
        return result
    }

    /// Merges the structure of `source` into `target`: properties member by member (recursively),
    /// `required` as a union, other keys only where `target` has none.
    static func merge(_ source: JSONObject, into target: inout JSONObject) {
        for entry in source.entries where !Self.isIdentityKey(entry.key) {
            switch (entry.key, target[entry.key], entry.value) {
            case ("properties", .object(var existing)?, .object(let incoming)):
                for member in incoming.entries {
                    if case .object(var current)? = existing[member.key], case .object(let more) = member.value {
                        Self.merge(more, into: &current)
                        existing[member.key] = .object(current)
                    } else if existing[member.key] == nil {
                        existing[member.key] = member.value
                    }
                }
                target["properties"] = .object(existing)
            case ("required", .array(var existing)?, .array(let incoming)):
                for name in incoming where !existing.contains(name) { existing.append(name) }
                target["required"] = .array(existing)
            case (_, nil, _):
                target[entry.key] = entry.value
            default:
                break
            }
        }
    }

    /// The object a reference names, the document it lives in (for its own `#/...` references)
    /// and the key that identifies it in the cycle check; nil for a reference to nothing to validate.
    private func target(
        _ reference: String, from document: JSONValue, pointer: String, state: State
    ) throws(XDMSchemaError) -> (JSONObject, JSONValue, String)? {
        let parts = reference.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        let base = String(parts[0])
        let fragment = parts.count > 1 ? String(parts[1]) : ""
        var targetDocument = document
        var documentId = ""
        if case .object(let object) = document, case .string(let id)? = object["$id"] { documentId = id }
        if !base.isEmpty && base != documentId {
            if Self.ignoredBases.contains(base) { return nil }
            guard let found = self.definitions[base] else {
                let known = self.definitions.keys.sorted().joined(separator: ", ")
                throw XDMSchemaError(
                    source: state.source,
                    pointer: pointer,
                    message:
                        "unknown $ref \(reference): the known definitions are \(known); send the schema with its references resolved (Accept: application/vnd.adobe.xed-full+json;version=1) if it uses others"
                )
            }
            targetDocument = found
            documentId = base
        }
        var current = targetDocument
        if !fragment.isEmpty {
            guard fragment.hasPrefix("/") else {
                throw XDMSchemaError(
                    source: state.source, pointer: pointer,
                    message: "$ref \(reference): the fragment must be a JSON pointer (#/definitions/...)")
            }
            for step in fragment.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
                let key = step.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
                guard case .object(let object) = current, let next = object[key] else {
                    throw XDMSchemaError(
                        source: state.source, pointer: pointer,
                        message:
                            "$ref \(reference) names nothing: \(documentId.isEmpty ? "this document" : documentId) has no \(fragment)"
                    )
                }
                current = next
            }
        }
        guard case .object(let object) = current else {
            throw XDMSchemaError(
                source: state.source, pointer: pointer, message: "$ref \(reference) does not name a schema object")
        }
        return (object, targetDocument, documentId + "#" + fragment)
    }
}
