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
    /// Items that carry their intended offset already (a shard's, planned on the whole run by
    /// `FeedStripe`): it is read as it is.
    private let planned: Bool
    /// The latest offset handed out, for a planned item without one.
    private var lastOffset = 0.0
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
        self.planned = false
    }

    /// A planner of items whose intended offsets (seconds from the start) were planned already, on the
    /// whole run's schedule (`run --shard` under replay); `offset` reads one (nil: with its predecessor).
    public init(planned offset: @escaping (Item) -> Double?) {
        self.schedule = ReplaySchedule(speed: 1, maxGap: nil)
        self.timestamp = offset
        self.planned = true
    }

    /// The items due by `elapsed` seconds, each with its intended offset, at most `limit` of them.
    public mutating func due(by elapsed: Double, limit: Int = .max, next: () -> Next) -> [(item: Item, offset: Double)]
    {
        var out: [(item: Item, offset: Double)] = []
        while !self.finished, out.count < limit {
            if self.held == nil {
                switch next() {
                case .item(let item):
                    if self.planned {
                        self.lastOffset = self.timestamp(item).map { max($0, self.lastOffset) } ?? self.lastOffset
                        self.held = (item, self.lastOffset)
                    } else {
                        self.held = (item, self.schedule.offset(forTimestamp: self.timestamp(item)))
                    }
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
