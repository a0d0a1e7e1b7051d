/// What mapping a corpus did, accumulated per worker and merged at the end (no shared state on
/// the hot path). Event references (`file:line`) are kept only for the first few samples, the
/// first in corpus order whatever the number of workers.
public struct ValidationStatistics: Sendable, Codable, Hashable {
    /// One sample: an event reference (and what happened to it) at its place in the corpus.
    public struct Sample: CorpusOrdered, Sendable, Codable, Hashable {
        /// The event's 0-based position among the events read.
        public var ordinal: Int
        public var text: String
    }

    /// How many sample event references are kept per counter.
    public static let sampleLimit = 3

    /// Counts of one mapping over the corpus.
    public struct MappingCounts: Sendable, Codable, Hashable {
        public var index: Int
        public var source: String
        public var destination: String
        /// Events where the source had a value.
        public var present: Int = 0
        /// Events where the source was absent or null.
        public var missing: Int = 0
        /// Events where the value did not evaluate or convert (field dropped with a warning).
        public var failed: Int = 0
        public var presentExamples = SampleList<Sample>()
        public var missingExamples = SampleList<Sample>()
        public var failedExamples = SampleList<Sample>()
        public var presentSamples: [String] { self.presentExamples.samples.map(\.text) }
        public var missingSamples: [String] { self.missingExamples.samples.map(\.text) }
        public var failedSamples: [String] { self.failedExamples.samples.map(\.text) }
        /// How many source values of each JSON type were seen, indexed like `ValueKind.allCases`.
        public var kindCounts: [Int] = Array(repeating: 0, count: ValueKind.allCases.count)
        /// The JSON types of the source values seen, with counts.
        public var typesSeen: [String: Int] {
            var types: [String: Int] = [:]
            for (index, kind) in ValueKind.allCases.enumerated() where self.kindCounts[index] > 0 {
                types[kind.rawValue] = self.kindCounts[index]
            }
            return types
        }
        /// The first failure message in corpus order, and its event's position.
        public var exampleFailure: String?
        public var exampleFailureOrdinal: Int?
    }

    /// Counts of one rejection reason (rule at a path).
    public struct RejectionCounts: Sendable, Codable, Hashable {
        public var code: String
        public var rule: String
        public var path: String
        public var count: Int = 0
        /// The message of the first rejection seen for this reason.
        public var exampleMessage: String
        public var examples = SampleList<Sample>()
        public var samples: [String] { self.examples.samples.map(\.text) }
    }

    public var eventsRead = 0
    public var mappedClean = 0
    public var mappedWithWarnings = 0
    public var rejected = 0
    /// Events the corpus reader could not deliver (corrupt gzip, over-long lines, ...).
    public var unreadable = 0
    public var unreadableExamples = SampleList<Sample>()
    public var unreadableSamples: [String] { self.unreadableExamples.samples.map(\.text) }
    public var warnings = 0
    public var mappings: [MappingCounts]
    /// Keyed by `rule path`.
    public var rejections: [String: RejectionCounts] = [:]

    public init(mappingSet: MappingSet) {
        self.mappings = mappingSet.mappings.map {
            MappingCounts(index: $0.index, source: $0.source, destination: $0.destination)
        }
    }

    /// Records one event's outcome; `ordinal` is the event's position in the corpus, `reference` is
    /// only called when a sample is kept.
    public mutating func record(
        _ outcome: MapOutcome, observations: [MappingObservation], ordinal: Int, reference: () -> String
    ) {
        self.record(outcome.verdict, observations: observations, ordinal: ordinal, reference: reference)
    }

    /// Records one event's verdict (`Mapper.check`); `ordinal` is the event's position in the corpus,
    /// `reference` is only called when a sample is kept.
    public mutating func record(
        _ verdict: MapVerdict, observations: [MappingObservation], ordinal: Int, reference: () -> String
    ) {
        self.eventsRead += 1
        var cachedReference: String?
        func ref() -> String {
            if let cachedReference { return cachedReference }
            let made = reference()
            cachedReference = made
            return made
        }
        let limit = Self.sampleLimit
        func sample() -> Sample { Sample(ordinal: ordinal, text: ref()) }
        switch verdict {
        case .mapped(let warnings):
            if warnings.isEmpty {
                self.mappedClean += 1
            } else {
                self.mappedWithWarnings += 1
                self.warnings += warnings.count
                for warning in warnings where warning.mappingIndex < self.mappings.count {
                    if self.mappings[warning.mappingIndex].exampleFailure == nil {
                        self.mappings[warning.mappingIndex].exampleFailure = warning.description
                        self.mappings[warning.mappingIndex].exampleFailureOrdinal = ordinal
                    }
                }
            }
        case .rejected(let rejection) where rejection.rule == .invalidJSON || rejection.rule == .notAnObject:
            // Text that is no JSON object is no event: unreadable, as the corpus reader counts it,
            // never a rejection of the mapping.
            self.unreadable += 1
            self.unreadableExamples.offer(limit: limit) {
                Sample(ordinal: ordinal, text: "\(ref()): \(rejection.message)")
            }
            return
        case .rejected(let rejection):
            self.rejected += 1
            let key = "\(rejection.rule.rawValue) \(rejection.path)"
            if self.rejections[key] == nil {
                self.rejections[key] = RejectionCounts(
                    code: rejection.code, rule: rejection.rule.rawValue, path: rejection.path,
                    exampleMessage: rejection.message)
            }
            self.rejections[key]!.count += 1
            self.rejections[key]!.examples.offer(limit: limit) { sample() }
        }
        for index in 0..<min(observations.count, self.mappings.count) {
            switch observations[index] {
            case .missing:
                self.mappings[index].missing += 1
                self.mappings[index].missingExamples.offer(limit: limit) { sample() }
            case .present(let kind):
                self.mappings[index].present += 1
                self.mappings[index].kindCounts[kind.ordinal] += 1
                self.mappings[index].presentExamples.offer(limit: limit) { sample() }
            case .failed:
                self.mappings[index].failed += 1
                self.mappings[index].failedExamples.offer(limit: limit) { sample() }
            }
        }
    }

    /// Records an event the reader could not deliver; `ordinal` is the position of the next event it
    /// delivers (so that its sample sorts just before that event's).
    public mutating func recordUnreadable(_ reference: String, ordinal: Int) {
        self.eventsRead += 1
        self.unreadable += 1
        self.unreadableExamples.offer(limit: Self.sampleLimit) { Sample(ordinal: ordinal, text: reference) }
    }

    /// Adds another worker's statistics (the first samples of both in corpus order, up to the limit).
    public mutating func merge(_ other: ValidationStatistics) {
        self.eventsRead += other.eventsRead
        self.mappedClean += other.mappedClean
        self.mappedWithWarnings += other.mappedWithWarnings
        self.rejected += other.rejected
        self.unreadable += other.unreadable
        self.warnings += other.warnings
        let limit = Self.sampleLimit
        self.unreadableExamples.merge(other.unreadableExamples, limit: limit)
        for index in 0..<min(self.mappings.count, other.mappings.count) {
            let theirs = other.mappings[index]
            self.mappings[index].present += theirs.present
            self.mappings[index].missing += theirs.missing
            self.mappings[index].failed += theirs.failed
            self.mappings[index].presentExamples.merge(theirs.presentExamples, limit: limit)
            self.mappings[index].missingExamples.merge(theirs.missingExamples, limit: limit)
            self.mappings[index].failedExamples.merge(theirs.failedExamples, limit: limit)
            for kind in 0..<theirs.kindCounts.count { self.mappings[index].kindCounts[kind] += theirs.kindCounts[kind] }
            if let theirOrdinal = theirs.exampleFailureOrdinal,
                theirOrdinal < self.mappings[index].exampleFailureOrdinal ?? .max
            {
                self.mappings[index].exampleFailure = theirs.exampleFailure
                self.mappings[index].exampleFailureOrdinal = theirOrdinal
            }
        }
        for (key, theirs) in other.rejections {
            if var mine = self.rejections[key] {
                mine.count += theirs.count
                // The example message is the first occurrence's in corpus order (the first sample's event).
                if let their = theirs.examples.samples.first?.ordinal,
                    their < mine.examples.samples.first?.ordinal ?? .max
                {
                    mine.exampleMessage = theirs.exampleMessage
                }
                mine.examples.merge(theirs.examples, limit: limit)
                self.rejections[key] = mine
            } else {
                self.rejections[key] = theirs
            }
        }
    }
}
