import Histogram

/// HdrHistogram's counts-array index arithmetic, recomputed from a histogram's public settings
/// (hdrhistogram-swift keeps its own internal). The V2 encoding is a list of counts by index, so
/// encoding and decoding need the same mapping as every other HdrHistogram implementation.
struct HdrLayout: Equatable {
    let unitMagnitude: Int
    let subBucketHalfCountMagnitude: Int
    let subBucketCount: Int
    let subBucketHalfCount: Int
    let subBucketMask: UInt64
    let leadingZeroCountBase: Int

    init(lowestDiscernibleValue: UInt64, significantDigits: Int) {
        var unit = 0
        while (UInt64(1) << (unit + 1)) <= lowestDiscernibleValue { unit += 1 }
        self.unitMagnitude = unit
        var largest: UInt64 = 2
        for _ in 0..<significantDigits { largest *= 10 }
        var magnitude = 0
        while (UInt64(1) << magnitude) < largest { magnitude += 1 }
        self.subBucketHalfCountMagnitude = max(magnitude, 1) - 1
        self.subBucketCount = 1 << (self.subBucketHalfCountMagnitude + 1)
        self.subBucketHalfCount = self.subBucketCount / 2
        self.subBucketMask = UInt64(self.subBucketCount - 1) << unit
        self.leadingZeroCountBase = 64 - unit - (self.subBucketHalfCountMagnitude + 1)
    }

    init<Count>(_ histogram: Histogram<Count>) {
        self.init(
            lowestDiscernibleValue: histogram.lowestDiscernibleValue,
            significantDigits: Int(histogram.numberOfSignificantValueDigits.rawValue))
    }

    func countsIndex(for value: UInt64) -> Int {
        let bucketIndex = self.leadingZeroCountBase - (value | self.subBucketMask).leadingZeroBitCount
        let subBucketIndex = Int(value >> UInt64(bucketIndex + self.unitMagnitude))
        let bucketBaseIndex = (bucketIndex + 1) << self.subBucketHalfCountMagnitude
        return bucketBaseIndex + subBucketIndex - self.subBucketHalfCount
    }

    func value(at index: Int) -> UInt64 {
        var bucketIndex = (index >> self.subBucketHalfCountMagnitude) - 1
        var subBucketIndex = (index & (self.subBucketHalfCount - 1)) + self.subBucketHalfCount
        if bucketIndex < 0 {
            subBucketIndex -= self.subBucketHalfCount
            bucketIndex = 0
        }
        return UInt64(subBucketIndex) << UInt64(bucketIndex + self.unitMagnitude)
    }
}
