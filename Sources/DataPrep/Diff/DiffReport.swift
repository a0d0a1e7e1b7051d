import Foundation

/// The report of `pendo-replay diff`: the merged `MappingDiff`, the repeats of `_id` on each
/// side, what was left out as noise, and the `--allow` verdicts. Written as `diff.json`, whose
/// layout (version `formatVersion`) docs/DIFF.md documents; the Markdown and HTML pages are
/// rendered from that JSON by `Reports`.
public struct DiffReport: Sendable {
    /// Version of `diff.json`'s layout.
    public static let formatVersion = 1

    /// One mapping set compared.
    public struct Source: Sendable, Hashable {
        public var mapping: String
        public var schema: String?

        public init(mapping: String, schema: String?) {
            self.mapping = mapping
            self.schema = schema
        }
    }

    /// One `--allow` rule and its verdict, as the threshold evaluator worded it.
    public struct AllowVerdict: Sendable, Hashable {
        public var expression: String
        public var passed: Bool
        public var explanation: String

        public init(expression: String, passed: Bool, explanation: String) {
            self.expression = expression
            self.passed = passed
            self.explanation = explanation
        }
    }

    public var corpus: [String]
    public var old: Source
    public var new: Source
    /// Wall time, in seconds.
    public var seconds: Double
    public var workers: Int
    /// Events each mapping set was evaluated on twice to find non-deterministic fields.
    public var noiseSample: Int
    public var diff: MappingDiff
    public var oldRepeats: IdentityRun.Repeats
    public var newRepeats: IdentityRun.Repeats
    public var allow: [AllowVerdict] = []

    public init(
        corpus: [String], old: Source, new: Source, seconds: Double, workers: Int, noiseSample: Int,
        diff: MappingDiff, oldRepeats: IdentityRun.Repeats, newRepeats: IdentityRun.Repeats
    ) {
        self.corpus = corpus
        self.old = old
        self.new = new
        self.seconds = seconds
        self.workers = workers
        self.noiseSample = noiseSample
        self.diff = diff
        self.oldRepeats = oldRepeats
        self.newRepeats = newRepeats
    }

    /// Events whose outcome differs in any way: every transition but `identical` and rejected by
    /// both for the same reason.
    public var differing: Int {
        self.diff.total - self.diff[.identical] - self.diff[.bothRejectedSameReason]
    }

    /// The fields, those that differ in the most records first, then by path.
    public var fieldsByChange: [(path: String, counts: MappingDiff.FieldCounts)] {
        self.diff.fieldCounts.map { (path: $0.key, counts: $0.value) }
            .sorted {
                $0.counts.different != $1.counts.different
                    ? $0.counts.different > $1.counts.different : $0.path < $1.path
            }
    }

    // MARK: JSON

    /// `diff.json` (keys in a stable order, written with the exact JSON writer).
    public func json() -> [UInt8] {
        let d = self.diff
        func int(_ value: Int) -> JSONValue { .int(Int64(value)) }
        func strings(_ values: [String]) -> JSONValue { .array(values.map { .string($0) }) }
        var root = JSONObject([
            "formatVersion": int(Self.formatVersion),
            "corpus": strings(self.corpus),
            "old": Self.source(self.old),
            "new": Self.source(self.new),
            "seconds": .number(JSONNumber(((self.seconds * 1000).rounded()) / 1000)),
            "workers": int(self.workers),
            "eventsPerSecond": int(
                self.seconds > 0 ? Int((Double(d.total + d.unreadable) / self.seconds).rounded()) : 0),
        ])
        root["events"] = .object(
            JSONObject([
                "total": int(d.total), "identical": int(d[.identical]), "changed": int(d[.changed]),
                "mappedToRejected": int(d[.mappedToRejected]), "rejectedToMapped": int(d[.rejectedToMapped]),
                "bothRejected": int(d[.bothRejectedSameReason] + d[.bothRejectedOtherReason]),
                "bothRejectedSameReason": int(d[.bothRejectedSameReason]),
                "bothRejectedOtherReason": int(d[.bothRejectedOtherReason]),
                "differing": int(self.differing), "unreadable": int(d.unreadable),
            ]))
        root["transitions"] = .array(
            MappingDiff.Transition.allCases.map { t in
                .object(
                    JSONObject([
                        "transition": .string(t.rawValue), "count": int(d[t]),
                        "samples": Self.samples(d.transitionSamples[t.index]),
                    ]))
            })
        root["fields"] = .array(
            self.fieldsByChange.map { field -> JSONValue in
                let c = field.counts
                var samples = JSONObject()
                for change in MappingDiff.Change.allCases {
                    samples[change.rawValue] = Self.samples(c.samples[change.index])
                }
                return .object(
                    JSONObject([
                        "path": .string(field.path), "identical": int(c.identical), "changed": int(c[.changed]),
                        "typeChanged": int(c[.typeChanged]), "added": int(c[.added]), "removed": int(c[.removed]),
                        "samples": .object(samples),
                    ]))
            })
        root["nonDeterministic"] = strings(d.options.nonDeterministic.map(\.description))
        root["ignored"] = strings(d.options.ignore.map(\.description))
        root["noiseSample"] = int(self.noiseSample)
        root["ids"] = .object(
            JSONObject([
                "old": self.ids(d.old, self.oldRepeats),
                "new": self.ids(d.new, self.newRepeats),
            ]))
        root["outcomes"] = .object(
            JSONObject([
                "old": Self.outcomes(d.old), "new": Self.outcomes(d.new),
            ]))
        root["rejections"] = .array(Self.reasons(old: d.old.rejections, new: d.new.rejections))
        root["warnings"] = .array(Self.reasons(old: d.old.warningReasons, new: d.new.warningReasons))
        root["allow"] = .array(
            self.allow.map { v in
                .object(
                    JSONObject([
                        "expression": .string(v.expression), "passed": .bool(v.passed),
                        "explanation": .string(v.explanation),
                    ]))
            })
        root["unreadableSamples"] = strings(d.unreadableSamples)
        var bytes = JSONValue.object(root).serialized()
        bytes.append(0x0A)
        return bytes
    }

    static func source(_ source: Source) -> JSONValue {
        .object(JSONObject(["mapping": .string(source.mapping), "schema": source.schema.map { .string($0) } ?? .null]))
    }

    static func outcomes(_ side: MappingDiff.Side) -> JSONValue {
        .object(
            JSONObject([
                "mapped": .int(Int64(side.mapped)), "rejected": .int(Int64(side.rejected)),
                "warnings": .int(Int64(side.warnings)),
            ]))
    }

    static func samples(_ list: SampleList<DiffSample>) -> JSONValue {
        .array(
            list.samples.map { s -> JSONValue in
                var object = JSONObject(["event": .string(s.event.text)])
                object["key"] = s.key.map { .string($0) } ?? .null
                if let old = s.old { object["old"] = .string(old) }
                if let new = s.new { object["new"] = .string(new) }
                return .object(object)
            })
    }

    func ids(_ side: MappingDiff.Side, _ repeats: IdentityRun.Repeats) -> JSONValue {
        let files = self.corpus
        func reference(_ entry: IdentityRun.Entry) -> String {
            let file = entry.fileIndex < files.count ? files[entry.fileIndex] : "#\(entry.fileIndex)"
            return "\(file):\(entry.line)"
        }
        return .object(
            JSONObject([
                "empty": .int(Int64(side.emptyIds)),
                "repeated": .int(Int64(repeats.repeated)),
                "repeatedIds": .int(Int64(repeats.repeatedIds)),
                "emptySamples": .array(side.emptyIdSamples.samples.map { .string($0.event.text) }),
                "repeatedSamples": .array(
                    repeats.samples.map { pair in
                        .object(
                            JSONObject([
                                "event": .string(reference(pair.later)), "firstSeen": .string(reference(pair.first)),
                            ]))
                    }),
            ]))
    }

    /// Rejection reasons or warnings of both sides, those the new set has and the old lacks first,
    /// then by the new count.
    static func reasons(old: [String: MappingDiff.ReasonCounts], new: [String: MappingDiff.ReasonCounts]) -> [JSONValue]
    {
        let keys = Set(old.keys).union(new.keys).sorted { a, b in
            let na = new[a]?.count ?? 0
            let nb = new[b]?.count ?? 0
            let fa = old[a] == nil
            let fb = old[b] == nil
            if fa != fb { return fa }
            if na != nb { return na > nb }
            return a < b
        }
        return keys.map { key -> JSONValue in
            let any = new[key] ?? old[key]!
            var object = JSONObject(["code": .string(any.code)])
            if let rule = any.rule { object["rule"] = .string(rule) }
            object["path"] = .string(any.path)
            object["old"] = .int(Int64(old[key]?.count ?? 0))
            object["new"] = .int(Int64(new[key]?.count ?? 0))
            object["newReason"] = .bool(old[key] == nil)
            object["exampleMessage"] = .string(any.exampleMessage)
            object["samples"] = Self.samples(new[key]?.samples ?? old[key]!.samples)
            return .object(object)
        }
    }

    // MARK: Terminal

    /// A short plain-text summary.
    public func summary() -> String {
        let d = self.diff
        var lines = [
            "events compared      \(d.total)",
            "identical            \(d[.identical])",
            "changed              \(d[.changed])",
            "mapped -> rejected   \(d[.mappedToRejected])",
            "rejected -> mapped   \(d[.rejectedToMapped])",
            "rejected by both     \(d[.bothRejectedSameReason]) same reason, \(d[.bothRejectedOtherReason]) other reason",
        ]
        if d.unreadable > 0 { lines.append("unreadable           \(d.unreadable)") }
        if !d.options.nonDeterministic.isEmpty {
            lines.append(
                "non-deterministic    " + d.options.nonDeterministic.map(\.description).joined(separator: ", "))
        }
        lines.append(
            "_id empty/repeated   old \(d.old.emptyIds)/\(self.oldRepeats.repeated), new \(d.new.emptyIds)/\(self.newRepeats.repeated)"
        )
        lines.append(
            String(
                format: "time                 %.2f s, %.0f events/s on %d workers", self.seconds,
                self.seconds > 0 ? Double(d.total + d.unreadable) / self.seconds : 0, self.workers))
        for field in self.fieldsByChange.prefix(5) where field.counts.different > 0 {
            let c = field.counts
            lines.append(
                "  \(field.path): \(c[.changed]) changed, \(c[.typeChanged]) type changed, \(c[.added]) added, \(c[.removed]) removed"
            )
        }
        for verdict in self.allow {
            lines.append("  allow \(verdict.passed ? "PASS" : "FAIL") \(verdict.expression): \(verdict.explanation)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
