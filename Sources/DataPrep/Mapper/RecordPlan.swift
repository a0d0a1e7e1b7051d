/// How a record is assembled in one pass from its mappings' values, for the mapping sets where
/// that gives exactly what writing each value in turn at its destination (`FieldPath.write`) gives.
///
/// Writing in turn walks the record from its root once per mapping, comparing keys and moving
/// containers on the way; it was a sixth of `validate`'s time on the pendo-xdm bundle. The plan
/// groups the destinations into a tree once per mapping set, and per event makes each object once,
/// members in order. It applies when:
/// - every destination is object keys, with at most one `[*]`, followed by at least one key;
/// - no destination equals another or lies inside another, so nothing merges and nothing
///   conflicts (a write cannot fail);
/// - in every object, the mappings of one member all come before those of the next, so the order in
///   which members are first written (which depends on which values are present) is always the
///   tree's order;
/// - identity mappings all write under one top-level member, so `identityMap` (added when the first
///   identity is written) always comes right after that member.
/// Other mapping sets are written in turn. `RecordPlanTests` checks both ways agree.
struct RecordPlan: Sendable {
    final class Node: Sendable {
        enum Kind: Sendable {
            /// The value of mapping `index`.
            case leaf(Int)
            case object([Node])
            /// `key[*]...`: an array whose element `i` is made of element `i` of the values below.
            case spread([Node])
        }

        let key: String
        let kind: Kind
        /// The node's number in its plan, from 0 (`RecordPlan.nodeCount`).
        let id: Int
        /// The first and last mapping (by index) written at or below this node.
        let first: Int
        let last: Int
        /// The mappings written below a spread (their values' lengths give the array's).
        let leaves: [Int]

        init(key: String, kind: Kind, id: Int, first: Int, last: Int, leaves: [Int]) {
            self.key = key
            self.kind = kind
            self.id = id
            self.first = first
            self.last = last
            self.leaves = leaves
        }
    }

    let roots: [Node]
    /// The top-level member after which `identityMap` goes, when the mapping set has identities.
    let identityAfter: Int?
    /// How many nodes the plan has (their `id`s).
    let nodeCount: Int
    /// The top-level member `_id`, if a mapping writes at or below it.
    let identityMember: Node?

    /// The plan for `mappings`, or nil when they must be written in turn (see the type's comment).
    init?(_ mappings: [Mapping]) {
        // Values are kept by mapping index, one slot per mapping.
        guard mappings.enumerated().allSatisfy({ $0.offset == $0.element.index }) else { return nil }
        let builder = Builder()
        for mapping in mappings {
            guard builder.insert(mapping.destinationPath.components, index: mapping.index) else { return nil }
        }
        var count = 0
        guard let roots = builder.root.frozen(numbering: &count) else { return nil }
        let identities = mappings.filter { $0.identity && $0.namespaceCode != nil }.map(\.index)
        if identities.isEmpty {
            self.identityAfter = nil
        } else {
            let owners = Set(
                identities.compactMap { index in roots.firstIndex { $0.first <= index && index <= $0.last } })
            guard owners.count == 1, !roots.contains(where: { $0.key == "identityMap" }) else { return nil }
            self.identityAfter = owners.first
        }
        self.roots = roots
        self.nodeCount = count
        self.identityMember = roots.first { $0.key == "_id" }
    }

    /// The record for the mappings' values (`slots[i]` is mapping `i`'s value, nil when it writes
    /// nothing) and the identities gathered (`identityMap`'s members).
    func record(_ slots: [JSONValue?], identities: JSONObject) -> JSONValue {
        var handOff = ValueHandOff.none
        return self.record(slots, identities: identities, handOff: &handOff)
    }

    /// `record(_:identities:)` sharing members with the other mapping set's record of the event,
    /// as `handOff.role` says: lending keeps this record's members for the other set, borrowing
    /// takes those of the other set's record that are made of the same values (see `ValueHandOff`).
    func record(_ slots: [JSONValue?], identities: JSONObject, handOff: inout ValueHandOff) -> JSONValue {
        var entries: [JSONObject.Entry] = []
        entries.reserveCapacity(self.roots.count + 1)
        if handOff.role == .lending { handOff.lendingMembers(self.nodeCount) }
        for (position, node) in self.roots.enumerated() {
            if let value = Self.value(node, slots, element: nil, handOff: &handOff) {
                entries.append(JSONObject.Entry(key: node.key, value: value))
            }
            if position == self.identityAfter, !identities.isEmpty {
                entries.append(JSONObject.Entry(key: "identityMap", value: .object(identities)))
            }
        }
        return .object(JSONObject(entries))
    }

    /// The record with only its `_id` member (what identifies a record the other set does not
    /// store: `MappingDiff` reads nothing else of it).
    func identityRecord(_ slots: [JSONValue?]) -> JSONValue {
        guard let node = self.identityMember, let value = Self.value(node, slots, element: nil) else {
            return .object(JSONObject())
        }
        return .object(JSONObject([JSONObject.Entry(key: node.key, value: value)]))
    }

    /// A node's value, nil when nothing is written at or below it. Below a spread, `element` is
    /// the array position being made: a value contributes its element there (a single value counts
    /// as a one-element array) unless that element is null, as `FieldPath.write` skips nulls.
    static func value(_ node: Node, _ slots: [JSONValue?], element: Int?) -> JSONValue? {
        var handOff = ValueHandOff.none
        return Self.value(node, slots, element: element, handOff: &handOff)
    }

    /// `value(_:_:element:)` sharing whole members (not elements) as `handOff.role` says.
    static func value(_ node: Node, _ slots: [JSONValue?], element: Int?, handOff: inout ValueHandOff)
        -> JSONValue?
    {
        if element == nil, handOff.role != .none {
            if case .leaf = node.kind { return Self.made(node, slots, element: nil, handOff: &handOff) }
            if handOff.role == .borrowing {
                if let twin = handOff.sharedMember(node) { return handOff.members[twin] }
                return Self.made(node, slots, element: nil, handOff: &handOff)
            }
            let value = Self.made(node, slots, element: nil, handOff: &handOff)
            handOff.members[node.id] = value
            return value
        }
        return Self.made(node, slots, element: element, handOff: &handOff)
    }

    /// A node's value, made from the slots.
    private static func made(_ node: Node, _ slots: [JSONValue?], element: Int?, handOff: inout ValueHandOff)
        -> JSONValue?
    {
        switch node.kind {
        case .leaf(let index):
            guard let value = slots[index] else { return nil }
            guard let element else { return value }
            let item: JSONValue
            if case .array(let array) = value {
                guard element < array.count else { return nil }
                item = array[element]
            } else {
                guard element == 0 else { return nil }
                item = value
            }
            return item == .null ? nil : item
        case .object(let children):
            var entries: [JSONObject.Entry] = []
            for child in children {
                guard let value = Self.value(child, slots, element: element, handOff: &handOff) else { continue }
                if entries.isEmpty { entries.reserveCapacity(children.count) }
                entries.append(JSONObject.Entry(key: child.key, value: value))
            }
            return entries.isEmpty ? nil : .object(JSONObject(entries))
        case .spread(let children):
            var length = -1
            for index in node.leaves {
                guard let value = slots[index] else { continue }
                if case .array(let array) = value { length = max(length, array.count) } else { length = max(length, 1) }
            }
            guard length >= 0 else { return nil }
            var elements: [JSONValue] = []
            elements.reserveCapacity(length)
            for position in 0..<length {
                var entries: [JSONObject.Entry] = []
                for child in children {
                    guard let value = Self.value(child, slots, element: position, handOff: &handOff) else {
                        continue
                    }
                    entries.append(JSONObject.Entry(key: child.key, value: value))
                }
                elements.append(entries.isEmpty ? .null : .object(JSONObject(entries)))
            }
            return .array(elements)
        }
    }

    /// The destination tree while it is being built.
    final class Builder {
        final class Draft {
            let key: String
            var leaf: Int?
            var isSpread = false
            var children: [Draft] = []

            init(key: String) {
                self.key = key
            }

            func child(_ key: String) -> Draft {
                if let existing = self.children.first(where: { $0.key == key }) { return existing }
                let made = Draft(key: key)
                self.children.append(made)
                return made
            }

            /// The finished children, nil when some object's members interleave. `count` numbers
            /// the nodes made.
            func frozen(numbering count: inout Int) -> [Node]? {
                var nodes: [Node] = []
                for child in self.children {
                    guard let node = child.node(numbering: &count) else { return nil }
                    if let previous = nodes.last, previous.last >= node.first { return nil }
                    nodes.append(node)
                }
                return nodes
            }

            func node(numbering count: inout Int) -> Node? {
                if let leaf {
                    count += 1
                    return Node(
                        key: self.key, kind: .leaf(leaf), id: count - 1, first: leaf, last: leaf, leaves: [leaf])
                }
                guard let children = self.frozen(numbering: &count), let first = children.first else { return nil }
                let leaves = children.flatMap(\.leaves)
                count += 1
                return Node(
                    key: self.key, kind: self.isSpread ? .spread(children) : .object(children), id: count - 1,
                    first: first.first, last: children.last!.last, leaves: leaves)
            }
        }

        let root = Draft(key: "")

        /// Adds a destination; false when the plan cannot hold it.
        func insert(_ components: [FieldPath.Component], index: Int) -> Bool {
            var node = self.root
            var seenWildcard = false
            var position = 0
            while position < components.count {
                guard case .key(let key) = components[position] else { return false }
                guard node.leaf == nil else { return false }
                // `key[*]` makes `key` a spread, which a plain object path cannot share, and the reverse.
                let spreads = position + 1 < components.count && components[position + 1] == .wildcard
                if spreads && seenWildcard { return false }
                let child = node.child(key)
                if spreads {
                    guard position + 2 < components.count else { return false }
                    if !child.children.isEmpty && !child.isSpread { return false }
                    child.isSpread = true
                    seenWildcard = true
                    position += 2
                } else {
                    if child.isSpread { return false }
                    position += 1
                }
                node = child
            }
            // Nothing may already be written at or below the destination.
            guard node !== self.root, node.leaf == nil, node.children.isEmpty, !node.isSpread else { return false }
            node.leaf = index
            return true
        }
    }
}
