import ArgumentParser
import Foundation
import PendoEvents
import Reports

struct SynthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Synthesize a realistic, seeded Pendo event corpus.",
        // The generated usage line runs past 80 columns.
        usage: "pendo-replay synth [<options>]",
        discussion: """
            The same options and seed always give the same bytes. Output is gzip-compressed when
            the file name ends in .gz (e.g. events.jsonl.gz), plain JSON Lines otherwise.

            Example:
              pendo-replay synth --events 1000000 --seed 7 --span 24h --output corpora/big.jsonl.gz
            """
    )

    @Option(help: "How many events to make (required).")
    var events: Int?

    @Option(help: "The seed of every random choice, an unsigned 64-bit integer (required).")
    var seed: UInt64?

    @Option(help: "The first instant, ISO 8601 (2026-01-05T00:00:00Z, 2026-01-05) or epoch seconds.")
    var start: String = "2026-01-05T00:00:00Z"

    @Option(help: "How long the timestamps span: 24h, 90m, 7d, 1h30m ...")
    var span: String = "24h"

    @Option(help: "Event-kind weights, e.g. guideDisplayed=40,npsSubmitted=5 (only the kinds listed are made).")
    var mix: String?

    @Option(help: "Distinct visitors (popularity is Zipf-like).")
    var visitors: Int = 5_000

    @Option(help: "Distinct accounts (sizes are skewed).")
    var accounts: Int = 250

    @Option(help: "Guides in the catalogue (some are polls and NPS surveys).")
    var guides: Int = 20

    @Option(help: "Average bursts per day (a few minutes at 4 to 12 times the rate).")
    var burstsPerDay: Double = 3

    @Option(help: "gzip level, 1 (fastest) to 9 (smallest).")
    var level: Int32 = 6

    @Option(help: "The file to write, .jsonl.gz or .jsonl (required; an existing file is refused without --force).")
    var output: String?

    @Flag(help: "Replace --output if it exists.")
    var force = false

    func validate() throws {
        // Checked here rather than by ArgumentParser so usage errors exit 2, as the project's do.
        guard let events = self.events else { throw UsageFailure.exit("synth", "--events is required.") }
        guard self.seed != nil else { throw UsageFailure.exit("synth", "--seed is required.") }
        guard let output = self.output, !output.isEmpty else {
            throw UsageFailure.exit("synth", "--output is required.")
        }
        guard events >= 0 else { throw UsageFailure.exit("synth", "--events must be 0 or more.") }
        guard self.visitors >= 1, self.accounts >= 1 else {
            throw UsageFailure.exit("synth", "--visitors and --accounts must be at least 1.")
        }
        guard (1...9).contains(self.level) else { throw UsageFailure.exit("synth", "--level must be 1 to 9.") }
        // Checked before any event is made; the final rename checks again, atomically.
        if !self.force, FileManager.default.fileExists(atPath: output) {
            throw UsageFailure.exit("synth", "--output \(output) exists: give --force to replace it, or another name.")
        }
        guard (1...100_000).contains(self.guides) else {
            throw UsageFailure.exit("synth", "--guides must be 1 to 100000, not \(self.guides).")
        }
        // The burst count is drawn as an Int from this rate times the span: finite and bounded.
        guard self.burstsPerDay.isFinite, (0...1440).contains(self.burstsPerDay) else {
            throw UsageFailure.exit(
                "synth", "--bursts-per-day must be a number from 0 to 1440, not \(self.burstsPerDay).")
        }
    }

    func run() async throws {
        guard let start = TimeText.epochSeconds(self.start) else {
            throw UsageFailure.exit(
                "synth", "--start '\(self.start)' is not an ISO 8601 instant (2026-01-05T00:00:00Z) or epoch seconds.")
        }
        let spanSeconds: Double
        do {
            spanSeconds = try DurationText.seconds(self.span)
        } catch {
            throw UsageFailure.exit("synth", "--span: \(error)")
        }
        guard spanSeconds >= 1 else { throw UsageFailure.exit("synth", "--span must be at least 1s.") }
        // Events carry epoch milliseconds too: the whole span stays within the years 1 to 9999.
        guard TimeText.isoRange.contains(start), Double(start) + spanSeconds <= Double(TimeText.isoRange.upperBound)
        else {
            throw UsageFailure.exit(
                "synth",
                "--start '\(self.start)' with --span \(self.span) leaves the years 1 to 9999; give an instant from 0001-01-01T00:00:00Z with a span that ends by 9999-12-31T23:59:59Z."
            )
        }
        var mix = EventMix.standard
        if let text = self.mix {
            do {
                mix = try EventMix.parse(text)
            } catch {
                throw UsageFailure.exit("synth", "\(error)")
            }
        }
        let options = SynthOptions(
            events: self.events ?? 0, seed: self.seed ?? 0, start: start, spanSeconds: spanSeconds, mix: mix,
            visitors: self.visitors, accounts: self.accounts, guides: self.guides, burstsPerDay: self.burstsPerDay)
        do {
            try self.write(options)
        } catch let error as CorpusWriter.WriteError {
            StandardError.write("error: \(error)\n")
            throw ExitCode(1)
        } catch let error as ReportFileError {
            StandardError.write("error: \(error)\n")
            throw ExitCode(1)
        }
    }

    private func write(_ options: SynthOptions) throws {
        let output = self.output ?? ""
        // Written under a temporary name and renamed at the end: an interrupted synth leaves no
        // half corpus under the name a later run reads.
        let temporary = OutputFile.temporaryPath(for: output)
        var committed = false
        defer { if !committed { unlink(temporary) } }
        do {
            try self.write(options, to: temporary, naming: output)
        } catch let error as CorpusWriter.WriteError {
            // The temporary name means nothing to the user: the error names --output.
            throw CorpusWriter.WriteError(path: output, reason: error.reason)
        }
        try OutputFile.commit(temporary, to: output, replace: self.force)
        committed = true
    }

    private func write(_ options: SynthOptions, to path: String, naming output: String) throws {
        let writer = try CorpusWriter(path: path, level: self.level)
        var synthesizer = Synthesizer(options: options)
        var progress = ProgressLine()
        var line: [UInt8] = []
        line.reserveCapacity(4096)
        var made = 0
        while true {
            line.removeAll(keepingCapacity: true)
            guard synthesizer.next(appendingTo: &line) else { break }
            line.append(0x0A)
            try writer.writeRaw(line)
            made += 1
            if made & 0x3FFF == 0 {
                let elapsed = progress.elapsed
                progress.update(
                    "synth: \(made) / \(options.events) events (\(Int(Double(made) / max(elapsed, 0.001))) events/s)")
            }
        }
        try writer.finish()
        progress.finish()
        let seconds = progress.elapsed
        StandardError.write(
            "synth: wrote \(made) events to \(output) (\(writer.bytesWritten) bytes of JSON, \(writer.fileBytes) in the file) in \(String(format: "%.2f", seconds)) s, \(Int(Double(made) / max(seconds, 0.001))) events/s\n"
        )
    }
}
