/// The kind of a Pendo webhook event: the value of its `event` field.
public enum EventKind: Hashable, Sendable, Codable, CustomStringConvertible {
    /// A guide was shown (documented webhook kind; supported by Adobe's Pendo source).
    case guideDisplayed
    /// A poll was shown.
    case pollDisplayed
    /// A poll was answered (`properties.poll`, whose field names are assumed).
    case pollSubmitted
    /// An NPS survey was shown.
    case npsDisplayed
    /// An NPS survey was answered (`properties.nps`).
    case npsSubmitted
    /// A page was loaded (Pendo's "page loaded"; its `properties` shape is assumed).
    case pageLoaded
    /// A feature was clicked (Pendo's "feature clicked"; its `properties` shape is assumed).
    case featureClicked
    /// A track event was received (Pendo's "track event received"; shape assumed).
    case trackEvent
    /// A visitor was seen for the first time.
    case visitorFirstSeen
    /// An account was seen for the first time.
    case accountFirstSeen
    /// Any other value, kept as written.
    case other(String)

    /// Every named kind, in the order tools list them.
    public static let known: [EventKind] = [
        .guideDisplayed, .pollDisplayed, .pollSubmitted, .npsDisplayed, .npsSubmitted,
        .pageLoaded, .featureClicked, .trackEvent, .visitorFirstSeen, .accountFirstSeen,
    ]

    /// The kind whose `event` value is `rawValue`.
    public init(rawValue: String) {
        self = EventKind.known.first { $0.rawValue == rawValue } ?? .other(rawValue)
    }

    /// The `event` value.
    public var rawValue: String {
        switch self {
        case .guideDisplayed: return "guideDisplayed"
        case .pollDisplayed: return "pollDisplayed"
        case .pollSubmitted: return "pollSubmitted"
        case .npsDisplayed: return "npsDisplayed"
        case .npsSubmitted: return "npsSubmitted"
        case .pageLoaded: return "pageLoaded"
        case .featureClicked: return "featureClicked"
        case .trackEvent: return "trackEvent"
        case .visitorFirstSeen: return "visitorFirstSeen"
        case .accountFirstSeen: return "accountFirstSeen"
        case .other(let text): return text
        }
    }

    /// Whether the event belongs to a guide (and so carries `guideId` and `guideProperties`).
    public var isGuideEvent: Bool {
        switch self {
        case .guideDisplayed, .pollDisplayed, .pollSubmitted, .npsDisplayed, .npsSubmitted: return true
        default: return false
        }
    }

    public var description: String { self.rawValue }

    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(self.rawValue)
    }
}
