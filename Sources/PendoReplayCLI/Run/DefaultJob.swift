import FlowServiceClient
import Foundation
import InletEmulator
import ReplayCommon
import Reports

/// The main job (`pendo-replay` with no arguments, or `run --emulator`): starts the emulator
/// in-process on 127.0.0.1 (port 0, temporary data folder), provisions the seed's Flow Service
/// chain in it through its HTTP API, writes `outcomes.jsonl.gz`, and after the run reconciles it with
/// the records the emulator stored, event by event (exit 1 on loss).
final class DefaultJob: Sendable {
    /// The seed bundle, relative to the current directory (the package root).
    static let seedBundle = "corpora/pendo-seed"
    /// The default load when none is given: open loop at this rate...
    static let defaultRate = 2000.0
    /// ...for at most this long (the seed's 20,000 events take about 10 s at 2,000/s).
    static let defaultDuration = "10s"

    let emulator: InletEmulator
    let chain: SeedChain.Created
    let target: FlowTarget

    private init(emulator: InletEmulator, chain: SeedChain.Created, target: FlowTarget) {
        self.emulator = emulator
        self.chain = chain
        self.target = target
    }

    /// The bundle whose mapping.json and schema.json are provisioned: `corpus` when it is such a
    /// folder, else the seed; a clear error when neither is there.
    static func bundle(for corpus: [String]) throws -> String {
        let fm = FileManager.default
        func isBundle(_ path: String) -> Bool {
            fm.fileExists(atPath: (path as NSString).appendingPathComponent("mapping.json"))
                && fm.fileExists(atPath: (path as NSString).appendingPathComponent("schema.json"))
        }
        if corpus.count == 1, isBundle(corpus[0]) { return corpus[0] }
        if isBundle(Self.seedBundle) { return Self.seedBundle }
        throw CLIError(
            """
            the default job needs \(Self.seedBundle)/ (mapping.json, schema.json, events.jsonl.gz) under the \
            current directory \(fm.currentDirectoryPath); run pendo-replay from the package root, or give \
            --corpus BUNDLE (a folder with mapping.json and schema.json), or --inlet URL for your own inlet
            """)
    }

    /// Starts the emulator and provisions the chain of `bundle` through its Flow Service API.
    static func start(bundle: String) async throws -> DefaultJob {
        let emulator = try InletEmulator(
            configuration: EmulatorConfiguration(host: "127.0.0.1", port: 0, dataDirectory: nil))
        do {
            let port = try await emulator.start()
            let client = FlowServiceClient(
                configuration: .init(baseURL: "http://127.0.0.1:\(port)", credentials: .emulator))
            let chain = try await SeedChain(bundle: bundle).provision(client: client)
            return DefaultJob(
                emulator: emulator, chain: chain, target: FlowTarget(flowId: chain.flowId, client: client))
        } catch {
            await emulator.stop()
            throw error
        }
    }

    /// One line on what was set up.
    var banner: String {
        "emulator on \(self.emulator.baseURL ?? "?") (in-process, temporary data), flow \(self.chain.flowId), inlet \(Redaction.url(self.chain.inletUrl))"
    }

    /// Events the emulator's store holds, polled for up to `wait` seconds until it reaches
    /// `expected` (the store commits in groups).
    func storedCount(expected: Int, wait: Double = 5) async -> Int? {
        let deadline = Date().addingTimeInterval(wait)
        var count: Int?
        while true {
            count = try? self.emulator.store.recordCount()
            if let count, count >= expected { return count }
            if Date() >= deadline { return count }
            try? await Task.sleep(nanoseconds: 100_000_000)
        }
    }

    /// After the run: the flow's `/runs` through the Flow Service API, the store's count, and the
    /// per-event reconciliation of `outcomes.jsonl.gz` with the store (`keyPath`: where stored raw
    /// messages hold the event's `uniqueId`).
    func afterRun(keyPath: String?) -> @Sendable (RunReport, String?) async -> AfterRun {
        let job = self
        return { report, outcomesPath in
            let accepted = report.events.accepted
            let stored = await job.storedCount(expected: accepted)
            var platform = await job.target.platformSummary(expected: accepted)
            platform?.stored = stored
            var after = AfterRun(platform: platform, stored: stored)
            guard let outcomesPath, let keyPath else {
                let why = outcomesPath == nil ? "no outcomes file was written" : "the mapping writes uniqueId nowhere"
                after.reconciliation = Reconciliation(
                    method: .perEvent, holds: stored == accepted,
                    note: "not per event (\(why)): stored \(stored.map(String.init) ?? "unknown"), accepted \(accepted)"
                )
                return after
            }
            do {
                let keys = try job.emulator.store.keyCounts(keyPath: keyPath, flowId: job.chain.flowId)
                after.reconciliation = try OutcomesReconciliation.perEvent(outcomesPath: outcomesPath, stored: keys)
            } catch {
                after.failed = true
                after.lines.append("reconciliation FAILED: \(error)")
            }
            return after
        }
    }

    /// Stops the emulator and removes its temporary data.
    func stop() async {
        await self.emulator.stop()
    }
}
