/// Every `stride`th send of a schedule, from send `offset`: the share of a run's schedule that one
/// sender keeps (an event loop of the run, and the same rule splits a run across processes). The
/// stripes `0..<stride` are disjoint, together hold every send of the base schedule, and each send keeps
/// its intended time in the base schedule.
public struct StripedSchedule: RateSchedule {
    public let base: any RateSchedule
    public let offset: Int
    public let stride: Int

    /// `offset` in `0..<stride`.
    public init(base: any RateSchedule, offset: Int, stride: Int) {
        precondition(stride > 0 && offset >= 0 && offset < stride, "stripe \(offset) of \(stride)")
        self.base = base
        self.offset = offset
        self.stride = stride
    }

    /// The base schedule's send number of this stripe's send `index`, or nil past `Int.max`.
    public func baseIndex(ofSend index: Int) -> Int? {
        guard index >= 0 else { return nil }
        let (product, overflow) = index.multipliedReportingOverflow(by: self.stride)
        guard !overflow else { return nil }
        let (sum, overflowSum) = product.addingReportingOverflow(self.offset)
        return overflowSum ? nil : sum
    }

    public func intendedOffset(ofSend index: Int) -> Double? {
        self.baseIndex(ofSend: index).flatMap { self.base.intendedOffset(ofSend: $0) }
    }

    public func sendsDue(by elapsed: Double) -> Int {
        // Base sends 0..<n are due; this stripe holds those numbered offset, offset + stride, ...
        let due = self.base.sendsDue(by: elapsed)
        return due > self.offset ? (due - self.offset - 1) / self.stride + 1 : 0
    }

    public var length: Double? { self.base.length }
}
