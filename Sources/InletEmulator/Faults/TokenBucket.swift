/// A token bucket: `rate` tokens a second, holding at most `burst`; a request takes `cost` tokens.
struct TokenBucket: Sendable, Equatable {
    let rate: Double
    let burst: Double
    private(set) var tokens: Double
    private var last: Double?

    init(rate: Double, burst: Double? = nil) {
        self.rate = rate
        self.burst = max(1, burst ?? rate)
        self.tokens = self.burst
    }

    /// Takes `cost` tokens at time `now` (seconds, monotonic) if there are enough.
    mutating func take(now: Double, cost: Double = 1) -> Bool {
        if let last {
            self.tokens = min(self.burst, self.tokens + max(0, now - last) * self.rate)
        }
        self.last = now
        guard self.tokens >= cost else { return false }
        self.tokens -= cost
        return true
    }
}

/// Counts in fixed windows (a second, a minute), as Adobe words its guardrails.
struct WindowCounter: Sendable, Equatable {
    let window: Double
    let limit: Int
    private var windowStart: Double = -.infinity
    private var count = 0

    init(window: Double, limit: Int) {
        self.window = window
        self.limit = limit
    }

    /// Adds `amount` at `now` if the window's total stays within the limit.
    mutating func admit(now: Double, amount: Int = 1) -> Bool {
        if now - self.windowStart >= self.window {
            self.windowStart = now - (now.truncatingRemainder(dividingBy: self.window))
            self.count = 0
        }
        guard self.count + amount <= self.limit else { return false }
        self.count += amount
        return true
    }
}
