/// What mapping a corpus did, accumulated per worker and merged at the end (no shared state on
/// the hot path). Event references (`file:line`) are kept only for the first few samples.
public struct ValidationStatistics: Sendable, Codable, Hashable {
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
        public var presentSamples: [String] = []
        public var missingSamples: [String] = []
        public var failedSamples: [String] = []
        /// How many source values of each JSON type were seen, indexed like `ValueKind.allCases`.
        public var kindCounts: [Int] = Array(repeating: 0, count: ValueKind.allCases.count)
        /// The JSON types of the source values seen, with counts.
        public var typesSeen: [String: Int] {
            var types: [String: Int] = [:]
            for (index, kind) in ValueKind.allCases.enumerated() where self.kindCounts[index] > 0 { types[kind.rawValue] = self.kindCounts[index] }
            return types
        }
        /// The first failure message seen.
        public var exampleFailure: String?
    }

    /// Counts of one rejection reason (rule at a path).
    public struct RejectionCounts: Sendable, Codable, Hashable {
        public var code: String
        public var rule: String
        public var path: String
        public var count: Int = 0
        /// The message of the first rejection seen for this reason.
        public var exampleMessage: String
        public var samples: [String] = []
    }

    public var eventsRead = 0
    public var mappedClean = 0
    public var mappedWithWarnings = 0
    public var rejected = 0
    /// Events the corpus reader could not deliver (corrupt gzip, over-long lines, ...).
    public var unreadable = 0
    public var unreadableSamples: [String] = []
    public var warnings = 0
    public var mappings: [MappingCounts]
    /// Keyed by `rule path`.
    public var rejections: [String: RejectionCounts] = [:]

    public init(mappingSet: MappingSet) {
        self.mappings = mappingSet.mappings.map { MappingCounts(index: $0.index, source: $0.source, destination: $0.destination) }
    }

    /// Records one event's outcome; `reference` is only called when a sample is kept.
    public mutating func record(_ outcome: MapOutcome, observations: [MappingObservation], reference: () -> String) {
        self.record(outcome.verdict, observations: observations, reference: reference)
    }

    /// Records one event's verdict (`Mapper.check`); `reference` is only called when a sample is kept.
    public mutating func record(_ verdict: MapVerdict, observations: [MappingObservation], reference: () -> String) {
        self.eventsRead += 1
        var cachedReference: String?
        func ref() -> String {
            if let cachedReference { return cachedReference }
            let made = reference()
            cachedReference = made
            return made
        }
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
                    }
                }
            }
        case .rejected(let rejection) where rejection.rule == .invalidJSON || rejection.rule == .notAnObject:
            // Text that is no JSON object is no event: unreadable, as the corpus reader counts it,
            // never a rejection of the mapping.
            self.unreadable += 1
            if self.unreadableSamples.count < Self.sampleLimit { self.unreadableSamples.append("\(ref()): \(rejection.message)") }
            return
        case .rejected(let rejection):
            self.rejected += 1
            let key = "\(rejection.rule.rawValue) \(rejection.path)"
            if self.rejections[key] == nil {
                self.rejections[key] = RejectionCounts(code: rejection.code, rule: rejection.rule.rawValue, path: rejection.path, exampleMessage: rejection.message)
            }
            self.rejections[key]!.count += 1
            if self.rejections[key]!.samples.count < Self.sampleLimit { self.rejections[key]!.samples.append(ref()) }
        }
        for index in 0..<min(observations.count, self.mappings.count) {
            switch observations[index] {
            case .missing:
                self.mappings[index].missing += 1
                if self.mappings[index].missingSamples.count < Self.sampleLimit { self.mappings[index].missingSamples.append(ref()) }
            case .present(let kind):
                self.mappings[index].present += 1
                self.mappings[index].kindCounts[kind.ordinal] += 1
                if self.mappings[index].presentSamples.count < Self.sampleLimit { self.mappings[index].presentSamples.append(ref()) }
            case .failed:
                self.mappings[index].failed += 1
                if self.mappings[index].failedSamples.count < Self.sampleLimit { self.mappings[index].failedSamples.append(ref()) }
            }
        }
    }

    /// Records an event the reader could not deliver.
    public mutating func recordUnreadable(_ reference: String) {
        self.eventsRead += 1
        self.unreadable += 1
        if self.unreadableSamples.count < Self.sampleLimit { self.unreadableSamples.append(reference) }
    }

    /// Adds another worker's statistics (samples of `self` first, then of `other`, up to the limit).
    public mutating func merge(_ other: ValidationStatistics) {
        self.eventsRead += other.eventsRead
        self.mappedClean += other.mappedClean
        self.mappedWithWarnings += other.mappedWithWarnings
        self.rejected += other.rejected
        self.unreadable += other.unreadable
        self.warnings += other.warnings
        self.unreadableSamples = Self.samples(self.unreadableSamples, other.unreadableSamples)
        for index in 0..<min(self.mappings.count, other.mappings.count) {
            let theirs = other.mappings[index]
            self.mappings[index].present += theirs.present
            self.mappings[index].missing += theirs.missing
            self.mappings[index].failed += theirs.failed
            self.mappings[index].presentSamples = Self.samples(self.mappings[index].presentSamples, theirs.presentSamples)
            self.mappings[index].missingSamples = Self.samples(self.mappings[index].missingSamples, theirs.missingSamples)
            self.mappings[index].failedSamples = Self.samples(self.mappings[index].failedSamples, theirs.failedSamples)
            for kind in 0..<theirs.kindCounts.count { self.mappings[index].kindCounts[kind] += theirs.kindCounts[kind] }
            if self.mappings[index].exampleFailure == nil { self.mappings[index].exampleFailure = theirs.exampleFailure }
        }
        for (key, theirs) in other.rejections {
            if var mine = self.rejections[key] {
                mine.count += theirs.count
                mine.samples = Self.samples(mine.samples, theirs.samples)
                self.rejections[key] = mine
            } else {
                self.rejections[key] = theirs
            }
        }
    }

    static func samples(_ a: [String], _ b: [String]) -> [String] {
        Array((a + b).prefix(Self.sampleLimit))
    }
}
