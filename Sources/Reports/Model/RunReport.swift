/// The summary of one load run, written as `report.json` (documented field by field in docs/REPORT.md).
///
/// Versioned: `schemaVersion` changes whenever a field changes meaning or goes away; added fields keep
/// the version. Everything a renderer, a threshold or a later merge needs is in here, including the
/// merged HdrHistograms in HdrHistogram's V2 encoding (`HdrWireFormat`), so a report can be
/// re-rendered, compared or merged without re-running it.
///
/// Accounting invariants (see `EventCounts`): `planned = sent + unsent` and
/// `sent = accepted + rejected + failed + unknown`.
public struct RunReport: Codable, Sendable, Equatable {
    /// The schema version this code writes.
    public static let currentSchemaVersion = 2

    /// The version of this document's layout.
    public var schemaVersion: Int
    /// The program that wrote the report.
    public var tool: ToolInfo
    /// The run's configuration as given, secrets redacted.
    public var configuration: RunConfigurationRecord
    /// Wall-clock start of the run (RFC 3339, UTC, milliseconds).
    public var startedAt: String
    /// Wall-clock end of the run (RFC 3339, UTC, milliseconds).
    public var endedAt: String
    /// Seconds from the first send to the last answer (monotonic clock).
    public var durationSeconds: Double
    /// Why the run stopped.
    public var stopReason: StopReason
    /// Where every planned event went.
    public var events: EventCounts
    /// HTTP requests sent and answered.
    public var requests: RequestCounts
    /// Latency percentiles: `corrected` from the intended send time, `uncorrected` from the actual send.
    public var latency: LatencyPair
    /// Achieved rates over `durationSeconds`.
    public var throughput: Throughput
    /// How far behind its plan the open-loop pacer sent, and what it dropped.
    public var schedule: ScheduleSummary
    /// Error classes with counts and one sample each, most frequent first.
    public var errors: [ErrorEntry]
    /// One entry per second of the run.
    public var intervals: [IntervalSample]
    /// The merged histograms of the whole run, encoded.
    public var histograms: EncodedHistograms
    /// The platform's record summary for the run's flow (`GET /runs`), when the run went through a
    /// flow (`run --flow`, `--flow-service`, or the default job); absent otherwise.
    public var platform: PlatformRecordSummary?
    /// What the inlet stored, compared with the run's outcomes (per event against the emulator, by the
    /// flow's `/runs` counts before and after against a real platform); absent when the run did not
    /// go through a flow or the emulator.
    public var reconciliation: Reconciliation?
    /// The threshold whose failure stopped the run (`stopReason` `aborted`); absent otherwise.
    public var abortedBy: String?
    /// The id shared by the shards of one run (`run --run-id`); absent when none was given.
    public var runId: String?
    /// Which shard of the run this report covers (`run --shard K/N`); absent for a whole run (a single
    /// process, or the merge of all shards).
    public var shard: ShardPosition?
    /// A merge of shards: one row per shard report, in shard order, so that one slow generator shows;
    /// absent otherwise.
    public var shards: [ShardSummary]?

    /// All fields, `schemaVersion` defaulting to the current one.
    public init(
        schemaVersion: Int = RunReport.currentSchemaVersion,
        tool: ToolInfo,
        configuration: RunConfigurationRecord,
        startedAt: String,
        endedAt: String,
        durationSeconds: Double,
        stopReason: StopReason,
        events: EventCounts,
        requests: RequestCounts,
        latency: LatencyPair,
        throughput: Throughput,
        schedule: ScheduleSummary,
        errors: [ErrorEntry],
        intervals: [IntervalSample],
        histograms: EncodedHistograms,
        platform: PlatformRecordSummary? = nil,
        reconciliation: Reconciliation? = nil
    ) {
        self.schemaVersion = schemaVersion
        self.tool = tool
        self.configuration = configuration
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.durationSeconds = durationSeconds
        self.stopReason = stopReason
        self.events = events
        self.requests = requests
        self.latency = latency
        self.throughput = throughput
        self.schedule = schedule
        self.errors = errors
        self.intervals = intervals
        self.histograms = histograms
        self.platform = platform
        self.reconciliation = reconciliation
    }
}

/// The program that wrote a report.
public struct ToolInfo: Codable, Sendable, Equatable {
    /// Always `pendo-replay` for reports this project writes.
    public var name: String
    /// Its version (`pendo-replay --version`).
    public var version: String

    public init(name: String = "pendo-replay", version: String) {
        self.name = name
        self.version = version
    }
}

/// Why a run stopped.
public enum StopReason: String, Codable, Sendable, Equatable {
    /// Every event of the corpus (or the stages' end) was sent and answered.
    case completed
    /// `--duration` elapsed.
    case duration
    /// `--requests` were sent and answered.
    case requests
    /// Ctrl-C, SIGTERM, or the embedding program asked it to stop.
    case interrupted
    /// The inlet could not be reached at all.
    case unreachable
    /// `--abort-on-fail` stopped it: a threshold failed (`RunReport.abortedBy` names it).
    case aborted
}
