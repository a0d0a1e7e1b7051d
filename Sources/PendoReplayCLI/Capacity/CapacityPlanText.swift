import LoadDriver
import Reports

/// What `capacity --plan` prints (and what is shown before a search against a remote inlet).
enum CapacityPlanText {
    static func lines(_ plan: CapacityPlan, config: CapacitySearchConfig, batch: Int) -> [String] {
        let events = plan.mostRequests * Double(Swift.max(1, batch))
        return [
            "capacity plan: SLOs " + config.slos.thresholds.map(\.expression).joined(separator: ", "),
            "  rates: doubling " + plan.doublingRates.map(CapacityText.rate).joined(separator: ", ")
                + ", then halving the bracket until within \(CapacityText.number(config.precision * 100)) %",
            "  steps: \(CapacityText.number(config.stepSeconds))s each (warm-up \(CapacityText.number(config.warmupSeconds))s, \(config.windows) windows), longer when a percentile needs more samples",
            "  at most \(plan.maxSteps) steps, at most \(CapacityText.duration(plan.longestSeconds)), at most \(CapacityText.number(plan.mostRequests.rounded(.up))) requests"
                + (batch > 1 ? " (\(CapacityText.number(events.rounded(.up))) events)" : " (events)"),
        ]
    }
}
