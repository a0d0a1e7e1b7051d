/// The part of an input event a mapping set reads, as a trie of object keys.
///
/// Parsing an event against a selection materializes only the members on a selected path (and the
/// whole value under a selected leaf); everything else is skipped without building values. This is
/// what makes mapping at volume cheap: a mapping set reads a handful of paths out of events that
/// carry many more.
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
    }

    var nodes: [Node]

    /// A selection of nothing: parsing keeps only the top-level object's shape.
    public init() {
        self.nodes = [Node(whole: false, keys: [], children: [])]
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

    /// Selects the value at `path` (and everything under it). Through `[*]` and `[n]`, the rest
    /// of the path is selected in every element of an array (all of them, for `[n]` too), so
    /// that elements carry only the members read (`steps[*].id` leaves out each step's other
    /// members).
    public mutating func insert(_ path: FieldPath) {
        var node = 0
        for component in path.components {
            if self.nodes[node].whole { return }
            switch component {
            case .key(let key):
                let bytes = Array(key.utf8)
                if let position = self.nodes[node].keys.firstIndex(of: bytes) {
                    node = self.nodes[node].children[position]
                } else {
                    self.nodes.append(Node(whole: false, keys: [], children: []))
                    let child = self.nodes.count - 1
                    self.nodes[node].keys.append(bytes)
                    self.nodes[node].children.append(child)
                    node = child
                }
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
        self.nodes[node].whole = true
        self.nodes[node].keys = []
        self.nodes[node].children = []
        self.nodes[node].elements = nil
    }

    /// The selection node inside the elements of an array at `node`: nil when they are
    /// materialized whole.
    @inline(__always)
    func elements(of node: Int) -> Int? {
        guard let elements = self.nodes[node].elements, !self.nodes[elements].whole else { return nil }
        return elements
    }

    /// Whether an array at `node` has its elements selected (else it is materialized whole).
    @inline(__always)
    func selectsElements(_ node: Int) -> Bool {
        self.nodes[node].elements != nil
    }

    /// The child of `node` for the member name `name` (raw, unescaped bytes), if selected.
    @inline(__always)
    func child(of node: Int, named name: UnsafeBufferPointer<UInt8>) -> Int? {
        let entry = self.nodes[node]
        for index in 0..<entry.keys.count {
            let key = entry.keys[index]
            if key.count == name.count, key.withUnsafeBufferPointer({ $0.elementsEqual(name) }) {
                return entry.children[index]
            }
        }
        return nil
    }

    /// The child of `node` for a decoded member name (used when the name had escapes).
    func child(of node: Int, named name: String) -> Int? {
        let bytes = Array(name.utf8)
        guard let position = self.nodes[node].keys.firstIndex(of: bytes) else { return nil }
        return self.nodes[node].children[position]
    }
}
