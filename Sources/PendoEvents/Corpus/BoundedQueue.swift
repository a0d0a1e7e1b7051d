import Foundation

/// A bounded first-in first-out queue between threads: `put` waits while it is full, `take` waits
/// while it is empty. It bounds the memory of work handed from one thread to others (the inflater
/// to the corpus reader, `validate`'s reader to its mappers).
///
/// `close()` says no more will come: takers drain what is left, then get nil. `cancel()` says the
/// takers went away: waiting and later `put`s return false at once.
public final class BoundedQueue<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    /// Taken slots are nil'ed so that their elements are freed at once.
    private var items: [Element?] = []
    private var head = 0
    private var closed = false
    private var cancelled = false
    public let capacity: Int

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Adds `item`, waiting while the queue holds `capacity` items; false once cancelled.
    @discardableResult
    public func put(_ item: Element) -> Bool {
        self.condition.lock()
        defer { self.condition.unlock() }
        while self.items.count - self.head >= self.capacity, !self.cancelled { self.condition.wait() }
        if self.cancelled { return false }
        if self.head > 0, self.head * 2 >= self.items.count {
            // Taken slots are dropped in bulk, so the array stays within twice the capacity.
            self.items.removeFirst(self.head)
            self.head = 0
        }
        self.items.append(item)
        self.condition.broadcast()
        return true
    }

    /// The next item; nil once the queue is closed and empty.
    public func take() -> Element? {
        self.condition.lock()
        defer { self.condition.unlock() }
        while self.head == self.items.count, !self.closed { self.condition.wait() }
        guard self.head < self.items.count else { return nil }
        let item = self.items[self.head]
        self.items[self.head] = nil
        self.head += 1
        self.condition.broadcast()
        return item
    }

    /// No more items will come; takers drain what is left, then get nil.
    public func close() {
        self.condition.lock()
        self.closed = true
        self.condition.broadcast()
        self.condition.unlock()
    }

    /// The takers went away: a waiting or later `put` returns false.
    public func cancel() {
        self.condition.lock()
        self.cancelled = true
        self.condition.broadcast()
        self.condition.unlock()
    }
}
