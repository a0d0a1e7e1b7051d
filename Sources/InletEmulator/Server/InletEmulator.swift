import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL
import PendoEvents
import ServiceLifecycle
import Synchronization

/// The local stand-in for Adobe's Flow Service and streaming inlet, on Hummingbird.
///
/// In-process use (another command, a test):
/// ```swift
/// let emulator = try InletEmulator(configuration: .init(port: 0))
/// let port = try await emulator.start()          // bound port, server running
/// // ... POST to http://127.0.0.1:\(port)/data/foundation/flowservice/... and /collection/...
/// await emulator.stop()                           // drains, commits, closes the database
/// ```
/// `pendo-replay serve` uses ``run(onRunning:)``, which serves until ``shutDown()``.
public final class InletEmulator: Sendable {
    /// The configuration it was started with.
    public let configuration: EmulatorConfiguration
    /// Path of the SQLite database.
    public let databasePath: String
    /// The database (read records back, count them).
    public var store: DatasetStore { self.core.store }
    /// The Prometheus metrics.
    public var metrics: EmulatorMetrics { self.core.metrics }

    let core: EmulatorCore
    /// The server side of HTTPS, read from ``EmulatorConfiguration/tls`` at `init`.
    private let tlsConfiguration: TLSConfiguration?
    private let temporaryDirectory: String?
    private let running = Mutex<(task: Task<Void, any Error>?, port: Int?)>((nil, nil))
    /// ``run(onRunning:)``'s service group, whether ``shutDown()`` was asked for, and the count of
    /// cancelled requests then (those cancelled later are the ones the shutdown bound dropped).
    private let shutdown = Mutex<(group: ServiceGroup?, requested: Bool, cancelledBefore: Int)>((nil, false, 0))

    /// Opens (or creates) the database; the server starts with ``start()`` or ``run()``.
    public init(configuration: EmulatorConfiguration) throws {
        self.configuration = configuration
        self.tlsConfiguration = try configuration.tls.map(Self.loadTLS)
        let directory: String
        if let data = configuration.dataDirectory {
            directory = data
            self.temporaryDirectory = nil
        } else {
            directory = NSTemporaryDirectory() + "pendo-replay-emulator-\(UUID().uuidString)"
            self.temporaryDirectory = directory
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        self.databasePath = (directory as NSString).appendingPathComponent("emulator.sqlite")
        self.core = try EmulatorCore(configuration: configuration, databasePath: self.databasePath)
    }

    /// The bound port once started.
    public var port: Int? { self.running.withLock { $0.port } }

    /// `http://host:port` (`https://` with TLS) once started.
    public var baseURL: String? {
        self.port.map { "\(self.configuration.scheme)://\(self.configuration.host):\($0)" }
    }

    /// The certificate chain and key of `files`, or an error naming the file that cannot be used.
    static func loadTLS(_ files: TLSFiles) throws -> TLSConfiguration {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(files.certificatePath)
        } catch {
            throw EmulatorStartError(
                message:
                    "cannot read the TLS certificate \(files.certificatePath) (--tls-cert): \(error). Give a PEM file, leaf first."
            )
        }
        guard !chain.isEmpty else {
            throw EmulatorStartError(
                message: "the TLS certificate file \(files.certificatePath) (--tls-cert) holds no PEM certificate")
        }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: files.privateKeyPath, format: .pem)
        } catch {
            // The key's bytes never go into the message: only the file's name.
            throw EmulatorStartError(
                message:
                    "cannot read the TLS private key \(files.privateKeyPath) (--tls-key): not a readable PEM private key (\(type(of: error)))"
            )
        }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        // As the client requires: TLS 1.0 and 1.1 have known attacks, and no client of an inlet needs them.
        configuration.minimumTLSVersion = .tlsv12
        do {
            // Building a context checks that the key belongs to the certificate.
            _ = try NIOSSLContext(configuration: configuration)
        } catch {
            throw EmulatorStartError(
                message:
                    "the TLS key \(files.privateKeyPath) (--tls-key) does not fit the certificate \(files.certificatePath) (--tls-cert): \(error)"
            )
        }
        return configuration
    }

    /// Starts serving in a background task and returns the bound port (useful with port 0).
    public func start() async throws -> Int {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let application = try self.makeApplication { port in
            continuation.yield(port)
            continuation.finish()
        }
        let task = Task {
            do {
                try await application.runService(gracefulShutdownSignals: [])
            } catch {
                continuation.finish()
                throw error
            }
            continuation.finish()
        }
        self.running.withLock { $0.task = task }
        for await port in ports {
            self.running.withLock { $0.port = port }
            return port
        }
        try await task.value
        throw EmulatorStartError(message: "the server stopped before it was running")
    }

    /// Serves until ``shutDown()``, then answers what is in flight for at most
    /// ``EmulatorConfiguration/shutdownTimeout`` seconds, commits what is waiting and closes the
    /// database; answers how that went. `onRunning` receives the bound port. Signals are the
    /// caller's: `serve` stops on SIGINT and SIGTERM by the CLI's one rule for every command.
    public func run(onRunning: @escaping @Sendable (Int) -> Void = { _ in }) async throws -> EmulatorStop {
        let application = try self.makeApplication { port in
            onRunning(port)
        }
        var logger = Logger(label: "pendo-replay.emulator.lifecycle")
        logger.logLevel = .critical
        var configuration = ServiceGroupConfiguration(services: [application], logger: logger)
        configuration.maximumGracefulShutdownDuration = .nanoseconds(
            DurationText.nanoseconds(self.configuration.shutdownTimeout))
        let group = ServiceGroup(configuration: configuration)
        let stopAlready = self.shutdown.withLock { state in
            state.group = group
            return state.requested
        }
        if stopAlready {
            await group.triggerGracefulShutdown()
        }
        do {
            try await group.run()
        } catch {
            self.core.close()
            self.removeTemporaryDirectory()
            throw error
        }
        let cancelled =
            self.core.cancelledRequests.load(ordering: .relaxed) - self.shutdown.withLock { $0.cancelledBefore }
        self.core.close()
        let records = try? self.store.recordCount()
        self.removeTemporaryDirectory()
        return EmulatorStop(
            cancelledRequests: cancelled, records: records, databaseRemoved: self.temporaryDirectory != nil)
    }

    /// Stops a server running in ``run(onRunning:)`` gracefully: no new connections, what is in
    /// flight answered within ``EmulatorConfiguration/shutdownTimeout``. Before it runs, it will
    /// stop as soon as it starts.
    public func shutDown() {
        let cancelled = self.core.cancelledRequests.load(ordering: .relaxed)
        let group = self.shutdown.withLock { state -> ServiceGroup? in
            if !state.requested { state.cancelledBefore = cancelled }
            state.requested = true
            return state.group
        }
        if let group {
            Task { await group.triggerGracefulShutdown() }
        }
    }

    /// Removes the temporary database folder now, for a process about to end at once (a second
    /// signal to `serve`) without ``run(onRunning:)``'s own cleanup; with `dataDirectory` set it does
    /// nothing.
    public func removeTemporaryDatabase() {
        self.removeTemporaryDirectory()
    }

    /// Stops a server started with ``start()``: waits for it to finish, commits what is waiting,
    /// closes the writer and removes a temporary database.
    public func stop() async {
        let task = self.running.withLock { state -> Task<Void, any Error>? in
            let task = state.task
            state.task = nil
            return task
        }
        task?.cancel()
        _ = await task?.result
        self.core.close()
        self.removeTemporaryDirectory()
    }

    /// Removes the database folder made for a run without `dataDirectory` (closed first).
    private func removeTemporaryDirectory() {
        if let temporaryDirectory {
            try? FileManager.default.removeItem(atPath: temporaryDirectory)
        }
    }

    func makeApplication(onRunning: @escaping @Sendable (Int) -> Void) throws -> some ApplicationProtocol {
        let core = self.core
        let router = self.makeRouter()
        let http1 = HTTP1Channel.Configuration(
            idleTimeout: self.configuration.idleTimeout.map { .nanoseconds(DurationText.nanoseconds($0)) })
        // The faults act in the router's middleware (delays are a task's sleep), so that under a
        // fault configuration the inlet is served by its routes like every other request.
        let addition: EmulatorHTTP1Channel.Addition?
        if core.wireFaults.isActive {
            addition = .wireFaults(core.wireFaults)
        } else if core.configuration.faults.isActive {
            addition = nil
        } else {
            addition = .inlet(core)
        }
        var server: HTTPServerBuilder
        if let addition {
            server = HTTPServerBuilder { responder in
                EmulatorHTTP1Channel(
                    inner: HTTP1Channel(responder: responder, configuration: http1), addition: addition)
            }
        } else {
            server = .http1(configuration: http1)
        }
        if let tls = self.tlsConfiguration {
            server = try .tls(server, tlsConfiguration: tls)
        }
        // Each request's logger gets its own metadata: the handler formats it only for a message logged.
        let base = Logger(label: "pendo-replay.emulator")
        var logger = Logger(label: base.label) { _ in DeferredMetadataLogHandler(wrapping: base.handler) }
        logger.logLevel = .critical
        return Application(
            router: router,
            server: server,
            configuration: ApplicationConfiguration(
                address: .hostname(self.configuration.host, port: self.configuration.port),
                backlog: 1024
            ),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                core.boundPort.store(port, ordering: .relaxed)
                onRunning(port)
            },
            logger: logger
        )
    }

    /// The routes and middlewares the server answers with; ``RouteFuzzing`` drives them without
    /// sockets.
    func makeRouter() -> Router<BasicRequestContext> {
        let core = self.core
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: MetricsMiddleware(core: core))
        if let token = core.configuration.requiredToken {
            router.add(middleware: OperatorRoutesGate(requiredToken: token))
        }
        if core.configuration.faults.isActive {
            router.add(middleware: FaultMiddleware(core: core))
        }
        router.get("metrics") { _, _ in
            Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: core.metrics.exposition()))
            )
        }
        let platform = router.group("data/foundation").add(
            middleware: PlatformHeadersMiddleware(requiredToken: core.configuration.requiredToken))
        core.addFlowServiceRoutes(to: platform.group("flowservice"))
        core.addConversionRoutes(to: platform.group("conversion"))
        core.addSchemaRegistryRoutes(to: platform.group("schemaregistry"))
        core.addCatalogRoutes(to: platform.group("catalog"))
        core.addEdgeInletRoutes(
            to: router.group("data/core").add(
                middleware: PlatformHeadersMiddleware(requiredToken: core.configuration.requiredToken)))
        core.addInletRoutes(to: router)
        core.addInspectionRoutes(to: router.group("emulator"))
        return router
    }
}

/// How ``InletEmulator/run(onRunning:)`` ended, for `serve` to say.
public struct EmulatorStop: Sendable, Equatable {
    /// Requests still in flight when the shutdown bound passed, cancelled unanswered.
    public var cancelledRequests: Int
    /// Records in the database when it closed (stored and rejected), nil when it could not be read.
    public var records: Int?
    /// The database was a temporary one, now removed.
    public var databaseRemoved: Bool
}

/// The server could not start.
public struct EmulatorStartError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { self.message }
}
