import Hummingbird
import PendoEvents

/// Counts every answer by route and status, and turns thrown ``Problem``s and Hummingbird's own
/// errors (an unknown path: 404) into problem documents, so that every error has one.
struct MetricsMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let core: EmulatorCore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        // `GET /metrics` itself is left out, so that it reads the requests it does not answer. An
        // origin-form target (`/path?query`) starts with its path, so it is read as sent: `uri.path`
        // makes a new `String` at every use.
        let target = request.head.path ?? ""
        let counted = !(target.hasPrefix("/") ? target : request.uri.path).hasPrefix("/metrics")
        if counted { self.core.metrics.inFlight.increment() }
        defer { if counted { self.core.metrics.inFlight.decrement() } }
        let response: Response
        do {
            response = try await next(request, context)
        } catch let problem as Problem {
            response = problem.response()
        } catch let error as HTTPError {
            response = EmulatorCore.problem(for: error, request: request).response()
        } catch {
            if Task.isCancelled { self.core.cancelledRequests.add(1, ordering: .relaxed) }
            throw error
        }
        self.core.metrics.countRequest(
            route: context.endpointPath ?? "unmatched", method: request.method.rawValue, status: response.status.code)
        return response
    }
}

/// Holds and fails requests as the fault configuration says (stall, latency, 429, error statuses).
struct FaultMiddleware: RouterMiddleware {
    typealias Context = BasicRequestContext
    let core: EmulatorCore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let path = request.uri.path
        guard EmulatorCore.faultScopeApplies(self.core.configuration.faults.scope, path: path) else {
            return try await next(request, context)
        }
        let now = self.core.elapsed()
        let decision = self.core.faults.withLock { $0.decide(now: now) }
        if decision.delay > 0 {
            try await Task.sleep(for: DurationText.duration(seconds: decision.delay))
        }
        if let fault = decision.fault {
            return self.core.faultProblem(fault, path: path).response()
        }
        return try await next(request, context)
    }
}

extension EmulatorCore {
    /// The answer for an injected fault, shaped as the inlet's or the Platform API's problems.
    func faultProblem(_ fault: FaultInjector.Fault, path: String) -> Problem {
        let isInlet = path.hasPrefix("/collection/")
        switch fault {
        case .status(let status):
            let title =
                status == 503 ? "Service Unavailable" : (status == 500 ? "Internal Server Error" : "Injected Fault")
            let message = "injected fault: \(status) (pendo-replay serve --error-rate)"
            return isInlet
                ? InletProblem.make(status, title: title, message: message)
                : .platform(status, code: "EMULATOR-\(status)", title: title, detail: message)
        case .overCapacity(let reason):
            return isInlet
                ? InletProblem.make(503, title: "Service Unavailable", message: reason)
                : .platform(503, code: "EMULATOR-503", title: "Service Unavailable", detail: reason)
        case .tooManyRequests(let retryAfter, let reason):
            var problem =
                isInlet
                ? InletProblem.make(429, title: "Too Many Requests", message: "Too many requests: \(reason)")
                : Problem.platform(
                    429, code: "EMULATOR-429", title: "Too Many Requests", detail: "Too many requests: \(reason)")
            if let retryAfter { problem.headers[.retryAfter] = String(retryAfter) }
            return problem
        }
    }
}

extension EmulatorCore {
    /// The problem document for an error Hummingbird raises itself (no route: 404; a body too
    /// large: 413), shaped as the inlet's or the Platform API's problems.
    static func problem(for error: HTTPError, request: Request) -> Problem {
        let status = Int(error.status.code)
        let path = request.uri.path
        let detail: String
        if status == 404 {
            detail =
                "No endpoint \(request.method.rawValue) \(path): docs/EMULATOR.md lists what the emulator implements"
        } else {
            detail = error.body ?? "\(request.method.rawValue) \(path): \(error.status.reasonPhrase)"
        }
        var problem =
            path.hasPrefix("/collection/")
            ? InletProblem.make(status, title: error.status.reasonPhrase, message: detail)
            : Problem.platform(
                status, code: "PLATFORM-\(status)-\(status)", title: error.status.reasonPhrase, detail: detail)
        for field in error.headers where field.name != .contentType && field.name != .contentLength {
            problem.headers.append(field)
        }
        return problem
    }
}
