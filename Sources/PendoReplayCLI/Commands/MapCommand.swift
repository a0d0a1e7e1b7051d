import ArgumentParser
import DataPrep
import Foundation
import PendoEvents

struct MapCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Map events through a Data Prep mapping set; mapped records as JSON Lines on stdout.",
        // The generated usage line runs past 80 columns.
        usage: "pendo-replay map [<options>] [<inputs> ...]",
        discussion: """
            Each mapped record is one JSON object per line on stdout, in input order. A rejected event
            writes no stdout line and one diagnostic line on stderr naming the input and line; dropped
            fields (warnings) are reported on stderr too. Inputs are files or folders (gzip or plain,
            JSON Lines or a JSON array); none, or "-", reads stdin.

            Exit codes: 0 nothing rejected, 1 something rejected (or unreadable), 2 usage error or an
            unusable mapping set or schema.

            A bundle folder (corpora/NAME) as input brings its own mapping.json and schema.json;
            --mapping and --schema override them.

            Examples:
              pendo-replay map corpora/pendo-seed > records.jsonl
              pendo-replay map --mapping corpora/pendo-seed/mapping.json \\
                --schema corpora/pendo-seed/schema.json corpora/pendo-seed/events.jsonl.gz
            """
    )

    @Option(
        name: .long,
        help:
            "The mapping-set document (the body of POST /conversion/mappingSets); default: the bundle folder's mapping.json."
    )
    var mapping: String?

    @Option(
        name: .long,
        help:
            "The target XDM schema (xed-full JSON); default: the bundle folder's schema.json. Without one, values are written unconverted and nothing is validated."
    )
    var schema: String?

    @Option(name: .long, help: "Seed of uuid()/guid().")
    var seed: UInt64 = 0

    @Flag(name: .long, help: "Do not print warnings (dropped fields) on stderr.")
    var quiet = false

    @Argument(help: "Corpus files or folders; none or '-' reads stdin.")
    var inputs: [String] = []

    func run() async throws {
        // A bundle folder among the inputs (corpora/NAME) brings its mapping.json and schema.json.
        let bundle = self.inputs.first { MappingFiles.bundleFile($0, "mapping.json") != nil }
        guard let mappingPath = self.mapping ?? bundle.flatMap({ MappingFiles.bundleFile($0, "mapping.json") }) else {
            StandardError.write(
                "error: map needs --mapping FILE, or a bundle folder (holding mapping.json) as input\nSee 'pendo-replay map --help'.\n"
            )
            throw ExitCode(2)
        }
        let schemaPath =
            self.schema ?? (self.mapping == nil ? bundle.flatMap { MappingFiles.bundleFile($0, "schema.json") } : nil)
        let mappingSet = try MappingFiles.mappingSet(at: mappingPath)
        let schema = try schemaPath.map { try MappingFiles.schema(at: $0) }
        let mapper = try MappingFiles.mapper(mappingSet: mappingSet, schema: schema, seed: self.seed)
        let paths = self.inputs.isEmpty ? ["/dev/stdin"] : self.inputs.map { $0 == "-" ? "/dev/stdin" : $0 }
        let reader: CorpusReader
        do {
            reader = try CorpusReader(paths: paths, options: CorpusReaderOptions(validateJSON: false))
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(2)
        }
        var state = mapper.makeState()
        var stdout = OutputBuffer(descriptor: 1)
        var stderr = OutputBuffer(descriptor: 2, capacity: 1 << 14)
        var failures = 0
        while true {
            let event: CorpusEvent
            do {
                guard let next = try reader.next() else { break }
                event = next
            } catch {
                failures += 1
                stderr.append("\(error)\n")
                continue
            }
            switch mapper.map(event.bytes, state: &state) {
            case .mapped(let record, let warnings):
                var line = record.serialized()
                line.append(0x0A)
                stdout.append(line)
                if !self.quiet {
                    for warning in warnings {
                        stderr.append("\(Self.name(event.file)):\(event.line): warning: \(warning)\n")
                    }
                }
            case .rejected(let rejection):
                failures += 1
                stderr.append("\(Self.name(event.file)):\(event.line): rejected: \(rejection)\n")
            }
        }
        stdout.flush()
        stderr.flush()
        if failures > 0 { throw ExitCode(1) }
    }

    static func name(_ file: String) -> String {
        file == "/dev/stdin" ? "<stdin>" : file
    }
}
