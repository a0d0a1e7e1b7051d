import DataPrep

/// The outcome of each message of a batch, read from a 207 answer's `responses` array (in request order).
public enum BatchAnswer {
    /// One message's entry: no `statusCode` (or one below 400) means accepted.
    public struct Entry: Equatable, Sendable {
        public var status: Int?
        public var message: String?
        public var accepted: Bool { (self.status ?? 200) < 400 }
    }

    /// The entries of a 207 body, or nil when the body is not a batch answer: read with the project's
    /// one JSON parser (DataPrep's `JSONValue`), which keeps 64-bit integers exact. Adobe writes
    /// `statusCode` as a number; a string holding one is read too.
    public static func parse(_ body: [UInt8]) -> [Entry]? {
        guard case .object(let root)? = try? JSONValue.parse(body), case .array(let items)? = root["responses"] else {
            return nil
        }
        var entries: [Entry] = []
        entries.reserveCapacity(items.count)
        for item in items {
            guard case .object(let fields) = item else { return nil }
            var status: Int?
            switch fields["statusCode"] {
            case nil, .null?: status = nil
            case .int(let value)?:
                guard let exact = Int(exactly: value) else { return nil }
                status = exact
            case .string(let text)?:
                guard let number = Int(text) else { return nil }
                status = number
            default: return nil
            }
            var message: String?
            switch fields["message"] {
            case nil, .null?: message = nil
            case .string(let text)?: message = text
            default: return nil
            }
            entries.append(Entry(status: status, message: message))
        }
        return entries
    }
}
