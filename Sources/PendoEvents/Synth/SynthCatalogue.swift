import ReplayCommon

/// The fixed world a synthesized corpus happens in, drawn once from the seed: subscriptions,
/// apps, guides (some of them polls or NPS surveys), pages and features.
struct SynthCatalogue {
    struct Guide {
        var properties: PendoEvent.GuideProperties
        var pollId: String?
        var pollQuestion: String?
    }

    let subscriptions: [PendoEvent.Subscription]
    /// Per subscription: web, ios, android apps.
    let apps: [[PendoEvent.App]]
    /// Guides of every kind, in popularity order.
    let plainGuides: [Guide]
    let pollGuides: [Guide]
    let npsGuides: [Guide]
    let pageIds: [String]
    let featureIds: [String]
    let webAgents: [Double]
    let iosAgents: [Double]
    let androidAgents: [Double]

    static func randomId(_ random: inout SeededRandom, length: Int) -> String {
        var bytes = [UInt8](repeating: 0, count: length)
        for k in 0..<length { bytes[k] = SynthText.base62[random.below(62)] }
        return String(decoding: bytes, as: UTF8.self)
    }

    static func cumulative(_ weights: [(String, Double)]) -> [Double] {
        var total = 0.0
        return weights.map {
            total += $0.1
            return total
        }
    }

    init(options: SynthOptions) {
        var random = SeededRandom(seed: options.seed, stream: 2)
        let startMs = options.start * 1000
        let subscriptionNames = ["acme", "acme-eu", "acme-sandbox"]
        var subscriptions: [PendoEvent.Subscription] = []
        var apps: [[PendoEvent.App]] = []
        for name in subscriptionNames {
            // Above 2^53 on purpose: a Double would round these ids.
            let id = Int64(bitPattern: (random.next() >> 2) | 0x4000_0000_0000_0000)
            subscriptions.append(.init(id: id, name: name))
            apps.append([
                .init(id: -Int64(100_000 + random.below(900_000)), name: "\(name)-web", platform: "web"),
                .init(id: -Int64(100_000 + random.below(900_000)), name: "\(name)-ios", platform: "ios"),
                .init(id: -Int64(100_000 + random.below(900_000)), name: "\(name)-android", platform: "android"),
            ])
        }
        func guide(_ name: String, steps: Int, poll: Bool) -> Guide {
            let created = startMs - Int64(86_400_000 + random.below(200 * 86_400_000))
            let updated = created + Int64(random.below(Int(startMs - created)))
            var stepList: [PendoEvent.GuideStep] = []
            for _ in 0..<steps {
                let stepUpdated = created + Int64(random.below(Int(updated - created) + 1))
                stepList.append(
                    .init(
                        id: SynthCatalogue.randomId(&random, length: 27),
                        lastUpdatedAt: stepUpdated,
                        resetAt: created + Int64(random.below(Int(stepUpdated - created) + 1)),
                        type: random.pick(SynthText.stepTypes)))
            }
            let properties = PendoEvent.GuideProperties(
                id: SynthCatalogue.randomId(&random, length: 27), name: name, createdAt: created,
                createdByUser: .init(username: random.pick(SynthText.usernames)), lastUpdatedAt: updated,
                lastUpdatedByUser: .init(username: random.pick(SynthText.usernames)), steps: stepList)
            return Guide(
                properties: properties,
                pollId: poll ? SynthCatalogue.randomId(&random, length: 6) : nil,
                pollQuestion: poll ? random.pick(SynthText.pollQuestions) : nil)
        }
        let total = options.guides
        let npsCount = max(1, total / 15)
        let pollCount = max(1, total / 5)
        var plain: [Guide] = []
        for k in 0..<max(1, total - npsCount - pollCount) {
            let base = SynthText.guideNames[k % SynthText.guideNames.count]
            let name = k < SynthText.guideNames.count ? base : "\(base) (\(k / SynthText.guideNames.count + 1))"
            plain.append(guide(name, steps: 1 + random.below(6), poll: false))
        }
        var polls: [Guide] = []
        for k in 0..<pollCount {
            polls.append(
                guide(
                    "Poll: \(SynthText.pollQuestions[k % SynthText.pollQuestions.count])", steps: 1 + random.below(2),
                    poll: true))
        }
        var nps: [Guide] = []
        for k in 0..<npsCount {
            nps.append(guide(k == 0 ? "NPS survey" : "NPS survey (\(k + 1))", steps: 2, poll: false))
        }
        self.subscriptions = subscriptions
        self.apps = apps
        self.plainGuides = plain
        self.pollGuides = polls
        self.npsGuides = nps
        self.pageIds = SynthText.pages.map { _ in SynthCatalogue.randomId(&random, length: 27) }
        self.featureIds = SynthText.features.map { _ in SynthCatalogue.randomId(&random, length: 27) }
        self.webAgents = SynthCatalogue.cumulative(SynthText.webUserAgents)
        self.iosAgents = SynthCatalogue.cumulative(SynthText.iosUserAgents)
        self.androidAgents = SynthCatalogue.cumulative(SynthText.androidUserAgents)
    }
}
