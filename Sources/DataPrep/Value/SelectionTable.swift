/// A `PathSelection` laid out in flat buffers for the parser's inner loop.
///
/// The parser looks a member name up in the selection for every member of every selected object
/// of every event; reading Swift arrays of arrays there retained and released them each time. The
/// table is built once per mapper (so once per worker, never shared between cores) and read
/// through raw buffers, without reference counting. It is immutable after `init`.
final class SelectionTable: @unchecked Sendable {
    struct Node {
        /// Materialize the whole value here.
        var whole: Bool
        /// The value here is part of the parsed tree (else it is only read for `slots` below it).
        var tree: Bool
        /// The selection node inside array elements, -1 when none.
        var elements: Int
        /// This node's members in `childKeyStart`/`childKeyLength`/`childNode`.
        var firstChild: Int
        var childCount: Int
        /// The source slots the value here goes to, in `slots`.
        var firstSlot: Int
        var slotCount: Int
        /// Source slots only (no tree, no members, no elements), all of them open to raw values:
        /// a parser with a raw buffer may leave the value here unbuilt (see `RawSource`).
        var raw: Bool
        /// On an elements node: the slots collecting one value per element, in `collects`.
        var firstCollect: Int
        var collectCount: Int
    }

    /// The table's buffers. The parser keeps a copy of this struct (plain pointers: copying it
    /// retains nothing) while the table is kept alive by its caller.
    struct Buffers {
        var nodes: UnsafeMutableBufferPointer<Node>
        var childKeyStart: UnsafeMutableBufferPointer<Int>
        var childKeyLength: UnsafeMutableBufferPointer<Int>
        var childNode: UnsafeMutableBufferPointer<Int>
        var keyBytes: UnsafeMutableBufferPointer<UInt8>
        var slots: UnsafeMutableBufferPointer<Int>
        var collects: UnsafeMutableBufferPointer<Int>

        /// No selection (a parser without a table reads none of it).
        static var empty: Buffers {
            Buffers(
                nodes: .init(start: nil, count: 0), childKeyStart: .init(start: nil, count: 0),
                childKeyLength: .init(start: nil, count: 0), childNode: .init(start: nil, count: 0),
                keyBytes: .init(start: nil, count: 0), slots: .init(start: nil, count: 0),
                collects: .init(start: nil, count: 0))
        }
    }

    let buffers: Buffers
    /// The largest slot number plus one (the size a sources buffer needs).
    let slotSpan: Int

    /// `rawSlots`: the source slots whose mapping can check a raw value (`Mapper.init`).
    init(_ selection: PathSelection, rawSlots: Set<Int> = []) {
        let source = selection.nodes
        let childCount = source.reduce(0) { $0 + $1.keys.count }
        let table = Buffers(
            nodes: .allocate(capacity: source.count),
            childKeyStart: .allocate(capacity: max(childCount, 1)),
            childKeyLength: .allocate(capacity: max(childCount, 1)),
            childNode: .allocate(capacity: max(childCount, 1)),
            keyBytes: .allocate(capacity: max(source.reduce(0) { $0 + $1.keys.reduce(0) { $0 + $1.count } }, 1)),
            slots: .allocate(capacity: max(source.reduce(0) { $0 + $1.slots.count }, 1)),
            collects: .allocate(capacity: max(source.reduce(0) { $0 + $1.collects.count }, 1)))
        self.buffers = table
        self.slotSpan = (source.flatMap(\.slots).max() ?? -1) + 1
        var child = 0
        var byte = 0
        var slot = 0
        var collect = 0
        for (index, node) in source.enumerated() {
            let firstChild = child
            for (key, target) in zip(node.keys, node.children) {
                table.childKeyStart[child] = byte
                table.childKeyLength[child] = key.count
                table.childNode[child] = target
                for value in key {
                    table.keyBytes[byte] = value
                    byte += 1
                }
                child += 1
            }
            let firstSlot = slot
            for value in node.slots {
                table.slots[slot] = value
                slot += 1
            }
            let firstCollect = collect
            for value in node.collects {
                table.collects[collect] = value
                collect += 1
            }
            table.nodes[index] = Node(
                whole: node.whole, tree: node.tree, elements: node.elements ?? -1, firstChild: firstChild,
                childCount: node.keys.count, firstSlot: firstSlot, slotCount: node.slots.count,
                raw: node.whole && !node.tree && node.keys.isEmpty && node.elements == nil
                    && !node.slots.isEmpty && node.slots.allSatisfy(rawSlots.contains),
                firstCollect: firstCollect, collectCount: node.collects.count)
        }
    }

    deinit {
        self.buffers.nodes.deallocate()
        self.buffers.childKeyStart.deallocate()
        self.buffers.childKeyLength.deallocate()
        self.buffers.childNode.deallocate()
        self.buffers.keyBytes.deallocate()
        self.buffers.slots.deallocate()
        self.buffers.collects.deallocate()
    }
}
