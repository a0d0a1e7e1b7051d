/// What a corpus holds, gathered in one streaming pass: counts, kinds, time span, recorded rate
/// and distinct visitors and accounts. Memory is bounded by the number of distinct kinds, the
/// distinct-counters' caps and one counter per minute that holds events.
public struct CorpusStatistics: Sendable {
    /// Events seen.
    public private(set) var events = 0
    /// Event bytes seen (without line ends).
    public private(set) var eventBytes = 0
    /// Events per `event` value, in first-seen order.
    public private(set) var kinds: [(kind: String, count: Int)] = []
    /// Events with no `event` string.
    public private(set) var withoutKind = 0
    /// Events with no integer `timestamp`.
    public private(set) var withoutTimestamp = 0
    /// The earliest and latest `timestamp`, epoch seconds.
    public private(set) var firstTimestamp: Int64?
    public private(set) var lastTimestamp: Int64?
    /// Events whose timestamp is earlier than the one before (the corpus is not in time order).
    public private(set) var outOfOrder = 0
    /// Distinct `visitorId`s and `accountId`s.
    public private(set) var visitors = DistinctCounter()
    public private(set) var accounts = DistinctCounter()

    private var kindIndex: [String: Int] = [:]
    private var lastKindBytes: [UInt8] = []
    private var lastKindSlot = -1
    private var perMinute: [Int64: Int] = [:]
    private var currentMinute: Int64 = .min
    private var currentMinuteCount = 0
    private var previousTimestamp: Int64 = .min

    public init() {}

    /// Adds one event's facts, scanning its bytes once.
    public mutating func add(_ bytes: [UInt8]) {
        self.events += 1
        self.eventBytes += bytes.count
        let ranges = EventFields.ranges(in: bytes)
        bytes.withUnsafeBufferPointer { buffer in
            if let r = ranges.kind, r.count >= 2, buffer[r.lowerBound] == 0x22 {
                let inner = UnsafeBufferPointer(rebasing: buffer[(r.lowerBound + 1)..<(r.upperBound - 1)])
                if self.lastKindSlot >= 0 && inner.elementsEqual(self.lastKindBytes) {
                    self.kinds[self.lastKindSlot].count += 1
                } else {
                    let name = EventFields.string(in: bytes, at: r) ?? ""
                    let slot: Int
                    if let known = self.kindIndex[name] {
                        slot = known
                    } else {
                        slot = self.kinds.count
                        self.kinds.append((name, 0))
                        self.kindIndex[name] = slot
                    }
                    self.kinds[slot].count += 1
                    self.lastKindSlot = slot
                    self.lastKindBytes = Array(inner)
                }
            } else {
                self.withoutKind += 1
            }
            if let r = ranges.visitorId {
                self.visitors.add(UnsafeBufferPointer(rebasing: buffer[r]))
            }
            if let r = ranges.accountId {
                self.accounts.add(UnsafeBufferPointer(rebasing: buffer[r]))
            }
        }
        guard let t = EventFields.integer(in: bytes, at: ranges.timestamp) else {
            self.withoutTimestamp += 1
            return
        }
        if t < self.previousTimestamp { self.outOfOrder += 1 }
        self.previousTimestamp = t
        if self.firstTimestamp == nil || t < self.firstTimestamp! { self.firstTimestamp = t }
        if self.lastTimestamp == nil || t > self.lastTimestamp! { self.lastTimestamp = t }
        // Floor division that holds at both ends of Int64 (timestamps come from files).
        let (quotient, remainder) = t.quotientAndRemainder(dividingBy: 60)
        let minute = remainder < 0 ? quotient - 1 : quotient
        if minute == self.currentMinute {
            self.currentMinuteCount += 1
        } else {
            self.flushMinute()
            self.currentMinute = minute
            self.currentMinuteCount = 1
        }
    }

    private mutating func flushMinute() {
        if self.currentMinuteCount > 0 {
            self.perMinute[self.currentMinute, default: 0] += self.currentMinuteCount
        }
        self.currentMinuteCount = 0
    }

    /// Seconds from the first to the last timestamp (0 for fewer than two distinct ones); `Int64.max`
    /// when the difference does not fit (timestamps near both ends of `Int64`).
    public var spanSeconds: Int64 {
        guard let first = self.firstTimestamp, let last = self.lastTimestamp else { return 0 }
        let (span, overflow) = last.subtractingReportingOverflow(first)
        return overflow ? .max : span
    }

    /// The mean recorded rate over the span, events per second.
    public var meanEventsPerSecond: Double {
        let timed = self.events - self.withoutTimestamp
        guard timed > 0 else { return 0 }
        return Double(timed) / Double(max(self.spanSeconds, 1))
    }

    /// The busiest calendar minute: its start (epoch seconds) and event count.
    public var peakMinute: (start: Int64, events: Int)? {
        var copy = self
        copy.flushMinute()
        var best: (Int64, Int)?
        for (minute, count) in copy.perMinute
        where best == nil || count > best!.1 || (count == best!.1 && minute < best!.0) {
            best = (minute, count)
        }
        // The minute's start, clamped to Int64 (the minute of Int64.min starts before it).
        return best.map { best in
            let (start, overflow) = best.0.multipliedReportingOverflow(by: 60)
            return (start: overflow ? (best.0 < 0 ? .min : .max) : start, events: best.1)
        }
    }

    /// How long replaying at recorded timing takes at `speed` (2 = twice as fast), in seconds.
    public func replaySeconds(speed: Double) -> Double {
        Double(self.spanSeconds) / max(speed, 1e-9)
    }
}
