/// The share of each event kind in a synthesized corpus, as relative weights.
public struct EventMix: Sendable, Equatable, CustomStringConvertible {
    /// Why a mix could not be read.
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        public var text: String
        public var reason: String
        public var description: String {
            "--mix '\(self.text)': \(self.reason). Write kind=weight pairs separated by commas, e.g. guideDisplayed=40,npsSubmitted=5; kinds: \(EventKind.known.map(\.rawValue).joined(separator: ", "))."
        }
    }

    /// Kinds with positive weights, in the order given.
    public private(set) var weights: [(kind: EventKind, weight: Double)]

    public static func == (a: EventMix, b: EventMix) -> Bool {
        a.weights.map(\.kind) == b.weights.map(\.kind) && a.weights.map(\.weight) == b.weights.map(\.weight)
    }

    /// A mix from kind and weight pairs (weights ≥ 0, at least one positive).
    public init(_ weights: [(EventKind, Double)]) {
        self.weights = weights.filter { $0.1 > 0 }.map { (kind: $0.0, weight: $0.1) }
    }

    /// The default: mostly guides, with polls, NPS, pages, features and track events.
    public static let standard = EventMix([
        (.guideDisplayed, 40), (.pollDisplayed, 8), (.pollSubmitted, 4), (.npsDisplayed, 6), (.npsSubmitted, 3),
        (.pageLoaded, 22), (.featureClicked, 12), (.trackEvent, 5),
    ])

    /// Reads `guideDisplayed=40,npsSubmitted=5,...`: only the kinds listed are generated.
    public static func parse(_ text: String) throws -> EventMix {
        var pairs: [(EventKind, Double)] = []
        for part in text.split(separator: ",") {
            let sides = part.split(separator: "=", omittingEmptySubsequences: false)
            guard sides.count == 2 else { throw ParseError(text: text, reason: "'\(part)' is not kind=weight") }
            let name = sides[0].trimmingSpaces()
            let kind = EventKind(rawValue: name)
            if case .other = kind { throw ParseError(text: text, reason: "unknown kind '\(name)'") }
            guard let weight = Double(sides[1].trimmingSpaces()), weight >= 0, weight.isFinite else {
                throw ParseError(text: text, reason: "'\(sides[1])' is not a weight")
            }
            if pairs.contains(where: { $0.0 == kind }) {
                throw ParseError(text: text, reason: "'\(name)' is given twice")
            }
            pairs.append((kind, weight))
        }
        let mix = EventMix(pairs)
        guard !mix.weights.isEmpty else { throw ParseError(text: text, reason: "no kind has a positive weight") }
        return mix
    }

    /// The expected share (0...1) of `kind`.
    public func share(of kind: EventKind) -> Double {
        let total = self.weights.reduce(0) { $0 + $1.weight }
        return (self.weights.first { $0.kind == kind }?.weight ?? 0) / total
    }

    public var description: String {
        self.weights.map {
            "\($0.kind.rawValue)=\($0.weight == $0.weight.rounded() ? String(Int($0.weight)) : String($0.weight))"
        }
        .joined(separator: ",")
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        String(self.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
