/// HdrHistogram's counts-array index arithmetic (identical in the Java, C and Swift implementations),
/// used to walk a histogram's buckets in encoding order.
struct HistogramLayout {
    let unitMagnitude: Int
    let subBucketHalfCountMagnitude: Int
    let subBucketHalfCount: Int
    let subBucketMask: UInt64
    let leadingZeroCountBase: Int

    init(lowestDiscernibleValue: UInt64, significantDigits: Int) {
        var largest: UInt64 = 2
        for _ in 0..<significantDigits { largest *= 10 }
        self.unitMagnitude = 63 - lowestDiscernibleValue.leadingZeroBitCount
        let subBucketCountMagnitude = 64 - (largest - 1).leadingZeroBitCount  // ceil(log2(largest))
        self.subBucketHalfCountMagnitude = max(subBucketCountMagnitude, 1) - 1
        self.subBucketHalfCount = 1 << self.subBucketHalfCountMagnitude
        self.subBucketMask = UInt64((1 << subBucketCountMagnitude) - 1) << UInt64(self.unitMagnitude)
        self.leadingZeroCountBase = 64 - self.unitMagnitude - subBucketCountMagnitude
    }

    func countsIndex(for value: UInt64) -> Int {
        let bucketIndex = self.leadingZeroCountBase - (value | self.subBucketMask).leadingZeroBitCount
        let subBucketIndex = Int(value >> UInt64(bucketIndex + self.unitMagnitude))
        let bucketBaseIndex = (bucketIndex + 1) << self.subBucketHalfCountMagnitude
        return bucketBaseIndex + subBucketIndex - self.subBucketHalfCount
    }

    func value(atIndex index: Int) -> UInt64 {
        var bucketIndex = (index >> self.subBucketHalfCountMagnitude) - 1
        var subBucketIndex = (index & (self.subBucketHalfCount - 1)) + self.subBucketHalfCount
        if bucketIndex < 0 {
            subBucketIndex -= self.subBucketHalfCount
            bucketIndex = 0
        }
        return UInt64(subBucketIndex) << UInt64(bucketIndex + self.unitMagnitude)
    }
}
