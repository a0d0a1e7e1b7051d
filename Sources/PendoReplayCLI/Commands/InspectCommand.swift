import ArgumentParser
import Foundation
import LoadDriver
import PendoEvents

struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Say what a corpus holds: counts, kinds, time span, replay length.",
        // The generated usage line runs past 80 columns.
        usage: "pendo-replay inspect [<paths> ...] [<options>]",
        discussion: """
            Reads every event once, streaming (gzip or plain; JSON Lines or one JSON array; folders
            stand for their *.jsonl[.gz] and *.json[.gz] files). Events that cannot be read are
            listed with their file and line, and make the exit code 1.

            Example:
              pendo-replay inspect corpora/pendo-seed
            """
    )

    @Argument(help: "Corpus files or folders.")
    var paths: [String] = []

    @Option(
        name: .customLong("replay-speed"),
        help: "Say how long a replay at recorded timing takes at this speed (repeatable).")
    var replaySpeeds: [Double] = [1]

    @Option(help: "The longest event accepted, in bytes.")
    var maxLineBytes: Int = 1_048_576

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @Option(help: "How many unreadable events to list (all are counted).")
    var maxErrors: Int = 20

    func validate() throws {
        guard !self.paths.isEmpty else {
            throw UsageFailure.exit("inspect", "Give at least one corpus file or folder.")
        }
        for speed in self.replaySpeeds where !(speed.isFinite && speed > 0 && speed <= LoadModel.maximumReplaySpeed) {
            throw UsageFailure.exit(
                "inspect", "--replay-speed \(speed) is out of range: a number above 0 and at most 1000000.")
        }
        guard self.maxLineBytes > 0 else { throw UsageFailure.exit("inspect", "--max-line-bytes must be above 0.") }
    }

    func run() async throws {
        let reader: CorpusReader
        do {
            reader = try CorpusReader(paths: self.paths, options: CorpusReaderOptions(maxLineBytes: self.maxLineBytes))
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(1)
        }
        var statistics = CorpusStatistics()
        var progress = ProgressLine()
        var errors = 0
        var messages: [String] = []
        while true {
            do {
                guard let event = try reader.next() else { break }
                statistics.add(event.bytes)
                if statistics.events & 0xFFFF == 0 {
                    let events = statistics.events
                    let elapsed = progress.elapsed
                    progress.update("inspect: \(events) events (\(Int(Double(events) / max(elapsed, 0.001))) events/s)")
                }
            } catch {
                errors += 1
                if messages.count < self.maxErrors { messages.append("\(error)") }
            }
        }
        progress.finish()
        let seconds = progress.elapsed
        var fileBytes = 0
        for file in reader.files {
            let size = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.intValue ?? 0
            fileBytes += size
        }
        let summary = InspectSummary(
            paths: self.paths, files: reader.files, statistics: statistics, bytesRead: reader.bytesRead,
            fileBytes: fileBytes, speeds: self.replaySpeeds, errors: errors, errorMessages: messages,
            readSeconds: seconds)
        if self.json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let data = try encoder.encode(summary)
            FileHandle.standardOutput.write(data)
            FileHandle.standardOutput.write(Data("\n".utf8))
        } else {
            FileHandle.standardOutput.write(Data(summary.text.utf8))
        }
        if StandardError.isTerminal {
            StandardError.write(
                "inspect: \(statistics.events) events in \(String(format: "%.2f", seconds)) s (\(Int(Double(statistics.events) / max(seconds, 0.001))) events/s)\n"
            )
        }
        if errors > 0 { throw ExitCode(1) }
    }
}
