/// Replay at recorded timing: each event's intended offset is its timestamp rebased to the first event,
/// with every gap between consecutive events capped at `maxGap` seconds, divided by `speed`.
/// Feed it timestamps in order (see `ReorderWindow`); an event older than its predecessor goes at once
/// (offset of the predecessor).
public struct ReplaySchedule: Sendable, Equatable {
    /// Speed-up factor (2 = twice as fast as recorded).
    public let speed: Double
    /// Longest idle gap kept, in recorded seconds; nil keeps every gap.
    public let maxGap: Double?
    private var lastTimestamp: Double?
    private var recordedOffset = 0.0

    public init(speed: Double, maxGap: Double?) {
        self.speed = speed
        self.maxGap = maxGap
    }

    /// The intended offset, in seconds from the start, of the next event with `timestamp` (seconds).
    /// An event without a timestamp goes with its predecessor.
    public mutating func offset(forTimestamp timestamp: Double?) -> Double {
        if let timestamp {
            if let last = self.lastTimestamp {
                var gap = max(0, timestamp - last)
                if let maxGap = self.maxGap { gap = min(gap, maxGap) }
                self.recordedOffset += gap
                self.lastTimestamp = max(last, timestamp)
            } else {
                self.lastTimestamp = timestamp
            }
        }
        return self.recordedOffset / self.speed
    }
}

/// Orders slightly out-of-order items by timestamp: holds up to `capacity` items and releases the
/// earliest whenever it holds more. Items without a timestamp pass in arrival order among equals.
public struct ReorderWindow<Item> {
    private var heap: [(key: Double, sequence: Int, item: Item)] = []
    private var sequence = 0
    /// How many items are held back to reorder.
    public let capacity: Int

    public init(capacity: Int) {
        self.capacity = max(0, capacity)
    }

    /// Adds an item; returns the earliest held item once more than `capacity` are held.
    public mutating func push(_ item: Item, timestamp: Double?) -> Item? {
        let key = timestamp ?? (self.heap.isEmpty ? -Double.infinity : self.lastKey)
        self.lastKey = max(self.lastKey, key)
        self.heap.append((key, self.sequence, item))
        self.sequence += 1
        self.siftUp(self.heap.count - 1)
        return self.heap.count > self.capacity ? self.popMin() : nil
    }

    /// Releases the remaining items, earliest first (at the end of the input).
    public mutating func drain() -> [Item] {
        var out: [Item] = []
        while let item = self.popMin() { out.append(item) }
        return out
    }

    private var lastKey = -Double.infinity

    private func less(_ a: Int, _ b: Int) -> Bool {
        let x = self.heap[a]
        let y = self.heap[b]
        return x.key < y.key || (x.key == y.key && x.sequence < y.sequence)
    }

    private mutating func siftUp(_ index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            if !self.less(child, parent) { return }
            self.heap.swapAt(child, parent)
            child = parent
        }
    }

    private mutating func popMin() -> Item? {
        guard !self.heap.isEmpty else { return nil }
        self.heap.swapAt(0, self.heap.count - 1)
        let top = self.heap.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < self.heap.count, self.less(left, smallest) { smallest = left }
            if right < self.heap.count, self.less(right, smallest) { smallest = right }
            if smallest == parent { break }
            self.heap.swapAt(parent, smallest)
            parent = smallest
        }
        return top.item
    }
}
