/// `Coercion.checkRequired` on the record a `RecordPlan` would assemble, without assembling it:
/// the look-ups are done once per mapping set and schema (which plan member each required name
/// is, which members have required fields below them, with their schema node), and per event
/// only the slots are looked at: a member is there when one of the mappings written at or below
/// it has a value. It throws what checking the assembled record throws, first violation first,
/// in the record's order (`RecordPlanTests` and `CheckShortcutTests` compare `check` with `map`).
final class RequiredCheck: Sendable {
    struct Requirement: Sendable {
        let name: String
        /// The mappings written at or below the plan member of that name (nil: no such member).
        let leaves: [Int]?
        /// `identityMap`, which is there whenever identities were gathered at this level.
        let isIdentityMap: Bool
    }

    struct Inspection: Sendable {
        /// The member's position among its level's members.
        let position: Int
        let member: RecordPlan.Node
        /// The member's schema node (it has required fields below it).
        let schema: SchemaNode
        /// An object member's own check (nil: the member's value is checked whole).
        let next: RequiredCheck?
    }

    /// Where this level is in the record (what a violation here names).
    let trail: [FieldPath.Component]
    let requirements: [Requirement]
    let inspections: [Inspection]
    /// The schema node of `identityMap` at this level, when it has required fields below it.
    let identitySchema: SchemaNode?

    /// The check of the object that `nodes` make for `schema`; nil when there is nothing to check.
    init?(nodes: [RecordPlan.Node], schema: SchemaNode, trail: [FieldPath.Component] = []) {
        guard schema.hasRequiredBelow else { return nil }
        var requirements: [Requirement] = []
        let memberSchema: (String) -> SchemaNode?
        switch schema.type {
        case .object:
            for name in schema.required {
                requirements.append(
                    Requirement(
                        name: name, leaves: nodes.first { $0.key == name }?.leaves, isIdentityMap: name == "identityMap"
                    ))
            }
            memberSchema = { key in schema.membersWithRequired.first { $0.key == key }?.node }
        case .map:
            guard let items = schema.items else { return nil }
            memberSchema = { _ in items }
        default:
            return nil
        }
        var inspections: [Inspection] = []
        for (position, member) in nodes.enumerated() {
            // A node without required fields below it is a check that always passes.
            guard let child = memberSchema(member.key), child.hasRequiredBelow else { continue }
            var next: RequiredCheck?
            if case .object(let children) = member.kind {
                next = RequiredCheck(nodes: children, schema: child, trail: trail + [.key(member.key)])
                if next == nil { continue }
            }
            inspections.append(Inspection(position: position, member: member, schema: child, next: next))
        }
        self.trail = trail
        self.requirements = requirements
        self.inspections = inspections
        self.identitySchema = memberSchema("identityMap").flatMap { $0.hasRequiredBelow ? $0 : nil }
    }

    /// Whether one of `leaves` has a value.
    @inline(__always)
    static func present(_ leaves: [Int], _ slots: [JSONValue?]) -> Bool {
        for index in leaves where slots[index] != nil { return true }
        return false
    }

    /// `identityMember`: the position after which `identityMap` comes at this level (top level
    /// only, and only when identities were gathered).
    func check(_ slots: [JSONValue?], identities: JSONObject, identityMember: Int?) throws(SchemaViolation) {
        for requirement in self.requirements {
            let present =
                requirement.isIdentityMap && identityMember != nil
                || (requirement.leaves.map { Self.present($0, slots) } ?? false)
            if !present { throw SchemaViolation.missingRequired(requirement.name, at: self.trail) }
        }
        // `identityMap` is checked right after the member it follows.
        var identityPending = identityMember != nil && self.identitySchema != nil
        for inspection in self.inspections {
            if identityPending, inspection.position > identityMember! {
                try self.checkIdentities(identities)
                identityPending = false
            }
            guard Self.present(inspection.member.leaves, slots) else { continue }
            if let next = inspection.next {
                try next.check(slots, identities: identities, identityMember: nil)
            } else if let value = RecordPlan.value(inspection.member, slots, element: nil) {
                var trail = self.trail + [.key(inspection.member.key)]
                try Coercion.checkRequired(value, node: inspection.schema, trail: &trail)
            }
        }
        if identityPending { try self.checkIdentities(identities) }
    }

    func checkIdentities(_ identities: JSONObject) throws(SchemaViolation) {
        guard let schema = self.identitySchema else { return }
        var trail = self.trail + [.key("identityMap")]
        try Coercion.checkRequired(.object(identities), node: schema, trail: &trail)
    }
}
