import Foundation

/// `capacity.md`: the answer in one line, then every step.
public enum CapacityMarkdown {
    public static func render(_ report: CapacityReport) -> String {
        var lines: [String] = []
        lines.append(
            "# Capacity: " + (report.maxSustainableRate.map { CapacityText.number($0) + " requests/s" } ?? "none found")
        )
        lines.append("")
        lines.append("- answer: " + Self.answer(report))
        lines.append(
            "- bracket: passing " + (report.bracket.passing.map(CapacityText.rate) ?? "none")
                + ", failing " + (report.bracket.failing.map(CapacityText.rate) ?? "none"))
        lines.append(
            "- SLOs (every window of a passing step): " + report.slos.map { "`\($0)`" }.joined(separator: ", "))
        let s = report.settings
        lines.append(
            "- search: start \(CapacityText.rate(s.start)), max \(CapacityText.rate(s.max)), step \(CapacityText.number(s.stepSeconds))s"
                + " (warm-up \(CapacityText.number(s.warmupSeconds))s), \(s.windows) windows, precision \(CapacityText.number(s.precision * 100)) %"
                + (s.batch > 1 ? ", \(s.batch) messages a request" : ""))
        if let knee = report.knee {
            lines.append(
                "- knee of p99 against offered rate (Kneedle): \(CapacityText.rate(knee.offered)), p99 \(Self.ms(knee.p99Milliseconds)) ms"
            )
        }
        if let usl = report.usl {
            let peak =
                usl.peakThroughput.map { ", predicted peak \(CapacityText.rate($0))" } ?? ", no predicted peak (κ = 0)"
            let at = usl.peakConcurrency.map { " at N = \(CapacityText.number($0))" } ?? ""
            lines.append(
                "- Universal Scalability Law over \(usl.points) passing steps: σ = \(Self.coefficient(usl.model.sigma)), "
                    + "κ = \(Self.coefficient(usl.model.kappa)), λ = \(CapacityText.rate(usl.model.lambda))\(peak)\(at)"
            )
        }
        lines.append("")
        lines.append(
            "| # | offered /s | delivered /s | verdict | why run | p50 ms | p99 ms | p99.9 ms | error rate | errors by class | lag p99 ms | reason |"
        )
        lines.append("| ---: | ---: | ---: | --- | --- | ---: | ---: | ---: | ---: | --- | ---: | --- |")
        for (index, step) in report.steps.enumerated() {
            var cells: [String] = [
                String(index + 1), CapacityText.number(step.offered), CapacityText.number(step.delivered),
            ]
            cells += [step.verdict.rawValue, step.purpose]
            if let latency = step.latency {
                cells += [Self.ms(latency.p50), Self.ms(latency.p99), Self.ms(latency.p999)]
            } else {
                cells += ["-", "-", "-"]
            }
            let errorRate: String = step.errorRate.map { CapacityText.number($0 * 100) + " %" } ?? "-"
            let reason: String = (step.reason ?? "").replacingOccurrences(of: "|", with: "\\|")
            // Most frequent first: `http-503 12, timeout 3`.
            let classes = (step.errorsByClass ?? [:]).sorted { ($1.value, $0.key) < ($0.value, $1.key) }
            let byClass = classes.isEmpty ? "-" : classes.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            cells += [errorRate, byClass, Self.ms(step.scheduleLagP99Milliseconds), reason]
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        lines.append("")
        lines.append(
            "Each step's own report (histograms included) is in `steps/`; `pendo-replay report summary` reads any of them."
        )
        return lines.joined(separator: "\n") + "\n"
    }

    /// The answer in words, never calling this machine's limit the inlet's capacity.
    public static func answer(_ report: CapacityReport) -> String {
        switch report.limitedBy {
        case .inlet:
            guard let rate = report.maxSustainableRate else {
                return "even the first step (\(CapacityText.rate(report.settings.start))) failed the SLOs"
            }
            return "the inlet sustains \(CapacityText.rate(rate)) within the SLOs"
                + (report.bracket.failing.map { "; \(CapacityText.rate($0)) failed" } ?? "")
        case .generator:
            let at = report.generatorLimitRate.map(CapacityText.rate) ?? "?"
            let below =
                report.maxSustainableRate.map {
                    "; the inlet sustained \(CapacityText.rate($0)), and its capacity above that is unknown"
                } ?? ""
            return "limited by this machine at \(at): the generator could not keep the schedule" + below
        case .max:
            return
                "at least \(CapacityText.rate(report.maxSustainableRate ?? report.settings.max)): --max passed, so the capacity was not reached"
        }
    }

    private static func coefficient(_ value: Double) -> String {
        String(format: "%.3g", value)
    }

    private static func ms(_ milliseconds: Double) -> String {
        String(format: "%.2f", milliseconds)
    }
}
