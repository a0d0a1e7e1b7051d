/// Turns a corpus event into the message to send: `RawPayload` sends the event's own bytes,
/// `XDMPayload` the record Data Prep maps from it, in the XDM envelope.
public protocol PayloadMapper: Sendable {
    /// The message bytes for `event`, or why it cannot be sent.
    func message(for event: FeedEvent) -> PayloadResult
}

/// A mapped message or a refusal.
public enum PayloadResult: Sendable {
    case message([UInt8])
    /// The event cannot be mapped; it is not sent and shows in the report's errors (class `mapping`).
    case refused(String)
}

/// `--payload raw`: the event's bytes as read, as Pendo sends them.
public struct RawPayload: PayloadMapper {
    public init() {}

    public func message(for event: FeedEvent) -> PayloadResult {
        .message(event.bytes)
    }
}
