/// One finished second of a run, as a watcher outside the report sees it (`run --metrics-port`): its
/// counts, and its corrected latencies as (value, count) pairs, cheap to replay into another kind of
/// histogram.
public struct IntervalDigest: Sendable {
    /// Seconds from the run's start.
    public var second: Int
    /// Requests answered in the second.
    public var requests: Int
    /// Events accepted in the second.
    public var accepted: Int
    /// Requests that ended in an error in the second.
    public var errors: Int
    /// Latency from the intended send time, microseconds: each distinct recorded value with its count.
    public var latency: [(microseconds: UInt64, count: UInt64)]
    /// The second's p99 schedule lag, milliseconds.
    public var lagP99: Double
}
