import DataPrep
import HTTPTypes
import Hummingbird

/// An error answer as a problem document (`application/problem+json`).
struct Problem: Error, Sendable {
    var status: Int
    var document: JSONValue
    var headers: HTTPFields = [:]

    /// A Platform API problem (Flow Service, Schema Registry, Catalog): Adobe's `type`/`title`/
    /// `status`/`detail` shape with the error code in the type.
    static func platform(_ status: Int, code: String, title: String, detail: String) -> Problem {
        Problem(
            status: status,
            document: .obj(
                ("type", .string("https://ns.adobe.com/aep/errors/\(code)")),
                ("title", .string(title)),
                ("status", .int(Int64(status))),
                ("detail", .string(detail)),
                ("report", .obj(("detailed-message", .string(detail))))
            )
        )
    }

    static func badRequest(_ detail: String, code: String = "FLOW-1103-400") -> Problem {
        .platform(400, code: code, title: "Bad Request", detail: detail)
    }

    static func notFound(_ detail: String, code: String = "FLOW-1404-404") -> Problem {
        .platform(404, code: code, title: "Not Found", detail: detail)
    }

    /// The problem document as an answer (`application/problem+json`).
    var answer: Answer {
        var headers = self.headers
        headers[.contentType] = "application/problem+json"
        return Answer(status: self.status, headers: headers, body: self.document.serialized())
    }

    func response() -> Response { self.answer.response() }
}

/// An answer's status, headers and bytes. The router's routes send it as a Hummingbird `Response`;
/// ``InletChannelHandler`` writes it as HTTP parts on the connection's event loop.
struct Answer: Sendable {
    var status: Int
    var headers: HTTPFields
    var body: [UInt8]

    /// A JSON answer (`application/json` unless `headers` names another type).
    static func json(_ status: Int, bytes: [UInt8], headers: HTTPFields = [:]) -> Answer {
        var headers = headers
        if headers[.contentType] == nil { headers[.contentType] = "application/json" }
        return Answer(status: status, headers: headers, body: bytes)
    }

    func response() -> Response {
        Response(
            status: HTTPResponse.Status(code: self.status),
            headers: self.headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: self.body))
        )
    }
}

/// A JSON answer.
func jsonResponse(_ status: Int, _ body: JSONValue, headers: HTTPFields = [:]) -> Response {
    jsonResponse(status, bytes: body.serialized(), headers: headers)
}

func jsonResponse(_ status: Int, bytes: [UInt8], headers: HTTPFields = [:]) -> Response {
    Answer.json(status, bytes: bytes, headers: headers).response()
}

extension HTTPField.Name {
    static let apiKey = HTTPField.Name("x-api-key")!
    static let orgId = HTTPField.Name("x-gw-ims-org-id")!
    static let sandboxName = HTTPField.Name("x-sandbox-name")!
    static let flowId = HTTPField.Name("x-adobe-flow-id")!
}
