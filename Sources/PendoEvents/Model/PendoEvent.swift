/// A Pendo webhook event: every field Pendo documents (see docs/CORPORA.md), plus the event's
/// original bytes when it was read from a corpus, because replay must send what the corpus holds.
///
/// Numbers that need 64 bits (`subscription.id`) are `Int64`, never rounded through a Double.
/// Timestamps: `timestamp` is epoch seconds; `createdAt`, `lastUpdatedAt`, `resetAt` epoch ms.
public struct PendoEvent: Sendable, Equatable, Codable {
    /// The Pendo application the event came from.
    public struct App: Sendable, Equatable, Codable {
        /// A JSON number, negative in Pendo's example.
        public var id: Int64
        public var name: String
        /// `web`, `ios`, `android`, ...
        public var platform: String
        public init(id: Int64, name: String, platform: String) {
            self.id = id
            self.name = name
            self.platform = platform
        }
    }

    /// The Pendo subscription.
    public struct Subscription: Sendable, Equatable, Codable {
        /// A 64-bit integer.
        public var id: Int64
        public var name: String
        public init(id: Int64, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// An author or editor of a guide.
    public struct User: Sendable, Equatable, Codable {
        public var username: String
        public init(username: String) { self.username = username }
    }

    /// One step of a guide.
    public struct GuideStep: Sendable, Equatable, Codable {
        public var id: String
        /// Epoch milliseconds.
        public var lastUpdatedAt: Int64
        /// Epoch milliseconds.
        public var resetAt: Int64
        /// `building-block`, `lightbox`, ... or `""`.
        public var type: String
        public init(id: String, lastUpdatedAt: Int64, resetAt: Int64, type: String) {
            self.id = id
            self.lastUpdatedAt = lastUpdatedAt
            self.resetAt = resetAt
            self.type = type
        }
    }

    /// A guide as described in guide events.
    public struct GuideProperties: Sendable, Equatable, Codable {
        public var id: String
        public var name: String
        /// Epoch milliseconds.
        public var createdAt: Int64
        public var createdByUser: User
        /// Epoch milliseconds.
        public var lastUpdatedAt: Int64
        public var lastUpdatedByUser: User
        public var steps: [GuideStep]
        public init(
            id: String, name: String, createdAt: Int64, createdByUser: User, lastUpdatedAt: Int64,
            lastUpdatedByUser: User, steps: [GuideStep]
        ) {
            self.id = id
            self.name = name
            self.createdAt = createdAt
            self.createdByUser = createdByUser
            self.lastUpdatedAt = lastUpdatedAt
            self.lastUpdatedByUser = lastUpdatedByUser
            self.steps = steps
        }
    }

    /// The answer of an `npsSubmitted` event.
    public struct NPSAnswer: Sendable, Equatable, Codable {
        /// 0 to 10.
        public var rating: Int
        /// Free text, any language, may be empty.
        public var reason: String
        /// `web` or `email`.
        public var source: String
        public init(rating: Int, reason: String, source: String) {
            self.rating = rating
            self.reason = reason
            self.source = source
        }
    }

    /// The answer of a `pollSubmitted` event. Pendo does not publish these field names: this
    /// shape is assumed (docs/CORPORA.md).
    public struct PollAnswer: Sendable, Equatable, Codable {
        public var id: String
        public var question: String
        public var response: String
        public init(id: String, question: String, response: String) {
            self.id = id
            self.question = question
            self.response = response
        }
    }

    /// The event's `properties`; which members are present depends on the kind.
    public struct Properties: Sendable, Equatable, Codable {
        /// Guide events: the guide's id.
        public var guideId: String?
        /// Guide events: the guide.
        public var guideProperties: GuideProperties?
        /// Guide events: the step shown or answered.
        public var guideStepId: String?
        /// Guide events: the visitor's language, may be `""`.
        public var language: String?
        /// `npsSubmitted`: the answer.
        public var nps: NPSAnswer?
        /// `pollSubmitted`: the answer (assumed shape).
        public var poll: PollAnswer?
        /// `pageLoaded`, `featureClicked`: the page (assumed shape).
        public var pageId: String?
        /// `pageLoaded`: the page's name (assumed shape).
        public var pageName: String?
        /// `pageLoaded`: the URL loaded (assumed shape).
        public var url: String?
        /// `featureClicked`: the feature (assumed shape).
        public var featureId: String?
        /// `featureClicked`: the feature's name (assumed shape).
        public var featureName: String?
        /// `trackEvent`: the track event's name (assumed shape).
        public var trackEventName: String?
        /// `trackEvent`: its properties, as text values (assumed shape).
        public var trackProperties: [String: String]?

        public init(
            guideId: String? = nil, guideProperties: GuideProperties? = nil, guideStepId: String? = nil,
            language: String? = nil, nps: NPSAnswer? = nil, poll: PollAnswer? = nil, pageId: String? = nil,
            pageName: String? = nil, url: String? = nil, featureId: String? = nil, featureName: String? = nil,
            trackEventName: String? = nil, trackProperties: [String: String]? = nil
        ) {
            self.guideId = guideId
            self.guideProperties = guideProperties
            self.guideStepId = guideStepId
            self.language = language
            self.nps = nps
            self.poll = poll
            self.pageId = pageId
            self.pageName = pageName
            self.url = url
            self.featureId = featureId
            self.featureName = featureName
            self.trackEventName = trackEventName
            self.trackProperties = trackProperties
        }
    }

    public var app: App?
    public var accountId: String?
    public var subscription: Subscription?
    public var userAgent: String?
    /// The kind (`event` in the JSON).
    public var event: EventKind
    public var properties: Properties?
    /// Epoch seconds.
    public var timestamp: Int64
    public var visitorId: String?
    /// 40 hex characters, one per event.
    public var uniqueId: String
    /// The bytes the event was read from, when it was read from a corpus: what replay sends.
    public var originalBytes: [UInt8]?

    private enum CodingKeys: String, CodingKey {
        case app, accountId, subscription, userAgent, event, properties, timestamp, visitorId, uniqueId
    }

    /// Makes an event.
    public init(
        app: App?, accountId: String?, subscription: Subscription?, userAgent: String?, event: EventKind,
        properties: Properties?, timestamp: Int64, visitorId: String?, uniqueId: String, originalBytes: [UInt8]? = nil
    ) {
        self.app = app
        self.accountId = accountId
        self.subscription = subscription
        self.userAgent = userAgent
        self.event = event
        self.properties = properties
        self.timestamp = timestamp
        self.visitorId = visitorId
        self.uniqueId = uniqueId
        self.originalBytes = originalBytes
    }

    /// The bytes replay sends: the original ones when there are, a fresh encoding otherwise.
    public var bytes: [UInt8] { self.originalBytes ?? self.encoded() }
}
