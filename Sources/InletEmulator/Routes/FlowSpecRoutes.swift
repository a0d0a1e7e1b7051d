import DataPrep
import Hummingbird

/// The connection and flow specifications the emulator knows: the seed's (Pendo's streaming source,
/// Adobe's `GenericStreamingAEP` flow spec), the HTTP API streaming source with its XDM and raw
/// (mapped) flow specs, and the Data Lake target, with Adobe's published ids.
extension FlowSpecs {
    static let httpAPIConnectionSpec = "bc7b00d6-623a-4dfc-9fdb-f1240aeadaeb"
    static let httpAPIXDMFlowSpec = "d8a6f005-7eaf-4153-983e-e8574508b877"
    static let httpAPIRawFlowSpec = "c1a19761-d2c7-4702-b9fa-fe91f0613e81"
    static let genericStreamingConnectionSpec = "e77fd9d2-22a8-11ed-861d-0242ac120002"

    struct Spec: Sendable {
        var id: String
        var name: String
        var document: JSONValue
    }

    static let connectionSpecs: [Spec] = [
        Self.connectionSpec(
            pendoConnectionSpec, "pendo-webhook", providerId: pendoProvider, category: "Streaming", isSource: true),
        Self.connectionSpec(
            httpAPIConnectionSpec, "Streaming Connection", providerId: pendoProvider, category: "Streaming",
            isSource: true),
        Self.connectionSpec(
            dataLakeConnectionSpec, "Data Lake", providerId: pendoProvider, category: "Storage", isSource: false),
    ]

    static let flowSpecs: [Spec] = [
        Self.flowSpec(
            pendoFlowSpec, "GenericStreamingAEP", sources: [genericStreamingConnectionSpec, pendoConnectionSpec],
            mapping: true),
        Self.flowSpec(
            httpAPIXDMFlowSpec, "Mapping-free streaming to Data Lake", sources: [httpAPIConnectionSpec], mapping: false),
        Self.flowSpec(
            httpAPIRawFlowSpec, "Streaming with mapping to Data Lake", sources: [httpAPIConnectionSpec], mapping: true),
    ]

    static func connectionSpec(_ id: String) -> Spec? { Self.connectionSpecs.first { $0.id == id } }
    static func flowSpec(_ id: String) -> Spec? { Self.flowSpecs.first { $0.id == id } }

    private static func connectionSpec(
        _ id: String, _ name: String, providerId: String, category: String, isSource: Bool
    ) -> Spec {
        Spec(
            id: id,
            name: name,
            document: .obj(
                ("id", .string(id)),
                ("name", .string(name)),
                ("providerId", .string(providerId)),
                ("version", "1.0"),
                ("authSpec", .array([])),
                (
                    "sourceSpec",
                    isSource ? JSONValue.obj(("attributes", .obj(("category", .string(category))))) : JSONValue.null
                ),
                (
                    "attributes",
                    .obj(
                        ("category", .string(category)), ("isSource", .bool(isSource)),
                        ("isDestination", .bool(!isSource)))
                ),
                ("permissionsInfo", .obj(("view", .array([])), ("manage", .array([]))))
            )
        )
    }

    private static func flowSpec(_ id: String, _ name: String, sources: [String], mapping: Bool) -> Spec {
        Spec(
            id: id,
            name: name,
            document: .obj(
                ("id", .string(id)),
                ("name", .string(name)),
                ("providerId", .string(pendoProvider)),
                ("version", "1.0"),
                ("sourceConnectionSpecIds", .array(sources.map { .string($0) })),
                ("targetConnectionSpecIds", .array([.string(dataLakeConnectionSpec)])),
                (
                    "transformationSpecs",
                    .array(mapping ? [JSONValue.obj(("name", "Mapping"), ("spec", .obj(("type", "object"))))] : [])
                ),
                ("attributes", .obj(("isSourceFlow", true))),
                ("permissionsInfo", .obj(("view", .array([])), ("manage", .array([]))))
            )
        )
    }
}

extension EmulatorCore {
    /// `GET /connectionSpecs`, `/connectionSpecs/{id}`, `/flowSpecs`, `/flowSpecs/{id}`: lists answer
    /// `{"items": [...]}` filtered by `?property=field==value` (or `!=`), lookups `{"items": [spec]}`.
    func addFlowSpecRoutes(to group: RouterGroup<BasicRequestContext>) {
        for (path, specs, what) in [
            ("connectionSpecs", FlowSpecs.connectionSpecs, "connection spec"),
            ("flowSpecs", FlowSpecs.flowSpecs, "flow spec"),
        ] {
            group.get(RouterPath(stringLiteral: path)) { request, _ in
                var items = specs.map(\.document)
                for (name, value) in request.queryItems() where name == "property" && !value.isEmpty {
                    let filter = try Self.propertyFilter(value)
                    items = items.filter { filter($0) }
                }
                return jsonResponse(200, .obj(("items", .array(items))))
            }
            group.get(RouterPath(stringLiteral: "\(path)/:id")) { _, context in
                let id = context.parameters.get("id") ?? ""
                guard let spec = specs.first(where: { $0.id == id }) else {
                    throw Problem.notFound(
                        "\(what) \(id) not found: the emulator knows \(specs.map { "\($0.id) (\($0.name))" }.joined(separator: ", "))",
                        code: "FLOW-1404-404"
                    )
                }
                return jsonResponse(200, .obj(("items", .array([spec.document]))))
            }
        }
    }

    /// A `property` filter of the Flow Service: `field==value` or `field!=value` on a top-level field.
    static func propertyFilter(_ expression: String) throws -> @Sendable (JSONValue) -> Bool {
        for (operatorText, equal) in [("!=", false), ("==", true)] {
            if let range = expression.range(of: operatorText) {
                let field = String(expression[..<range.lowerBound])
                let value = String(expression[range.upperBound...])
                guard !field.isEmpty else { break }
                return { document in
                    let actual = document[field]?.stringValue
                    return equal ? actual == value : actual != value
                }
            }
        }
        throw Problem.badRequest(
            "property=\(expression) is not a filter the emulator understands: use field==value or field!=value",
            code: "FLOW-1100-400")
    }
}
