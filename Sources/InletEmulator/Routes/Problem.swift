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

    func response() -> Response {
        var headers = self.headers
        headers[.contentType] = "application/problem+json"
        return Response(
            status: HTTPResponse.Status(code: self.status),
            headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: self.document.serialized()))
        )
    }
}

/// A JSON answer.
func jsonResponse(_ status: Int, _ body: JSONValue, headers: HTTPFields = [:]) -> Response {
    jsonResponse(status, bytes: body.serialized(), headers: headers)
}

func jsonResponse(_ status: Int, bytes: [UInt8], headers: HTTPFields = [:]) -> Response {
    var headers = headers
    if headers[.contentType] == nil { headers[.contentType] = "application/json" }
    return Response(
        status: HTTPResponse.Status(code: status),
        headers: headers,
        body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes))
    )
}

extension HTTPField.Name {
    static let apiKey = HTTPField.Name("x-api-key")!
    static let orgId = HTTPField.Name("x-gw-ims-org-id")!
    static let sandboxName = HTTPField.Name("x-sandbox-name")!
    static let flowId = HTTPField.Name("x-adobe-flow-id")!
}
