import ArgumentParser
import DataPrep
import Foundation
import PendoEvents
import Reports

struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What a new mapping set stores differently from the old one, event by event and field by field.",
        discussion: """
            One pass over the corpus: each event is mapped with both mapping sets and the outcomes are
            compared (identical, changed, mapped -> rejected, rejected -> mapped, rejected by both), per
            leaf path of the records (identical, changed, type changed, added, removed) with samples.
            Fields that change between two evaluations of one set (now(), uuid(), ...) over the first
            --noise-sample events are left out as non-deterministic; --ignore leaves out more.
            A bundle folder as --corpus supplies --old and --old-schema; --new-schema defaults to the old
            schema. Writes diff.json (docs/DIFF.md), diff.md and diff.html into --out.

            Exit codes: 0 nothing changed beyond the noise (or, with --allow, every rule holds), 99 something
            changed (or an --allow rule fails), 1 an error (unreadable events included), 2 usage error or an
            unusable mapping set or schema.

            Example:
              pendo-replay diff --corpus corpora/pendo-xdm --new new-mapping.json --allow 'changed<0.1%' --allow 'rejected_new==0'
            """
    )

    @Option(
        name: .long,
        help: "A corpus file or folder (a bundle folder brings its mapping.json and schema.json as the old set).")
    var corpus: String

    @Option(name: .long, help: "The old mapping-set document (default: the bundle's mapping.json).")
    var old: String?

    @Option(name: .customLong("old-schema"), help: "The old set's XDM schema (default: the bundle's schema.json).")
    var oldSchema: String?

    @Option(name: .long, help: "The new mapping-set document.")
    var new: String

    @Option(name: .customLong("new-schema"), help: "The new set's XDM schema (default: the old set's).")
    var newSchema: String?

    @Option(name: .long, help: "Where to write diff.json, diff.md and diff.html (default reports/diff-<time>).")
    var out: String?

    @Option(name: .long, help: "Examples kept per field and kind of change, per transition and per reason.")
    var samples: Int = 5

    @Option(
        name: .long,
        help: "A leaf path (and everything under it) to leave out, such as _id or items[*].ts (repeatable).")
    var ignore: [String] = []

    @Option(
        name: .long,
        help:
            "A rule the diff must meet instead of 'nothing changed', such as 'changed<0.1%' or 'rejected_new==0' (repeatable)."
    )
    var allow: [String] = []

    @Option(
        name: .customLong("noise-sample"),
        help: "Events (the first ones) each set is evaluated on twice to find non-deterministic fields.")
    var noiseSample: Int = 1000

    @Option(name: .long, help: "Worker threads (default: the number of cores).")
    var workers: Int?

    @Option(name: .long, help: "Seed of uuid()/guid() (drawn per event, the same for both sets).")
    var seed: UInt64 = 0

    @Option(
        name: .customLong("id-run"),
        help: "_id entries a worker holds per set before it sorts them and sets them aside in a temporary file.")
    var idRun: Int = 1 << 18

    func validate() throws {
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
        if self.samples < 0 { throw ValidationError("--samples must be 0 or more") }
        if self.noiseSample < 0 { throw ValidationError("--noise-sample must be 0 or more") }
        if self.idRun < 1 { throw ValidationError("--id-run must be at least 1") }
    }

    func run() async throws {
        guard let oldPath = self.old ?? MappingFiles.bundleFile(self.corpus, "mapping.json") else {
            throw UsageFailure.exit(
                "diff", "no old mapping set: give --old, or a bundle folder with mapping.json as --corpus")
        }
        let oldSchemaPath = self.oldSchema ?? MappingFiles.bundleFile(self.corpus, "schema.json")
        let newSchemaPath = self.newSchema ?? oldSchemaPath
        var ignore: [FieldPath] = []
        for text in self.ignore {
            do {
                ignore.append(try FieldPath(parsing: text))
            } catch {
                throw UsageFailure.exit("diff", "--ignore '\(text)': \(error)")
            }
        }
        let rules: ThresholdSet
        do {
            rules = try ThresholdSet(parsing: self.allow, vocabulary: .diff)
        } catch {
            throw UsageFailure.exit("diff", "--allow: \(error)")
        }
        let oldMapping = try MappingFiles.readFile(oldPath, what: "old mapping set")
        let oldSchema = try oldSchemaPath.map { try MappingFiles.readFile($0, what: "old schema") }
        let newMapping = try MappingFiles.readFile(self.new, what: "new mapping set")
        let newSchema = try newSchemaPath.map { try MappingFiles.readFile($0, what: "new schema") }
        let options = MapperOptions(seed: self.seed)
        let newPath = self.new
        let makeOld: @Sendable () throws -> Mapper = {
            try MappingFiles.mapper(
                mappingBytes: oldMapping, mappingPath: oldPath, schemaBytes: oldSchema, schemaPath: oldSchemaPath,
                options: options)
        }
        let makeNew: @Sendable () throws -> Mapper = {
            try MappingFiles.mapper(
                mappingBytes: newMapping, mappingPath: newPath, schemaBytes: newSchema, schemaPath: newSchemaPath,
                options: options)
        }
        let first = (old: try makeOld(), new: try makeNew())
        // Each further worker loads its own copies from the same bytes; the first load succeeded,
        // so these do too.
        let mappers = CorpusDiffer.Mappers(old: first.old, new: first.new) {
            ((try? makeOld()) ?? first.old, (try? makeNew()) ?? first.new)
        }
        let reader: CorpusReader
        do {
            reader = try CorpusReader(paths: [self.corpus], options: CorpusReaderOptions(validateJSON: false))
        } catch {
            throw UsageFailure.exit("diff", "\(error)")
        }
        let workerCount = self.workers ?? ProcessInfo.processInfo.activeProcessorCount
        let differ = CorpusDiffer(
            mappers: mappers, workers: workerCount, options: DiffOptions(samples: self.samples, ignore: ignore),
            noiseSample: self.noiseSample, now: FunctionContext.systemNow(), seed: self.seed, runLimit: self.idRun)
        let started = DispatchTime.now()
        let progress =
            StandardError.isTerminal
            ? ValidationProgress { seconds in
                let done = differ.fanOut.eventsDone.load(ordering: .relaxed)
                let changed = differ.changedSoFar.load(ordering: .relaxed)
                return String(
                    format: "%d events, %.0f/s, %d not identical", done, Double(done) / max(seconds, 0.001), changed)
            } : nil
        let outcome: CorpusDiffer.Outcome
        do {
            let spill = try IdentitySpill()
            defer { spill.remove() }
            outcome = try differ.run(reader: reader, spill: spill)
        } catch {
            progress?.stop()
            StandardError.write(
                "error: diff: cannot set aside the _id runs in the temporary folder: \(error.localizedDescription)\n")
            throw ExitCode(1)
        }
        progress?.stop()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        var report = DiffReport(
            corpus: reader.files, old: .init(mapping: oldPath, schema: oldSchemaPath),
            new: .init(mapping: newPath, schema: newSchemaPath), seconds: seconds, workers: workerCount,
            noiseSample: self.noiseSample, diff: outcome.diff, oldRepeats: outcome.oldRepeats,
            newRepeats: outcome.newRepeats)
        let outFolder: String
        do {
            outFolder = try self.out ?? ValidateCommand.defaultOut("diff")
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(1)
        }
        let facts: DiffFacts
        do {
            // The rules read the report as diff.json says it, the same numbers every reader sees.
            let verdicts = rules.evaluate(against: try DiffFacts(json: Data(report.json()), path: "diff.json"))
            report.allow = verdicts.map {
                .init(expression: $0.threshold.expression, passed: $0.passed, explanation: $0.explanation)
            }
            let json = report.json()
            facts = try DiffFacts(json: Data(json), path: "diff.json")
            try FileManager.default.createDirectory(atPath: outFolder, withIntermediateDirectories: true)
            try OutputFile.write(Data(json), to: outFolder + "/diff.json")
            try OutputFile.write(Data(DiffRenderer.markdown(facts).utf8), to: outFolder + "/diff.md")
            try OutputFile.write(Data(DiffRenderer.html(facts).utf8), to: outFolder + "/diff.html")
        } catch {
            StandardError.write("error: cannot write the diff into \(outFolder): \(error)\n")
            throw ExitCode(1)
        }
        print(report.summary() + "report: \(outFolder)/diff.json, \(outFolder)/diff.md, \(outFolder)/diff.html")
        if facts.events.unreadable > 0 {
            StandardError.write(
                "error: \(facts.events.unreadable) events could not be read (first: \(facts.unreadableSamples.first ?? "?")); the diff leaves them out\n"
            )
            throw ExitCode(1)
        }
        if !DiffRenderer.verdict(facts).passed { throw ExitCode(99) }
    }
}
