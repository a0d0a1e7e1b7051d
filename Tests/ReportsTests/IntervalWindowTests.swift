import Histogram
import Testing

@testable import Reports

/// A capacity step's window: seconds of a run merged into one metric source.
@Suite struct IntervalWindowTests {
    static func second(_ index: Int, latenciesMicroseconds: [UInt64], accepted: Int, errors: Int) -> IntervalSample {
        var histogram = LatencyHistograms.make(UInt64.self)
        for value in latenciesMicroseconds { _ = histogram.record(value) }
        return IntervalSample(
            second: index, requests: latenciesMicroseconds.count, accepted: accepted, errors: errors,
            latency: LatencySummary(microseconds: histogram), histogram: HdrWireFormat.base64Compressed(histogram))
    }

    @Test func mergesTheSecondsHistogramsAndCounts() throws {
        let seconds = [
            Self.second(4, latenciesMicroseconds: Array(repeating: 1000, count: 98), accepted: 97, errors: 1),
            Self.second(5, latenciesMicroseconds: [300_000, 300_000], accepted: 2, errors: 0),
        ]
        let window = try IntervalWindow(intervals: seconds, seconds: 2)
        #expect(window.samples == 100)
        #expect(window.requests == 100)
        #expect(window.value(of: .percentile(50, corrected: true)) == 0.001)
        #expect(window.value(of: .percentile(99, corrected: true)) == 0.300_031)  // 300 ms at 3 significant digits
        #expect(window.value(of: .errorRate) == 0.01)
        #expect(window.value(of: .requestsPerSecond) == 50)
        #expect(window.value(of: .eventsPerSecond) == 49.5)
        #expect(window.value(of: .percentile(99, corrected: false)) == nil)
        #expect(window.value(of: .count(.rejected)) == nil)
        let slos = try ThresholdSet(parsing: ["p99<250ms", "error_rate<=1%", "service_p99<1s"])
        let verdicts = slos.evaluate(against: window.table(for: slos))
        #expect(verdicts.map(\.passed) == [false, true, false])
        #expect(verdicts[0].explanation == "p(99) = 300.03 ms, not < 250 ms")
    }

    @Test func anEmptyWindowHasNoLatency() throws {
        let window = try IntervalWindow(intervals: [IntervalSample](), seconds: 3)
        #expect(window.samples == 0)
        #expect(window.value(of: .percentile(99, corrected: true)) == nil)
        #expect(window.value(of: .errorRate) == 0)
    }
}
