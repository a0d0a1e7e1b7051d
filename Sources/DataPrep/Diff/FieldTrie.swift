/// The leaf paths of the records compared, interned: one node per path, so that a record's
/// fields are counted by index instead of by building path strings per event. Nodes under an
/// ignored path (by hand or non-deterministic) are marked when made, once.
///
/// The per-node data the comparison reads for every field of every record (children, ignored)
/// lives in arrays of its own, apart from `nodes`, so that reading it copies no node; and each
/// object node remembers which child the key at each position of the last object had
/// (`child(_:key:position:)`): records of one mapping set share their key order, so the key at
/// a position is nearly always the one seen there before, and one string comparison replaces
/// hashing the key.
struct FieldTrie: Sendable {
    struct Node: Sendable {
        var parent: Int32
        var component: FieldPath.Component
        /// The path or one above it is left out of the comparison.
        var ignored: Bool
        var depth: Int
    }

    /// The child last found for the key at one position of an object.
    struct Hint: Sendable {
        var key: String
        var child: Int32
    }

    private(set) var nodes: [Node]
    /// By node.
    private var ignored: [Bool]
    private var keyChildren: [[String: Int32]]
    private var indexChildren: [[Int32]]
    private var hints: [[Hint]]
    let patterns: [[FieldPath.Component]]

    /// `patterns`: the paths left out (and everything under them); `[*]` matches any index.
    init(ignoring patterns: [FieldPath]) {
        self.patterns = patterns.map(\.components)
        // The root (the record itself) is node 0 and never ignored.
        self.nodes = [Node(parent: -1, component: .key(""), ignored: false, depth: 0)]
        self.ignored = [false]
        self.keyChildren = [[:]]
        self.indexChildren = [[]]
        self.hints = [[]]
    }

    static let root: Int32 = 0

    func isIgnored(_ node: Int32) -> Bool { self.ignored[Int(node)] }

    /// The child of `node` under `key`, made on first use.
    mutating func child(_ node: Int32, key: String) -> Int32 {
        if let found = self.keyChildren[Int(node)][key] { return found }
        let made = self.make(parent: node, component: .key(key))
        self.keyChildren[Int(node)][key] = made
        return made
    }

    /// The child of `node` under `key`, the key being member `position` of its object: the
    /// child found at that position last time when its key is `key`, else looked up (and
    /// remembered for the position).
    mutating func child(_ node: Int32, key: String, position: Int) -> Int32 {
        let parent = Int(node)
        if position < self.hints[parent].count, self.hints[parent][position].key == key {
            return self.hints[parent][position].child
        }
        let found = self.child(node, key: key)
        if position < self.hints[parent].count {
            self.hints[parent][position] = Hint(key: key, child: found)
        } else if position == self.hints[parent].count {
            self.hints[parent].append(Hint(key: key, child: found))
        }
        return found
    }

    /// The child of `node` at array index `index`, made on first use.
    mutating func child(_ node: Int32, index: Int) -> Int32 {
        let count = self.indexChildren[Int(node)].count
        if index < count { return self.indexChildren[Int(node)][index] }
        var made: Int32 = 0
        for position in count...index {
            made = self.make(parent: node, component: .index(position))
            self.indexChildren[Int(node)].append(made)
        }
        return made
    }

    private mutating func make(parent: Int32, component: FieldPath.Component) -> Int32 {
        let parentNode = self.nodes[Int(parent)]
        let id = Int32(self.nodes.count)
        var ignored = parentNode.ignored
        let depth = parentNode.depth + 1
        if !ignored {
            var components = self.components(of: parent)
            components.append(component)
            ignored = self.patterns.contains { Self.matches(pattern: $0, path: components) }
        }
        self.nodes.append(Node(parent: parent, component: component, ignored: ignored, depth: depth))
        self.ignored.append(ignored)
        self.keyChildren.append([:])
        self.indexChildren.append([])
        self.hints.append([])
        return id
    }

    /// Whether `path` is `pattern` (`[*]` in the pattern matching any index).
    static func matches(pattern: [FieldPath.Component], path: [FieldPath.Component]) -> Bool {
        guard pattern.count == path.count else { return false }
        for (p, c) in zip(pattern, path) {
            switch (p, c) {
            case (.wildcard, .index), (.wildcard, .wildcard): continue
            default: if p != c { return false }
            }
        }
        return true
    }

    /// The components from the root to `node`.
    func components(of node: Int32) -> [FieldPath.Component] {
        var components: [FieldPath.Component] = []
        var current = node
        while current > 0 {
            components.append(self.nodes[Int(current)].component)
            current = self.nodes[Int(current)].parent
        }
        return components.reversed()
    }

    /// The node's path in Data Prep syntax (`a.b[0].c`).
    func path(of node: Int32) -> String {
        FieldPath(components: self.components(of: node)).description
    }
}
