/// A sample that knows its place in the corpus: its event's 0-based position among the events read.
public protocol CorpusOrdered {
    var ordinal: Int { get }
}

/// Up to `limit` samples, the first in corpus order, whatever the number of workers. Each worker
/// offers samples in increasing order, so keeping the first `limit` offered keeps its lowest; `merge`
/// keeps the lowest of both (on a tie, its own first).
public struct SampleList<Sample: CorpusOrdered & Sendable & Hashable>: Sendable, Hashable {
    public private(set) var samples: [Sample] = []

    public init() {}

    /// Keeps the sample `make` builds while fewer than `limit` are kept (`make` is not called otherwise).
    public mutating func offer(limit: Int, _ make: () -> Sample) {
        if self.samples.count < limit { self.samples.append(make()) }
    }

    /// The lowest `limit` of both lists, in corpus order.
    public mutating func merge(_ other: SampleList, limit: Int) {
        guard !other.samples.isEmpty else { return }
        // `sorted` is stable: on equal positions this list's samples stay first.
        self.samples = Array((self.samples + other.samples).sorted { $0.ordinal < $1.ordinal }.prefix(limit))
    }
}

extension SampleList: Codable where Sample: Codable {}
