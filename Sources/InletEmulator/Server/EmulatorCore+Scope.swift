import DataPrep
import Foundation

/// Sandbox and org isolation: every resource belongs to the org (`x-gw-ims-org-id`) and sandbox
/// (`x-sandbox-name`, `prod` by default) it was created in, and is invisible from any other, as
/// Experience Platform isolates sandboxes: a lookup from elsewhere answers 404, and a reference to
/// it (a dataset in a target connection, a schema in a mapping set) is unknown.
extension EmulatorCore {
    /// A sandbox's id, derived from its name alone, so that it is the same after a restart (the
    /// resources a database holds are matched by it) and distinct per sandbox name.
    func sandboxId(for name: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in name.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return "00000000-0000-4000-a000-" + String(format: "%012llx", hash & 0xFFFF_FFFF_FFFF)
    }

    /// Whether `document` is in the caller's org and sandbox. The fields are those each service
    /// writes: `imsOrgId`/`sandboxName` (Flow Service), `imsOrg`/`meta:sandboxId` (Schema Registry),
    /// `imsOrg`/`sandboxId` (Catalog), `imsOrgId`/`sandboxId` (mapping sets). A document without
    /// them (written before isolation existed) is visible everywhere.
    func isVisible(_ document: JSONValue, to caller: Caller) -> Bool {
        if let org = document["imsOrgId"]?.stringValue ?? document["imsOrg"]?.stringValue, org != caller.orgId {
            return false
        }
        if let sandbox = document["sandboxName"]?.stringValue {
            return sandbox == caller.sandboxName
        }
        if let id = document["sandboxId"]?.stringValue ?? document["meta:sandboxId"]?.stringValue {
            return id == self.sandboxId(for: caller.sandboxName)
        }
        return true
    }

    /// A resource by id, if the caller's org and sandbox can see it.
    func document(_ kind: ResourceKind, _ id: String, for caller: Caller) -> JSONValue? {
        guard let document = self.registry.document(kind, id), self.isVisible(document, to: caller) else { return nil }
        return document
    }

    /// The sandbox type the Schema Registry reports (`meta:sandboxType`).
    static func sandboxType(_ name: String) -> String {
        name == Caller.defaultSandbox ? "production" : "development"
    }
}
