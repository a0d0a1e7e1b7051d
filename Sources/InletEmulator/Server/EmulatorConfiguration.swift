import DataPrep
import Foundation
import ReplayCommon

/// Everything `pendo-replay serve` (or a command starting the emulator in-process) can set.
public struct EmulatorConfiguration: Sendable {
    /// Address to bind (loopback by default).
    public var host: String
    /// Port to bind; 0 picks a free one (read it back from ``InletEmulator/start()``).
    public var port: Int
    /// Folder of the SQLite database (`emulator.sqlite`); nil makes a temporary folder that is
    /// removed when the emulator stops.
    public var dataDirectory: String?
    /// `PRAGMA synchronous=FULL` instead of NORMAL: commits survive power loss, not only a killed process.
    public var synchronousFull: Bool
    /// How long the group-commit writer waits for more records after the first one arrives (0: not
    /// at all; records that arrive during a commit go in the next, so batches still grow with the load).
    public var commitWindow: TimeInterval
    /// Commit at once when this many records are waiting.
    public var commitMaxBatch: Int
    /// Seconds between checkpoints of the SQLite log, which a thread of their own copies into the
    /// database after commits instead of the writer (``WALCheckpointer``); nil leaves them to the
    /// writer, every 1,000 pages (SQLite's default).
    public var checkpointInterval: TimeInterval?
    /// When set, Platform API requests must carry `Authorization: Bearer <this>` (any token otherwise),
    /// authenticated inlets accept only this token, and so do `/emulator/*` and `/metrics` (open otherwise).
    public var requiredToken: String?
    /// Every inlet requires a token (as an inlet created with `authenticationRequired: true`).
    public var inletAuthenticationRequired: Bool
    /// The tenant id used in schema ids (`https://ns.adobe.com/{tenant}/schemas/...`).
    public var tenant: String
    /// The base URL written into `options.inletUrl` (e.g. `http://127.0.0.1:8080`); nil uses the
    /// `Host` header of the request that asks, which is this server as the client reached it.
    public var publicBaseURL: String?
    /// Largest inlet request body, in bytes; larger ones get 413 (Adobe: 1 MB).
    public var maxRequestBytes: Int
    /// Most messages in one batch request; more get 400 naming the cap. Bounds the work one request
    /// makes (thousands of tiny messages fit in 1 MB), as `maxRequestBytes` bounds its size.
    public var maxBatchMessages: Int
    /// Faults to inject.
    public var faults: FaultConfiguration
    /// Serve HTTPS with this certificate and key (nil: plain HTTP).
    public var tls: TLSFiles?
    /// Seconds a client connection may stay idle (no request being read or answered) before the
    /// emulator closes it (nil: never), as load balancers in front of an inlet do.
    public var idleTimeout: Double?
    /// Seconds the graceful shutdown after SIGINT or SIGTERM may take (answering what is in flight)
    /// before what is left is cancelled; a second signal cancels at once. What was acknowledged is
    /// committed either way: an answer is only sent after its commit.
    public var shutdownTimeout: Double
    /// Builds a flow's mapper from its mapping set and schema documents. Default:
    /// ``DataPrepRecordMapper`` (the Data Prep engine), its `uuid()` seeded from ``idSeed`` and a
    /// distinct seed per event, its `now()` from ``nowMs`` (both as given to `init`: set your own
    /// factory to follow later changes of these fields).
    public var mapperFactory: RecordMapperFactory
    /// Builds the validator of flows without a mapping set (XDM messages). Default:
    /// ``DataPrepRecordValidator`` (`XDMSchema.validate` on `body.xdmEntity`).
    public var validatorFactory: RecordValidatorFactory
    /// Seed of generated ids.
    public var idSeed: UInt64
    /// The clock, epoch milliseconds (injectable for tests).
    public var nowMs: @Sendable () -> Int64
    /// Seconds since start-up, the clock the fault rules run on (stall window, rate limit,
    /// guardrails); nil is the monotonic clock. Tests inject a manual one so that a rule's outcome
    /// does not depend on how fast the machine answers.
    public var uptime: (@Sendable () -> Double)?

    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        dataDirectory: String? = nil,
        synchronousFull: Bool = false,
        commitWindow: TimeInterval = 0,
        commitMaxBatch: Int = 512,
        checkpointInterval: TimeInterval? = 0.01,
        requiredToken: String? = nil,
        inletAuthenticationRequired: Bool = false,
        tenant: String = "extconndev",
        publicBaseURL: String? = nil,
        maxRequestBytes: Int = 1_048_576,
        maxBatchMessages: Int = 10_000,
        faults: FaultConfiguration = .init(),
        tls: TLSFiles? = nil,
        idleTimeout: Double? = nil,
        shutdownTimeout: Double = 10,
        mapperFactory: RecordMapperFactory? = nil,
        validatorFactory: @escaping RecordValidatorFactory = { try DataPrepRecordValidator(schema: $0) },
        idSeed: UInt64 = SeededRandom.systemSeed(),
        nowMs: @escaping @Sendable () -> Int64 = { Int64(Date().timeIntervalSince1970 * 1000) },
        uptime: (@Sendable () -> Double)? = nil
    ) {
        self.host = host
        self.port = port
        self.dataDirectory = dataDirectory
        self.synchronousFull = synchronousFull
        self.commitWindow = commitWindow
        self.commitMaxBatch = commitMaxBatch
        self.checkpointInterval = checkpointInterval
        self.requiredToken = requiredToken
        self.inletAuthenticationRequired = inletAuthenticationRequired
        self.tenant = tenant
        self.publicBaseURL = publicBaseURL
        self.maxRequestBytes = maxRequestBytes
        self.maxBatchMessages = maxBatchMessages
        self.faults = faults
        self.tls = tls
        self.idleTimeout = idleTimeout
        self.shutdownTimeout = shutdownTimeout
        // One seed sequence for every flow's mapper: no two events (of any flow) share a seed.
        let seeds = SeedSequence(base: idSeed)
        self.mapperFactory =
            mapperFactory ?? { mappingSet, schema in
                try DataPrepRecordMapper(mappingSet: mappingSet, schema: schema, seeds: seeds, nowMs: nowMs)
            }
        self.validatorFactory = validatorFactory
        self.idSeed = idSeed
        self.nowMs = nowMs
        self.uptime = uptime
    }
}

extension EmulatorConfiguration {
    /// `https` with TLS, else `http`.
    public var scheme: String { self.tls == nil ? "http" : "https" }
}

/// The PEM files of an HTTPS emulator.
public struct TLSFiles: Sendable, Equatable {
    /// The certificate chain, leaf first (`serve --tls-cert`).
    public var certificatePath: String
    /// The leaf's private key (`serve --tls-key`).
    public var privateKeyPath: String

    public init(certificatePath: String, privateKeyPath: String) {
        self.certificatePath = certificatePath
        self.privateKeyPath = privateKeyPath
    }
}
