/// The `_id`s of stored records, to count repeats (the platform keeps one record per `_id`)
/// without holding every id: each id is kept as a 128-bit hash with the event's position, in
/// runs that a caller may sort and set aside (on disk) once they are large, and `repeats`
/// merges sorted runs in one pass. Two different ids share a 128-bit hash with a probability
/// of about n²/2¹²⁹ (1e-20 for a billion records).
public struct IdentityRun: Sendable {
    /// One id: its hash and where it was seen.
    public struct Entry: Sendable, Hashable, Comparable {
        public var high: UInt64
        public var low: UInt64
        /// The event's position in the corpus (orders entries of one id: the first is kept).
        public var ordinal: UInt64
        /// The event's file (index in the corpus's file list) and line: `file << 40 | line`.
        public var location: UInt64

        public init(high: UInt64, low: UInt64, ordinal: UInt64, location: UInt64) {
            self.high = high
            self.low = low
            self.ordinal = ordinal
            self.location = location
        }

        public static func < (a: Entry, b: Entry) -> Bool {
            (a.high, a.low, a.ordinal) < (b.high, b.low, b.ordinal)
        }

        /// The file index of `location`.
        public var fileIndex: Int { Int(self.location >> 40) }
        /// The line of `location`.
        public var line: Int { Int(self.location & 0xFF_FFFF_FFFF) }
    }

    public private(set) var entries: [Entry] = []

    public init() {}

    /// Entries gathered so far.
    public var count: Int { self.entries.count }

    mutating func append(_ id: String, event: DiffEventReference) {
        let (high, low) = Self.hash(id)
        let location =
            UInt64(min(max(event.fileIndex, 0), 0xFF_FFFF)) << 40 | UInt64(min(max(event.line, 0), 0xFF_FFFF_FFFF))
        self.entries.append(Entry(high: high, low: low, ordinal: UInt64(max(event.ordinal, 0)), location: location))
    }

    /// The entries gathered, sorted, and none kept.
    public mutating func take() -> [Entry] {
        var taken: [Entry] = []
        swap(&taken, &self.entries)
        taken.sort()
        return taken
    }

    mutating func absorb(_ other: IdentityRun) {
        self.entries.append(contentsOf: other.entries)
    }

    /// Two independent 64-bit hashes of the UTF-8 bytes, FNV-1a and SplitMix64's finaliser over
    /// 8-byte words: stable across processes (unlike `Hasher`), so runs set aside compare with
    /// later ones. Meant for ids that nobody crafts to collide.
    static func hash(_ id: String) -> (UInt64, UInt64) {
        var a: UInt64 = 0xCBF2_9CE4_8422_2325
        var b: UInt64 = 0x6C62_272E_07BB_0142
        var word: UInt64 = 0
        var filled: UInt64 = 0
        for byte in id.utf8 {
            a = (a ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            word |= UInt64(byte) << (filled * 8)
            filled += 1
            if filled == 8 {
                b = Self.mix(b ^ word)
                word = 0
                filled = 0
            }
        }
        b = Self.mix(b ^ word ^ (UInt64(id.utf8.count) << 56))
        return (Self.mix(a), b)
    }

    private static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// What merging sorted runs finds: records whose `_id` an earlier record already had.
    public struct Repeats: Sendable, Hashable {
        /// Records beyond the first with their `_id` (what the platform would not keep).
        public var repeated = 0
        /// Distinct `_id`s seen more than once.
        public var repeatedIds = 0
        /// The first repeats in corpus order: the repeat and the first record with that id.
        public var samples: [(later: Entry, first: Entry)] = []

        public static func == (a: Repeats, b: Repeats) -> Bool {
            a.repeated == b.repeated && a.repeatedIds == b.repeatedIds
                && a.samples.map(\.later) == b.samples.map(\.later)
                && a.samples.map(\.first) == b.samples.map(\.first)
        }

        public func hash(into hasher: inout Hasher) {
            hasher.combine(self.repeated)
            hasher.combine(self.repeatedIds)
        }
    }

    /// Merges sorted runs (each from `take`, in any order) and counts the repeats, keeping the
    /// first `samples` repeats in corpus order. Memory: one entry per run, and the samples.
    public static func repeats<Run: IteratorProtocol<Entry>>(_ runs: [Run], samples limit: Int) -> Repeats {
        var runs = runs
        var heads: [Entry?] = runs.indices.map { runs[$0].next() }
        var result = Repeats()
        var first: Entry?
        var firstIsRepeated = false
        var kept: [(later: Entry, first: Entry)] = []
        let cap = limit > Int.max / 4 ? Int.max : max(limit * 4, 64)
        while true {
            var best = -1
            for index in heads.indices {
                guard let head = heads[index] else { continue }
                if best < 0 || head < heads[best]! { best = index }
            }
            guard best >= 0, let entry = heads[best] else { break }
            heads[best] = runs[best].next()
            if let earlier = first, earlier.high == entry.high, earlier.low == entry.low {
                result.repeated += 1
                if !firstIsRepeated {
                    result.repeatedIds += 1
                    firstIsRepeated = true
                }
                if limit > 0 {
                    kept.append((entry, earlier))
                    // Sorted and cut now and then, so that only about `limit` samples are held.
                    if kept.count >= cap {
                        kept.sort { $0.later.ordinal < $1.later.ordinal }
                        kept.removeLast(kept.count - limit)
                    }
                }
            } else {
                first = entry
                firstIsRepeated = false
            }
        }
        kept.sort { $0.later.ordinal < $1.later.ordinal }
        result.samples = Array(kept.prefix(limit))
        return result
    }
}
