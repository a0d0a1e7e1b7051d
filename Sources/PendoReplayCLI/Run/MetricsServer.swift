import Hummingbird
import LoadDriver
import Logging
import NIOCore

/// The listener of `run --metrics-port`: `GET /metrics` answers the run's Prometheus text, brought up
/// to date from the run's live counts at each scrape. Loopback by default (`--metrics-address` to
/// widen, as a pod's scrape needs); it stops when the run's task ends.
struct MetricsServer {
    let host: String
    let port: Int

    /// Serves until `body` returns (or throws), then stops. Throws when the port cannot be bound,
    /// before `body` runs.
    func serving<T: Sendable>(run: LoadRun, metrics: RunMetrics, _ body: () async throws -> T) async throws -> T {
        let router = Router(context: BasicRequestContext.self)
        router.get("metrics") { _, _ in
            metrics.update(run.progress())
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: metrics.exposition())))
        }
        var logger = Logger(label: "pendo-replay.metrics")
        logger.logLevel = .critical
        let (started, continuation) = AsyncStream<Bool>.makeStream()
        let application = Application(
            router: router, configuration: ApplicationConfiguration(address: .hostname(self.host, port: self.port)),
            onServerRunning: { _ in
                continuation.yield(true)
                continuation.finish()
            }, logger: logger)
        let task = Task {
            defer { continuation.finish() }
            try await application.runService(gracefulShutdownSignals: [])
        }
        var running = false
        for await value in started { running = value }
        guard running else {
            do {
                try await task.value
            } catch {
                throw CLIError("--metrics-port \(self.port): cannot listen on \(self.host):\(self.port): \(error)")
            }
            throw CLIError(
                "--metrics-port \(self.port): the metrics listener on \(self.host):\(self.port) stopped before it ran")
        }
        defer { task.cancel() }
        return try await body()
    }
}
