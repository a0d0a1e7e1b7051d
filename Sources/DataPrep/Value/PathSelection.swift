/// The part of an input event a mapping set reads, as a trie of object keys (and of array
/// elements, through `[*]` and `[n]`).
///
/// Parsing an event against a selection materializes only the members on a selected path (and the
/// whole value under a selected leaf); everything else is skipped without building values. This is
/// what makes mapping at volume cheap: a mapping set reads a handful of paths out of events that
/// carry many more. Paths inserted with `insertSource` are not part of the tree: the parser hands
/// their values to source slots (`Mapper` gives one to each plain key path it reads).
public struct PathSelection: Sendable, Hashable {
    struct Node: Sendable, Hashable {
        /// The whole value at this node is needed.
        var whole: Bool
        /// Member names to descend into, as UTF-8 bytes, with the index of their node.
        var keys: [[UInt8]]
        var children: [Int]
        /// The selection inside each element when the value here is an array (from `[*]` and
        /// `[n]` paths); nil: an array here is materialized whole.
        var elements: Int? = nil
        /// A path of the parsed tree goes through or ends here (else the node only leads to
        /// source slots, see `insertSource`).
        var tree = false
        /// The source slots this node's value goes to.
        var slots: [Int] = []
        /// On an elements node: the source slots below it that collect one value per element
        /// (see `insertSpreadSource`).
        var collects: [Int] = []
    }

    var nodes: [Node]

    /// A selection of nothing: parsing keeps only the top-level object's shape.
    public init() {
        self.nodes = [Node(whole: false, keys: [], children: [], tree: true)]
    }

    /// A selection of the whole event (what a mapping needing the whole input uses).
    public static var everything: PathSelection {
        var selection = PathSelection()
        selection.nodes[0].whole = true
        return selection
    }

    /// Whether the whole event is selected.
    public var isEverything: Bool { self.nodes[0].whole }

    /// Selects the value at the object-key path `keys` (and everything under it). An empty path
    /// selects the whole event.
    public mutating func insert(_ keys: [String]) {
        self.insert(FieldPath(components: keys.map { .key($0) }))
    }

    /// Selects the value at `path` (and everything under it) for the parsed tree. Through `[*]`
    /// and `[n]`, the rest of the path is selected in every element of an array (all of them, for
    /// `[n]` too), so that elements carry only the members read (`steps[*].id` leaves out each
    /// step's other members).
    public mutating func insert(_ path: FieldPath) {
        var node = 0
        for component in path.components {
            self.nodes[node].tree = true
            if self.nodes[node].whole { return }
            switch component {
            case .key(let key):
                node = self.child(of: node, key: key)
            case .index, .wildcard:
                if let elements = self.nodes[node].elements {
                    node = elements
                } else {
                    self.nodes.append(Node(whole: false, keys: [], children: []))
                    let child = self.nodes.count - 1
                    self.nodes[node].elements = child
                    node = child
                }
            }
        }
        self.nodes[node].tree = true
        self.nodes[node].whole = true
        self.nodes[node].elements = nil
    }

    /// Selects the value at the object-key path `keys` for source slot `slot` only: parsing with
    /// a sources buffer puts it there (the value a path read on the whole event would give), and
    /// does not build the objects on the way unless a tree path needs them.
    mutating func insertSource(_ keys: [String], slot: Int) {
        var node = 0
        for key in keys { node = self.child(of: node, key: key) }
        self.nodes[node].whole = true
        self.nodes[node].elements = nil
        self.nodes[node].slots.append(slot)
    }

    /// Selects `prefix[*].suffix` for source slot `slot`: parsing with a sources buffer puts there
    /// what reading the path on the whole event gives (an array with the value at `suffix` in
    /// each element, null where an element has none; nothing when `prefix` is not an array),
    /// without building the elements. `Mapper` checks first (`canSpread`) that no node on the way
    /// is materialized whole, which would read the array without looking at its elements.
    mutating func insertSpreadSource(prefix: [String], suffix: [String], slot: Int) {
        var node = 0
        for key in prefix { node = self.child(of: node, key: key) }
        let elements: Int
        if let existing = self.nodes[node].elements {
            elements = existing
        } else {
            self.nodes.append(Node(whole: false, keys: [], children: []))
            elements = self.nodes.count - 1
            self.nodes[node].elements = elements
        }
        self.nodes[elements].collects.append(slot)
        var leaf = elements
        for key in suffix { leaf = self.child(of: leaf, key: key) }
        self.nodes[leaf].whole = true
        self.nodes[leaf].elements = nil
        self.nodes[leaf].slots.append(slot)
    }

    /// Whether `insertSpreadSource(prefix:suffix:slot:)` can select `prefix[*]...`: no node from
    /// the root to the array, nor the elements node, is materialized whole.
    func canSpread(prefix: [String]) -> Bool {
        var node = 0
        for key in prefix {
            if self.nodes[node].whole { return false }
            guard let position = self.nodes[node].keys.firstIndex(of: Array(key.utf8)) else { return true }
            node = self.nodes[node].children[position]
        }
        if self.nodes[node].whole { return false }
        if let elements = self.nodes[node].elements, self.nodes[elements].whole { return false }
        return true
    }

    /// The node for member `key` of `node`, made when new.
    mutating func child(of node: Int, key: String) -> Int {
        self.child(of: node, keyBytes: Array(key.utf8))
    }

    /// The node for the member named by UTF-8 `bytes` of `node`, made when new.
    mutating func child(of node: Int, keyBytes bytes: [UInt8]) -> Int {
        if let position = self.nodes[node].keys.firstIndex(of: bytes) { return self.nodes[node].children[position] }
        self.nodes.append(Node(whole: false, keys: [], children: []))
        let child = self.nodes.count - 1
        self.nodes[node].keys.append(bytes)
        self.nodes[node].children.append(child)
        return child
    }

    /// This selection and `other` in one, `other`'s source slots numbered from `slotOffset` on:
    /// parsing with it deposits each selection's source values in its own slots, and its tree
    /// holds both trees. A path either selection's mapper reads in that tree gives the value it
    /// gives in its own (the values a mapper reads are materialized whole in both; the union
    /// only adds members to objects the mapper walks through). Nil when a spread source
    /// (`insertSpreadSource`) of one would lie under a node the union materializes whole, where
    /// the parser does not collect it (see `canSpread`).
    public func merged(with other: PathSelection, slotOffset: Int) -> PathSelection? {
        var merged = self
        var pending: [(theirs: Int, mine: Int)] = [(0, 0)]
        while let (theirs, mine) = pending.popLast() {
            let node = other.nodes[theirs]
            merged.nodes[mine].tree = merged.nodes[mine].tree || node.tree
            merged.nodes[mine].whole = merged.nodes[mine].whole || node.whole
            merged.nodes[mine].slots += node.slots.map { $0 + slotOffset }
            merged.nodes[mine].collects += node.collects.map { $0 + slotOffset }
            for (key, child) in zip(node.keys, node.children) {
                pending.append((child, merged.child(of: mine, keyBytes: key)))
            }
            if let elements = node.elements {
                if let existing = merged.nodes[mine].elements {
                    pending.append((elements, existing))
                } else {
                    merged.nodes.append(Node(whole: false, keys: [], children: []))
                    merged.nodes[mine].elements = merged.nodes.count - 1
                    pending.append((elements, merged.nodes.count - 1))
                }
            }
        }
        // As `insert` leaves them, whole nodes have no element selection: the parser reads a
        // whole array without looking into its elements, so one carrying slots cannot go.
        for index in merged.nodes.indices where merged.nodes[index].whole {
            guard let elements = merged.nodes[index].elements else { continue }
            if merged.hasSlots(under: elements) { return nil }
            merged.nodes[index].elements = nil
        }
        // Collecting slots are filled only on the way down through nodes that are not whole.
        var walk: [(node: Int, underWhole: Bool)] = [(0, false)]
        while let (node, above) = walk.popLast() {
            let underWhole = above || merged.nodes[node].whole
            if underWhole && !merged.nodes[node].collects.isEmpty { return nil }
            for child in merged.nodes[node].children { walk.append((child, underWhole)) }
            if let elements = merged.nodes[node].elements { walk.append((elements, underWhole)) }
        }
        return merged
    }

    /// Whether `node` or a node below it has source or collecting slots.
    func hasSlots(under node: Int) -> Bool {
        var pending = [node]
        while let current = pending.popLast() {
            if !self.nodes[current].slots.isEmpty || !self.nodes[current].collects.isEmpty { return true }
            pending += self.nodes[current].children
            if let elements = self.nodes[current].elements { pending.append(elements) }
        }
        return false
    }

    /// Whether some source slot is selected.
    var hasSources: Bool { self.nodes.contains { !$0.slots.isEmpty } }
}
