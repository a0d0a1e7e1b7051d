import Histogram
import Reports

/// The HdrHistogram V2 decoder that reads report.json's and intervals.hlog's histograms (files
/// from other machines, for `report merge` and `compare`): any bytes; what decodes is summarized
/// and encoded again.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHdrHistogram(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    guard let histogram = try? HdrWireFormat.decode(bytes) else { return 0 }
    _ = histogram.valueAtPercentile(99)
    _ = histogram.max
    _ = HdrWireFormat.encodeCompressed(histogram)
    return 0
}
