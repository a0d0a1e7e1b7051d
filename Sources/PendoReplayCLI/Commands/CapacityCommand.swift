import ArgumentParser
import Foundation
import LoadDriver
import PendoEvents
import Reports

struct CapacityCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capacity",
        abstract: "Find the highest rate an inlet sustains within its SLOs.",
        discussion: """
            Examples:
              pendo-replay capacity --flow flow.json --corpus corpora/pendo-seed \\
                --slo 'p99<250ms' --slo 'error_rate<0.1%' --out reports/capacity
              pendo-replay capacity --inlet https://dcs.adobedc.net/collection/ID --flow-id FLOW \\
                --corpus corpora/pendo-seed --slo 'p99<500ms' --max 1000 --plan

            The rate doubles from --start until a step fails its SLOs, then the bracket
            between the highest passing and the lowest failing rate is halved until they
            are within --precision. Each step is an open-loop constant rate for --step
            (its first --warmup excluded) split into windows; a step passes when every
            --slo holds in every window and it delivers at least 98 % of what it offers.
            docs/CAPACITY.md has the rules.

            Target and payload options are run's (--inlet, --flow, --flow-service and
            --flow-id, --emulator, --corpus, --payload, --batch, --header, --token-file,
            --concurrency, --max-in-flight, --out, ...); run's load-shape options
            (--rate, --stages, --replay-speed, --duration, --requests, --threshold) are
            the search's to set and are refused.

            Every event sent to the real platform is ingested and paid for: against an
            inlet that is not on this machine the plan is shown and confirmed first
            (--yes for scripts). --plan shows it and stops.

            Writes DIR/capacity.json, capacity.md, capacity.html and steps/NN-RATE/report.json.
            Exit codes: 0 a capacity was found, 99 even --start fails the SLOs,
            1 errors (unreachable inlet, this machine too slow for the first step,
            not confirmed), 2 usage.
            """
    )

    @OptionGroup(title: "Target, payload and connections (as run)")
    var load: RunCommand

    @Option(
        name: .customLong("slo"),
        help:
            "An SLO every window of a passing step meets, e.g. 'p99<250ms', 'error_rate<0.1%'; repeatable, at least one."
    )
    var slos: [String] = []

    @Option(help: "The first rate tried, requests per second.")
    var start: Double = 100

    @Option(help: "The highest rate tried, requests per second (default: --start doubled 10 times).")
    var max: Double?

    @Option(help: "How long each step lasts, warm-up included, e.g. 20s.")
    var step: String = "20s"

    @Option(help: "The start of each step excluded from the verdict, e.g. 5s.")
    var warmup: String = "5s"

    @Option(help: "Windows per step after the warm-up; every one must pass (at least 2).")
    var windows: Int = 2

    @Option(help: "Stop when the failing rate is within this of the passing one: 5% or 0.05.")
    var precision: String = "5%"

    @Flag(
        help: "Print the steps the search may take, the longest it can last and the most events it can send, and stop.")
    var plan = false

    @Flag(help: "Start against an inlet not on this machine without asking.")
    var yes = false

    func run() async throws {
        let search: CapacitySearch
        do {
            search = try CapacitySearch(config: try self.searchConfig())
            try self.refuseLoadShape()
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(2)
        }
        let plan = search.plan()
        let planText = CapacityPlanText.lines(plan, config: search.config, batch: self.load.batch)
        if self.plan {
            print(planText.joined(separator: "\n"))
            return
        }
        let target: CapacityTarget
        do {
            target = try await CapacityTarget.resolve(self.load, quiet: self.load.quiet)
        } catch let error as CLIError {
            StandardError.write("error: \(error)\n")
            throw ExitCode(2)
        } catch {
            StandardError.write("error: \(error)\n")
            throw ExitCode(1)
        }
        defer { Task { await target.job?.stop() } }
        if !target.isLoopback && !self.yes {
            guard Self.confirm(planText, inlet: target.config.record().inlet) else {
                await target.job?.stop()
                throw ExitCode(1)
            }
        }
        let outDir: String
        do {
            outDir = try self.load.out ?? RunOutput.claimDefaultFolder()
        } catch {
            StandardError.write("error: \(error)\n")
            await target.job?.stop()
            throw ExitCode(1)
        }
        let code = await CapacityExecution(
            search: search,
            runner: CapacityStepRunner(
                base: target.config, feed: target.feed, outDir: outDir,
                live: !self.load.quiet && StandardError.isTerminal),
            outDir: outDir, batch: self.load.batch, quiet: self.load.quiet
        ).execute()
        await target.job?.stop()
        if code != 0 { throw ExitCode(code) }
    }

    /// The search's settings from the flags.
    func searchConfig() throws -> CapacitySearchConfig {
        let slos: ThresholdSet
        do {
            slos = try ThresholdSet(parsing: self.slos)
        } catch {
            throw CLIError("--slo: \(error)")
        }
        return CapacitySearchConfig(
            slos: slos, start: self.start, max: self.max,
            stepSeconds: try RunCommand.seconds(self.step, option: "--step"),
            warmupSeconds: try RunCommand.seconds(self.warmup, option: "--warmup"),
            windows: self.windows, precision: try Self.fraction(self.precision, option: "--precision"))
    }

    /// `run`'s load-shape options belong to the search.
    func refuseLoadShape() throws {
        let given = [
            ("--rate", self.load.rate != nil), ("--stages", self.load.stages != nil),
            ("--replay-speed", self.load.replaySpeed != nil),
            ("--duration", self.load.duration != nil), ("--requests", self.load.requests != nil),
            ("--threshold", !self.load.threshold.isEmpty),
            ("--abort-on-fail", self.load.abortOnFail), ("--outcomes", self.load.outcomes),
        ].filter(\.1).map(\.0)
        if let first = given.first {
            throw CLIError(
                "capacity sets the load itself: \(first) is run's; give the SLOs with --slo and the rates with --start, --max, --step"
            )
        }
    }

    /// Asks on a terminal whether to start against a remote inlet; false (with why) otherwise.
    static func confirm(_ plan: [String], inlet: String) -> Bool {
        StandardError.write("The inlet \(inlet) is not on this machine: every event sent is ingested and paid for.\n")
        StandardError.write(plan.joined(separator: "\n") + "\n")
        guard isatty(0) == 1, StandardError.isTerminal else {
            StandardError.write("error: not started: confirm on a terminal, or pass --yes to start without asking\n")
            return false
        }
        StandardError.write("Start the search? [y/N] ")
        let answer = (readLine() ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        guard answer == "y" || answer == "yes" else {
            StandardError.write("not started\n")
            return false
        }
        return true
    }

    /// `5%` or `0.05`.
    static func fraction(_ text: String, option: String) throws -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let isPercent = trimmed.hasSuffix("%")
        guard let value = Double(isPercent ? String(trimmed.dropLast()) : trimmed), value.isFinite else {
            throw CLIError("\(option) \(text): not a fraction (5% or 0.05)")
        }
        return isPercent ? value / 100 : value
    }
}
