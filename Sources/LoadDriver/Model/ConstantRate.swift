/// `rate` sends per second, the first at 0: send `i` is intended at `i / rate`.
public struct ConstantRate: RateSchedule, Equatable {
    /// Requests per second; must be positive.
    public var rate: Double

    public init(rate: Double) {
        self.rate = rate
    }

    public func intendedOffset(ofSend index: Int) -> Double? {
        Double(index) / self.rate
    }

    public func sendsDue(by elapsed: Double) -> Int {
        guard elapsed >= 0 else { return 0 }
        return Int((elapsed * self.rate).rounded(.down)) + 1
    }

    public var length: Double? { nil }
}
