import Foundation
import ReplayCommon

/// Draws ranks 1...n with probability proportional to 1/k^s in O(1) time and memory
/// (Hörmann and Derflinger's rejection-inversion), so popularity can be skewed over millions
/// of visitors without a table.
public struct ZipfSampler: Sendable {
    /// The number of ranks.
    public let n: Int
    /// The exponent (> 0); about 1 for web popularity.
    public let exponent: Double
    private let hIntegralX1: Double
    private let hIntegralN: Double
    private let sBound: Double

    /// A sampler over `1...n` with exponent `exponent`.
    public init(n: Int, exponent: Double) {
        self.n = max(n, 1)
        self.exponent = exponent
        self.hIntegralX1 = ZipfSampler.hIntegral(1.5, exponent) - 1
        self.hIntegralN = ZipfSampler.hIntegral(Double(self.n) + 0.5, exponent)
        self.sBound =
            2
            - ZipfSampler.hIntegralInverse(ZipfSampler.hIntegral(2.5, exponent) - ZipfSampler.h(2, exponent), exponent)
    }

    /// A rank in `1...n`.
    public func sample(_ random: inout SeededRandom) -> Int {
        if self.n == 1 { return 1 }
        while true {
            let u = self.hIntegralN + random.unit() * (self.hIntegralX1 - self.hIntegralN)
            let x = ZipfSampler.hIntegralInverse(u, self.exponent)
            var k = Int(x + 0.5)
            if k < 1 { k = 1 } else if k > self.n { k = self.n }
            if Double(k) - x <= self.sBound
                || u >= ZipfSampler.hIntegral(Double(k) + 0.5, self.exponent) - ZipfSampler.h(Double(k), self.exponent)
            {
                return k
            }
        }
    }

    private static func h(_ x: Double, _ s: Double) -> Double { exp(-s * log(x)) }

    private static func hIntegral(_ x: Double, _ s: Double) -> Double {
        let logX = log(x)
        return helper2((1 - s) * logX) * logX
    }

    private static func hIntegralInverse(_ x: Double, _ s: Double) -> Double {
        var t = x * (1 - s)
        if t < -1 { t = -1 }
        return exp(helper1(t) * x)
    }

    /// log1p(x)/x, accurate near 0.
    private static func helper1(_ x: Double) -> Double {
        abs(x) > 1e-8 ? log1p(x) / x : 1 - x * (0.5 - x * (1.0 / 3 - 0.25 * x))
    }

    /// expm1(x)/x, accurate near 0.
    private static func helper2(_ x: Double) -> Double {
        abs(x) > 1e-8 ? expm1(x) / x : 1 + x * 0.5 * (1 + x * (1.0 / 3) * (1 + 0.25 * x))
    }
}
