import DataPrep
import Hummingbird

extension EmulatorCore {
    /// `GET /data/core/edge/inlet`: the streaming connections (inlets) of the caller's org and
    /// sandbox, as the legacy Streaming Connection API lists them and Adobe's streaming collection
    /// reads them (`items[0].inletUrl`). Only XDM inlets (flows without a mapping set) are listed,
    /// newest first: those take the XDM messages that collection sends.
    func addEdgeInletRoutes(to group: RouterGroup<BasicRequestContext>) {
        group.get("edge/inlet") { request, _ in
            let caller = Caller(request.headers)
            let base = self.baseURL(for: request)
            let flows = self.registry.all(.flows).values
                .filter {
                    self.isVisible($0, to: caller)
                        && self.registry.inlet($0["inletId"]?.stringValue ?? "")?.mapper == nil
                }
                .sorted {
                    ($0["createdAt"]?.intValue ?? 0, $0["id"]?.stringValue ?? "") > (
                        $1["createdAt"]?.intValue ?? 0, $1["id"]?.stringValue ?? ""
                    )
                }
            let items: [JSONValue] = flows.map { flow in
                let inletId = flow["inletId"]?.stringValue ?? ""
                return .obj(
                    ("inletId", .string(inletId)),
                    ("inletUrl", .string("\(base)/collection/\(inletId)")),
                    ("imsOrg", flow["imsOrgId"] ?? .null),
                    ("sourceId", flow["id"] ?? .null),
                    ("dataType", "xdm"),
                    ("name", flow["name"] ?? .null),
                    ("description", flow["description"] ?? flow["name"] ?? .null),
                    ("authenticationRequired", .bool(self.registry.inlet(inletId)?.authenticationRequired ?? false)),
                    ("createdDate", flow["createdAt"] ?? .null),
                    ("modifiedDate", flow["updatedAt"] ?? .null)
                )
            }
            return jsonResponse(200, .obj(("items", .array(items))))
        }
    }
}
