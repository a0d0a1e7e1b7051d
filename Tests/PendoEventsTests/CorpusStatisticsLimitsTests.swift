import Testing

@testable import PendoEvents

/// Timestamps from files anywhere in `Int64` (the reader accepts -Int64.max...Int64.max) are
/// counted without trapping: the span saturates, minutes floor at both ends.
@Suite struct CorpusStatisticsLimitsTests {
    private func statistics(_ timestamps: [String]) -> CorpusStatistics {
        var statistics = CorpusStatistics()
        for timestamp in timestamps {
            statistics.add(Array(#"{"event": "pageLoaded", "visitorId": "v", "timestamp": \#(timestamp)}"#.utf8))
        }
        return statistics
    }

    @Test func timestampsAtBothEndsOfInt64() throws {
        let s = self.statistics(["9223372036854775807", "-9223372036854775807"])
        #expect(s.firstTimestamp == -9_223_372_036_854_775_807)
        #expect(s.lastTimestamp == 9_223_372_036_854_775_807)
        #expect(s.spanSeconds == .max)
        #expect(s.replaySeconds(speed: 1) == Double(Int64.max))
        let peak = try #require(s.peakMinute)
        #expect(peak.events == 1)
        // The minute of -Int64.max starts at -Int64.max - 52, below Int64.min: clamped.
        #expect(peak.start == .min)
    }

    @Test func theTopMinuteStartsWhereFloorDivisionSays() throws {
        let s = self.statistics(["9223372036854775807", "9223372036854775800"])
        #expect(s.spanSeconds == 7)
        let start: Int64 = 9_223_372_036_854_775_800
        #expect(s.peakMinute?.start == start)
        #expect(s.peakMinute?.events == 2)
        let negative = self.statistics(["-61", "-60", "-1"])
        #expect(negative.peakMinute?.start == -60)
        #expect(negative.peakMinute?.events == 2)
    }
}
