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
        var node = 0
        for key in keys {
            if self.nodes[node].whole { return }
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
        }
        self.nodes[node].whole = true
        self.nodes[node].keys = []
        self.nodes[node].children = []
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
