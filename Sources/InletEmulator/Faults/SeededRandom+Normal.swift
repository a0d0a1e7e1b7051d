import DataPrep
import ReplayCommon

extension SeededRandom {
    /// A standard normal draw (Box-Muller).
    mutating func normal() -> Double {
        let u1 = max(self.unit(), .leastNonzeroMagnitude)
        let u2 = self.unit()
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
