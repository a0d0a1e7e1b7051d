/// The open-loop scheduler's decisions, without clocks or threads: given the elapsed time of a wake-up
/// (from any clock, a mock one in tests) and a source of items, which items are due now and at what
/// intended offset. The pacer calls it on each timer wake-up and does the I/O.
public struct SendPlanner<Item> {
    /// What the source says when asked for the next item.
    public enum Next {
        case item(Item)
        /// Nothing yet (the read-ahead is behind): try again at the next wake-up.
        case notYet
        /// Nothing ever again.
        case end
    }

    private let schedule: (any RateSchedule)?
    private var replay: ReplaySchedule?
    private let timestamp: (Item) -> Double?
    private var held: (item: Item, offset: Double)?
    /// Sends planned so far.
    public private(set) var issued = 0
    /// Whether the plan is over (the schedule ended or the source did).
    public private(set) var finished = false

    /// A planner for an open-loop `model`; `timestamp` gives an item's recorded time (replay).
    public init(model: LoadModel, timestamp: @escaping (Item) -> Double?) {
        self.timestamp = timestamp
        self.schedule = model.rateSchedule
        switch model {
        case .replay(let speed, let maxGap): self.replay = ReplaySchedule(speed: speed, maxGap: maxGap)
        case .closed: self.finished = true
        case .constant, .stages: break
        }
    }

    /// The items due by `elapsed` seconds, each with its intended offset, at most `limit` of them.
    public mutating func due(by elapsed: Double, limit: Int = .max, next: () -> Next) -> [(item: Item, offset: Double)] {
        var out: [(item: Item, offset: Double)] = []
        while !self.finished, out.count < limit {
            if let schedule = self.schedule {
                guard let intended = schedule.intendedOffset(ofSend: self.issued) else {
                    self.finished = true
                    break
                }
                guard intended <= elapsed else { break }
                switch next() {
                case .item(let item):
                    out.append((item, intended))
                    self.issued += 1
                case .notYet:
                    return out
                case .end:
                    self.finished = true
                }
            } else {
                if self.held == nil {
                    switch next() {
                    case .item(let item):
                        self.held = (item, self.replay!.offset(forTimestamp: self.timestamp(item)))
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
        }
        return out
    }
}
