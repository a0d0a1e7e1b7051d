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
        let targets = [options.inlet != nil, options.flow != nil, options.flowService != nil && options.flow == nil, options.emulator]
        guard targets.filter({ $0 }).count <= 1 else {
            throw CLIError("give one target: --inlet URL, --flow FILE, --flow-service URL --flow-id ID, or --emulator")
        }
        let useEmulator = options.emulator || (targets.allSatisfy { !$0 } && options.flowId == nil)
        var command = options
        var bundle: String?
        var flowTarget: FlowTarget?
        if useEmulator {
            bundle = try DefaultJob.bundle(for: options.corpus)
            if command.corpus.isEmpty { command.corpus = [DefaultJob.seedBundle] }
        } else if let flow = options.flow {
            flowTarget = try FlowTarget(savedFile: flow, flowService: options.flowService, credentialsFile: options.credentials)
        } else if let flowService = options.flowService {
            guard let flowId = options.flowId else { throw CLIError("--flow-service needs --flow-id ID") }
            flowTarget = try FlowTarget(flowService: flowService, flowId: flowId, credentialsFile: options.credentials)
        } else if options.inlet == nil {
            throw CLIError("--flow-id alone does not say where to send: add --flow-service URL, or give --inlet URL")
        }
        if command.inlet == nil { command.inlet = "http://127.0.0.1/collection/unresolved" }
        var (config, feed) = try command.makeConfig()
        if let problem = try? CorpusProbe.problem(paths: command.corpus) { throw CapacityTargetError(description: problem) }
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
