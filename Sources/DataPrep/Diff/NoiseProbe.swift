import ReplayCommon

/// Finds the fields a mapping set fills differently from one evaluation to the next: each event
/// of a sample is mapped twice, with clocks a day, an hour, a minute and a second and a
/// millisecond apart and with unrelated random seeds, so that the functions that read the clock
/// or the random source (`FunctionLibrary.nonDeterministicNames`: `now()`, `timestamp()`,
/// `uuid()`, `guid()`) give other values. The leaf paths that differ are non-deterministic:
/// `MappingDiff` leaves them out.
public enum NoiseProbe {
    /// How far apart the two clocks are: every calendar field and the milliseconds differ.
    public static let clockOffsetNanoseconds: Int64 = ((24 * 60 + 61) * 60 + 1) * 1_000_000_000 + 1_000_000

    /// The leaf paths (array indexes as `[*]`) whose values differ between two evaluations of
    /// `mapper` on each of `events`, sorted by their text.
    ///
    /// - Parameters:
    ///   - now: the first evaluation's clock (the second runs `clockOffsetNanoseconds` later).
    ///   - seed: the first evaluation's random seed (per event, as the diff's own pass draws them).
    public static func nonDeterministicPaths(mapper: Mapper, events: [[UInt8]], now: DateTimeValue, seed: UInt64)
        -> [FieldPath]
    {
        // Only those functions give another value in the second evaluation.
        guard mapper.mappingSet.mappings.contains(where: { !$0.isDeterministic }) else { return [] }
        var later = now
        later.epochNanoseconds = now.epochNanoseconds &+ Self.clockOffsetNanoseconds
        let first = now
        let second = later
        var stateA = mapper.makeState()
        stateA.context = FunctionContext(now: { first }, seed: seed)
        var stateB = mapper.makeState()
        stateB.context = FunctionContext(now: { second }, seed: ~seed)
        var found = Set<[FieldPath.Component]>()
        for (index, event) in events.enumerated() {
            stateA.context.random = SeededRandom(seed: seed, stream: UInt64(index))
            stateB.context.random = SeededRandom(seed: ~seed, stream: UInt64(index))
            guard case .mapped(let a, _) = mapper.map(event, state: &stateA),
                case .mapped(let b, _) = mapper.map(event, state: &stateB)
            else { continue }
            var trail: [FieldPath.Component] = []
            Self.collect(a, b, trail: &trail, into: &found)
        }
        return found.map { FieldPath(components: $0) }.sorted { $0.description < $1.description }
    }

    /// Adds the paths where `a` and `b` differ (a whole subtree present on one side only counts
    /// at its root).
    static func collect(
        _ a: JSONValue?, _ b: JSONValue?, trail: inout [FieldPath.Component],
        into found: inout Set<[FieldPath.Component]>
    ) {
        switch (a, b) {
        case (.object(let x)?, .object(let y)?):
            var keys = x.keys
            for key in y.keys where x[key] == nil { keys.append(key) }
            for key in keys {
                trail.append(.key(key))
                Self.collect(x[key], y[key], trail: &trail, into: &found)
                trail.removeLast()
            }
        case (.array(let x)?, .array(let y)?):
            for index in 0..<max(x.count, y.count) {
                trail.append(.wildcard)
                Self.collect(
                    index < x.count ? x[index] : nil, index < y.count ? y[index] : nil, trail: &trail, into: &found)
                trail.removeLast()
            }
        case (nil, nil):
            return
        default:
            if let a, let b, MappingDiff.kind(a) == MappingDiff.kind(b), MappingDiff.sameScalar(a, b) { return }
            found.insert(trail)
        }
    }
}
