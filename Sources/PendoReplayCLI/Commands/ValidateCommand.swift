import ArgumentParser
import DataPrep
import Foundation
import PendoEvents
import Reports

struct ValidateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Map a whole corpus on all cores and report what Adobe would store, warn about and reject.",
        // The generated usage line runs past 80 columns.
        usage: "pendo-replay validate --corpus <corpus> [<options>]",
        discussion: """
            A bundle folder (corpora/NAME with events*.jsonl.gz, mapping.json, schema.json) supplies its
            own mapping set and schema; --mapping and --schema override them. Writes validation.json and
            validation.md into --out (default reports/validate-<time>) and prints a summary.

            Exit codes: 0 nothing rejected, 1 something rejected or unreadable, 2 usage error or an
            unusable mapping set or schema.

            Example:
              pendo-replay validate --corpus corpora/pendo-seed --out reports/validate
            """
    )

    @Option(name: .long, help: "A corpus file or folder (a bundle folder brings its mapping.json and schema.json).")
    var corpus: String

    @Option(name: .long, help: "The mapping-set document (default: the bundle's mapping.json).")
    var mapping: String?

    @Option(name: .long, help: "The target XDM schema (default: the bundle's schema.json).")
    var schema: String?

    @Option(name: .long, help: "Where to write validation.json and validation.md.")
    var out: String?

    @Option(name: .long, help: "Worker queues (default: the number of cores).")
    var workers: Int?

    @Option(name: .long, help: "Seed of uuid()/guid().")
    var seed: UInt64 = 0

    @Flag(
        name: .long,
        help:
            "Build each event's whole JSON tree instead of only the paths the mapping set reads (slower; for comparison)."
    )
    var fullParse = false

    func validate() throws {
        if let workers, workers < 1 { throw ValidationError("--workers must be at least 1") }
    }

    func run() async throws {
        guard let mappingPath = self.mapping ?? MappingFiles.bundleFile(self.corpus, "mapping.json") else {
            StandardError.write(
                "error: no mapping set: give --mapping, or a bundle folder with mapping.json as --corpus\n")
            throw ExitCode(2)
        }
        let schemaPath = self.schema ?? MappingFiles.bundleFile(self.corpus, "schema.json")
        let mappingBytes = try MappingFiles.readFile(mappingPath, what: "mapping set")
        let schemaBytes = try schemaPath.map { try MappingFiles.readFile($0, what: "schema") }
        let options = MapperOptions(seed: self.seed, selectiveParsing: !self.fullParse)
        let mapper = try MappingFiles.mapper(
            mappingBytes: mappingBytes, mappingPath: mappingPath, schemaBytes: schemaBytes, schemaPath: schemaPath,
            options: options)
        // Said before the corpus is read, not learnt from its rejections at the end.
        for problem in mapper.destinationProblems { StandardError.write("warning: \(problem)\n") }
        // Each further worker loads its own copy from the same bytes (see CorpusValidator); the
        // first load succeeded, so these do too.
        let replicate: @Sendable () -> Mapper = {
            (try? MappingFiles.mapper(
                mappingBytes: mappingBytes, mappingPath: mappingPath, schemaBytes: schemaBytes, schemaPath: schemaPath,
                options: options)) ?? mapper
        }
        let reader: CorpusReader
        do {
            reader = try CorpusReader(paths: [self.corpus], options: CorpusReaderOptions(validateJSON: false))
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(2)
        }
        let workerCount = self.workers ?? ProcessInfo.processInfo.activeProcessorCount
        let validator = CorpusValidator(mapper: mapper, workers: workerCount, replicate: replicate)
        let started = DispatchTime.now()
        let progress =
            StandardError.isTerminal
            ? ValidationProgress { seconds in
                let done = validator.fanOut.eventsDone.load(ordering: .relaxed)
                let rejected = validator.rejectedSoFar.load(ordering: .relaxed)
                return String(
                    format: "%d events, %.0f/s, %d rejected", done, Double(done) / max(seconds, 0.001), rejected)
            } : nil
        let fanOut = validator.fanOut
        let signals = SignalStopper(
            notice: "stopping: finishing the events read so far and writing their report (Ctrl-C again to quit at once)"
        ) {
            fanOut.stop()
        }
        let statistics = validator.run(reader: reader)
        signals.cancel()
        progress?.stop()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        let report = ValidationReport(
            corpus: reader.files, mappingSource: mappingPath, schemaSource: schemaPath,
            seconds: seconds, workers: workerCount, statistics: statistics,
            destinationProblems: mapper.destinationProblems)
        let outFolder: String
        do {
            outFolder = try self.out ?? Self.defaultOut()
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(1)
        }
        do {
            try FileManager.default.createDirectory(atPath: outFolder, withIntermediateDirectories: true)
            try OutputFile.write(Data(report.json()), to: outFolder + "/validation.json")
            try OutputFile.write(Data(report.markdown().utf8), to: outFolder + "/validation.md")
        } catch {
            StandardError.write("error: cannot write the report into \(outFolder): \(error.localizedDescription)\n")
            throw ExitCode(1)
        }
        print(report.summary() + "report: \(outFolder)/validation.json, \(outFolder)/validation.md")
        if fanOut.stopped {
            StandardError.write(
                "validate: interrupted: the report covers the \(fanOut.eventsDone.load(ordering: .relaxed)) events read before the signal, not the whole corpus\n"
            )
            throw ExitCode(1)
        }
        if statistics.rejected > 0 || statistics.unreadable > 0 { throw ExitCode(1) }
    }

    /// `reports/<command>-<UTC time>`, created now and this command's alone (`-2`, `-3`, ... when
    /// another started in the same second).
    static func defaultOut(_ command: String = "validate") throws -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return try OutputFile.claimFolder(in: "reports", stem: "\(command)-" + formatter.string(from: Date()))
    }
}
