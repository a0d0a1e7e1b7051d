/// `junit.xml`: one test case per threshold, so CI systems show each threshold as a test.
public enum JUnitRenderer {
    /// Renders the verdicts as a JUnit XML document.
    ///
    /// - Parameters:
    ///   - verdicts: One per threshold; an empty list gives a suite with no test case.
    ///   - suiteName: The `<testsuite>` name, such as the run's name.
    ///   - durationSeconds: The run's measured duration, reported as the suite's `time`.
    ///   - timestamp: ISO 8601 start time of the run, or nil to leave it out (keeps output deterministic).
    public static func render(
        verdicts: [ThresholdVerdict], suiteName: String = "pendo-replay thresholds",
        durationSeconds: Double = 0, timestamp: String? = nil
    ) -> String {
        let failures = verdicts.filter { !$0.passed }.count
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml +=
            "<testsuites name=\"pendo-replay\" tests=\"\(verdicts.count)\" failures=\"\(failures)\" errors=\"0\" time=\"\(ThresholdFormat.number(durationSeconds, fractionDigits: 3))\">\n"
        xml +=
            "  <testsuite name=\"\(XML.escape(suiteName))\" tests=\"\(verdicts.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\" time=\"\(ThresholdFormat.number(durationSeconds, fractionDigits: 3))\""
        if let timestamp { xml += " timestamp=\"\(XML.escape(timestamp))\"" }
        xml += ">\n"
        for verdict in verdicts {
            xml +=
                "    <testcase classname=\"thresholds\" name=\"\(XML.escape(verdict.threshold.expression))\" time=\"0\""
            if verdict.passed {
                xml += ">\n      <system-out>\(XML.escape(verdict.explanation))</system-out>\n    </testcase>\n"
            } else {
                xml +=
                    ">\n      <failure type=\"threshold\" message=\"\(XML.escape(verdict.explanation))\">\(XML.escape(verdict.threshold.expression)): \(XML.escape(verdict.explanation))</failure>\n    </testcase>\n"
            }
        }
        xml += "  </testsuite>\n</testsuites>\n"
        return xml
    }
}
