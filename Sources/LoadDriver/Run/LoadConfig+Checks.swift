import ReplayCommon
import Reports

extension LoadConfig {
    /// Refuses a line break in anything written into the request head: the inlet URL, the flow id,
    /// each header's name and value, and the token.
    public func checkHeaderText() throws {
        try HeaderText.check(self.inlet, option: "--inlet", url: true)
        if let flowId = self.flowId { try HeaderText.check(flowId, option: "--flow-id") }
        for header in self.headers {
            try HeaderText.check(header.name, option: "--header (name)")
            try HeaderText.check(
                header.value, option: "--header \(header.name)", secret: !Redaction.isHarmless(header.name))
        }
        if let token = self.token {
            try HeaderText.check(token, option: "the token (--token-file or PENDO_REPLAY_TOKEN)", secret: true)
        }
    }

    /// Refuses settings that cannot work together, before anything is sent, with the reason and the fix.
    public func checkCombinations() throws {
        if self.batch > 1, self.payloadName == "raw" {
            throw LoadConfigError.invalid(
                option: "--batch", value: "\(self.batch)",
                why: "with --payload raw: the batch endpoint (/collection/batch/) takes XDM messages only and answers "
                    + "400 \"unknown xdm format\" to every raw event; use --payload xdm with --batch, or --batch 1 for raw events"
            )
        }
        if !self.model.isOpenLoop {
            if let cap = self.maxInFlight {
                throw LoadConfigError.invalid(
                    option: "--max-in-flight", value: "\(cap)",
                    why:
                        "applies to an open loop only (a closed loop has --concurrency requests in flight); add --rate, --stages or --replay-speed, or use --concurrency"
                )
            }
            if self.atCap == .drop {
                throw LoadConfigError.invalid(
                    option: "--at-cap", value: "drop",
                    why:
                        "applies to an open loop only (a closed loop never outruns its connections); add --rate, --stages or --replay-speed, or drop --at-cap"
                )
            }
        }
        // Stages end by themselves; every other model repeats a looped corpus for ever.
        let stagesEnd: Bool = { if case .stages = self.model { return true } else { return false } }()
        if self.loop, self.duration == nil, self.requests == nil, !stagesEnd {
            throw LoadConfigError.invalid(
                option: "--loop", value: "",
                why: "repeats the corpus with nothing to end the run; add --duration D or --requests N")
        }
        if self.insecure, let trusted = self.trustedCertificatesPath {
            throw LoadConfigError.invalid(
                option: "--insecure", value: "",
                why:
                    "with --ca-cert \(trusted): --insecure checks no certificate, so the CA would be ignored; drop one of them"
            )
        }
    }
}
