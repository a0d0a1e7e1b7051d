import HTTPTypes
import Hummingbird

/// Under `serve --require-token`, the emulator's own routes (`/emulator/*`, which read back stored
/// records, and `/metrics`) answer 401 without `Authorization: Bearer <token>`: a server bound
/// beyond loopback would otherwise hand its datasets to anyone who can reach it.
struct OperatorRoutesGate<Context: RequestContext>: RouterMiddleware {
    let requiredToken: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let path = request.uri.path
        guard path == "/metrics" || path.hasPrefix("/emulator/") else { return try await next(request, context) }
        if let problem = Self.check(request.headers, requiredToken: self.requiredToken) { return problem.response() }
        return try await next(request, context)
    }

    /// 401 unless the request carries the required bearer token (compared in time independent of
    /// where the first difference is).
    static func check(_ headers: HTTPFields, requiredToken: String) -> Problem? {
        guard let authorization = headers[.authorization], let token = bearerToken(authorization),
            Self.equalInConstantTime(token, requiredToken)
        else {
            return .platform(
                401, code: "PLATFORM-0401-401", title: "Unauthorized",
                detail: "serve --require-token: send `Authorization: Bearer {TOKEN}` to /emulator/* and /metrics")
        }
        return nil
    }

    static func equalInConstantTime(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for index in x.indices { difference |= x[index] ^ y[index] }
        return difference == 0
    }
}
