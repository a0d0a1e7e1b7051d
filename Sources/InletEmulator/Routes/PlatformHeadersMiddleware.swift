import Foundation
import HTTPTypes
import Hummingbird

/// Requires the Platform API headers (`Authorization`, `x-api-key`, `x-gw-ims-org-id`): 401
/// without a token (or with the wrong one under `--require-token`), 400 naming the missing header
/// otherwise. `x-sandbox-name` is optional: without it the request is in the `prod` sandbox, as
/// Adobe resolves it.
struct PlatformHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    let requiredToken: String?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        if let problem = Self.check(request.headers, requiredToken: self.requiredToken) {
            return problem.response()
        }
        return try await next(request, context)
    }

    static func check(_ headers: HTTPFields, requiredToken: String?) -> Problem? {
        guard let authorization = headers[.authorization], let token = bearerToken(authorization), !token.isEmpty else {
            return .platform(
                401,
                code: "PLATFORM-0401-401",
                title: "Unauthorized",
                detail: "Missing Authorization header: send `Authorization: Bearer {ACCESS_TOKEN}`"
            )
        }
        if let requiredToken, token != requiredToken {
            return .platform(401, code: "PLATFORM-0402-401", title: "Unauthorized", detail: "Oauth token is not valid")
        }
        for (name, what) in [(HTTPField.Name.apiKey, "{API_KEY}"), (.orgId, "{ORG_ID}")] {
            if (headers[name] ?? "").isEmpty {
                return .platform(
                    400,
                    code: "PLATFORM-0400-400",
                    title: "Bad Request",
                    detail: "Missing header \(name.rawName): send `\(name.rawName): \(what)`"
                )
            }
        }
        return nil
    }
}

/// The token of an `Authorization` value: `Bearer X` or the bare token (Adobe accepts both).
func bearerToken(_ value: String) -> String? {
    let trimmed = value.trimmingCharacters(in: .whitespaces)
    if trimmed.lowercased().hasPrefix("bearer ") {
        return String(trimmed.dropFirst(7)).trimmingCharacters(in: .whitespaces)
    }
    return trimmed
}
