import Reports

/// The threshold grammar (`--threshold`, `--slo`, `report compare`'s gates): any text, in each
/// vocabulary.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzThreshold(_ start: UnsafeRawPointer?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeRawBufferPointer(start: $0, count: count)) } ?? []
    let text = String(decoding: bytes, as: UTF8.self)
    for vocabulary in [ThresholdVocabulary.run, .diff] {
        if let threshold = try? Threshold.parse(text, vocabulary: vocabulary) {
            _ = "\(threshold)"
        }
    }
    return 0
}
