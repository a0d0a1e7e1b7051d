import Foundation
import LoadDriver

/// The inlet a capacity search runs against, chosen from `run`'s target options the way `run`
/// chooses (one of --inlet, --flow, --flow-service with --flow-id, --emulator; the in-process
/// emulator when none is given), and the load settings the steps share.
struct CapacityTarget {
    /// The steps' shared settings, the inlet resolved.
    var config: LoadConfig
    /// The events.
    var feed: EventFeedFactory
    /// The in-process emulator, when it is the target (stop it at the end).
    var job: DefaultJob?

    /// Whether the inlet is on this machine (nothing is ingested and paid for).
    var isLoopback: Bool {
        let host = URL(string: self.config.inlet)?.host ?? ""
        return ["localhost", "::1", "[::1]"].contains(host) || host.hasPrefix("127.")
    }

    /// The settings from the options, checked before anything is started (a `CLIError` is usage),
    /// then the target resolved (the emulator started, the flow asked for its inlet).
    static func resolve(_ options: RunCommand, quiet: Bool) async throws -> CapacityTarget {
        let choice = try options.chooseTarget()
        var command = choice.command
        let bundle = choice.bundle
        var flowTarget = choice.flowTarget
        if command.payload == "xdm" { try await flowTarget?.resolveSchemaId() }
        // The same checks as `run`: the envelope's schema for XDM payloads, then combinations that cannot work.
        if bundle == nil { command.schemaId = try command.envelopeSchemaId(flowTarget: flowTarget) }
        let made = try command.makeConfig()
        // Checked as each step runs: an open loop at a rate, for a step's length.
        var step = made.0
        step.model = .constant(rate: 1)
        step.duration = 1
        try step.checkCombinations()
        var config = made.0
        let feed = made.1
        if let problem = try? CorpusProbe.problem(paths: command.corpus) {
            throw CapacityTargetError(description: problem)
        }
        var job: DefaultJob?
        do {
            if let bundle {
                let started = try await DefaultJob.start(bundle: bundle)
                job = started
                config.inlet = started.chain.inletUrl
                config.flowId = started.chain.flowId
                if !quiet { StandardError.write(started.banner + "\n") }
            } else if let flowTarget {
                config.inlet = try await flowTarget.resolveInlet()
                config.flowId = flowTarget.flowId
            }
        } catch {
            await job?.stop()
            throw CapacityTargetError(description: "\(error)")
        }
        if config.insecure { StandardError.write("warning: --insecure: TLS certificates are not verified\n") }
        if let warning = RunCommand.flowIdWarning(config) { StandardError.write(warning + "\n") }
        return CapacityTarget(config: config, feed: feed, job: job)
    }
}

/// The target could not be resolved (the emulator did not start, the flow could not be read): exit 1.
struct CapacityTargetError: Error, CustomStringConvertible {
    var description: String
}
