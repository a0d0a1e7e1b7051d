import Foundation
import ReplayCommon

/// Makes a realistic, seeded stream of Pendo webhook events, one at a time, with memory that
/// does not grow with the number of events.
///
/// Same options and seed, same events, byte for byte. Visitors are drawn with Zipf-like
/// popularity and belong to accounts of skewed sizes; each visitor keeps a platform, user agent
/// and language; timestamps are non-decreasing and follow a daily rhythm with bursts
/// (`Timeline`); kinds follow `SynthOptions.mix`; `uniqueId`s are 40 hex characters whose first
/// 16 are a bijection of the event's index, so they never repeat within a corpus.
public struct Synthesizer: Sequence, IteratorProtocol {
    /// The options in force.
    public let options: SynthOptions
    private var timeline: Timeline
    private var random: SeededRandom
    private let catalogue: SynthCatalogue
    private let visitorPopularity: ZipfSampler
    private let plainGuidePopularity: ZipfSampler
    private let pollGuidePopularity: ZipfSampler
    private let pagePopularity: ZipfSampler
    private let kinds: [EventKind]
    private let kindCumulative: [Double]
    private let idKey: UInt64
    private var index = 0

    /// A synthesizer for `options`.
    public init(options: SynthOptions) {
        self.options = options
        self.timeline = Timeline(options: options)
        self.random = SeededRandom(seed: options.seed, stream: 3)
        self.catalogue = SynthCatalogue(options: options)
        self.visitorPopularity = ZipfSampler(n: options.visitors, exponent: options.popularityExponent)
        self.plainGuidePopularity = ZipfSampler(
            n: self.catalogue.plainGuides.count, exponent: options.popularityExponent)
        self.pollGuidePopularity = ZipfSampler(n: self.catalogue.pollGuides.count, exponent: 0.8)
        self.pagePopularity = ZipfSampler(n: SynthText.pages.count, exponent: 1.0)
        self.kinds = options.mix.weights.map(\.kind)
        var total = 0.0
        self.kindCumulative = options.mix.weights.map {
            total += $0.weight
            return total
        }
        var x = options.seed ^ 0x5EED_1D5
        self.idKey = SeededRandom.splitMix(&x)
    }

    /// The next event, or nil after `options.events` of them.
    public mutating func next() -> PendoEvent? {
        guard let timestamp = self.timeline.next() else { return nil }
        let kind = self.kinds.isEmpty ? EventKind.guideDisplayed : self.kinds[self.random.weighted(self.kindCumulative)]
        let visitor = self.visitorPopularity.sample(&self.random)
        let traits = self.traits(ofVisitor: visitor)
        let subscriptionIndex = traits.subscription
        let app = self.catalogue.apps[subscriptionIndex][traits.platform]
        let event = PendoEvent(
            app: app,
            accountId: traits.accountId,
            subscription: self.catalogue.subscriptions[subscriptionIndex],
            userAgent: traits.userAgent,
            event: kind,
            properties: self.properties(for: kind, language: traits.language),
            timestamp: timestamp,
            visitorId: traits.visitorId,
            uniqueId: self.uniqueId())
        self.index += 1
        return event
    }

    /// Appends the next event's JSON text (no line end) to `buffer`; false at the end.
    public mutating func next(appendingTo buffer: inout [UInt8]) -> Bool {
        guard let event = self.next() else { return false }
        var out = JSONTextBuffer()
        swap(&out.bytes, &buffer)
        event.encode(into: &out)
        swap(&out.bytes, &buffer)
        return true
    }

    private struct Traits {
        var visitorId: String
        var accountId: String
        var subscription: Int
        var platform: Int
        var userAgent: String
        var language: String
    }

    /// A visitor's stable traits, derived from the seed and its rank (no table kept).
    private func traits(ofVisitor rank: Int) -> Traits {
        var h = SeededRandom.mix(self.options.seed ^ SeededRandom.mix(UInt64(rank) &+ 0x7157_0000))
        var traitRandom = SeededRandom(seed: h, stream: 4)
        h = traitRandom.next()
        let first = SynthText.firstNames[Int(h % UInt64(SynthText.firstNames.count))]
        let last = SynthText.lastNames[Int((h >> 8) % UInt64(SynthText.lastNames.count))]
        // Account sizes are skewed: the index is A^u, so low indexes hold most visitors.
        let u = traitRandom.unit()
        let account = Swift.min(self.options.accounts, Swift.max(1, Int(pow(Double(self.options.accounts), u))))
        let accountHash = SeededRandom.mix(self.options.seed ^ (UInt64(account) &* 0x9E37_79B9))
        let company = SynthText.companies[Int(accountHash % UInt64(SynthText.companies.count))]
        let subscriptionRoll = (accountHash >> 16) % 100
        let subscription = subscriptionRoll < 85 ? 0 : (subscriptionRoll < 97 ? 1 : 2)
        let platformRoll = traitRandom.below(100)
        let platform = platformRoll < 80 ? 0 : (platformRoll < 92 ? 1 : 2)
        let agents: [(String, Double)]
        let cumulative: [Double]
        switch platform {
        case 0:
            agents = SynthText.webUserAgents
            cumulative = self.catalogue.webAgents
        case 1:
            agents = SynthText.iosUserAgents
            cumulative = self.catalogue.iosAgents
        default:
            agents = SynthText.androidUserAgents
            cumulative = self.catalogue.androidAgents
        }
        let agent = agents[traitRandom.weighted(cumulative)].0
        let language = traitRandom.pick(SynthText.languages)
        return Traits(
            visitorId: "\(first).\(last)-\(rank)",
            accountId: "\(company)-\(account)",
            subscription: subscription,
            platform: platform,
            userAgent: agent,
            language: language)
    }

    private mutating func uniqueId() -> String {
        let head = SeededRandom.mix(UInt64(self.index) ^ self.idKey)
        let tail1 = self.random.next()
        let tail2 = self.random.next() >> 32
        var bytes = [UInt8](repeating: 0, count: 40)
        for k in 0..<16 { bytes[k] = SynthText.hex[Int((head >> (60 - 4 * UInt64(k))) & 0xF)] }
        for k in 0..<16 { bytes[16 + k] = SynthText.hex[Int((tail1 >> (60 - 4 * UInt64(k))) & 0xF)] }
        for k in 0..<8 { bytes[32 + k] = SynthText.hex[Int((tail2 >> (28 - 4 * UInt64(k))) & 0xF)] }
        return String(decoding: bytes, as: UTF8.self)
    }

    private mutating func guideProperties(_ guide: SynthCatalogue.Guide, language: String) -> PendoEvent.Properties {
        let step = guide.properties.steps[self.random.below(guide.properties.steps.count)]
        return PendoEvent.Properties(
            guideId: guide.properties.id, guideProperties: guide.properties, guideStepId: step.id, language: language)
    }

    private mutating func properties(for kind: EventKind, language: String) -> PendoEvent.Properties? {
        switch kind {
        case .guideDisplayed:
            let guide = self.catalogue.plainGuides[self.plainGuidePopularity.sample(&self.random) - 1]
            return self.guideProperties(guide, language: language)
        case .pollDisplayed, .pollSubmitted:
            let guide = self.catalogue.pollGuides[self.pollGuidePopularity.sample(&self.random) - 1]
            var properties = self.guideProperties(guide, language: language)
            if kind == .pollSubmitted {
                properties.poll = PendoEvent.PollAnswer(
                    id: guide.pollId ?? "", question: guide.pollQuestion ?? "",
                    response: self.random.pick(SynthText.pollResponses))
            }
            return properties
        case .npsDisplayed, .npsSubmitted:
            let guide = self.catalogue.npsGuides[self.random.below(self.catalogue.npsGuides.count)]
            var properties = self.guideProperties(guide, language: language)
            if kind == .npsSubmitted {
                // Ratings lean to 8 to 10 with a long tail of detractors, as NPS answers do.
                let weights: [Double] = [3, 4, 5, 7, 9, 14, 18, 30, 50, 72, 100]
                let rating = self.random.weighted(weights)
                properties.nps = PendoEvent.NPSAnswer(
                    rating: rating, reason: self.random.pick(SynthText.npsReasons),
                    source: self.random.below(100) < 85 ? "web" : "email")
            }
            return properties
        case .pageLoaded:
            let page = self.pagePopularity.sample(&self.random) - 1
            return PendoEvent.Properties(
                language: language, pageId: self.catalogue.pageIds[page], pageName: SynthText.pages[page].0,
                url: "https://app.acme.example\(SynthText.pages[page].1)")
        case .featureClicked:
            let feature = self.random.below(SynthText.features.count)
            let page = self.pagePopularity.sample(&self.random) - 1
            return PendoEvent.Properties(
                language: language, pageId: self.catalogue.pageIds[page],
                featureId: self.catalogue.featureIds[feature], featureName: SynthText.features[feature])
        case .trackEvent:
            let name = self.random.pick(SynthText.trackEvents)
            return PendoEvent.Properties(
                language: language, trackEventName: name,
                trackProperties: [
                    "plan": self.random.pick(["free", "team", "business", "enterprise"]),
                    "source": self.random.pick(["web", "api", "mobile"]),
                ])
        case .visitorFirstSeen, .accountFirstSeen, .other:
            return nil
        }
    }
}
