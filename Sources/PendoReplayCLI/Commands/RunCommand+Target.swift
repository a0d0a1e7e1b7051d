extension RunCommand {
    /// The target chosen from the options, before anything is resolved.
    struct TargetChoice {
        /// The options with the defaults the target brings (the seed corpus for the emulator, a
        /// placeholder inlet for targets resolved later).
        var command: RunCommand
        /// With the emulator: the bundle whose chain is provisioned in it.
        var bundle: String?
        /// With --flow or --flow-service: the flow whose inlet is asked for.
        var flowTarget: FlowTarget?
    }

    /// One of --inlet, --flow, --flow-service with --flow-id, --emulator (the emulator when none is
    /// given); throws a `CLIError` (usage) when they do not make one target. `capacity` chooses
    /// its target the same way.
    func chooseTarget() throws -> TargetChoice {
        let targets = [self.inlet != nil, self.flow != nil, self.flowService != nil && self.flow == nil, self.emulator]
        guard targets.filter({ $0 }).count <= 1 else {
            throw CLIError("give one target: --inlet URL, --flow FILE, --flow-service URL --flow-id ID, or --emulator")
        }
        let useEmulator = self.emulator || (targets.allSatisfy { !$0 } && self.flowId == nil)
        var choice = TargetChoice(command: self)
        if useEmulator {
            choice.bundle = try DefaultJob.bundle(for: self.corpus)
            if choice.command.corpus.isEmpty { choice.command.corpus = [DefaultJob.seedBundle] }
        } else if let flow = self.flow {
            choice.flowTarget = try FlowTarget(
                savedFile: flow, flowService: self.flowService, credentialsFile: self.credentials)
        } else if let flowService = self.flowService {
            guard let flowId = self.flowId else { throw CLIError("--flow-service needs --flow-id ID") }
            choice.flowTarget = try FlowTarget(
                flowService: flowService, flowId: flowId, credentialsFile: self.credentials)
        } else if self.inlet == nil {
            throw CLIError("--flow-id alone does not say where to send: add --flow-service URL, or give --inlet URL")
        }
        if choice.command.inlet == nil { choice.command.inlet = "http://127.0.0.1/collection/unresolved" }
        return choice
    }
}
