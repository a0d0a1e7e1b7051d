// The worker pipelines of `validate` and `diff` (CorpusValidator and CorpusDiffer of
// PendoReplayCLI, compiled from the tree) over one corpus, with DataPrep and PendoEvents built
// -O -wmo: figures of the mapping and comparison code when `swift build -c release` cannot
// finish on a shared machine (it builds BoringSSL, NIO and Hummingbird first). Reports are not
// written. Built by bench/harness/build.sh.
// usage: harness validate CORPUS MAPPING SCHEMA | harness diff CORPUS OLD SCHEMA NEW
import DataPrep
import Foundation
import PendoEvents

let args = CommandLine.arguments
guard args.count >= 5, args[1] == "validate" || (args[1] == "diff" && args.count >= 6) else {
    FileHandle.standardError.write(Data("usage: harness validate CORPUS MAPPING SCHEMA | harness diff CORPUS OLD SCHEMA NEW\n".utf8))
    exit(2)
}

/// The value `make` gives, or the error naming `what`, and exit 1.
@Sendable func orExit<T>(_ what: String, _ make: () throws -> T) -> T {
    do {
        return try make()
    } catch {
        FileHandle.standardError.write(Data("error: \(what): \(error)\n".utf8))
        exit(1)
    }
}

@Sendable func load(_ mapping: String, _ schema: String) -> Mapper {
    let set = orExit(mapping) { try MappingSet.load(json: Array(try Data(contentsOf: URL(fileURLWithPath: mapping))), source: mapping) }
    let xdm = orExit(schema) { try XDMSchema.load(json: Array(try Data(contentsOf: URL(fileURLWithPath: schema))), source: schema) }
    return orExit(mapping) { try Mapper(mappingSet: set, schema: xdm, options: MapperOptions(seed: 0)) }
}
let workers = ProcessInfo.processInfo.activeProcessorCount
let reader = orExit(args[2]) { try CorpusReader(paths: [args[2]], options: CorpusReaderOptions(validateJSON: false)) }
let start = Date()
switch args[1] {
case "validate":
    let mapping = args[3], schema = args[4]
    let validator = CorpusValidator(mapper: load(mapping, schema), workers: workers, replicate: { load(mapping, schema) })
    let statistics = validator.run(reader: reader)
    let seconds = Date().timeIntervalSince(start)
    print("validate events=\(statistics.eventsRead) rejected=\(statistics.rejected) seconds=\(seconds) events_per_sec=\(Int(Double(statistics.eventsRead) / seconds))")
default:
    let old = args[3], schema = args[4], new = args[5]
    let mappers = CorpusDiffer.Mappers(old: load(old, schema), new: load(new, schema)) { (load(old, schema), load(new, schema)) }
    let differ = CorpusDiffer(mappers: mappers, workers: workers, options: DiffOptions(samples: 5), noiseSample: 1000, now: FunctionContext.systemNow(), seed: 0)
    let spill = orExit("the _id spill folder") { try IdentitySpill() }
    let outcome = orExit(args[2]) { try differ.run(reader: reader, spill: spill) }
    spill.remove()
    let seconds = Date().timeIntervalSince(start)
    let d = outcome.diff
    print("diff events=\(d.total) identical=\(d[.identical]) changed=\(d[.changed]) mappedToRejected=\(d[.mappedToRejected]) fields=\(d.fieldCounts.count) seconds=\(seconds) events_per_sec=\(Int(Double(d.total) / seconds))")
}
