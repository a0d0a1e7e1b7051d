import DataPrep

/// Java date-time patterns: the input's first line is the pattern, the rest a text to parse with it.
/// What compiles formats instants near both ends of the covered range and parses the text.
let instants: [Int64] = [0, 1_700_000_000_000, -62_135_596_800_000, 9_223_372_036_854, -9_223_372_036_854]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDatePattern(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    let split = bytes.firstIndex(of: 0x0A) ?? bytes.count
    let pattern = String(decoding: bytes[..<split], as: UTF8.self)
    let text = String(decoding: bytes[min(split + 1, bytes.count)...], as: UTF8.self)
    guard let compiled = try? JavaDateTimePattern(pattern) else { return 0 }
    for millis in instants {
        _ = compiled.format(epochMilliseconds: millis)
    }
    _ = compiled.parse(text, defaultZone: "UTC")
    _ = compiled.parse(text, defaultZone: "America/Los_Angeles")
    return 0
}
