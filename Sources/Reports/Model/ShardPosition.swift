/// Which part of a sharded run a report covers: shard `index` of `count` (`run --shard K/N`). Every
/// planned send `g` of the single-process run belongs to shard `g mod count`, so the shards of one run
/// are disjoint and together send exactly what one process would (docs/SCALING.md).
public struct ShardPosition: Codable, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Most shards in one run: far more generators than one inlet is tested with, and few enough that
    /// a merge lists them all.
    public static let maximumCount = 10_000

    /// 0-based, below `count`.
    public var index: Int
    /// Shards in the run, at least 1.
    public var count: Int

    /// `index` in `0..<count`, `count` in `1...maximumCount`; the problem otherwise, naming what to give.
    public static func problem(index: Int, count: Int) -> String? {
        guard (1...Self.maximumCount).contains(count) else {
            return "the shard count must be 1 to \(Self.maximumCount), not \(count)"
        }
        guard (0..<count).contains(index) else {
            return "the shard index must be 0 to \(count - 1) (0-based, below the count \(count)), not \(index)"
        }
        return nil
    }

    /// A checked position; throws `ShardPositionError` naming the problem.
    public init(index: Int, count: Int) throws(ShardPositionError) {
        if let problem = Self.problem(index: index, count: count) {
            throw ShardPositionError(text: "\(index)/\(count)", problem: problem)
        }
        self.index = index
        self.count = count
    }

    /// `K/N`, as `--shard` takes it.
    public init(parsing text: String) throws(ShardPositionError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw ShardPositionError(
                text: text, problem: "expected K/N, the 0-based shard index and the shard count (e.g. 0/3)")
        }
        try self.init(index: index, count: count)
    }

    /// Decoding checks the same bounds (a report is outside input).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let index = try container.decode(Int.self, forKey: .index)
        let count = try container.decode(Int.self, forKey: .count)
        if let problem = Self.problem(index: index, count: count) {
            throw DecodingError.dataCorruptedError(
                forKey: .index, in: container, debugDescription: "shard \(index)/\(count): \(problem)")
        }
        self.index = index
        self.count = count
    }

    /// `K/N`.
    public var description: String { "\(self.index)/\(self.count)" }

    /// The sends of `0..<total` that are this shard's (`g mod count == index`): `total / count`, plus one
    /// for the first `total % count` shards. Splits a count as evenly as possible (64 connections over
    /// 3 shards: 22, 21, 21) and gives each shard its part of a request bound.
    public func share(of total: Int) -> Int {
        guard total > 0 else { return 0 }
        return total / self.count + (self.index < total % self.count ? 1 : 0)
    }

    /// Whether send `g` of the single-process run is this shard's.
    public func owns(_ g: Int) -> Bool {
        g >= 0 && g % self.count == self.index
    }
}

/// A `K/N` that names no shard, with what is wrong.
public struct ShardPositionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The shard as given.
    public var text: String
    /// What is wrong and what to give instead.
    public var problem: String

    public var description: String { "\(self.text): \(self.problem)" }
}
