/// The leaf paths of the records compared, interned: one node per path, so that a record's
/// fields are counted by index instead of by building path strings per event. Nodes under an
/// ignored path (by hand or non-deterministic) are marked when made, once.
struct FieldTrie: Sendable {
    struct Node: Sendable {
        var parent: Int32
        var component: FieldPath.Component
        var keyChildren: [String: Int32] = [:]
        var indexChildren: [Int32] = []
        /// The path or one above it is left out of the comparison.
        var ignored: Bool
        var depth: Int
    }

    private(set) var nodes: [Node]
    let patterns: [[FieldPath.Component]]

    /// `patterns`: the paths left out (and everything under them); `[*]` matches any index.
    init(ignoring patterns: [FieldPath]) {
        self.patterns = patterns.map(\.components)
        // The root (the record itself) is node 0 and never ignored.
        self.nodes = [Node(parent: -1, component: .key(""), ignored: false, depth: 0)]
    }

    static let root: Int32 = 0

    func isIgnored(_ node: Int32) -> Bool { self.nodes[Int(node)].ignored }

    /// The child of `node` under `key`, made on first use.
    mutating func child(_ node: Int32, key: String) -> Int32 {
        if let found = self.nodes[Int(node)].keyChildren[key] { return found }
        let made = self.make(parent: node, component: .key(key))
        self.nodes[Int(node)].keyChildren[key] = made
        return made
    }

    /// The child of `node` at array index `index`, made on first use.
    mutating func child(_ node: Int32, index: Int) -> Int32 {
        let children = self.nodes[Int(node)].indexChildren
        if index < children.count { return children[index] }
        var made: Int32 = 0
        for position in children.count...index {
            made = self.make(parent: node, component: .index(position))
            self.nodes[Int(node)].indexChildren.append(made)
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
