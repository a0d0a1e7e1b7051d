/// Replay's decisions, without clocks or threads: given the elapsed time of a wake-up (from any clock,
/// a mock one in tests) and a source of items in corpus order, which items are due now and at what
/// intended offset (their recorded times, through `ReplaySchedule`). `ReplayPacer` calls it on each
/// timer wake-up and does the I/O. (Rate models are planned per event loop: `LoopPacer`.)
public struct ReplayPlanner<Item> {
    /// What the source says when asked for the next item.
    public enum Next {
        case item(Item)
        /// Nothing yet (the read-ahead is behind): try again at the next wake-up.
        case notYet
        /// Nothing ever again.
        case end
    }

    private var schedule: ReplaySchedule
    private let timestamp: (Item) -> Double?
    /// The next item, read from the source and not yet due.
    private var held: (item: Item, offset: Double)?
    /// Sends planned so far.
    public private(set) var issued = 0
    /// Whether the plan is over (the source ended).
    public private(set) var finished = false

    /// A planner replaying at `speed` with gaps capped at `maxGap`; `timestamp` gives an item's
    /// recorded time in seconds.
    public init(speed: Double, maxGap: Double?, timestamp: @escaping (Item) -> Double?) {
        self.schedule = ReplaySchedule(speed: speed, maxGap: maxGap)
        self.timestamp = timestamp
    }

    /// The items due by `elapsed` seconds, each with its intended offset, at most `limit` of them.
    public mutating func due(by elapsed: Double, limit: Int = .max, next: () -> Next) -> [(item: Item, offset: Double)] {
        var out: [(item: Item, offset: Double)] = []
        while !self.finished, out.count < limit {
            if self.held == nil {
                switch next() {
                case .item(let item):
                    self.held = (item, self.schedule.offset(forTimestamp: self.timestamp(item)))
                case .notYet:
                    return out
                case .end:
                    self.finished = true
                    return out
                }
            }
            guard let held = self.held, held.offset <= elapsed else { break }
            self.held = nil
            out.append(held)
            self.issued += 1
        }
        return out
    }
}
