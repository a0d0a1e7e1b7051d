import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The CPU time this process has used, every thread's, user and system: a capacity step compares it
/// with the step's wall time to tell a generator short of CPU (`CapacitySearchConfig.generatorCPULimit`).
enum ProcessCPUTime {
    /// Seconds of CPU used so far, or nil when the system does not say.
    static func seconds() -> Double? {
        var usage = rusage()
        #if canImport(Glibc)
            let who = __rusage_who_t(RUSAGE_SELF.rawValue)
        #else
            let who = RUSAGE_SELF
        #endif
        guard getrusage(who, &usage) == 0 else { return nil }
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1_000_000
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1_000_000
    }

    /// The share of `cores` that `cpuSeconds` of CPU over `wallSeconds` amounts to (0-1, may exceed 1
    /// slightly from rounding), or nil when either is unknown or the wall time is not positive.
    static func share(cpuSeconds: Double?, wallSeconds: Double, cores: Int) -> Double? {
        guard let cpuSeconds, wallSeconds > 0, cores > 0, cpuSeconds.isFinite else { return nil }
        return cpuSeconds / wallSeconds / Double(cores)
    }
}
