/// What went wrong with an attempt or a message; `name` is the report's `errors[].class`.
public enum ErrorClass: Hashable, Sendable {
    /// The connection could not be opened (refused, unresolvable, connect timeout).
    case connect
    /// No answer within the request timeout.
    case timeout
    /// The connection closed or reset while a request was in flight.
    case reset
    /// The TLS handshake or record layer failed.
    case tls
    /// An HTTP status of 400 and above.
    case http(Int)
    /// A message inside a 207 batch answer failed with this status.
    case message(Int)
    /// The answer was not HTTP/1.1 as expected.
    case protocolError
    /// The run stopped before the answer arrived.
    case interrupted
    /// The payload mapper refused the event (never sent).
    case mapping
    /// The corpus reader could not read the event (skipped, never sent).
    case corpus

    /// The class name used in reports.
    public var name: String {
        switch self {
        case .connect: return "connect"
        case .timeout: return "timeout"
        case .reset: return "reset"
        case .tls: return "tls"
        case .http(let status): return "http-\(status)"
        case .message(let status): return "message-\(status)"
        case .protocolError: return "protocol"
        case .interrupted: return "interrupted"
        case .mapping: return "mapping"
        case .corpus: return "corpus"
        }
    }
}
