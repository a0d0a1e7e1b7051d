import Foundation
import ReplayCommon

/// Counts distinct values: exactly while there are few, then approximately (HyperLogLog with
/// 2^14 registers, about 0.8 % standard error) with memory that no longer grows.
public struct DistinctCounter: Sendable {
    /// How many distinct hashes are kept exactly before switching to the estimate.
    public let exactLimit: Int
    private var exact: Set<UInt64> = []
    private var isExact = true
    private var registers = [UInt8](repeating: 0, count: 1 << 14)

    /// A counter exact up to `exactLimit` distinct values.
    public init(exactLimit: Int = 200_000) {
        self.exactLimit = exactLimit
    }

    /// Whether `count` is exact.
    public var countIsExact: Bool { self.isExact }

    /// Adds the value whose bytes are `bytes[range]`.
    public mutating func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.add(hash: DistinctCounter.hash(bytes))
    }

    /// Adds a value by its 64-bit hash.
    public mutating func add(hash: UInt64) {
        let index = Int(hash >> 50)
        let rest = (hash << 14) | (1 << 13)
        let rank = UInt8(rest.leadingZeroBitCount + 1)
        if rank > self.registers[index] { self.registers[index] = rank }
        if self.isExact {
            self.exact.insert(hash)
            if self.exact.count > self.exactLimit {
                self.isExact = false
                self.exact = []
            }
        }
    }

    /// The number of distinct values (exact, or HyperLogLog's estimate).
    public var count: Int {
        if self.isExact { return self.exact.count }
        let m = Double(self.registers.count)
        var sum = 0.0
        var zeros = 0
        for r in self.registers {
            sum += 1 / Double(UInt64(1) << UInt64(r))
            if r == 0 { zeros += 1 }
        }
        let alpha = 0.7213 / (1 + 1.079 / m)
        var estimate = alpha * m * m / sum
        if estimate <= 2.5 * m && zeros > 0 {
            estimate = m * log(m / Double(zeros))
        }
        return Int(estimate.rounded())
    }

    /// A 64-bit hash of bytes (FNV-1a folded through a strong mixer).
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes {
            h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3
        }
        return SeededRandom.mix(h)
    }
}
