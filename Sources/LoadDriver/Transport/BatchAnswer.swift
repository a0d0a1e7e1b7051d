import Foundation

/// The outcome of each message of a batch, read from a 207 answer's `responses` array (in request order).
public enum BatchAnswer {
    /// One message's entry: no `statusCode` (or one below 400) means accepted.
    public struct Entry: Equatable, Sendable {
        public var status: Int?
        public var message: String?
        public var accepted: Bool { (self.status ?? 200) < 400 }
    }

    private struct Body: Decodable {
        struct Item: Decodable {
            var statusCode: FlexibleInt?
            var message: String?
        }
        var responses: [Item]
    }

    /// Adobe writes `statusCode` as a number; accept a string too.
    private struct FlexibleInt: Decodable {
        var value: Int
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let v = try? c.decode(Int.self) {
                self.value = v
            } else {
                guard let v = Int(try c.decode(String.self)) else {
                    throw DecodingError.dataCorruptedError(in: c, debugDescription: "not a status")
                }
                self.value = v
            }
        }
    }

    /// The entries of a 207 body, or nil when the body is not a batch answer.
    public static func parse(_ body: [UInt8]) -> [Entry]? {
        guard let decoded = try? JSONDecoder().decode(Body.self, from: Data(body)) else { return nil }
        return decoded.responses.map { Entry(status: $0.statusCode?.value, message: $0.message) }
    }
}
