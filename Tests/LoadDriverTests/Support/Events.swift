import LoadDriver

/// `count` small distinct events, one second apart from `start` (epoch seconds).
func makeEvents(_ count: Int, start: Double = 1_700_000_000, spacing: Double = 1) -> [FeedEvent] {
    (0..<count).map { i in
        let ts = start + Double(i) * spacing
        return FeedEvent(
            bytes: Array(#"{"event":"guideSeen","uniqueId":"e\#(i)","timestamp":\#(Int(ts * 1000))}"#.utf8),
            file: "mem.jsonl", line: i + 1, timestamp: ts)
    }
}

func feed(_ events: [FeedEvent]) -> EventFeedFactory {
    { InMemoryFeed(events) }
}
