import Foundation
import PendoEvents
import Testing

/// `pendo-replay diff` as the built binary: every count in diff.json equals what comparing the
/// records of `pendo-replay map` for the two mapping sets, event by event, gives.
@Suite struct DiffCommandTests {
    /// A leaf of a record: its JSON type and its value as canonical JSON text.
    struct Leaf: Equatable {
        var kind: String
        var text: String
    }

    static func kind(_ value: Any) -> String {
        switch value {
        case is NSNull: return "null"
        case is String: return "string"
        case is [Any]: return "array"
        case is [String: Any]: return "object"
        default: return "number"
        }
    }

    /// The record's leaves (scalars, empty objects and arrays) by path, `a.b[0].c`.
    static func leaves(_ value: Any, _ path: String, into out: inout [String: Leaf]) {
        if let object = value as? [String: Any], !object.isEmpty {
            for (key, child) in object { Self.leaves(child, path.isEmpty ? key : path + "." + key, into: &out) }
        } else if let array = value as? [Any], !array.isEmpty {
            for (index, child) in array.enumerated() { Self.leaves(child, path + "[\(index)]", into: &out) }
        } else {
            let text = String(
                decoding: try! JSONSerialization.data(withJSONObject: [value], options: [.sortedKeys]), as: UTF8.self)
            out[path] = Leaf(kind: Self.kind(value), text: text)
        }
    }

    /// Per path: identical, changed, typeChanged, added, removed.
    static func compare(_ old: [String: Leaf], _ new: [String: Leaf], into fields: inout [String: [Int]]) -> Bool {
        var differs = false
        func bump(_ path: String, _ slot: Int) {
            fields[path, default: [0, 0, 0, 0, 0]][slot] += 1
            if slot > 0 { differs = true }
        }
        // A leaf on one side under (or over) a leaf of the other is a type change where they part.
        func ancestor(of path: String, in leaves: [String: Leaf]) -> String? {
            leaves.keys.filter { path.hasPrefix($0 + ".") || path.hasPrefix($0 + "[") }.min { $0.count < $1.count }
        }
        func under(_ path: String, in leaves: [String: Leaf]) -> Bool {
            leaves.keys.contains { $0.hasPrefix(path + ".") || $0.hasPrefix(path + "[") }
        }
        var typeChangedAt = Set<String>()
        for (path, leaf) in old {
            if let other = new[path] {
                bump(path, other.kind != leaf.kind ? 2 : (other.text == leaf.text ? 0 : 1))
            } else if under(path, in: new) {
                typeChangedAt.insert(path)
            } else if let top = ancestor(of: path, in: new) {
                typeChangedAt.insert(top)
            } else {
                bump(path, 4)
            }
        }
        for (path, _) in new where old[path] == nil {
            if under(path, in: old) {
                typeChangedAt.insert(path)
            } else if let top = ancestor(of: path, in: old) {
                typeChangedAt.insert(top)
            } else {
                bump(path, 3)
            }
        }
        for path in typeChangedAt { bump(path, 2) }
        return differs
    }

    /// `map`'s outcome per event of `file`: the record's JSON, or the rejection's reason.
    static func mapOutcomes(mapping: String, schema: String, files: [String], eventsPerFile: [Int]) async throws
        -> [[Any?]]
    {
        var outcomes: [[Any?]] = []
        for (file, count) in zip(files, eventsPerFile) {
            let result = try await CLIProcess.run(["map", "--quiet", "--mapping", mapping, "--schema", schema, file])
            let rejectedLines = Set(
                result.stderr.split(separator: "\n").compactMap { line -> Int? in
                    guard line.contains(": rejected: ") else { return nil }
                    let head = line.components(separatedBy: ": rejected: ")[0]
                    return Int(head.split(separator: ":").last ?? "")
                })
            var records = result.lines.makeIterator()
            var perFile: [Any?] = []
            for line in 1...count {
                if rejectedLines.contains(line) {
                    perFile.append(nil)
                } else {
                    let record = records.next()
                    perFile.append(try JSONSerialization.jsonObject(with: Data(try #require(record).utf8)))
                }
            }
            let extra = records.next()
            #expect(extra == nil)
            outcomes.append(perFile)
        }
        return outcomes
    }

    @Test func everyCountInDiffJSONEqualsARecordByRecordComparisonOfMap() async throws {
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let bundle = CLIProcess.root + "/corpora/pendo-xdm"
        // The new set: eventType's guide value renamed (out of the schema's enum: rejected), feature
        // clicks typed as pendo.other, nps.reason written to poll.response; the new schema no
        // longer allows nps source "email".
        var mapping = try String(contentsOfFile: bundle + "/mapping.json", encoding: .utf8)
        mapping = mapping.replacingOccurrences(
            of: #""guideDisplayed\", \"guide.displayed\""#, with: #""guideDisplayed\", \"guide.shown\""#)
        mapping = mapping.replacingOccurrences(
            of: #""featureClicked\", \"web.webinteraction.linkClicks\""#, with: #""featureClicked\", \"pendo.other\""#)
        mapping = mapping.replacingOccurrences(
            of: #""destination": "_extconndev.nps.reason""#, with: #""destination": "_extconndev.poll.response""#)
        let schema = try String(contentsOfFile: bundle + "/schema.json", encoding: .utf8)
        let tightened = try #require(schema.range(of: #""email""#)).lowerBound
        let tightenedSchema = schema.replacingCharacters(
            in: tightened..<schema.index(tightened, offsetBy: 7), with: #""web""#)
        #expect(mapping != (try String(contentsOfFile: bundle + "/mapping.json", encoding: .utf8)))
        #expect(tightenedSchema != schema)
        try mapping.write(toFile: folder + "/new.json", atomically: true, encoding: .utf8)
        try tightenedSchema.write(toFile: folder + "/new-schema.json", atomically: true, encoding: .utf8)
        // The corpus: the bundle's events and a file of troubled ones (rejected by both, a repeated id).
        try FileManager.default.createDirectory(atPath: folder + "/corpus", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: bundle + "/events.jsonl.gz", toPath: folder + "/corpus/a.jsonl.gz")
        let reader = try CorpusReader(paths: [folder + "/corpus/a.jsonl.gz"])
        var first: [UInt8] = []
        var bundleCount = 0
        while let event = try reader.next() {
            if bundleCount == 0 { first = event.bytes }
            bundleCount += 1
        }
        let troubled = [
            "not json at all",
            #"{"uniqueId": "x1", "timestamp": "soon", "event": "guideDisplayed", "visitorId": "v"}"#,
            String(decoding: first, as: UTF8.self),
            #"{"uniqueId": "x2", "timestamp": 1767571200, "event": "npsSubmitted", "visitorId": "v", "properties": {"nps": {"source": "email", "rating": 9}}}"#,
            #"{"uniqueId": "", "timestamp": 1767571200, "event": "pageLoaded", "visitorId": "v", "properties": {"language": "fr"}}"#,
            #"[1, 2]"#,
        ]
        try (troubled.joined(separator: "\n") + "\n").write(
            toFile: folder + "/corpus/b.jsonl", atomically: true, encoding: .utf8)
        let files = [folder + "/corpus/a.jsonl.gz", folder + "/corpus/b.jsonl"]

        let result = try await CLIProcess.run([
            "diff", "--corpus", folder + "/corpus", "--old", bundle + "/mapping.json", "--old-schema",
            bundle + "/schema.json",
            "--new", folder + "/new.json", "--new-schema", folder + "/new-schema.json", "--out", folder + "/out",
            "--samples", "2", "--workers", "2", "--allow", "rejected_new==0", "--allow", "changed<100%",
        ])
        #expect(result.status == 99, "\(result.stderr)")
        let report = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/out/diff.json")))
                as? [String: Any])

        let old = try await Self.mapOutcomes(
            mapping: bundle + "/mapping.json", schema: bundle + "/schema.json", files: files,
            eventsPerFile: [bundleCount, troubled.count])
        let new = try await Self.mapOutcomes(
            mapping: folder + "/new.json", schema: folder + "/new-schema.json", files: files,
            eventsPerFile: [bundleCount, troubled.count])
        var events = [
            "total": 0, "identical": 0, "changed": 0, "mappedToRejected": 0, "rejectedToMapped": 0, "bothRejected": 0,
        ]
        var fields: [String: [Int]] = [:]
        var ids = ["old": [String: Int](), "new": [String: Int]()]
        var empty = ["old": 0, "new": 0]
        for (a, b) in zip(old.joined(), new.joined()) {
            events["total"]! += 1
            for (side, record) in [("old", a), ("new", b)] {
                guard let record = record as? [String: Any] else { continue }
                if let id = record["_id"] as? String, !id.isEmpty {
                    ids[side]![id, default: 0] += 1
                } else {
                    empty[side]! += 1
                }
            }
            switch (a, b) {
            case (nil, nil): events["bothRejected"]! += 1
            case (nil, _): events["rejectedToMapped"]! += 1
            case (_, nil): events["mappedToRejected"]! += 1
            case (let x?, let y?):
                var l = [String: Leaf]()
                var r = [String: Leaf]()
                Self.leaves(x, "", into: &l)
                Self.leaves(y, "", into: &r)
                events[Self.compare(l, r, into: &fields) ? "changed" : "identical"]! += 1
            }
        }
        let reported = try #require(report["events"] as? [String: Any])
        for (name, count) in events { #expect(reported[name] as? Int == count, "events.\(name)") }
        #expect(
            events["mappedToRejected"]! > 0 && events["changed"]! > 0 && events["bothRejected"]! > 0
                && events["identical"]! > 0)
        let reportedFields = try #require(report["fields"] as? [[String: Any]])
        var byPath: [String: [Int]] = [:]
        for f in reportedFields {
            byPath[f["path"] as! String] = ["identical", "changed", "typeChanged", "added", "removed"].map {
                f[$0] as! Int
            }
        }
        #expect(byPath == fields)
        #expect(byPath["_extconndev.nps.reason"]?[4] ?? 0 > 0)
        #expect(byPath["eventType"]?[1] ?? 0 > 0)
        let reportedIds = try #require(report["ids"] as? [String: [String: Any]])
        for side in ["old", "new"] {
            #expect(reportedIds[side]?["empty"] as? Int == empty[side])
            #expect(reportedIds[side]?["repeated"] as? Int == ids[side]!.values.reduce(0) { $0 + $1 - 1 })
        }
        #expect(reportedIds["old"]?["repeated"] as? Int == 1)
        #expect((report["nonDeterministic"] as? [String]) == [])
        // The same ids with runs of three entries set aside in files and merged.
        let spilled = try await CLIProcess.run([
            "diff", "--corpus", folder + "/corpus", "--old", bundle + "/mapping.json", "--old-schema",
            bundle + "/schema.json",
            "--new", folder + "/new.json", "--new-schema", folder + "/new-schema.json", "--out", folder + "/spilled",
            "--samples", "2", "--workers", "2", "--id-run", "3",
        ])
        #expect(spilled.status == 99, "\(spilled.stderr)")
        let spilledReport = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: URL(fileURLWithPath: folder + "/spilled/diff.json"))) as? [String: Any])
        #expect(
            NSDictionary(dictionary: try #require(spilledReport["ids"] as? [String: Any]))
                == NSDictionary(dictionary: reportedIds))
        let allow = try #require(report["allow"] as? [[String: Any]])
        #expect(allow.map { $0["passed"] as? Bool } == [false, true])
        let html = try String(contentsOfFile: folder + "/out/diff.html", encoding: .utf8)
        #expect(html.contains("<svg") && html.contains("_extconndev.nps.reason"))
        #expect(FileManager.default.fileExists(atPath: folder + "/out/diff.md"))
    }

    @Test func aMappingSetAgainstItselfExitsZeroAndBadFlagsExitTwo() async throws {
        let folder = CLIProcess.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let same = try await CLIProcess.run([
            "diff", "--corpus", "corpora/pendo-seed", "--new", "corpora/pendo-seed/mapping.json", "--out", folder,
        ])
        #expect(same.status == 0, "\(same.stderr)")
        let badAllow = try await CLIProcess.run([
            "diff", "--corpus", "corpora/pendo-seed", "--new", "corpora/pendo-seed/mapping.json", "--allow", "p99<1ms",
            "--out", folder,
        ])
        #expect(badAllow.status == 2)
        #expect(badAllow.stderr.contains("unknown metric 'p99'"))
        let badIgnore = try await CLIProcess.run([
            "diff", "--corpus", "corpora/pendo-seed", "--new", "corpora/pendo-seed/mapping.json", "--ignore", "a[",
            "--out", folder,
        ])
        #expect(badIgnore.status == 2)
        #expect(badIgnore.stderr.contains("--ignore 'a['"))
        let missing = try await CLIProcess.run([
            "diff", "--corpus", "corpora/pendo-seed", "--new", folder + "/nope.json", "--out", folder,
        ])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.json: no such file"))
    }
}
