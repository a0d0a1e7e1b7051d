import Foundation

/// The validation report of a corpus: what was read, what Adobe would store, warn about and
/// reject, per mapping and per rejection reason. Rendered as JSON (`validation.json`) and
/// Markdown (`validation.md`).
public struct ValidationReport: Sendable, Codable, Hashable {
    /// Version of this report's JSON layout.
    public var formatVersion = 1
    public var corpus: [String]
    public var mappingSource: String
    public var schemaSource: String?
    /// Wall time of the run, in seconds.
    public var seconds: Double
    public var workers: Int
    public var statistics: ValidationStatistics
    /// Mappings whose destination the schema lacks, found at load (`Mapper.destinationProblems`).
    public var destinationProblems: [String]

    public init(
        corpus: [String], mappingSource: String, schemaSource: String?, seconds: Double, workers: Int,
        statistics: ValidationStatistics,
        destinationProblems: [String] = []
    ) {
        self.corpus = corpus
        self.mappingSource = mappingSource
        self.schemaSource = schemaSource
        self.seconds = seconds
        self.workers = workers
        self.statistics = statistics
        self.destinationProblems = destinationProblems
    }

    public var eventsPerSecond: Double { self.seconds > 0 ? Double(self.statistics.eventsRead) / self.seconds : 0 }

    /// The rejection reasons, most frequent first.
    public var rejectionsByCount: [ValidationStatistics.RejectionCounts] {
        self.statistics.rejections.values.sorted { ($0.count, $1.rule + $1.path) > ($1.count, $0.rule + $0.path) }
    }

    /// The report as JSON (keys in a stable order, built with the exact JSON writer).
    public func json() -> [UInt8] {
        let s = self.statistics
        func strings(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }
        let mappings: [JSONValue] = s.mappings.map { m in
            var object = JSONObject([
                "index": .int(Int64(m.index)), "source": .string(m.source), "destination": .string(m.destination),
                "present": .int(Int64(m.present)), "missing": .int(Int64(m.missing)), "failed": .int(Int64(m.failed)),
            ])
            object["typesSeen"] = .object(
                JSONObject(
                    m.typesSeen.sorted { $0.key < $1.key }.map {
                        JSONObject.Entry(key: $0.key, value: .int(Int64($0.value)))
                    }))
            object["samples"] = .object(
                JSONObject([
                    "present": strings(m.presentSamples), "missing": strings(m.missingSamples),
                    "failed": strings(m.failedSamples),
                ]))
            if let example = m.exampleFailure { object["exampleFailure"] = .string(example) }
            return .object(object)
        }
        let rejections: [JSONValue] = self.rejectionsByCount.map { r in
            .object(
                JSONObject([
                    "code": .string(r.code), "rule": .string(r.rule), "path": .string(r.path),
                    "count": .int(Int64(r.count)),
                    "exampleMessage": .string(r.exampleMessage), "samples": strings(r.samples),
                ]))
        }
        var root = JSONObject([
            "formatVersion": .int(Int64(self.formatVersion)),
            "corpus": strings(self.corpus),
            "mapping": .string(self.mappingSource),
            "schema": self.schemaSource.map { .string($0) } ?? .null,
            "seconds": .number(JSONNumber(((self.seconds * 1000).rounded()) / 1000)),
            "workers": .int(Int64(self.workers)),
            "eventsPerSecond": .int(Int64(self.eventsPerSecond.rounded())),
        ])
        root["events"] = .object(
            JSONObject([
                "read": .int(Int64(s.eventsRead)), "mappedClean": .int(Int64(s.mappedClean)),
                "mappedWithWarnings": .int(Int64(s.mappedWithWarnings)), "rejected": .int(Int64(s.rejected)),
                "unreadable": .int(Int64(s.unreadable)), "warnings": .int(Int64(s.warnings)),
                "unreadableSamples": strings(s.unreadableSamples),
            ]))
        root["mappings"] = .array(mappings)
        root["rejections"] = .array(rejections)
        root["destinationProblems"] = strings(self.destinationProblems)
        var bytes = JSONValue.object(root).serialized()
        bytes.append(0x0A)
        return bytes
    }

    /// One line per mapping whose source was absent in all, or nearly all (99.9 % or more), of the
    /// events read: a typo in a source path maps nothing and rejects nothing, so only this says it.
    public var absentSourceWarnings: [String] {
        let s = self.statistics
        let events = s.eventsRead - s.unreadable
        guard events > 0 else { return [] }
        return s.mappings.filter { $0.present * 1000 <= events }.map { m in
            "mapping #\(m.index) \(m.source) -> \(m.destination): the source was present in \(m.present) of \(events) events; "
                + "check the source path (a typo maps nothing)"
        }
    }

    /// A short plain-text summary for the terminal.
    public func summary() -> String {
        let s = self.statistics
        var lines = [
            "events read          \(s.eventsRead)",
            "mapped clean         \(s.mappedClean)",
            "mapped with warnings \(s.mappedWithWarnings)  (\(s.warnings) fields dropped)",
            "rejected             \(s.rejected)",
        ]
        if s.unreadable > 0 { lines.append("unreadable           \(s.unreadable)") }
        lines.append(
            String(
                format: "time                 %.2f s, %.0f events/s on %d workers", self.seconds, self.eventsPerSecond,
                self.workers))
        for r in self.rejectionsByCount.prefix(5) {
            lines.append(
                "  rejected \(r.count)× \(r.code) \(r.rule) at \(r.path.isEmpty ? "(record)" : r.path): \(r.exampleMessage)"
            )
        }
        for m in s.mappings where m.failed > 0 {
            lines.append("  mapping #\(m.index) \(m.source) -> \(m.destination): \(m.failed) dropped")
        }
        for line in self.destinationProblems + self.absentSourceWarnings { lines.append("warning: " + line) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The report as Markdown.
    public func markdown() -> String {
        let s = self.statistics
        func cell(_ text: String) -> String {
            text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
        }
        func samples(_ list: [String]) -> String {
            list.isEmpty ? "" : list.map { "`\(cell($0))`" }.joined(separator: ", ")
        }
        var out = "# Validation report\n\n"
        out += "- corpus: \(self.corpus.map { "`\($0)`" }.joined(separator: ", "))\n"
        out += "- mapping set: `\(self.mappingSource)`\n"
        out += "- schema: \(self.schemaSource.map { "`\($0)`" } ?? "none (values pass unconverted)")\n"
        out += String(
            format: "- time: %.2f s, %.0f events/s on %d workers\n\n", self.seconds, self.eventsPerSecond, self.workers)
        out += "| events | count |\n| --- | ---: |\n"
        out +=
            "| read | \(s.eventsRead) |\n| mapped clean | \(s.mappedClean) |\n| mapped with warnings | \(s.mappedWithWarnings) |\n"
        out +=
            "| rejected | \(s.rejected) |\n| unreadable | \(s.unreadable) |\n| fields dropped (warnings) | \(s.warnings) |\n\n"
        out +=
            "## Mappings\n\n| # | source | destination | present | missing | failed | types seen | samples (present / missing / failed) |\n"
        out += "| ---: | --- | --- | ---: | ---: | ---: | --- | --- |\n"
        for m in s.mappings {
            let types = m.typesSeen.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            out +=
                "| \(m.index) | `\(cell(m.source))` | `\(cell(m.destination))` | \(m.present) | \(m.missing) | \(m.failed) | \(types) | "
            out += "\(samples(m.presentSamples)) / \(samples(m.missingSamples)) / \(samples(m.failedSamples)) |\n"
        }
        let absent = self.absentSourceWarnings
        if !absent.isEmpty {
            out +=
                "\nSources absent in (nearly) every event:\n\n"
                + absent.map { "- **warning**: \(cell($0))" }.joined(separator: "\n") + "\n"
        }
        if !self.destinationProblems.isEmpty {
            out +=
                "\nDestinations the schema does not have (found at load):\n\n"
                + self.destinationProblems.map { "- **warning**: \(cell($0))" }.joined(separator: "\n") + "\n"
        }
        let failures = s.mappings.compactMap { m in m.exampleFailure.map { "- mapping #\(m.index): \(cell($0))" } }
        if !failures.isEmpty { out += "\nFirst failure per mapping:\n\n" + failures.joined(separator: "\n") + "\n" }
        out += "\n## Rejections\n\n"
        if self.rejectionsByCount.isEmpty {
            out += "None.\n"
        } else {
            out +=
                "| count | code | rule | path | example message | samples |\n| ---: | --- | --- | --- | --- | --- |\n"
            for r in self.rejectionsByCount {
                out +=
                    "| \(r.count) | \(r.code) | \(r.rule) | `\(cell(r.path))` | \(cell(r.exampleMessage)) | \(samples(r.samples)) |\n"
            }
        }
        if !s.unreadableSamples.isEmpty {
            out += "\nUnreadable events (first few): \(samples(s.unreadableSamples))\n"
        }
        return out
    }
}
