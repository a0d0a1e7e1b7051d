import Foundation

/// A mapping diff's report (`diff.json`, written by `pendo-replay diff`; layout in docs/DIFF.md)
/// as `Reports` reads it, to render Markdown and HTML and to evaluate `--allow` rules. Read from
/// the JSON, so `Reports` does not import `DataPrep`.
public struct DiffFacts: Sendable, Equatable, Decodable {
    public struct Source: Sendable, Equatable, Decodable {
        public var mapping: String
        public var schema: String?
    }

    public struct Events: Sendable, Equatable, Decodable {
        public var total: Int
        public var identical: Int
        public var changed: Int
        public var mappedToRejected: Int
        public var rejectedToMapped: Int
        public var bothRejected: Int
        public var bothRejectedSameReason: Int
        public var bothRejectedOtherReason: Int
        public var differing: Int
        public var unreadable: Int
    }

    public struct Sample: Sendable, Equatable, Decodable {
        public var event: String
        public var key: String?
        public var old: String?
        public var new: String?
    }

    public struct Transition: Sendable, Equatable, Decodable {
        public var transition: String
        public var count: Int
        public var samples: [Sample]
    }

    public struct Field: Sendable, Equatable, Decodable {
        public var path: String
        public var identical: Int
        public var changed: Int
        public var typeChanged: Int
        public var added: Int
        public var removed: Int
        /// Keyed by `changed`, `typeChanged`, `added`, `removed`.
        public var samples: [String: [Sample]]

        /// Records where the path differs in any way.
        public var different: Int { self.changed + self.typeChanged + self.added + self.removed }
    }

    public struct RepeatSample: Sendable, Equatable, Decodable {
        public var event: String
        public var firstSeen: String
    }

    public struct Ids: Sendable, Equatable, Decodable {
        public var empty: Int
        public var repeated: Int
        public var repeatedIds: Int
        public var emptySamples: [String]
        public var repeatedSamples: [RepeatSample]
    }

    public struct Outcomes: Sendable, Equatable, Decodable {
        public var mapped: Int
        public var rejected: Int
        public var warnings: Int
    }

    public struct Reason: Sendable, Equatable, Decodable {
        public var code: String
        public var rule: String?
        public var path: String
        public var old: Int
        public var new: Int
        public var newReason: Bool
        public var exampleMessage: String
        public var samples: [Sample]
    }

    public struct Allow: Sendable, Equatable, Decodable {
        public var expression: String
        public var passed: Bool
        public var explanation: String
    }

    public var formatVersion: Int
    public var corpus: [String]
    public var old: Source
    public var new: Source
    public var seconds: Double
    public var workers: Int
    public var eventsPerSecond: Int
    public var events: Events
    public var transitions: [Transition]
    public var fields: [Field]
    public var nonDeterministic: [String]
    public var ignored: [String]
    public var noiseSample: Int
    public var ids: [String: Ids]
    public var outcomes: [String: Outcomes]
    public var rejections: [Reason]
    public var warnings: [Reason]
    public var allow: [Allow]
    public var unreadableSamples: [String]

    /// The layout versions this reader understands.
    public static let readableVersions = 1...1

    /// Reads a `diff.json`.
    public init(json data: Data, path: String) throws {
        do {
            self = try JSONDecoder().decode(DiffFacts.self, from: data)
        } catch let error as DecodingError {
            throw ReportFileError(path: path, problem: "not a diff report: \(ReportFiles.describe(error))")
        }
        guard Self.readableVersions.contains(self.formatVersion) else {
            throw ReportFileError(
                path: path,
                problem:
                    "diff report format \(self.formatVersion) is newer than this pendo-replay reads (\(Self.readableVersions.upperBound)); use a newer pendo-replay"
            )
        }
    }
}

extension DiffFacts: MetricSource {
    public func value(of metric: Metric) -> Double? {
        guard case .diff(let name) = metric else { return nil }
        let e = self.events
        switch name {
        case .changed: return e.total == 0 ? 0 : Double(e.differing) / Double(e.total)
        case .total: return Double(e.total)
        case .identical: return Double(e.identical)
        case .differing: return Double(e.differing)
        case .changedRecords: return Double(e.changed)
        case .rejectedNew: return Double(e.mappedToRejected)
        case .mappedNew: return Double(e.rejectedToMapped)
        case .bothRejected: return Double(e.bothRejected)
        case .reasonChanged: return Double(e.bothRejectedOtherReason)
        case .newRejectionReasons: return Double(self.rejections.filter { $0.newReason && $0.new > 0 }.count)
        case .newWarnings: return Double(self.warnings.filter(\.newReason).reduce(0) { $0 + $1.new })
        case .fieldsChanged: return Double(self.fields.filter { $0.different > 0 }.count)
        case .emptyIds: return self.ids["new"].map { Double($0.empty) }
        case .repeatedIds: return self.ids["new"].map { Double($0.repeated) }
        case .unreadable: return Double(e.unreadable)
        }
    }
}
