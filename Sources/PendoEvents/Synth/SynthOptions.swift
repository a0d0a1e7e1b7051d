/// What the synthesizer makes. The same options (seed included) always give the same bytes.
public struct SynthOptions: Sendable {
    /// How many events.
    public var events: Int
    /// The seed of every random choice.
    public var seed: UInt64
    /// The first instant of the span, epoch seconds.
    public var start: Int64
    /// The length of the span timestamps are spread over, in seconds.
    public var spanSeconds: Double
    /// The share of each event kind.
    public var mix: EventMix
    /// How many distinct visitors may appear; popularity is Zipf-like over them.
    public var visitors: Int
    /// How many distinct accounts visitors belong to; sizes are skewed too.
    public var accounts: Int
    /// How many guides the catalogue holds (polls and NPS surveys are some of them).
    public var guides: Int
    /// The Zipf exponent of visitor and guide popularity.
    public var popularityExponent: Double
    /// The average number of bursts (a few minutes at several times the usual rate) per day.
    public var burstsPerDay: Double

    /// Options with defaults: 24 hours from 2026-01-05T00:00:00Z, the standard mix, 5,000
    /// visitors in 250 accounts, 20 guides, exponent 1.07, 3 bursts a day.
    public init(
        events: Int,
        seed: UInt64,
        start: Int64 = 1_767_571_200,
        spanSeconds: Double = 86_400,
        mix: EventMix = .standard,
        visitors: Int = 5_000,
        accounts: Int = 250,
        guides: Int = 20,
        popularityExponent: Double = 1.07,
        burstsPerDay: Double = 3
    ) {
        self.events = max(events, 0)
        self.seed = seed
        self.start = start
        self.spanSeconds = max(spanSeconds, 1)
        self.mix = mix
        self.visitors = max(visitors, 1)
        self.accounts = max(accounts, 1)
        self.guides = max(guides, 3)
        self.popularityExponent = popularityExponent
        self.burstsPerDay = max(burstsPerDay, 0)
    }
}
