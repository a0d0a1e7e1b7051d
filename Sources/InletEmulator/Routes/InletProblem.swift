import DataPrep

/// The streaming inlet's (DCS) problem documents, as streaming-inlet.md quotes Adobe's.
enum InletProblem {
    static let inletType = "http://ns.adobe.com/adobecloud/problem/data-collection-service/inlet"
    static let authorizationType = "https://ns.adobe.com/adobecloud/problem/data-collection-service-authorization"

    static func make(_ status: Int, title: String, message: String, cause: JSONValue? = nil) -> Problem {
        var report = JSONValue.obj(("message", .string(message)))
        if let cause { report["cause"] = cause }
        return Problem(
            status: status,
            document: .obj(
                ("type", .string(inletType)), ("status", .int(Int64(status))), ("title", .string(title)),
                ("report", report))
        )
    }

    static func prefix(_ inletId: String) -> String {
        "inletId: [\(inletId)] imsOrgId: [emulator@AdobeOrg]"
    }

    static func unauthorized(_ inletId: String) -> Problem {
        Problem(
            status: 401,
            document: .obj(
                ("type", .string(authorizationType)),
                ("status", "401"),
                ("title", "Authorization"),
                ("report", .obj(("message", .string("\(prefix(inletId)) Ims service token is empty"))))
            )
        )
    }

    static func forbidden(_ inletId: String) -> Problem {
        Problem(
            status: 403,
            document: .obj(
                ("type", .string(authorizationType)),
                ("status", "403"),
                ("title", "Authorization"),
                ("report", .obj(("message", .string("\(prefix(inletId)) Ims service token is invalid or expired"))))
            )
        )
    }

    static func notFound(_ inletId: String) -> Problem {
        make(404, title: "Not Found", message: "\(prefix(inletId)) Inlet not found: no dataflow has this inlet")
    }

    static func tooLarge(_ inletId: String, limit: Int) -> Problem {
        make(413, title: "Payload Too Large", message: "\(prefix(inletId)) The request body is over \(limit) bytes")
    }

    static func badRequest(_ inletId: String, _ message: String) -> Problem {
        make(400, title: "Bad Request", message: "\(prefix(inletId)) \(message)")
    }

    /// Sync-validation failure with the `_streamingValidation` cause.
    static func invalid(_ inletId: String, _ failure: IngestFailure) -> Problem {
        let causing: [JSONValue] = failure.violations.map { violation in
            .obj(
                ("schemaLocation", .string(violation.schemaLocation)),
                ("pointerToViolation", .string(violation.pointerToViolation)),
                ("causingExceptions", .array([])),
                ("keyword", .string(violation.keyword)),
                ("message", .string(violation.message))
            )
        }
        let validation = JSONValue.obj(
            ("schemaLocation", "#"),
            ("pointerToViolation", "#"),
            ("causingExceptions", .array(causing)),
            (
                "message",
                .string(
                    failure.violations.isEmpty ? failure.message : "\(failure.violations.count) schema violations found"
                )
            )
        )
        var cause = JSONValue.obj(("_streamingValidation", .array([validation])))
        cause["code"] = .string(failure.code)
        return make(
            400, title: "Invalid XDM Message Format", message: "\(prefix(inletId)) Message is invalid", cause: cause)
    }
}
