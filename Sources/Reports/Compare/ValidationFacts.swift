import Foundation

/// What `report compare` needs of a `validate` report (`validation.json`): counts, warnings per
/// mapping, rejections per reason. Read from the JSON, so `Reports` does not import `DataPrep`.
public struct ValidationFacts: Sendable, Equatable {
    /// Events read.
    public var eventsRead: Int
    /// Events rejected.
    public var rejected: Int
    /// Fields dropped with a warning, in all.
    public var warnings: Int
    /// Events mapped with at least one warning.
    public var mappedWithWarnings: Int
    /// Fields dropped per mapping, keyed `#index source -> destination`.
    public var warningsByMapping: [String: Int]
    /// Rejections per reason, keyed `code rule at path`.
    public var rejectionsByReason: [String: Int]
    /// Events mapped with no warning (0 when the report does not say).
    public var mappedClean: Int = 0
    /// Events that were not readable JSON (0 when the report does not say).
    public var unreadable: Int = 0
    /// The corpus paths validated.
    public var corpus: [String] = []
    /// The mapping set used.
    public var mapping: String = ""
    /// Per mapping, keyed `#index -> destination`: its source and the events in which the source was
    /// present (so a source renamed by a typo still meets its baseline).
    public var presenceByMapping: [String: MappingPresence] = [:]

    /// A mapping's source and how many events had it.
    public struct MappingPresence: Sendable, Equatable {
        public var source: String
        public var present: Int

        public init(source: String, present: Int) {
            self.source = source
            self.present = present
        }
    }

    /// Creates facts directly.
    public init(
        eventsRead: Int, rejected: Int, warnings: Int, mappedWithWarnings: Int,
        warningsByMapping: [String: Int], rejectionsByReason: [String: Int]
    ) {
        self.eventsRead = eventsRead
        self.rejected = rejected
        self.warnings = warnings
        self.mappedWithWarnings = mappedWithWarnings
        self.warningsByMapping = warningsByMapping
        self.rejectionsByReason = rejectionsByReason
    }

    private struct Document: Decodable {
        struct Events: Decodable {
            var read: Int
            var rejected: Int
            var warnings: Int
            var mappedWithWarnings: Int
            var mappedClean: Int?
            var unreadable: Int?
        }
        struct Mapping: Decodable {
            var index: Int
            var source: String
            var destination: String
            var failed: Int
            var present: Int?
        }
        struct Rejection: Decodable {
            var code: String
            var rule: String
            var path: String
            var count: Int
        }
        var formatVersion: Int
        var corpus: [String]?
        var mapping: String?
        var events: Events
        var mappings: [Mapping]?
        var rejections: [Rejection]?
    }

    /// Whether the JSON looks like a validation report (it has `formatVersion` and `events.read`).
    public static func looksLikeValidation(_ data: Data) -> Bool {
        (try? JSONDecoder().decode(Document.self, from: data)) != nil
    }

    /// Reads a `validation.json`.
    public init(json data: Data, path: String) throws {
        let document: Document
        do {
            document = try JSONDecoder().decode(Document.self, from: data)
        } catch let error as DecodingError {
            throw ReportFileError(path: path, problem: "not a validation report: \(ReportFiles.describe(error))")
        }
        self.eventsRead = document.events.read
        self.rejected = document.events.rejected
        self.warnings = document.events.warnings
        self.mappedWithWarnings = document.events.mappedWithWarnings
        self.mappedClean = document.events.mappedClean ?? 0
        self.unreadable = document.events.unreadable ?? 0
        self.corpus = document.corpus ?? []
        self.mapping = document.mapping ?? ""
        var byMapping: [String: Int] = [:]
        for m in document.mappings ?? [] {
            byMapping["#\(m.index) \(m.source) -> \(m.destination)", default: 0] += m.failed
        }
        self.warningsByMapping = byMapping
        for m in document.mappings ?? [] {
            if let present = m.present {
                self.presenceByMapping["#\(m.index) -> \(m.destination)"] = MappingPresence(
                    source: m.source, present: present)
            }
        }
        var byReason: [String: Int] = [:]
        for r in document.rejections ?? [] {
            byReason["\(r.code) \(r.rule) at \(r.path.isEmpty ? "(record)" : r.path)", default: 0] += r.count
        }
        self.rejectionsByReason = byReason
    }
}

/// `report compare` of two `validate` reports: new rejection reasons, and changed warning and
/// rejection counts. A regression is a rejection reason the baseline did not have, or more
/// rejections or warnings in all beyond the tolerance.
public struct ValidationComparison: Sendable {
    /// One changed count.
    public struct Change: Sendable, Equatable {
        /// What is counted (a total, a mapping or a rejection reason).
        public var name: String
        /// The baseline's count (0 when absent).
        public var baseline: Int
        /// The candidate's count (0 when absent).
        public var candidate: Int
    }

    /// Rejection reasons in the candidate only.
    public var newRejectionReasons: [Change]
    /// Rejection reasons gone from the candidate.
    public var goneRejectionReasons: [Change]
    /// Totals, per-mapping warnings and per-reason rejections whose counts changed.
    public var changes: [Change]
    /// Totals that grew beyond the tolerance (`rejected`, `warnings`).
    public var regressedTotals: [Change]
    /// Mappings whose source was present in a smaller share of the events than in the baseline,
    /// by more than the tolerance: the mapping now maps less, though nothing is rejected.
    public var presenceLost: [Change]
    /// The relative tolerance.
    public var tolerance: Double

    /// Whether `report compare` exits 99.
    public var hasRegression: Bool {
        !self.newRejectionReasons.isEmpty || !self.regressedTotals.isEmpty || !self.presenceLost.isEmpty
    }

    /// Compares two validation reports.
    public init(baseline: ValidationFacts, candidate: ValidationFacts, tolerance: Double) {
        self.tolerance = tolerance
        let b = baseline.rejectionsByReason
        let c = candidate.rejectionsByReason
        self.newRejectionReasons = c.keys.filter { b[$0] == nil }.sorted().map {
            Change(name: $0, baseline: 0, candidate: c[$0]!)
        }
        self.goneRejectionReasons = b.keys.filter { c[$0] == nil }.sorted().map {
            Change(name: $0, baseline: b[$0]!, candidate: 0)
        }
        let totals = [
            Change(name: "events read", baseline: baseline.eventsRead, candidate: candidate.eventsRead),
            Change(name: "rejected", baseline: baseline.rejected, candidate: candidate.rejected),
            Change(name: "warnings (fields dropped)", baseline: baseline.warnings, candidate: candidate.warnings),
            Change(
                name: "mapped with warnings", baseline: baseline.mappedWithWarnings,
                candidate: candidate.mappedWithWarnings),
        ]
        var changes = totals.filter { $0.baseline != $0.candidate }
        for key in Set(baseline.warningsByMapping.keys).union(candidate.warningsByMapping.keys).sorted() {
            let change = Change(
                name: "warnings of mapping \(key)", baseline: baseline.warningsByMapping[key] ?? 0,
                candidate: candidate.warningsByMapping[key] ?? 0)
            if change.baseline != change.candidate { changes.append(change) }
        }
        for key in Set(b.keys).intersection(c.keys).sorted() where b[key] != c[key] {
            changes.append(Change(name: "rejections: \(key)", baseline: b[key]!, candidate: c[key]!))
        }
        var lost: [Change] = []
        for key in Set(baseline.presenceByMapping.keys).union(candidate.presenceByMapping.keys).sorted() {
            let before = baseline.presenceByMapping[key]
            let after = candidate.presenceByMapping[key]
            let sources = [before?.source, after?.source].compactMap { $0 }
            let name =
                "presence of mapping \(key) (source \(Set(sources).count > 1 ? sources.joined(separator: " → ") : sources.first ?? "?"))"
            let change = Change(name: name, baseline: before?.present ?? 0, candidate: after?.present ?? 0)
            guard change.baseline != change.candidate else { continue }
            changes.append(change)
            // Compared as shares of the events read, so corpora of different sizes compare fairly.
            let share = { (count: Int, events: Int) in events > 0 ? Double(count) / Double(events) : 0 }
            let was = share(change.baseline, baseline.eventsRead)
            let now = share(change.candidate, candidate.eventsRead)
            if was > 0, now < was * (1 - tolerance) { lost.append(change) }
        }
        self.presenceLost = lost
        self.changes = changes
        self.regressedTotals = totals[1...2].filter {
            $0.candidate > $0.baseline && Double($0.candidate - $0.baseline) > Double($0.baseline) * tolerance
        }
    }

    /// The comparison as Markdown.
    public func markdown(baselineName: String, candidateName: String) -> String {
        var md = "# Validation comparison\n\n"
        md +=
            "- baseline: `\(SummaryRenderer.code(baselineName))`\n- candidate: `\(SummaryRenderer.code(candidateName))`\n"
        md += "- tolerance: \(ThresholdFormat.number(self.tolerance * 100, fractionDigits: 2))%\n"
        md += "- verdict: " + (self.hasRegression ? "**REGRESSION**" : "no regression") + "\n\n"
        md += "## New rejection reasons\n\n"
        md +=
            self.newRejectionReasons.isEmpty
            ? "None.\n\n"
            : self.newRejectionReasons.map { "- **\(SummaryRenderer.code($0.name))**: \($0.candidate)\n" }.joined()
                + "\n"
        if !self.goneRejectionReasons.isEmpty {
            md +=
                "## Rejection reasons gone\n\n"
                + self.goneRejectionReasons.map { "- \(SummaryRenderer.code($0.name)): was \($0.baseline)\n" }.joined()
                + "\n"
        }
        md += "## Changed counts\n\n"
        if self.changes.isEmpty {
            md += "None.\n"
        } else {
            md += "| count | baseline | candidate | delta | verdict |\n| --- | ---: | ---: | ---: | --- |\n"
            for change in self.changes {
                let regressed = self.regressedTotals.contains(change) || self.presenceLost.contains(change)
                let delta = change.candidate - change.baseline
                md +=
                    "| \(SummaryRenderer.code(change.name)) | \(change.baseline) | \(change.candidate) | \(delta >= 0 ? "+" : "")\(delta) | \(regressed ? "**regression**" : "changed") |\n"
            }
        }
        return md
    }
}
