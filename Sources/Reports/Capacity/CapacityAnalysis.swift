/// The knee of latency against offered rate, as `capacity.json` records it.
public struct CapacityKnee: Codable, Sendable, Equatable {
    /// The offered rate at the knee, requests per second.
    public var offered: Double
    /// The step's corrected p99 there, milliseconds.
    public var p99Milliseconds: Double

    public init(offered: Double, p99Milliseconds: Double) {
        self.offered = offered
        self.p99Milliseconds = p99Milliseconds
    }
}

/// A Universal Scalability Law fit over a search's passing steps, as `capacity.json` records it.
public struct CapacityUSL: Codable, Sendable, Equatable {
    /// The fitted model.
    public var model: USLFit
    /// The concurrency of the predicted peak (`√((1 − σ) / κ)`), nil when κ is 0.
    public var peakConcurrency: Double?
    /// The predicted peak throughput, requests per second.
    public var peakThroughput: Double?
    /// The steps it was fitted over.
    public var points: Int

    public init(model: USLFit, points: Int) {
        self.model = model
        self.peakConcurrency = model.peakConcurrency
        self.peakThroughput = model.peakThroughput
        self.points = points
    }
}

/// The curve analyses of a search's steps.
public enum CapacityAnalysis {
    /// One step per offered rate, the last judged there (a retried, generator-bound or tripped
    /// step says nothing about the curve), with its latency, sorted by rate.
    public static func curve(_ steps: [CapacityStepRecord]) -> [CapacityStepRecord] {
        var byRate: [Double: CapacityStepRecord] = [:]
        for step in steps where step.latency != nil {
            switch step.verdict {
            case .pass, .fail, .indeterminate: byRate[step.offered] = step
            case .retried, .generatorBound, .tripped: continue
            }
        }
        return byRate.values.sorted { $0.offered < $1.offered }
    }

    /// Kneedle over p99 against offered rate; nil with fewer than 3 rates or no bend.
    public static func knee(_ steps: [CapacityStepRecord]) -> CapacityKnee? {
        let curve = Self.curve(steps)
        let p99 = curve.map { $0.latency?.p99 ?? 0 }
        guard let index = Kneedle.knee(x: curve.map(\.offered), y: p99, curve: .convexIncreasing) else { return nil }
        return CapacityKnee(offered: curve[index].offered, p99Milliseconds: p99[index])
    }

    /// The USL over the passing steps, concurrency from Little's law (N = X · R: delivered rate
    /// times mean latency); nil with fewer than 3 passing rates or no fit.
    public static func usl(_ steps: [CapacityStepRecord]) -> CapacityUSL? {
        let passing = Self.curve(steps).filter { $0.verdict == .pass }
        let concurrency = passing.map { $0.delivered * ($0.latency?.mean ?? 0) / 1000 }
        guard let model = USLFit.fit(concurrency: concurrency, throughput: passing.map(\.delivered)) else { return nil }
        return CapacityUSL(model: model, points: passing.count)
    }
}
