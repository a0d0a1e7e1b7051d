/// What went wrong talking to the Flow Service, quoting the service's problem document.
public enum FlowServiceError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The service answered with an error status; `problem` is its body (secrets redacted).
    case service(status: Int, method: String, path: String, problem: String)
    /// The request could not be sent or answered (connection refused, reset, timeout).
    case transport(method: String, path: String, message: String)
    /// The answer was not what the API documents.
    case unexpectedAnswer(method: String, path: String, message: String)
    /// Missing credentials, bad base URL, unreadable file.
    case configuration(String)

    /// The HTTP status, for `service` errors.
    public var status: Int? {
        if case .service(let status, _, _, _) = self { return status }
        return nil
    }

    public var description: String {
        switch self {
        case .service(let status, let method, let path, let problem):
            let hint: String
            switch status {
            case 401: hint = " (check PENDO_REPLAY_ACCESS_TOKEN: missing, invalid or expired)"
            case 403: hint = " (the token lacks permission, or x-api-key / x-gw-ims-org-id is wrong)"
            case 404: hint = " (the id does not exist in this sandbox)"
            case 412: hint = " (the etag is stale: GET the resource again and retry with its etag)"
            case 429: hint = " (rate limited; retries were exhausted)"
            default: hint = ""
            }
            return "\(method) \(path) answered \(status)\(hint): \(problem)"
        case .transport(let method, let path, let message):
            return "\(method) \(path) failed: \(message)"
        case .unexpectedAnswer(let method, let path, let message):
            return "\(method) \(path) answered something unexpected: \(message)"
        case .configuration(let message):
            return message
        }
    }
}
