/// A Data Prep mapping set: the body of `POST /conversion/mappingSets`, in either dialect.
public struct MappingSet: Sendable, Hashable {
    public var mappings: [Mapping]
    /// Write null for a missing source instead of leaving the destination out (default false).
    public var allowNullValues: Bool
    /// `outputSchema.schemaRef.id`, if present.
    public var schemaId: String?
    /// The whole document as loaded, set-level fields this engine does not use included
    /// (`status`, `strictMapping`, `supportVersion`, `xdmSchema`, `id`, ...).
    public var document: JSONObject

    public init(
        mappings: [Mapping], allowNullValues: Bool = false, schemaId: String? = nil, document: JSONObject = JSONObject()
    ) {
        self.mappings = mappings
        self.allowNullValues = allowNullValues
        self.schemaId = schemaId
        self.document = document
    }

    /// Reads a mapping-set document. `source` names it in errors (usually the file path).
    public static func load(json: [UInt8], source: String) throws(MappingSetError) -> MappingSet {
        let root: JSONValue
        do {
            root = try JSONValue.parse(json)
        } catch {
            throw MappingSetError(source: source, line: error.line, column: error.column, message: error.message)
        }
        return try Self.load(document: root, source: source)
    }

    /// Reads a mapping-set document already parsed.
    public static func load(document root: JSONValue, source: String) throws(MappingSetError) -> MappingSet {
        guard case .object(var document) = root else {
            throw MappingSetError(source: source, message: "a mapping set is a JSON object with a \"mappings\" array")
        }
        // Preview requests wrap the set as {"data": [...], "mappingSet": {...}}.
        if document["mappings"] == nil, case .object(let inner)? = document["mappingSet"] { document = inner }
        guard case .array(let items)? = document["mappings"] else {
            throw MappingSetError(
                source: source, message: "no \"mappings\" array: expected {\"outputSchema\": ..., \"mappings\": [...]}")
        }
        var mappings: [Mapping] = []
        for (index, item) in items.enumerated() {
            mappings.append(try Self.mapping(item, index: index, source: source))
        }
        var allowNull = false
        switch document["allowNullValues"] {
        case .bool(let value)?: allowNull = value
        case .string(let text)?: allowNull = text.lowercased() == "true"
        default: break
        }
        var schemaId: String?
        if case .object(let output)? = document["outputSchema"], case .object(let ref)? = output["schemaRef"],
            case .string(let id)? = ref["id"]
        {
            schemaId = id
        }
        return MappingSet(mappings: mappings, allowNullValues: allowNull, schemaId: schemaId, document: document)
    }

    static func mapping(_ item: JSONValue, index: Int, source: String) throws(MappingSetError) -> Mapping {
        func fail(_ field: String?, _ message: String, column: Int? = nil) -> MappingSetError {
            MappingSetError(source: source, mappingIndex: index, field: field, column: column, message: message)
        }
        guard case .object(let object) = item else { throw fail(nil, "a mapping is a JSON object") }
        func string(_ key: String) throws(MappingSetError) -> String? {
            switch object[key] {
            case nil, .null?: return nil
            case .string(let text)?: return text
            default: throw fail(key, "must be a string")
            }
        }
        func flag(_ key: String) -> Bool {
            switch object[key] {
            case .bool(let value)?: return value
            case .string(let text)?: return text.lowercased() == "true"
            default: return false
            }
        }
        // Destination: newer `destination`, older `destinationXdmPath` (GET answers carry both).
        let newDestination = try string("destination")
        let oldDestination = try string("destinationXdmPath")
        guard let destination = newDestination ?? oldDestination else {
            throw fail("destination", "no destination: expected \"destination\" or \"destinationXdmPath\"")
        }
        let destinationPath: FieldPath
        do {
            destinationPath = try FieldPath(parsing: destination)
        } catch {
            throw fail(
                object["destination"] != nil ? "destination" : "destinationXdmPath", error.description,
                column: error.column)
        }
        // Kind: explicit sourceType, else the older dialect's attribute.
        var kind = Mapping.Kind.attribute
        let sourceType = try string("sourceType")
        if let sourceType {
            switch sourceType.uppercased() {
            case "ATTRIBUTE", "TEXT/X.SCHEMA-PATH": kind = .attribute
            case "EXPRESSION", "TEXT/X.CALCULATED-FIELD": kind = .expression
            case "STATIC": kind = .staticValue
            case "CONSTANT":
                throw fail("sourceType", "there is no CONSTANT source type; use STATIC for a literal value")
            default:
                throw fail(
                    "sourceType", "unknown sourceType \"\(sourceType)\": expected ATTRIBUTE, EXPRESSION or STATIC")
            }
        }
        let sourceField = object["source"] != nil ? "source" : "sourceAttribute"
        var staticValue: JSONValue?
        let sourceText: String
        if kind == .staticValue {
            guard let value = object["source"] ?? object["sourceAttribute"] else {
                throw fail("source", "a STATIC mapping needs a \"source\" value")
            }
            staticValue = value
            sourceText = ExpressionEvaluator.text(value) ?? value.jsonText
        } else {
            let newSource = try string("source")
            let oldSource = try string("sourceAttribute")
            guard let text = newSource ?? oldSource else {
                throw fail("source", "no source: expected \"source\" or \"sourceAttribute\"")
            }
            sourceText = text
        }
        var sourcePath: FieldPath?
        var sourceExpression: Expression?
        switch kind {
        case .attribute:
            do {
                sourcePath = try FieldPath(parsing: sourceText)
            } catch {
                throw fail(sourceField, error.description, column: error.column)
            }
        case .expression:
            do {
                sourceExpression = try ExpressionParser.parse(sourceText)
            } catch {
                throw fail(sourceField, "\(error.message) in \"\(sourceText)\"", column: error.column)
            }
        case .staticValue:
            break
        }
        let namespace = try string("namespaceCode")
        let group = try string("identityGroup")
        let name = try string("name")
        return Mapping(
            index: index, kind: kind, source: sourceText, staticValue: staticValue, destination: destination,
            destinationPath: destinationPath, sourcePath: sourcePath, sourceExpression: sourceExpression,
            identity: flag("identity"), primaryIdentity: flag("primaryIdentity"),
            namespaceCode: namespace ?? group, name: name, document: object
        )
    }
}
