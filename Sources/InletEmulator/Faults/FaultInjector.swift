import DataPrep
import ReplayCommon

/// The fault rules as a state machine without I/O: given the time and the request, it says how
/// long to hold the answer and whether to answer with a fault instead of handling the request.
struct FaultInjector: Sendable {
    /// What to do with one request.
    struct Decision: Sendable, Equatable {
        /// Seconds to wait before answering (stall plus added latency).
        var delay: Double
        /// The fault to answer with, or nil to handle the request.
        var fault: Fault?
    }

    enum Fault: Sendable, Equatable {
        /// An injected error status (500, 503, ...).
        case status(Int)
        /// 503 from `capacity`: the queue is full.
        case overCapacity(reason: String)
        /// 429 from the rate limit or a guardrail; `reason` goes into the problem document.
        case tooManyRequests(retryAfter: Int?, reason: String)
    }

    let configuration: FaultConfiguration
    private var random: SeededRandom
    private var bucket: TokenBucket?
    private var queue: CapacityQueue?
    private var requestsPerSecond = WindowCounter(window: 1, limit: 1_000)
    private var messagesPerSecond = WindowCounter(window: 1, limit: 10_000)
    private var syncPerMinute = WindowCounter(window: 60, limit: 60)

    init(configuration: FaultConfiguration) {
        self.configuration = configuration
        self.random = SeededRandom(seed: configuration.seed)
        self.bucket = configuration.rateLimit.map { TokenBucket(rate: $0) }
        self.queue = configuration.capacity.map {
            CapacityQueue(rate: $0, depth: configuration.capacityQueue ?? Int(Swift.min($0, 1e9).rounded(.up)))
        }
    }

    /// Decides for a request arriving `now` seconds after start-up.
    mutating func decide(now: Double) -> Decision {
        var delay = 0.0
        if let stall = self.configuration.stall, now >= stall.start, now < stall.start + stall.duration {
            delay += stall.start + stall.duration - now
        }
        switch self.configuration.latency {
        case .fixed(let seconds):
            delay += seconds
        case .distribution(let p50, let p99):
            delay += Self.logNormal(p50: p50, p99: p99, normal: self.random.normal())
        case nil:
            break
        }
        if var bucket = self.bucket {
            let admitted = bucket.take(now: now)
            self.bucket = bucket
            if !admitted {
                return Decision(
                    delay: delay,
                    fault: .tooManyRequests(
                        retryAfter: self.configuration.retryAfterSeconds,
                        reason: "more than \(Self.format(self.configuration.rateLimit ?? 0)) requests per second"
                    )
                )
            }
        }
        if var queue = self.queue {
            let wait = queue.admit(now: now)
            self.queue = queue
            guard let wait else {
                return Decision(
                    delay: delay,
                    fault: .overCapacity(
                        reason:
                            "over capacity: the queue of \(queue.depth) requests waiting for the \(Self.format(queue.rate)) requests/s this emulator serves is full (pendo-replay serve --capacity)"
                    ))
            }
            delay += wait
        }
        for status in self.configuration.errorRates.keys.sorted() {
            let rate = self.configuration.errorRates[status] ?? 0
            if rate > 0, self.random.unit() < rate {
                return Decision(delay: delay, fault: .status(status))
            }
        }
        return Decision(delay: delay, fault: nil)
    }

    /// Applies Adobe's guardrails to an inlet request carrying `messages` messages (nil: admitted).
    mutating func guardrail(now: Double, messages: Int, syncValidation: Bool) -> Fault? {
        guard self.configuration.guardrails else { return nil }
        let retryAfter = self.configuration.retryAfterSeconds
        if syncValidation, !self.syncPerMinute.admit(now: now) {
            return .tooManyRequests(
                retryAfter: retryAfter, reason: "guardrail: 60 requests per minute with synchronous validation")
        }
        if !self.requestsPerSecond.admit(now: now) {
            return .tooManyRequests(retryAfter: retryAfter, reason: "guardrail: 1,000 requests per second")
        }
        if !self.messagesPerSecond.admit(now: now, amount: messages) {
            return .tooManyRequests(retryAfter: retryAfter, reason: "guardrail: 10,000 messages per second")
        }
        return nil
    }

    /// A log-normal draw with median `p50` and 99th percentile `p99` from a standard normal draw.
    static func logNormal(p50: Double, p99: Double, normal: Double) -> Double {
        guard p50 > 0, p99 > p50 else { return max(0, p50) }
        let mu = log(p50)
        let sigma = (log(p99) - mu) / 2.326_347_874
        return exp(mu + sigma * normal)
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
