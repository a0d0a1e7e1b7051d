extension RunReport {
    /// Why the run stopped, for people: the stop reason, and for `aborted` the threshold that
    /// stopped it (`aborted (threshold failed<2)`), so an abort never reads like a Ctrl-C.
    public var stopText: String {
        guard self.stopReason == .aborted else { return self.stopReason.rawValue }
        return "aborted (threshold \(self.abortedBy ?? "?"))"
    }
}
