import Foundation

/// A bounded first-in first-out queue between threads: `put` waits while it is full, `take` waits
/// while it is empty and returns nil once it is closed and drained. It bounds the memory of work
/// handed from a reader to worker threads.
final class BoundedQueue<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private var head = 0
    private var closed = false
    let capacity: Int

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Adds `item`, waiting while the queue holds `capacity` items.
    func put(_ item: Element) {
        self.condition.lock()
        while self.items.count - self.head >= self.capacity { self.condition.wait() }
        self.items.append(item)
        self.condition.broadcast()
        self.condition.unlock()
    }

    /// The next item; nil once the queue is closed and empty.
    func take() -> Element? {
        self.condition.lock()
        defer { self.condition.unlock() }
        while self.head == self.items.count, !self.closed { self.condition.wait() }
        guard self.head < self.items.count else { return nil }
        let item = self.items[self.head]
        self.head += 1
        if self.head == self.items.count {
            self.items.removeAll(keepingCapacity: true)
            self.head = 0
        } else if self.head >= 64, self.head * 2 >= self.items.count {
            // Taken items are dropped in bulk, so the array stays within twice the capacity.
            self.items.removeFirst(self.head)
            self.head = 0
        }
        self.condition.broadcast()
        return item
    }

    /// No more items will come; takers drain what is left, then get nil.
    func close() {
        self.condition.lock()
        self.closed = true
        self.condition.broadcast()
        self.condition.unlock()
    }
}
