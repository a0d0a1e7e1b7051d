import DataPrep
import Foundation
import NIOCore
import Synchronization

/// The emulator's shared state: configuration, database, group-commit writer, resources,
/// metrics and faults. Route handlers are extensions of it.
final class EmulatorCore: Sendable {
    let configuration: EmulatorConfiguration
    let store: DatasetStore
    let writer: GroupCommitWriter
    let registry: Registry
    let metrics: EmulatorMetrics
    let ids: Identifiers
    let faults: Mutex<FaultInjector>
    let wireFaults: WireFaultSampler
    let started = ContinuousClock.now
    /// The port the server is bound to (0 until it runs).
    let boundPort = Atomic<Int>(0)
    /// The commit batch of each event loop that has served an inlet request (``InletChannelHandler``).
    private let loopBatches = Mutex<[ObjectIdentifier: LoopCommitBatch]>([:])
    /// Requests whose task was cancelled before they were answered (by the shutdown bound), so
    /// that `serve` can say how many it dropped.
    let cancelledRequests = Atomic<Int>(0)

    init(configuration: EmulatorConfiguration, databasePath: String) throws {
        self.configuration = configuration
        self.store = try DatasetStore(
            path: databasePath, synchronousFull: configuration.synchronousFull,
            checkpointInterval: configuration.checkpointInterval)
        let registry = Registry()
        self.registry = registry
        let metrics = EmulatorMetrics()
        self.metrics = metrics
        self.ids = Identifiers(seed: configuration.idSeed)
        self.faults = Mutex(FaultInjector(configuration: configuration.faults))
        self.wireFaults = WireFaultSampler(configuration: configuration.faults, metrics: metrics)
        self.writer = GroupCommitWriter(
            store: self.store,
            window: configuration.commitWindow,
            maxBatch: configuration.commitMaxBatch
        ) { records, duration in
            registry.add(records)
            metrics.commitDuration.record(duration)
            metrics.commitRecords.record(Double(records.count))
            var stored: Int64 = 0
            for record in records {
                if case .stored = record.decision { stored += 1 }
            }
            if stored > 0 { metrics.ingested.increment(by: stored) }
            if Int64(records.count) > stored { metrics.rejected.increment(by: Int64(records.count) - stored) }
        }
        try self.restore()
    }

    /// Seconds since start-up (the fault clock).
    func elapsed() -> Double {
        if let uptime = self.configuration.uptime { return uptime() }
        let duration = ContinuousClock.now - self.started
        return Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    func nowMs() -> Int64 { self.configuration.nowMs() }

    /// `loop`'s commit batch, made at its first use.
    func commitBatch(on loop: any EventLoop) -> LoopCommitBatch {
        self.loopBatches.withLock { batches in
            if let batch = batches[ObjectIdentifier(loop)] { return batch }
            let batch = LoopCommitBatch(loop: loop, writer: self.writer)
            batches[ObjectIdentifier(loop)] = batch
            return batch
        }
    }

    /// Loads saved resources and rebuilds inlet routes and run totals (after a restart).
    private func restore() throws {
        for (kind, id, document) in try self.store.loadResources() {
            guard let kind = ResourceKind(rawValue: kind), let json = try? JSONValue.parse(document) else { continue }
            self.registry.put(kind, id, json)
        }
        for (_, flow) in self.registry.all(.flows) {
            if let route = try? self.makeInletRoute(flow: flow) {
                self.registry.setInlet(route)
            }
        }
        self.registry.setTotals(try self.store.flowTotals())
    }

    /// Saves a resource in memory and in the database.
    func save(_ kind: ResourceKind, _ id: String, _ document: JSONValue) throws {
        try self.store.saveResource(kind: kind.rawValue, id: id, document: document.serialized())
        self.registry.put(kind, id, document)
    }

    func delete(_ kind: ResourceKind, _ id: String) throws -> JSONValue? {
        try self.store.deleteResource(kind: kind.rawValue, id: id)
        return self.registry.remove(kind, id)
    }

    func close() {
        self.writer.close()
        self.store.close()
    }
}

/// The connection faults' rules (``WireFaults``), shared by all connections.
final class WireFaultSampler: Sendable {
    let configuration: FaultConfiguration
    /// Where faults done are counted (none in handler tests).
    let metrics: EmulatorMetrics?
    private let faults: Mutex<WireFaults>

    init(configuration: FaultConfiguration, metrics: EmulatorMetrics? = nil) {
        self.configuration = configuration
        self.metrics = metrics
        self.faults = Mutex(WireFaults(configuration: configuration))
    }

    /// Counts a fault done to a connection.
    func count(_ fault: String) {
        self.metrics?.countFault(fault)
    }

    /// Whether connections need the fault handler.
    var isActive: Bool { self.configuration.affectsTheWire }

    /// Whether answers can be touched at all (cut, trickled, followed by a close).
    var touchesAnswers: Bool {
        self.configuration.closeMidAnswerRate > 0 || self.configuration.trickleBytesPerSecond != nil
            || self.configuration.closeEvery != nil
    }

    /// Whether the request for `path` should be answered by a reset.
    func shouldReset(path: String) -> Bool {
        guard self.configuration.resetRate > 0 else { return false }
        return self.faults.withLock { $0.resetsRequest(path: path) }
    }

    /// What to do with the answer to a request for `path`.
    func planAnswer(path: String, contentLength: Int?) -> WireFaults.AnswerPlan {
        guard self.touchesAnswers else { return .untouched }
        return self.faults.withLock { $0.planAnswer(path: path, contentLength: contentLength) }
    }
}

extension EmulatorCore {
    /// Whether faults of `scope` apply to a request for `path`.
    static func faultScopeApplies(_ scope: FaultConfiguration.Scope, path: String) -> Bool {
        if path.hasPrefix("/metrics") { return false }
        let isInlet = path.hasPrefix("/collection/")
        switch scope {
        case .inlet: return isInlet
        case .api: return path.hasPrefix("/data/")
        case .all: return true
        }
    }
}
