/// A server of known capacity (`serve --capacity R`): one worker serves a request every `1 / rate`
/// seconds, in arrival order, from a queue of at most `depth` waiting requests. A request's answer
/// waits for the requests ahead of it, so latency grows as the queue fills; a request that finds the
/// queue full is refused at once (503). Its highest sustainable rate is therefore `rate`, which is
/// what `capacity` should find.
struct CapacityQueue: Sendable, Equatable {
    /// Requests served per second.
    let rate: Double
    /// Requests that may wait at once.
    let depth: Int
    /// When the worker is next free, seconds (monotonic).
    private(set) var nextFree = -Double.infinity

    init(rate: Double, depth: Int) {
        self.rate = rate
        self.depth = max(1, depth)
    }

    /// Queues a request arriving at `now`: the seconds until its answer, or nil when the queue is full.
    mutating func admit(now: Double) -> Double? {
        let start = max(now, self.nextFree)
        let waiting = (start - now) * self.rate
        // A small tolerance so that exactly `depth` requests' worth of backlog counts as full even
        // when the sum of service times is rounded below it.
        guard waiting < Double(self.depth) - 1e-9 else { return nil }
        self.nextFree = start + 1 / self.rate
        return self.nextFree - now
    }
}
